import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Every format of `changes` (text, Markdown, JSON, the pipeline page's section) is written from
/// one report value: each says the same accounts, events, errors and notice, and marks the slips.
@Suite struct ChangesFormatsTests {
    static func event(
        _ day: Int, _ kind: HistoryEvent.Kind, field: String? = nil, old: String? = nil, new: String? = nil,
        _ text: String
    ) -> HistoryEvent {
        HistoryEvent(
            date: Day(year: 2026, month: 11, day: day), commit: "0123456789abcdef", kind: kind, field: field, old: old,
            new: new, text: text)
    }

    static let report = ChangesReport(
        since: "2026-11-13 (7 days before 2026-11-20)", sinceCommit: "0123456789abcdef",
        notice: "the history is shallow",
        changes: [
            AccountChange(
                kind: .changed, name: "Initech", path: "accounts/initech.md", renamedFrom: "accounts/ini.md",
                events: [
                    event(14, .renamed, field: "path", old: "accounts/ini.md", new: "accounts/initech.md", "renamed"),
                    event(15, .stageBack, field: "stage", old: "solution", new: "discovery", "stage: back"),
                    event(16, .contactAdded, field: "contacts[Raj Patel]", new: "Raj Patel", "contact added: Raj"),
                ], errors: ["accounts/initech.md:4:8: unknown stage 'discvery'"], errorCount: 3),
            AccountChange(
                kind: .added, name: "Globex", path: "accounts/globex.md", renamedFrom: nil,
                events: [event(17, .accountAdded, field: "stage", new: "prospecting", "new account at prospecting")]),
            AccountChange(
                kind: .removed, name: "Hooli", path: "accounts/hooli.md", renamedFrom: nil,
                events: [event(18, .accountRemoved, "account removed")]),
        ])

    @Test func everyFormatCarriesTheSameFacts() throws {
        let report = Self.report
        let text = report.text(), markdown = report.markdown(), json = report.json()
        let html = ChangesHTMLWriter.section(report)
        func allSay(_ s: String) -> Bool {
            text.contains(TerminalText.escaped(s)) && markdown.contains(MarkdownText.inline(s))
                && json.contains(JSONWriter.compact(.string(s))) && html.contains(HTML.escape(s))
        }
        #expect(allSay(report.notice!))
        #expect(allSay(report.since))
        for change in report.changes {
            #expect(allSay(change.name), "\(change.name)")
            for event in change.events { #expect(allSay(event.text), "\(event.text)") }
            #expect(text.contains(change.path) && markdown.contains(change.path) && json.contains(change.path))
            for error in change.errors {
                #expect(text.contains(error) && markdown.contains(error) && json.contains(error))
            }
        }
        #expect(allSay("accounts/ini.md") || html.contains("renamed from accounts/ini.md"))
        #expect(text.contains("removed") && markdown.contains("removed") && html.contains(">removed<"))
        #expect(json.contains("\"kind\": \"removed\""))
        // More errors than the one shown: said, with where to see them.
        #expect(text.contains("'discvery' (and 2 more errors: 'fieldnotes check' lists them)"))
        // The slip is marked in each format, dated; the others are not.
        #expect(text.contains("\n  2026-11-15  ! stage: back\n  2026-11-16    contact added: Raj\n"), "\(text)")
        #expect(markdown.contains("- 2026-11-15 · **stage: back**\n- 2026-11-16 · contact added: Raj\n"))
        #expect(html.contains("<li><small>2026-11-15</small> <b>stage: back</b></li>"), "\(html)")
    }

    /// JSON carries each event's kind, field, old and new values as data, next to its words.
    @Test func jsonCarriesTheValuesAsData() throws {
        let json = try JSONParser.parse(Self.report.json())
        let initech = try #require(json["accounts"]?.array?.first)
        #expect(initech["renamed_from"]?.string == "accounts/ini.md")
        let events = try #require(initech["changes"]?.array)
        try #require(events.count == 3)
        let back = events[1]
        #expect(back["kind"]?.string == "stage-back" && back["field"]?.string == "stage")
        #expect(back["old"]?.string == "solution" && back["new"]?.string == "discovery")
        #expect(back["date"]?.string == "2026-11-15" && back["commit"]?.string == "0123456789abcdef")
        let added = events[2]
        #expect(added["old"]?.isNull == true && added["new"]?.string == "Raj Patel")
        #expect(json["since_commit"]?.string == "0123456789abcdef" && json["version"]?.int == 1)
    }
}
