import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// What counts as an answer: an assumption is quoted whichever side of the full stop its marker
/// stands, a placeholder in a text field is no answer, and a heading that nearly names a due
/// question's section is pointed out (with a quick fix) instead of counting for nothing.
struct AnswersTests {
    /// An account at `stage` with enough front matter to be valid, then `body`.
    static func note(
        stage: String = "discovery", fields: String = "next_step: Call Raj on 2026-11-25\n", body: String
    ) -> String {
        """
        ---
        account: Acme Tools
        owner: dana.reyes
        stage: \(stage)
        last_contact: 2026-11-10
        \(fields)contacts:
          - name: Raj Patel
            roles: [economic_buyer, champion]
          - name: Jenny Wu
            roles: [technical_buyer]
        ---

        # Acme Tools

        \(body)
        """
    }

    // MARK: - Assumptions after the full stop

    func assumptionTexts(_ body: String) -> [String] {
        checkText(Self.note(body: body)).body.assumptions.map(\.text)
    }

    @Test func aMarkerAfterTheFullStopQuotesTheSentenceBeforeIt() {
        #expect(
            assumptionTexts("## What changed\nThey want a service tech within 2 h. (assumed)\n")
                == ["They want a service tech within 2 h. (assumed)"])
        // A sentence after the marker is not part of it.
        #expect(
            assumptionTexts(
                "## What changed\nVolumes grew. They want a service tech within 2 h. (assumed) They run two shifts.\n")
                == ["They want a service tech within 2 h. (assumed)"])
        #expect(
            assumptionTexts("## What changed\nThey want a service tech within 2 h. (Assumption).\n")
                == ["They want a service tech within 2 h. (Assumption)."])
        // Across the lines of a paragraph, and in a line that is not ASCII.
        #expect(
            assumptionTexts("## What changed\nZoë wants a service tech\nwithin 2 h. (assumed)\n")
                == ["Zoë wants a service tech within 2 h. (assumed)"])
        #expect(
            assumptionTexts("## What changed\n- Jürgen signs off. (assumed)\n")
                == ["Jürgen signs off. (assumed)"])
    }

    @Test func aMarkerInsideOrBeforeItsSentenceIsQuotedAsBefore() {
        #expect(
            assumptionTexts("## What changed\nVolumes grew. Final sign-off by the controller (assumed). Raj agrees.\n")
                == ["Final sign-off by the controller (assumed)."])
        #expect(
            assumptionTexts("## What changed\n(assumed) Final sign-off by the controller. Raj agrees.\n")
                == ["(assumed) Final sign-off by the controller."])
        #expect(assumptionTexts("## What changed\nAssumption: they grow. Raj agrees.\n") == ["Assumption: they grow."])
    }

    @Test func everyOutputQuotesTheSentence() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = Self.note(body: "## What changed\nThey want a service tech within 2 h. (assumed)\n")
        try text.write(to: dir.appendingPathComponent("accounts/acme.md"), atomically: true, encoding: .utf8)
        let quoted = "They want a service tech within 2 h. (assumed)"
        for arguments in [
            ["missing"], ["missing", "--format", "json"], ["brief"], ["brief", "--format", "html"],
            ["brief", "--format", "json"],
        ] {
            let run = runCLI(arguments + ["accounts/acme.md"], in: dir)
            #expect(run.stdout.contains(quoted), "\(arguments)")
            // Nowhere the marker alone.
            let bare = run.stdout.split(separator: "\n").filter {
                let t = $0.trimmingCharacters(in: .whitespaces)
                return t.hasSuffix("(assumed)") && !t.contains("service tech")
            }
            #expect(bare.isEmpty, "\(arguments): \(bare)")
        }
    }

    // MARK: - Placeholders in text fields

    @Test(arguments: ["TBD", "TODO", "\"?\"", "...", "\"-\"", "tbd.", "'N/A'"])
    func aPlaceholderNextStepIsMissing(_ value: String) throws {
        let report = checkText(Self.note(fields: "next_step: \(value)\n", body: "## What changed\nVolumes grew.\n"))
        let missing = report.diagnostics.filter { $0.rule == .missingField }
        #expect(missing.count == 1, "\(value)")
        let d = try #require(missing.first)
        #expect(d.message == "field 'next_step' holds only a placeholder (required from stage 'discovery')")
        #expect(d.help?.hasPrefix("a placeholder is not an answer") == true)
        #expect(report.source.slice(d.range) == value)
        // Said once: not also an unanswered question.
        #expect(!report.diagnostics.contains { $0.rule == .unansweredQuestion && $0.message.contains("'next_step'") })
        #expect(report.fields.nextStep == nil)
        let facts = AccountFacts(report, checklist: .builtIn, staleAfterDays: 30, asOf: nil)
        #expect(facts.risks.contains { $0.flag == .noNextStep })
        #expect(facts.open.contains { $0.question.id == "next_step" })
    }

    @Test func aRealNextStepStillClearsTheRisk() {
        let report = checkText(
            Self.note(fields: "next_step: TBD with Raj on Friday\n", body: "## What changed\nVolumes grew.\n"))
        #expect(!report.diagnostics.contains { $0.rule == .missingField })
        let facts = AccountFacts(report, checklist: .builtIn, staleAfterDays: 30, asOf: nil)
        #expect(!facts.risks.contains { $0.flag == .noNextStep })
    }

    @Test func aPlaceholderAnswerToAQuestionLeavesItUnanswered() throws {
        let report = checkText(
            Self.note(
                fields: "next_step: Call Raj\ncompelling_event: \"?\"\n", body: "## What changed\nVolumes grew.\n"))
        let result = try #require(report.results.first { $0.question.id == "compelling_event" })
        #expect(result.status == .missing)
        let d = try #require(
            report.diagnostics.first {
                $0.rule == .unansweredQuestion && $0.message == "unanswered question 'compelling_event'"
            })
        #expect(report.source.slice(d.range) == "\"?\"")
        #expect(d.help?.hasPrefix("a placeholder is not an answer: replace '?' with the compelling event") == true)
        #expect(report.fields.compellingEvent == nil)
    }

    @Test func placeholdersInNestedTextFieldsAreEmpty() throws {
        let fields = """
            next_step: Call Raj
            competitors:
              - name: Globex
                value_proposition: TBD
            opportunities:
              - name: Dayton fixtures
                next_step: TODO

            """
        let report = checkText(Self.note(fields: fields, body: "## What changed\nVolumes grew.\n"))
        #expect(report.fields.opportunities.first?.nextStep == nil)
        #expect(report.fields.competitors.first?.valueProposition == nil)
        let competitors = try #require(report.results.first { $0.question.id == "competitors" })
        #expect(competitors.status == .missing)
        #expect(competitors.gaps.map(\.message) == ["'Globex' has no 'value_proposition'"])
    }

    @Test func aTeamTextFieldWithAPlaceholderIsMissing() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("fieldnotes.yml")
        let settings = try String(contentsOf: config, encoding: .utf8)
            .replacingOccurrences(
                of: "  region: { type: string }",
                with: "  region: { type: string }\n  visit_goal: { type: string, required: discovery }")
        try settings.write(to: config, atomically: true, encoding: .utf8)
        let text = Self.note(
            fields: "next_step: Call Raj\nvisit_goal: TBD\n", body: "## What changed\nVolumes grew.\n")
        try text.write(to: dir.appendingPathComponent("accounts/acme.md"), atomically: true, encoding: .utf8)
        let run = runCLI(["check", "accounts/acme.md"], in: dir)
        #expect(run.stdout.contains("field 'visit_goal' holds only a placeholder"), "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("a placeholder is not an answer"))
    }

    @Test func theRepGuideSaysAPlaceholderIsNoAnswer() throws {
        let guide = try String(contentsOf: Project.template.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(guide.contains("A placeholder is not an answer"))
        #expect(guide.contains("before or after its full stop"))
    }

    // MARK: - Headings that nearly name a section

    /// The unanswered-question diagnostic of `id`, from a note whose body is `body`.
    /// Question `id` among the questions due at the stage, grouped into one finding: as that
    /// finding, with the question's note as its help.
    static func grouped(_ report: AccountReport, _ id: String) -> Diagnostic? {
        guard var group = report.diagnostics.first(where: { $0.is(UnansweredQuestion.Message.dueAtStage) }),
            let note = group.notes.first(where: { $0.message.hasPrefix("'\(id)': ") })
        else { return nil }
        group.help = String(note.message.dropFirst(id.count + 4))
        return group
    }

    func nearMiss(_ body: String, _ id: String, stage: String = "discovery") -> (AccountReport, Diagnostic?) {
        let report = checkText(Self.note(stage: stage, body: body))
        return (
            report,
            report.diagnostics.first {
                $0.rule == .unansweredQuestion && $0.message.hasPrefix("unanswered question '\(id)'")
            } ?? Self.grouped(report, id)
        )
    }

    @Test(arguments: [
        ("## Why are they buying?", "why_buying", "## Why they are buying"),
        ("## Decision-making process", "decision_process", "## Decision process"),
        ("### Decision process", "decision_process", "## Decision process"),
        ("## Cost of inaktion", "cost_of_inaction", "## Cost of inaction"),
        ("## how they decided:", "decision_process", "## How they decide"),
    ])
    func aHeadingCloseToADueTitleIsPointedOut(_ heading: String, _ id: String, _ suggestion: String) throws {
        let body = "## What changed\nVolumes grew.\n\(heading)\nThey compare three quotes.\n\n## Log\n"
        let (report, found) = nearMiss(body, id)
        let d = try #require(found)
        #expect(report.source.slice(d.range) == heading)
        #expect(d.help?.hasPrefix("did you mean '\(suggestion)'?") == true, "\(d.help ?? "")")
        #expect(d.fix?.edits.first?.replacement == suggestion)
        #expect(d.fix?.edits.first?.range == d.range)
        // A heading renamed changes what the text under it answers: a person looks first.
        #expect(d.fix?.applicability == .unsafe)
        let result = try #require(report.results.first { $0.question.id == id })
        #expect(result.nearMiss?.suggestion == suggestion)
        // Renamed as suggested, the section answers the question.
        var fixed = report.source.text
        fixed = fixed.replacingOccurrences(of: report.source.slice(d.range), with: suggestion)
        let after = checkText(fixed)
        #expect(after.results.first { $0.question.id == id }?.status == .answered)
    }

    @Test func headingsFarFromAnyTitleOrNotDueAreLeftAlone() {
        // Unrelated headings: the question stays unanswered, at the stage, with the add-a-section help.
        let (_, unrelated) = nearMiss("## Notes from the plant tour\nNew line.\n### Next steps\nCall.\n", "why_buying")
        #expect(unrelated.map { !$0.is(UnansweredQuestion.Message.nearMissHeading) } == true)
        #expect(unrelated?.help?.hasPrefix("add a '## Why they are buying' section") == true)
        // A heading that only starts a title is not a near miss: "Cost" is a pricing section, not "Cost of inaction".
        for heading in ["## Cost\nTheir price list.\n", "## Why\nBecause.\n", "### Why\nBecause.\n"] {
            let (_, prefix) = nearMiss(heading, heading.contains("Cost") ? "cost_of_inaction" : "why_buying")
            #expect(prefix.map { !$0.is(UnansweredQuestion.Message.nearMissHeading) } == true, "\(heading)")
        }
        // A question not due yet at prospecting gets no diagnostic at all.
        let (_, upcoming) = nearMiss("## Decision-making process\nQuotes.\n", "decision_process", stage: "prospecting")
        #expect(upcoming == nil)
        // An answered question: a `###` with its title under the section is just text.
        let (answered, _) = nearMiss("## Decision process\nQuotes.\n### Decision process\nMore.\n", "decision_process")
        #expect(!answered.diagnostics.contains { $0.is(UnansweredQuestion.Message.nearMissHeading) })
        // A `###` log entry is never a candidate.
        let (log, _) = nearMiss("## Log\n### 2026-11-10 — Decision process\nCall.\n", "decision_process")
        #expect(!log.diagnostics.contains { $0.is(UnansweredQuestion.Message.nearMissHeading) })
    }

    @Test func theWordMeasureNeedsMostWordsShared() {
        let w = NearMissHeadings.words
        #expect(NearMissHeadings.wordOverlap(w("Why are they buying?"), w("Why they are buying")) == 1)
        #expect(
            NearMissHeadings.wordOverlap(w("Decision-making process"), w("Decision process"))
                >= NearMissHeadings.minimumOverlap)
        #expect(
            NearMissHeadings.wordOverlap(w("What they said"), w("What they weigh")) < NearMissHeadings.minimumOverlap)
        #expect(NearMissHeadings.wordOverlap(w("Next steps"), w("Next project")) == 0)
    }

    @Test func theSearchOfManyHeadingsIsBounded() {
        let headings = (0..<20_000).map { "## Why are they buying number \($0) of many\ntext\n" }.joined()
        let meter = Suggest.Meter()
        let report = Suggest.$meter.withValue(meter) { checkText(Self.note(body: headings)) }
        #expect(meter.work <= Suggest.Budget.perFile + 1_000)
        #expect(report.results.first { $0.question.id == "why_buying" }?.status == .missing)
    }

    @Test func theEditorRenamesTheHeading() throws {
        let h = LSPHarness()
        let uri = templateURI("acme-near-miss.md")
        let text = Self.note(body: "## What changed\nVolumes grew.\n\n## Why are they buying?\nGrowth.\n\n## Log\n")
        h.open(uri, text)
        let published = try #require(h.diagnostics(uri))
        #expect(published.contains { ($0["message"]?.string ?? "").hasPrefix("unanswered question 'why_buying'") })
        let p = utf16Position(of: "Why are they", in: text)
        let params: JSONValue = .object([
            ("textDocument", .object([("uri", .string(uri))])),
            ("range", LSPHarness.range(p.line, p.character, p.line, p.character)),
            ("context", .object([("diagnostics", .array([]))])),
        ])
        let actions = h.request("textDocument/codeAction", params)?["result"]?.array ?? []
        let rename = try #require(
            actions.first { $0["title"]?.string == "Rename the heading to '## Why they are buying'" })
        #expect(rename["kind"]?.string == "quickfix")
        let edit = try #require(rename["edit"]?["changes"]?[uri]?.array?.first)
        #expect(edit["newText"]?.string == "## Why they are buying")
        #expect(edit["range"]?["start"]?["line"]?.int == p.line)
        #expect(edit["range"]?["start"]?["character"]?.int == 0)
        #expect(edit["range"]?["end"]?["character"]?.int == "## Why are they buying?".utf16.count)
        // The section is not offered again by "Add the missing sections".
        let added = actions.first { ($0["title"]?.string ?? "").hasPrefix("Add the ") }
        let insert = added?["edit"]?["changes"]?[uri]?.array?.first?["newText"]?.string ?? ""
        #expect(!insert.contains("## Why they are buying"))
    }
}
