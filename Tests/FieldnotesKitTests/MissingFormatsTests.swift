import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Every format of `missing` is written from one document: each lists the same open questions,
/// assumptions, errors and next-stage questions.
@Suite struct MissingFormatsTests {
    @Test(arguments: [false, true]) func everyFormatCarriesTheSameFacts(_ includeNext: Bool) throws {
        var accounts: [AccountFacts] = []
        for folder in [Project.template, Project.fixtures.appendingPathComponent("reports")] {
            let dir = folder.appendingPathComponent("accounts")
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            where name.hasSuffix(".md") && !name.hasPrefix("_") {
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                let report = checkText(text, path: "accounts/" + name)
                accounts.append(AccountFacts(report, checklist: .builtIn, staleAfterDays: 30, asOf: testDay))
            }
        }
        let report = MissingReport(accounts: accounts, checklist: .builtIn, includeNext: includeNext)
        let doc = report.document()
        let text = report.text(), markdown = report.markdown(), json = report.json()
        #expect(doc.accounts.count == accounts.count && accounts.count >= 5)
        #expect(doc.accounts.contains { !$0.facts.errorLines.isEmpty })
        for account in doc.accounts {
            let a = account.facts
            #expect(text.contains(account.title) && markdown.contains(MarkdownText.inline(account.details)))
            #expect(json.contains(JSONWriter.compact(.string(a.path))))
            for q in account.groups.flatMap(\.items) {
                // Text wraps the question: its id stands for it there.
                #expect(text.contains(" · \(q.question.id)\n"), "\(a.path): \(q.question.id)")
                #expect(markdown.contains(MarkdownText.inline(q.question.ask)), "\(a.path): \(q.question.id)")
                #expect(json.contains("\"id\": \"\(q.question.id)\""), "\(a.path): \(q.question.id)")
            }
            for item in a.assumptions {
                #expect(text.contains("line \(item.line)  ") && markdown.contains("- Line \(item.line): "))
                #expect(json.contains("\"line\": \(item.line)"))
            }
            for error in a.errorLines {
                #expect(text.contains(TerminalText.escaped(error)) && markdown.contains(TerminalText.escaped(error)))
                #expect(json.contains(JSONWriter.compact(.string(error))))
            }
            if let next = account.next, !next.questions.isEmpty {
                #expect(text.contains("Next stage (\(next.stage.rawValue))"))
                #expect(markdown.contains("### Next stage (\(next.stage.rawValue))"))
                #expect(json.contains("\"next_stage\": \"\(next.stage.rawValue)\""))
                for q in next.questions { #expect(text.contains(q.question.id) && markdown.contains(q.question.ask)) }
            }
        }
    }
}
