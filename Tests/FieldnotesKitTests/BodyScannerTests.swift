import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

struct BodyScannerTests {
    func scan(_ text: String) -> Body {
        BodyScanner.scan(SourceFile(path: "t.md", text: text), from: 0)
    }

    @Test func sectionsWithRanges() throws {
        let file = SourceFile(
            path: "t.md",
            text: "# Binford\n\n## Decision process:\nEngineering signs off.\n\n## Log\n### 2026-11-18 — Call\nx\n")
        let body = BodyScanner.scan(file, from: 0)
        #expect(body.title == "Binford")
        #expect(body.sections.map(\.key) == ["decision process", "log"])
        let s = body.sections[0]
        #expect(file.slice(s.titleRange) == "Decision process:")
        #expect(s.status == .answered)
        #expect(s.lines == 3..<5)
        #expect(body.log.count == 1)
        #expect(body.log[0].date == Day(year: 2026, month: 11, day: 18))
        #expect(file.slice(body.log[0].dateRange) == "2026-11-18")
    }

    @Test func headingsInFencedCodeAreNotSections() {
        let body = scan(
            "## Notes\n```\n## Not a section\n```\n~~~~\n## Nor this\n~~~\n## still code\n~~~~\n## Real\ntext\n")
        #expect(body.sections.map(\.title) == ["Notes", "Real"])
        #expect(body.sections[0].status == .answered)
    }

    @Test func commentsAndPlaceholdersAreNotAnswers() {
        let body = scan(
            "## A\n<!-- Ask who decides.\n   And how. -->\n\n## B\nTBD\n- ?\n...\n\n"
                + "## C\nThey decide in March. TODO: confirm the date\n\n## D\n<!-- x --> real text\n"
        )
        #expect(body.sections.map(\.status) == [.empty, .empty, .partial, .answered])
        #expect(body.sections[1].placeholderLines.count == 3)
    }

    @Test func assumptions() {
        let body = scan(
            "## Decision process\nAssumption: purchasing runs the RFQ.\nEngineering signs off (assumed).\n"
                + "- assumption: lowercase works too\n\n## Why\nThey grow.\n"
        )
        #expect(body.sections[0].status == .assumed)
        #expect(body.sections[0].assumptions.map(\.line) == [1, 2, 3])
        #expect(body.assumptions.count == 3)
        #expect(body.sections[1].status == .answered)
    }

    @Test func titleNormalization() {
        #expect(BodyScanner.normalizeTitle("  Decision   Process?: ") == "decision process")
        #expect(BodyScanner.parseHeading("## Why they are buying ##")?.title == "Why they are buying")
        #expect(BodyScanner.parseHeading("##NoSpace") == nil)
        #expect(BodyScanner.parseHeading("####### seven") == nil)
        #expect(BodyScanner.parseHeading("## C# tools")?.title == "C# tools")
    }

    @Test func duplicateSectionsAndBadLogEntries() {
        let body = scan("## Why\na\n## why?\nb\n## Log\n### 2026-02-30 — x\n### Call with Jenny\n### 2026-11-01\n")
        #expect(body.diagnostics.map(\.rule) == [.duplicateSection, .invalidDate, .invalidDate])
        #expect(body.log.compactMap(\.date) == [Day(year: 2026, month: 11, day: 1)])
    }

    @Test func indentedCodeIsNotAHeading() {
        let body = scan("## A\n    ## not a heading\n")
        #expect(body.sections.count == 1)
        #expect(body.sections[0].status == .answered)
    }
}
