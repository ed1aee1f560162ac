import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

struct ChecklistTests {
    /// The embedded copy of notes-template/ (the built-in checklist among it) is the same, byte for byte.
    @Test func embeddedTemplateMatchesNotesTemplate() throws {
        var onDisk: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: Project.template.path)
        while let path = enumerator?.nextObject() as? String {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(
                atPath: Project.template.appendingPathComponent(path).path, isDirectory: &isDir)
            if !isDir.boolValue && !path.hasPrefix("briefs/") { onDisk.append(path) }
        }
        #expect(onDisk.sorted() == EmbeddedTemplate.files.map(\.path).sorted(), "run Scripts/embed-template")
        for file in EmbeddedTemplate.files {
            let text = try String(contentsOf: Project.template.appendingPathComponent(file.path), encoding: .utf8)
            #expect(text == file.contents, "\(file.path) differs from the embedded copy: run Scripts/embed-template")
        }
    }

    @Test func builtInCoversTheContract() throws {
        let table: [(String, Stage)] = [
            ("what_changed", .prospecting), ("why_buying", .discovery), ("current_state", .discovery),
            ("pain", .discovery),
            ("personal_pain", .solution), ("cost_of_inaction", .discovery), ("readiness_to_change", .discovery),
            ("strategic_fit", .solution), ("buying_mode", .discovery), ("decision_people", .discovery),
            ("decision_others", .discovery), ("contact_roles", .discovery), ("economic_buyer", .discovery),
            ("champion", .solution), ("politics", .solution), ("decision_process", .discovery),
            ("decision_criteria", .discovery), ("meeting_cadence", .discovery), ("decision_date", .solution),
            ("compelling_event", .discovery), ("budget", .discovery), ("paper_process", .solution),
            ("competitors", .discovery), ("our_position", .discovery), ("next_project", .solution),
            ("current_feedback", .solution), ("shared_goals", .solution), ("next_step", .discovery),
            ("outcome", .closedWon), ("success_metrics", .discovery), ("partners", .discovery),
            ("their_customers", .discovery),
        ]
        let checklist = Checklist.builtIn
        for (id, from) in table {
            let q = try #require(checklist.questions.first { $0.id == id }, "missing \(id)")
            #expect(q.from == from, "\(id)")
            #expect((q.hint ?? "").count > 40, "\(id) needs a real hint")
        }
        func answer(_ id: String) -> Question.Answer? { checklist.questions.first { $0.id == id }?.answer }
        if case .field("contacts", .min(2)) = answer("decision_others") {} else { Issue.record("decision_others") }
        if case .field("contacts", .each("roles")) = answer("contact_roles") {} else { Issue.record("contact_roles") }
        if case .field("contacts", .whereEquals("roles", "economic_buyer")) = answer("economic_buyer") {
        } else {
            Issue.record("economic_buyer")
        }
        if case .field("contacts", .whereEquals("roles", "champion")) = answer("champion") {
        } else {
            Issue.record("champion")
        }
        if case .field("competitors", .each("value_proposition")) = answer("competitors") {
        } else {
            Issue.record("competitors")
        }
        if case .field("pain", .not(let v)) = answer("pain") {
            #expect(Set(v) == ["unknown", "assumed"])
        } else {
            Issue.record("pain")
        }
        if case .field("our_position", _) = answer("our_position") {} else { Issue.record("our_position") }
        if case .field("outcome", _) = answer("outcome") {} else { Issue.record("outcome") }
        // Questions of a category stay together, so reports can group them.
        var seen: [String] = []
        for q in checklist.questions where seen.last != q.category {
            #expect(!seen.contains(q.category), "category \(q.category) is split")
            seen.append(q.category)
        }
    }

    func account(_ front: String, body: String = "") -> AccountReport {
        checkText("---\naccount: A\nowner: o\n\(front)---\n\(body)")
    }

    func status(_ report: AccountReport, _ id: String) -> QuestionStatus? {
        report.results.first { $0.question.id == id }?.status
    }

    @Test func statuses() {
        let r = account(
            """
            stage: discovery
            budget: unknown
            pain: assumed
            our_position: data_point
            contacts:
              - name: Jenny
                roles: [decision_maker]
              - name: Raj
            competitors:
              - name: Acme
                value_proposition: cheap

            """, body: "## Decision process\nAssumption: RFQ.\n## Current state\nTBD\n## Why they are buying\nGrowth.\n"
        )
        #expect(status(r, "budget") == .missing)
        #expect(status(r, "pain") == .assumed)
        #expect(status(r, "our_position") == .answered)
        #expect(status(r, "contact_roles") == .partial)
        #expect(status(r, "decision_others") == .answered)
        #expect(status(r, "economic_buyer") == .missing)
        #expect(status(r, "competitors") == .answered)
        #expect(status(r, "decision_process") == .assumed)
        #expect(status(r, "current_state") == .missing)
        #expect(status(r, "why_buying") == .answered)
        #expect(status(r, "champion") == .upcoming)
        #expect(status(r, "outcome") == .upcoming)
        #expect(status(r, "paper_process") == .upcoming)
    }

    @Test func closedDealsOweTheOutcomeAndWonOnesAccountManagement() {
        let r = account(
            "stage: closed_lost\nlast_contact: 2026-01-01\ncontacts:\n  - name: J\n"
                + "outcome: { result: lost, reason: price }\n"
        )
        #expect(r.results.filter(\.status.isOpen).isEmpty)
        #expect(status(r, "outcome") == .answered)
        #expect(status(r, "why_buying") == .upcoming)
        // A won account still owes account management (won: true in the checklist).
        let open = account("stage: closed_won\nlast_contact: 2026-01-01\ncontacts:\n  - name: J\n")
        #expect(
            open.results.filter(\.status.isOpen).map(\.question.id) == [
                "what_changed", "current_feedback", "next_project", "outcome",
            ])
        #expect(open.diagnostics.contains { $0.rule == .missingField && $0.message.contains("outcome") })
        #expect(!r.diagnostics.contains { $0.rule == .staleContact || $0.rule == .unansweredQuestion })
    }

    @Test func sectionTitlesMatchLoosely() {
        let r = account("stage: discovery\n", body: "## how THEY decide?\nsteps\n## decision_criteria\nprice\n")
        #expect(status(r, "decision_process") == .answered)
        #expect(status(r, "decision_criteria") == .answered)
    }
}
