import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Every format of a brief is written from one document: each says the same facts.
@Suite struct BriefFormatsTests {
    /// A brief in its three formats.
    struct Rendered {
        var markdown: String
        var html: String
        var json: String

        init(_ brief: Brief) {
            markdown = brief.markdown()
            html = brief.html()
            json = JSONWriter.pretty(brief.json())
        }

        /// Whether every format says `text` (each escaped its own way).
        func allSay(_ text: String) -> Bool {
            markdown.contains(Brief.oneLine(text)) && html.contains(HTML.escape(text))
                && json.contains(JSONWriter.compact(.string(text)))
        }

        /// Whether the formats meant for people (Markdown, HTML) say `text`.
        func pagesSay(_ text: String) -> Bool {
            markdown.contains(Brief.oneLine(text)) && html.contains(HTML.escape(text))
        }
    }

    static func brief(_ path: String, asOf: Day?, share: Bool = false, checklist: Checklist = .builtIn) throws -> Brief
    {
        let text = try String(contentsOf: Project.template.appendingPathComponent(path), encoding: .utf8)
        let report = checkText(text, path: path, checklist: checklist)
        let facts = AccountFacts(report, checklist: checklist, staleAfterDays: 30, asOf: asOf)
        return Brief(
            facts: facts, checklist: checklist, share: share, internalQuestions: Config().internalQuestions,
            internalRoles: Config().internalRoles)
    }

    static let accounts = [
        "accounts/ridgeline-pumps.md", "accounts/initech.md", "accounts/binford-tools.md",
    ]

    @Test(arguments: accounts) func everyFormatCarriesTheSameFacts(_ path: String) throws {
        for share in [false, true] {
            let brief = try Self.brief(path, asOf: Day(year: 2026, month: 12, day: 10)!, share: share)
            let doc = brief.document()
            let out = Rendered(brief)
            #expect(out.allSay(doc.name))
            for q in doc.open { #expect(out.allSay(doc.wording(q)), "\(path): open question \(q.question.id)") }
            for r in doc.risks ?? [] { #expect(out.allSay(r.flag.rawValue), "\(path): risk \(r.flag.rawValue)") }
            for p in doc.people { #expect(out.allSay(p.name.value), "\(path): person \(p.name.value)") }
            for c in doc.competitors { #expect(out.allSay(c.name.value), "\(path): competitor \(c.name.value)") }
            for o in doc.opportunities { #expect(out.allSay(o.name.value), "\(path): opportunity \(o.name.value)") }
            for a in doc.assumptions { #expect(out.allSay(a.text), "\(path): assumption \(a.text)") }
            for item in doc.log { #expect(out.allSay(item.entry.title), "\(path): log entry") }
            for error in doc.errors { #expect(out.allSay(error), "\(path): error \(error)") }
            for section in doc.sections {
                #expect(out.allSay(section.heading), "\(path): section \(section.heading)")
                #expect(
                    section.id.map { out.json.contains("\"id\": \"\($0)\"") } ?? true, "\(path): \(section.heading)")
            }
            // Every labelled fact, warnings included, on both pages; its date or text in JSON.
            for fact in doc.facts { #expect(out.pagesSay(fact.value), "\(path): \(fact.label)") }
            #expect(doc.nextMeeting.map { out.json.contains("\"\($0)\"") } ?? true)
        }
    }

    /// The facts the HTML page and the JSON once left out: the outcome (with its competitor)
    /// and that the next meeting is past.
    @Test func theOutcomeCompetitorAndThePastMeetingAreInEveryFormat() throws {
        let brief = try Self.brief("accounts/ridgeline-pumps.md", asOf: Day(year: 2026, month: 12, day: 10)!)
        let out = Rendered(brief)
        #expect(out.pagesSay("competitor: Kessler Workholding"))
        #expect(out.pagesSay("2026-12-08 with Søren Åberg, Lena Hoffmann (past: update it after the meeting)"))
        #expect(out.json.contains("\"competitor\": \"Kessler Workholding\""))
        #expect(out.json.contains("\"result\": \"won\""))
        #expect(out.json.contains("\"next_meeting_passed\": true"))
        let before = Rendered(try Self.brief("accounts/ridgeline-pumps.md", asOf: Day(year: 2026, month: 12, day: 1)!))
        #expect(!before.markdown.contains("(past:") && !before.html.contains("(past:"))
        #expect(before.json.contains("\"next_meeting_passed\": false"))
    }

    /// An opportunity's value is a JSON number, as the summary writes it; the pages say it
    /// with separators and currency.
    @Test func anOpportunitysValueIsAJSONNumber() throws {
        let out = Rendered(try Self.brief("accounts/binford-tools.md", asOf: nil))
        let json = try JSONParser.parse(out.json)
        let values = json["opportunities"]?.array?.map { $0["value"] } ?? []
        #expect(values.count == 2 && values.allSatisfy { $0?.string == nil })
        #expect(out.json.contains("\"value\": 120000,") && out.json.contains("\"value\": 38500,"))
        #expect(out.pagesSay("120,000 USD"))
    }

    /// The built-in checklist gives the brief every section question, by category in its order.
    @Test func theBuiltInChecklistGivesTheBriefItsSections() {
        let outline = BriefOutline(checklist: .builtIn)
        #expect(
            outline.sections.map(\.id) == [
                "what_changed", "readiness_to_change", "why_buying", "success_metrics", "their_customers",
                "current_state", "personal_pain", "cost_of_inaction", "strategic_fit", "politics", "buying_mode",
                "decision_process", "decision_criteria", "meeting_cadence", "paper_process", "partners",
                "current_feedback", "next_project", "shared_goals",
            ])
        #expect(outline.sections.first?.heading == "What changed on their end")
        let shared = BriefOutline(checklist: .builtIn, share: true, internalQuestions: ["personal_pain", "politics"])
        #expect(!shared.sections.contains { $0.id == "politics" })
        #expect(shared.leftOut == ["Personal pain", "Politics"])
    }

    /// A team's own checklist: its own section questions are in the brief, the built-in ones it
    /// dropped are not.
    @Test func aTeamsOwnChecklistGivesItsOwnSections() throws {
        let yaml = """
            questions:
              - id: what_changed
                ask: What changed?
                category: Change
                from: prospecting
                section: [What changed]
              - id: site_visit
                ask: What did we see on the floor?
                category: Need
                from: prospecting
                section: [Site visit, On the floor]
              - id: next_step
                ask: What is the next step?
                category: Decision
                from: prospecting
                field: next_step
            """
        guard case .success(let loaded) = ChecklistLoader.load(SourceFile(path: "checklist.yml", text: yaml)) else {
            Issue.record("the checklist did not load")
            return
        }
        let checklist = Checklist(questions: loaded.questions, origin: "checklist.yml")
        #expect(BriefOutline(checklist: checklist).sections.map(\.id) == ["what_changed", "site_visit"])
        let note = """
            ---
            account: Northwind
            stage: discovery
            next_step: Call Ana
            ---

            ## What changed
            Volumes grew.

            ## On the floor
            Two lines, one idle.
            """
        let report = checkText(note, checklist: checklist)
        let facts = AccountFacts(report, checklist: checklist, staleAfterDays: 30, asOf: nil)
        let out = Rendered(Brief(facts: facts, checklist: checklist, internalQuestions: [], internalRoles: []))
        #expect(out.markdown.contains("## Need\n\n### Site visit\n\nTwo lines, one idle.\n"))
        #expect(out.html.contains("<h2>Need</h2>\n<section><h3>Site visit</h3>\n<p>Two lines, one idle.</p>"))
        let sections = try JSONParser.parse(out.json)["sections"]?.array ?? []
        #expect(sections.count == 2 && sections.last?["id"]?.string == "site_visit")
        #expect(sections.last?["category"]?.string == "Need" && sections.last?["heading"]?.string == "Site visit")
        #expect(sections.last?["text"]?.string == "Two lines, one idle.")
        #expect(!out.markdown.contains("Why they are buying") && !out.html.contains("Why they are buying"))
    }
}
