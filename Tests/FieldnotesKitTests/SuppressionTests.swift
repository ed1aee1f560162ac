import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Suppression comments: with a reason they silence a rule's findings on a line or in a file;
/// without one, or naming an unknown rule, they are reported; unused ones are reported too.
struct SuppressionTests {
    /// A note at prospecting with `front` added to its front matter and `body` after its title.
    static func note(front: String = "", body: String) -> String {
        "---\naccount: Binford Tools\nowner: dana.reyes\nstage: prospecting\n\(front)---\n\n# Binford Tools\n\(body)"
    }

    static let sections = "\n## What changed\nA new buyer.\n\n## Current feedback\nSamples passed.\n"
    static let duplicate = "\n## What changed\nAgain.\n"

    func rules(_ report: AccountReport) -> [String] { report.diagnostics.compactMap(\.rule?.rawValue) }

    func line(_ d: Diagnostic?, _ report: AccountReport) -> Int? {
        d.map { report.source.location(of: $0.range.start).line }
    }

    @Test func nextLineWithAReasonSilencesThatLineOnly() {
        let text = Self.note(
            body: Self.sections + "\n<!-- fieldnotes-disable-next-line duplicate-section: merged next week -->\n"
                + Self.duplicate + Self.duplicate)
        let report = checkText(text)
        let duplicates = report.diagnostics.filter { $0.rule == .duplicateSection }
        // The second duplicate (after the blank line and the comment) is silenced, the third is not.
        #expect(duplicates.count == 1)
        #expect(line(duplicates.first, report) == 20)
        #expect(!rules(report).contains("invalid-suppression"))
        #expect(!rules(report).contains("unused-suppression"))
    }

    @Test func withoutAReasonItIsReportedAndSilencesNothing() throws {
        let text = Self.note(
            body: Self.sections + "\n<!-- fieldnotes-disable-next-line duplicate-section -->" + Self.duplicate)
        let report = checkText(text)
        #expect(report.diagnostics.contains { $0.rule == .duplicateSection })
        let invalid = try #require(report.diagnostics.first { $0.rule == .invalidSuppression })
        #expect(invalid.message == "suppression without a reason")
        #expect(invalid.is(InvalidSuppression.Message.noReason))
        #expect(invalid.help?.contains("fieldnotes-disable-next-line duplicate-section: ") == true)
        #expect(report.source.slice(invalid.range) == "<!-- fieldnotes-disable-next-line duplicate-section -->")
    }

    @Test func fileWideBeforeTheFirstSectionSilencesTheFile() {
        let text = Self.note(
            front: "regoin: west\nsegmnt: b\n",
            body: "<!-- fieldnotes-disable unknown-field: imported from the CRM -->\n" + Self.sections)
        let report = checkText(text)
        #expect(!rules(report).contains("unknown-field"))
        #expect(!rules(report).contains("unused-suppression"))
    }

    @Test func fileWideAfterTheFirstSectionSaysWhereItGoes() throws {
        let text = Self.note(
            front: "regoin: west\n", body: Self.sections + "<!-- fieldnotes-disable unknown-field: CRM -->\n")
        let report = checkText(text)
        #expect(rules(report).contains("unknown-field"))
        let misplaced = try #require(report.diagnostics.first { $0.is(InvalidSuppression.Message.misplaced) })
        #expect(misplaced.message == "a file-wide suppression must come before the first section")
        #expect(misplaced.help == "move it above the first section (line 10), under the title")
    }

    @Test func frontMatterLineSilencesItsOwnLineExactly() throws {
        let text = Self.note(
            front: "regoin: west # fieldnotes-disable-line unknown-field: the CRM's name\nsegmnt: b\n"
                + "nte: \"a # fieldnotes-disable-line unknown-field: quoted\"\n",
            body: Self.sections)
        let report = checkText(text)
        let unknown = report.diagnostics.filter { $0.rule == .unknownField }.map(\.subject)
        // Only 'regoin' is silenced: the next line, and a '#' inside quotes, are not.
        #expect(unknown == ["segmnt", "nte"])
        #expect(!rules(report).contains("unused-suppression"))
    }

    @Test func frontMatterCommentsInBlockTextAreText() {
        let text = Self.note(
            front: "notes: |\n  regoin: west # fieldnotes-disable-line duplicate-section: text\nregoin: west\n",
            body: Self.sections)
        let report = checkText(text)
        #expect(!rules(report).contains("unused-suppression"))
        #expect(!rules(report).contains("invalid-suppression"))
    }

    @Test func unusedIsReportedAtTheComment() throws {
        let comment = "<!-- fieldnotes-disable-next-line duplicate-section: merged next week -->"
        let report = checkText(Self.note(body: "\n" + comment + Self.sections))
        let unused = try #require(report.diagnostics.first { $0.rule == .unusedSuppression })
        #expect(unused.message == "unused suppression: no 'duplicate-section' finding on the next line")
        #expect(unused.subject == "duplicate-section")
        #expect(report.source.slice(unused.range) == comment)
        #expect(unused.severity == .warning)
        #expect(unused.fix == nil)
    }

    @Test func unusedNameAmongUsedOnesIsReportedAtTheName() throws {
        let text = Self.note(
            body: Self.sections
                + "<!-- fieldnotes-disable-next-line duplicate-section, unknown-contact: merged next week -->"
                + Self.duplicate)
        let report = checkText(text)
        #expect(!rules(report).contains("duplicate-section"))
        let unused = try #require(report.diagnostics.first { $0.rule == .unusedSuppression })
        #expect(report.source.slice(unused.range) == "unknown-contact")
    }

    @Test func unknownRuleGetsADidYouMean() throws {
        let text = Self.note(
            front: "regoin: west # fieldnotes-disable-line unknwn-field: CRM\n", body: Self.sections)
        let report = checkText(text)
        let d = try #require(report.diagnostics.first { $0.is(InvalidSuppression.Message.unknownRule) })
        #expect(d.message == "unknown rule 'unknwn-field' in a suppression")
        #expect(d.help == "did you mean 'unknown-field'?")
        #expect(report.source.slice(d.range) == "unknwn-field")
        #expect(rules(report).contains("unknown-field"))
        let directive = checkText(Self.note(body: "<!-- fieldnotes-disable-nextline log-ahead: x -->" + Self.sections))
        let typo = try #require(directive.diagnostics.first { $0.rule == .invalidSuppression })
        #expect(typo.help == "did you mean 'fieldnotes-disable-next-line'?")
    }

    /// As ruff does for RUF100: unused-suppression is silenced like any rule, and a comment that
    /// names it is never reported unused.
    @Test func unusedSuppressionCanItselfBeSuppressed() {
        let stale = "<!-- fieldnotes-disable-next-line log-ahead: kept for the next import -->\n"
        let fileWide = checkText(
            Self.note(body: "<!-- fieldnotes-disable unused-suppression: kept for now -->\n" + stale + Self.sections))
        #expect(!rules(fileWide).contains("unused-suppression"))
        let named = checkText(
            Self.note(
                body: "<!-- fieldnotes-disable-next-line log-ahead, unused-suppression: kept -->\n" + Self.sections))
        #expect(!rules(named).contains("unused-suppression"))
        #expect(rules(checkText(Self.note(body: stale + Self.sections))).contains("unused-suppression"))
    }

    @Test func theTeamsSeveritiesApplyToTheNewRules() throws {
        var config = Config()
        config.severity[.unusedSuppression] = .some(nil)
        config.severity[.unknownField] = .some(nil)
        let text = Self.note(
            front: "regoin: west # fieldnotes-disable-line unknown-field: CRM\n",
            body: "<!-- fieldnotes-disable-next-line log-ahead: x -->\n" + Self.sections)
        #expect(checkText(text, config: config).diagnostics.isEmpty)
        config.severity[.unusedSuppression] = .error
        let report = checkText(text, config: config)
        let unused = report.diagnostics.filter { $0.rule == .unusedSuppression }
        #expect(unused.count == 2)
        #expect(unused.allSatisfy { $0.severity == .error })
        // The suppressed rule is off: said in a note.
        let off = try #require(unused.first { $0.subject == "unknown-field" })
        #expect(off.notes.map(\.message) == ["'unknown-field' is off in fieldnotes.yml"])
    }

    @Test func syntaxFindingsCannotBeSuppressed() throws {
        let text =
            "---\naccount: [Binford\nstage: prospecting\n---\n"
            + "<!-- fieldnotes-disable yaml-syntax: broken on purpose -->\n# Binford Tools\n" + Self.sections
        let report = checkText(text)
        #expect(rules(report).contains("yaml-syntax"))
        let d = try #require(report.diagnostics.first { $0.is(InvalidSuppression.Message.unsuppressible) })
        #expect(d.message == "'yaml-syntax' cannot be suppressed")
    }

    @Test func commentsInFencedCodeAreText() {
        let text = Self.note(
            body: Self.sections + "```\n<!-- fieldnotes-disable-next-line bogus -->\n```\n")
        #expect(checkText(text).diagnostics.isEmpty)
    }

    /// A comment shown in a code span is text, and so is one in fenced code that the body's own
    /// scanner sees as code (a closing fence followed by a tab).
    @Test func commentsShownInCodeAreText() {
        let span = Self.note(
            body: Self.sections + "Write `<!-- fieldnotes-disable-next-line duplicate-section: why -->` above it.\n"
                + Self.duplicate)
        let report = checkText(span)
        #expect(report.diagnostics.contains { $0.rule == .duplicateSection })
        #expect(!rules(report).contains("unused-suppression") && !rules(report).contains("invalid-suppression"))
        // Code closed by a fence followed by a tab: the comment is in it, the section after it is not.
        let tabbed = checkText(
            Self.note(
                body: Self.sections + "```\n<!-- fieldnotes-disable-next-line bogus -->\n```\t\n" + Self.duplicate))
        #expect(!rules(tabbed).contains("invalid-suppression"))
        #expect(rules(tabbed).contains("duplicate-section"))
    }

    /// A `#` on a later line of a quoted value that goes on over lines is text, not a comment.
    @Test func aHashInsideAQuotedValueOverLinesIsText() {
        let text = Self.note(
            front: "next_step: \"Call Raj, then\n  # fieldnotes-disable-line bogus: not a comment\"\n",
            body: Self.sections)
        #expect(!rules(checkText(text)).contains("invalid-suppression"))
    }

    /// Errors silenced are not counted by the reports either: one place applies suppressions.
    @Test func silencedErrorsAreNotCounted() {
        let missing = "---\naccount: Binford Tools\nstage: prospecting\n---\n"
        #expect(checkText(missing + Self.sections).errorCount == 1)
        let silenced = checkText(
            missing + "<!-- fieldnotes-disable missing-field: the owner leaves; reassigned Monday -->\n"
                + Self.sections)
        #expect(silenced.errorCount == 0)
        #expect(silenced.diagnostics.isEmpty)
    }

    @Test func theEditorDoesNotPublishASilencedFinding() throws {
        let h = LSPHarness()
        let uri = templateURI("binford-suppressed.md")
        let text = Self.note(
            front: "regoin: west # fieldnotes-disable-line unknown-field: the CRM's name\nsegmnt: b\n",
            body: Self.sections)
        h.open(uri, text)
        let published = try #require(h.diagnostics(uri))
        let messages = published.compactMap { $0["message"]?.string }
        #expect(messages.contains { $0.hasPrefix("unknown field 'segmnt'") })
        #expect(!messages.contains { $0.contains("regoin") })
    }

    /// The documented way to close a question that does not apply: answer it in its section.
    @Test func notApplicableWithAReasonAnswersTheQuestion() throws {
        func status(_ answer: String) throws -> QuestionStatus {
            let report = checkText(AnswersTests.note(body: "## Partners\n\(answer)\n"))
            return try #require(report.results.first { $0.question.id == "partners" }).status
        }
        #expect(try status("Not applicable: they buy direct, no partners.") == .answered)
        // A bare "N/A" is a placeholder: the question stays open.
        #expect(try status("N/A").isOpen)
    }
}
