import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Every format of the pipeline summary is written from one document: each lists the same
/// accounts, risks and totals.
@Suite struct SummaryFormatsTests {
    @Test func everyFormatCarriesTheSameFacts() throws {
        let folder = Project.template.appendingPathComponent("accounts")
        var accounts: [AccountFacts] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where name.hasSuffix(".md") && !name.hasPrefix("_") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let report = checkText(text, path: "accounts/" + name)
            accounts.append(AccountFacts(report, checklist: .builtIn, staleAfterDays: 30, asOf: testDay))
        }
        let summary = Summary(accounts: accounts, checklist: .builtIn)
        let doc = summary.document()
        #expect(doc.rows.count == accounts.count && accounts.count >= 3)
        let text = summary.text(), markdown = summary.markdown(), json = summary.json(), html = summary.html()
        func allSay(_ s: String) -> Bool {
            text.contains(TerminalText.escaped(s)) && markdown.contains(MarkdownText.inline(s))
                && json.contains(JSONWriter.compact(.string(s))) && html.contains(HTML.escape(s))
        }
        for row in doc.rows {
            #expect(allSay(row.name), "\(row.name)")
            for r in row.risks ?? [] { #expect(allSay(r.flag.rawValue), "\(row.name): \(r.flag.rawValue)") }
            if let owner = row.owner { #expect(allSay(owner), "\(row.name): owner") }
        }
        // The pipeline facts: open value, decision date, next step, opportunities.
        let flowing = text.split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ")
        var amounts = 0
        for row in doc.rows {
            for money in row.value {
                amounts += 1
                #expect(text.contains(money.text) && markdown.contains(money.text) && html.contains(money.text))
                #expect(json.contains("\"\(money.currency ?? "")\": \(money.amount)"), "\(row.name): \(money.text)")
            }
            if let date = row.decisionDate { #expect(allSay("\(date)"), "\(row.name): decision date") }
            if let step = row.nextStep {
                #expect(flowing.contains(TerminalText.escaped(step)), "\(row.name): next step")
                #expect(markdown.contains(step) && html.contains(HTML.escape(step)) && json.contains(step))
            }
            for o in row.opportunities {
                #expect(allSay(o.name), "\(o.name)")
                guard let value = o.value else { continue }
                let shown = Money.text(value, currency: o.currency)
                #expect(text.contains(shown) && markdown.contains(shown) && html.contains(shown), "\(shown)")
                #expect(json.contains("\"value\": \(value),"), "\(o.name): \(value)")
            }
        }
        #expect(amounts >= 3 && doc.rows.contains { !$0.opportunities.isEmpty })
        #expect(text.contains(Money.text(doc.value)) && markdown.contains(Money.text(doc.value)))
        for category in doc.categories {
            #expect(markdown.contains(category) && html.contains(HTML.escape(category)) && json.contains(category))
            #expect(text.contains(category.uppercased()))
        }
        // The overview and the owners' totals: on the pages people read, and as numbers in JSON.
        #expect(text.contains(doc.overview) && markdown.contains(doc.overview) && html.contains(doc.overview))
        for owner in doc.owners {
            #expect(json.contains("\"accounts\": \(owner.accounts)"))
            #expect(owner.known == json.contains(JSONWriter.compact(.string(owner.name))))
        }
    }
}
