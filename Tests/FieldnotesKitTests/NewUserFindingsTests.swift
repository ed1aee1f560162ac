import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// What a rep hit when trying the tool: each mistake gets exactly the diagnostic it deserves.
struct NewUserFindingsTests {
    static let example = EmbeddedTemplate.files.first { $0.path == "accounts/binford-tools.md" }!.contents

    /// The example answers every question due at its stage, so each test below sees only the
    /// finding it makes.
    static let binford = example

    /// The template's own config (it declares the team fields region and tier).
    static let config: Config = {
        let text = EmbeddedTemplate.files.first { $0.path == "fieldnotes.yml" }!.contents
        guard case .success(let c) = Config.load(SourceFile(path: "fieldnotes.yml", text: text)) else {
            fatalError("template config")
        }
        return c
    }()

    func checkText(_ text: String) -> AccountReport {
        FieldnotesKitTests.checkText(text, config: Self.config)
    }

    func rules(_ text: String) -> [String] {
        checkText(text).diagnostics.map { $0.rule?.rawValue ?? "-" }.sorted()
    }

    @Test func theTemplateExampleIsClean() {
        #expect(rules(Self.example) == [])
    }

    @Test func oneBadValueInAListDoesNotHideTheList() {
        #expect(
            rules(Self.binford.replacingOccurrences(of: "function: quality", with: "function: qa")) == ["invalid-value"]
        )
        #expect(
            rules(
                Self.binford.replacingOccurrences(
                    of: "roles: [technical_buyer, influencer]", with: "roles: technical_buyer"))
                == ["wrong-type"])
        #expect(
            rules(Self.binford.replacingOccurrences(of: "incumbent: true", with: "incumbent: yes")) == ["wrong-type"])
    }

    @Test func aMisspelledFieldIsOneDiagnostic() {
        #expect(
            rules(Self.binford.replacingOccurrences(of: "our_position:", with: "our_postion:")) == ["unknown-field"])
        let first = Self.binford.range(of: "stage: solution")!
        let report = checkText(Self.binford.replacingCharacters(in: first, with: "Stage: solution"))
        #expect(report.diagnostics.map(\.rule) == [.missingField])
        #expect(report.diagnostics[0].help == "did you mean 'stage'? rename 'Stage' to 'stage'")
        #expect(report.source.location(of: report.diagnostics[0].range.start).line == 4)
    }

    @Test func aBrokenQuoteIsOneError() {
        let text = Self.binford.replacingOccurrences(
            of: "compelling_event: The consolidated", with: "compelling_event: \"The consolidated")
        #expect(rules(text) == ["yaml-syntax"])
    }

    @Test func aHashStartsAComment() {
        let report = checkText(Self.binford.replacingOccurrences(of: "next_step: Review", with: "next_step: #2 Review"))
        #expect(report.diagnostics.map(\.rule) == [.missingField])
        #expect(report.diagnostics[0].help?.contains("is a comment: put the value in quotes") == true)
    }

    @Test func assumptionMarkers() {
        for line in [
            "**Assumption:** they decide in March.", "- Assumed: they decide in March.",
            "They decide in March (assumption).",
            "*Assumption*: they decide in March.", "Assumption — they decide in March.",
        ] {
            let report = checkText(
                Self.binford.replacingOccurrences(of: "## Decision process\n", with: "## Decision process\n\(line)\n"))
            #expect(report.results.first { $0.question.id == "decision_process" }?.status == .assumed, "\(line)")
            // The sentence as a rep reads it: no emphasis marks left around the marker.
            let text = report.body.sections.first { $0.key == "decision process" }?.assumptions.first?.text
            let expected =
                line.hasSuffix("(assumption).")
                ? "They decide in March (assumption)."
                : line.contains("—")
                    ? "Assumption — they decide in March."
                    : line.contains("Assumed") ? "Assumed: they decide in March." : "Assumption: they decide in March."
            #expect(text == expected, "\(line)")
        }
    }

    @Test func outcomeMustMatchTheStage() {
        let won =
            "---\naccount: A\nowner: o\nstage: closed_won\nlast_contact: 2026-01-01\n"
            + "contacts:\n  - name: J\noutcome:\n  result: lost\n---\n"
            // A won account still owes what changed, how the project goes and the next one.
            + "# A\n## What changed\nNothing new.\n## Current feedback\nGood so far.\n## Next project\nA second line.\n"
        #expect(rules(won) == ["invalid-value"])
        #expect(rules(won.replacingOccurrences(of: "result: lost", with: "result: won")) == [])
    }

    @Test func suggestionsFoldAccentsAndSkipOneLetterValues() {
        #expect(Suggest.closest(to: "Jose Nunez", in: ["José Ñúñez", "Kenji"]) == "José Ñúñez")
        #expect(Suggest.closest(to: "d", in: ["a", "b", "c"]) == nil)
        #expect(Day.suggestion(for: "2026-11-10T10:00") == "2026-11-10")
    }

    @Test func caretsUnderWideCharacters() {
        #expect(TextRenderer.displayWidth("工場") == 4)
        #expect(TextRenderer.displayWidth("Zoë") == 3)
        #expect(TextRenderer.displayWidth("e\u{301}") == 1)
        let report = checkText("---\naccount: 工場\nowner: o\nstage: discvery\n---\n")
        let text = TextRenderer(color: false).render(
            report.diagnostics.first { $0.rule == .invalidValue }!, in: report.fileDiagnostics)
        #expect(text.contains("  4 | stage: discvery\n    |        ^^^^^^^^\n"))
        let wide = checkText("---\naccount: A\nowner: 工場\nowner: b\nstage: prospecting\n---\n")
        _ = wide
    }
}
