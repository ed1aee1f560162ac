import FieldnotesCore
import FieldnotesSupport

/// `missing` as text for a terminal: each account's open questions with how to ask them,
/// wrapped to 80 columns.
package enum MissingTextWriter {
    package static func text(_ doc: MissingDocument) -> String {
        var out = ""
        var wrapped = WrappedQuestions()
        for (index, account) in doc.accounts.enumerated() {
            let a = account.facts
            if index > 0 { out += "\n" }
            out += account.title + "\n" + account.details + "\n"
            for e in a.errorLines { out += "  ! \(TerminalText.escaped(e))\n" }
            if a.stage == nil {
                out += "\n  The stage is missing or not valid: fix it to see which questions are due.\n"
                continue
            }
            if a.open.isEmpty {
                out += "\n  Every question due at \(a.stage!.rawValue) is answered.\n"
            }
            for (category, items) in account.groups {
                out += "\n  \(category)\n"
                for item in items {
                    out += textItem(item.question, status: item.status, gaps: item.gaps, wrapped: &wrapped)
                }
            }
            if !a.assumptions.isEmpty {
                out += "\n  Assumptions to verify\n"
                for item in a.assumptions {
                    let label = "    line \(item.line)  "
                    let lines = TextWrap.lines(TerminalText.escaped(item.text), width: 78 - label.count)
                    out += label + lines.joined(separator: "\n" + String(repeating: " ", count: label.count)) + "\n"
                }
            }
            if let (next, results) = account.next, results.isEmpty {
                out += "\n  Next stage (\(next.rawValue)): no new questions\n"
            }
            if let (next, results) = account.next, !results.isEmpty {
                out += "\n  Next stage (\(next.rawValue))\n"
                for (category, items) in grouped(results, category: { $0.question.category }) {
                    out += "    \(category)\n"
                    for item in items { out += textItem(item.question, status: nil, indent: "  ", wrapped: &wrapped) }
                }
            }
        }
        return TerminalText.escapedKeepingLines(out)
    }

    /// A question's text and hint as wrapped lines, by indent and question: the same questions
    /// come back for most accounts, so each is wrapped once.
    package typealias WrappedQuestions = [String: (ask: String, hint: String)]

    package static func textItem(
        _ q: Question, status: QuestionStatus?, gaps: [String] = [], indent: String = "",
        wrapped: inout WrappedQuestions
    ) -> String {
        let mark: String
        switch status {
        case .partial: mark = "~"
        case .assumed: mark = "?"
        default: mark = "-"
        }
        let key = indent + "\u{0}" + q.id
        let text =
            wrapped[key]
            ?? {
                let ask =
                    TextWrap.lines(q.ask, width: 72 - indent.count).joined(separator: "\n\(indent)      ") + "\n"
                let hint =
                    q.hint.map {
                        TextWrap.lines($0, width: 72 - indent.count).map { "\(indent)      \($0)\n" }.joined()
                    } ?? ""
                wrapped[key] = (ask, hint)
                return (ask, hint)
            }()
        var out = "\(indent)    \(mark) " + text.ask
        var detail = q.id
        if let status { detail = "\(MissingReport.statusText(status)) · \(q.id)" }
        out += "\(indent)      \(detail)\n"
        for gap in gaps { out += "\(indent)      · \(gap)\n" }
        out += text.hint
        return out
    }
}
