import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Every format of `changes` (text, Markdown, JSON, the pipeline page's section) is written from
/// one report value: each says the same accounts, changes, errors and notice.
@Suite struct ChangesFormatsTests {
    @Test func everyFormatCarriesTheSameFacts() {
        let report = ChangesReport(
            since: "2026-11-13 (7 days before 2026-11-20)", sinceCommit: "0123456789abcdef",
            notice: "the history is shallow",
            changes: [
                AccountChange(
                    kind: .changed, name: "Initech", path: "accounts/initech.md", renamedFrom: "accounts/ini.md",
                    items: [
                        .init(topic: "stage", text: "stage: discovery → solution"),
                        .init(topic: "contact", text: "contact added: Raj Patel (champion)"),
                    ], errors: ["accounts/initech.md:4:8: unknown stage 'discvery'"]),
                AccountChange(
                    kind: .added, name: "Globex", path: "accounts/globex.md", renamedFrom: nil,
                    items: [.init(topic: "stage", text: "new account at prospecting")]),
                AccountChange(kind: .removed, name: "Hooli", path: "accounts/hooli.md", renamedFrom: nil, items: []),
            ])
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
            for item in change.items { #expect(allSay(item.text), "\(item.text)") }
            #expect(text.contains(change.path) && markdown.contains(change.path) && json.contains(change.path))
            for error in change.errors {
                #expect(text.contains(error) && markdown.contains(error) && json.contains(error))
            }
        }
        #expect(allSay("accounts/ini.md") || html.contains("renamed from accounts/ini.md"))
        #expect(text.contains("removed") && markdown.contains("removed") && html.contains(">removed<"))
        #expect(json.contains("\"kind\": \"removed\""))
    }
}
