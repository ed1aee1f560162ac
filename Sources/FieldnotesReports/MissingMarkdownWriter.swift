import FieldnotesCore
import FieldnotesSupport

/// `missing` as Markdown: an agenda per account, with checkboxes.
package enum MissingMarkdownWriter {
    package static func markdown(_ doc: MissingDocument) -> String {
        var out = "# Open questions\n"
        for account in doc.accounts {
            let a = account.facts
            let stage = a.stage?.rawValue ?? "stage unknown"
            out += "\n## \(MarkdownText.inline(a.name)) — \(stage), \(a.answered)/\(a.due) answered\n\n"
            out += MarkdownText.inline(account.details) + "\n"
            let errs = a.errorLines
            if !errs.isEmpty {
                out += "\n**Errors in the notes:**\n\n"
                for e in errs { out += "- `\(TerminalText.escaped(e))`\n" }
            }
            guard let stage = a.stage else {
                out += "\nThe stage is missing or not valid: fix it to see which questions are due.\n"
                continue
            }
            if a.open.isEmpty { out += "\nEvery question due at \(stage.rawValue) is answered.\n" }
            for (category, items) in account.groups {
                out += "\n### \(MarkdownText.inline(category))\n"
                for item in items { out += "\n" + markdownItem(item.question, status: item.status, gaps: item.gaps) }
            }
            if !a.assumptions.isEmpty {
                out += "\n### Assumptions to verify\n\n"
                for item in a.assumptions { out += "- Line \(item.line): \(MarkdownText.inline(item.text))\n" }
            }
            if let (next, results) = account.next, !results.isEmpty {
                out += "\n### Next stage (\(next.rawValue))\n"
                for item in results { out += "\n" + markdownItem(item.question, status: nil) }
            }
        }
        return TerminalText.escapedKeepingLines(out)
    }

    package static func markdownItem(_ q: Question, status: QuestionStatus?, gaps: [String] = []) -> String {
        var out = "- [ ] **\(MarkdownText.inline(q.ask))**"
        if let status, status != .missing {
            out +=
                " _(\(MissingReport.statusText(status))"
                + (gaps.isEmpty ? "" : MarkdownText.inline(": " + gaps.joined(separator: "; "))) + ")_"
        }
        out += "\n"
        if let hint = q.hint { out += "\n  \(MarkdownText.inline(hint))\n" }
        return out
    }
}
