import FieldnotesCore
import FieldnotesSupport

/// `agenda` as text for a terminal, wrapped to 80 columns (`TextWrap`, by display width). Every
/// line starts with words of ours or with indentation: text from the notes and the checklist is
/// escaped (`TerminalText.escaped`: a line break in it is shown as `\n`), so it never begins a line.
package enum AgendaTextWriter {
    static let width = 80

    package static func text(_ doc: AgendaDocument) -> String {
        var out = ""
        text(doc) { out += $0 }
        return out
    }

    /// The text, account by account to `write`: the agendas of 50k accounts are never held whole.
    package static func text(_ doc: AgendaDocument, to write: (String) -> Void) {
        guard !doc.accounts.isEmpty else { return write(block(doc.emptyMessage, label: "")) }
        if !doc.share {
            write(TerminalText.escapedKeepingLines(block(AgendaDocument.forTheTeam(quote: "'"), label: "")))
        }
        for (i, account) in doc.accounts.enumerated() {
            var out = ""
            if i > 0 || !doc.share { out += "\n" }
            out += header(account, share: doc.share)
            out += questions(account, share: doc.share)
            if !doc.share {
                out += assumptions(account)
                out += agreed(account)
            }
            // Each piece ends a line, so escaping it alone is escaping the page.
            write(TerminalText.escapedKeepingLines(out))
        }
    }

    static func esc(_ s: String) -> String { TerminalText.escaped(s) }

    /// The title line, then where the notes are, the date, who attends and the goal.
    static func header(_ a: AgendaDocument.Account, share: Bool) -> String {
        var out: String
        if share {
            out = a.sharedTitle(escaping: esc) + "\n"
        } else {
            out = "Agenda: \(esc(a.name)) — \(a.when)\n"
            out += "  " + a.details(escaping: esc) + "\n"
        }
        if !a.attendees.isEmpty || !share {
            out += attendees(a)
        }
        if a.goal != nil || !share {
            out += block(a.goal.map(esc) ?? AgendaDocument.goalNotSet, label: "  Goal: ")
        }
        return out
    }

    /// The opening question, then the open questions, numbered; for the team, how far each is
    /// answered and who in the room can answer it.
    static func questions(_ a: AgendaDocument.Account, share: Bool) -> String {
        var out = "\n  Questions\n"
        let pad = String(repeating: " ", count: "    \(a.questions.count + 1). ".count)
        func item(_ n: Int, _ text: String) -> String {
            let label = "    \(n). "
            return block(text, label: label + String(repeating: " ", count: pad.count - label.count))
        }
        out += item(1, a.opening)
        for (i, q) in a.questions.enumerated() {
            out += item(i + 2, esc(q.wording))
            guard !share else { continue }
            var detail: [String] = []
            if !q.note.isEmpty { detail.append(esc(q.note)) }
            if !q.attendees.isEmpty { detail.append("for " + esc(q.attendees.joined(separator: ", "))) }
            if !detail.isEmpty { out += block(detail.joined(separator: " · "), label: pad) }
        }
        guard !share else { return out }
        if let note = a.questionsNote { out += block(note, label: "    ") }
        if a.moreQuestions > 0 {
            out += "    " + AgendaDocument.more(a.moreQuestions, all: true, quote: "'") + "\n"
        }
        return out
    }

    /// "With: …" on one line when it fits, else one attendee a line: a title is never cut in two.
    static func attendees(_ a: AgendaDocument.Account) -> String {
        guard !a.attendees.isEmpty else { return "  With: \(AgendaDocument.withNotSet)\n" }
        let one = "  With: " + esc(AgendaDocument.attendeeList(a.attendees))
        if TextRenderer.displayWidth(one) <= width { return one + "\n" }
        return a.attendees.enumerated().map { i, person in
            (i == 0 ? "  With: " : "        ") + esc(AgendaDocument.attendeeList([person])) + "\n"
        }.joined()
    }

    static func assumptions(_ a: AgendaDocument.Account) -> String {
        guard !a.assumptions.isEmpty else { return "" }
        var out = "\n  Assumptions to verify\n"
        for item in a.assumptions {
            out += block(esc(item.text), label: "    line \(item.line)  ")
        }
        if a.moreAssumptions > 0 {
            out += "    " + AgendaDocument.more(a.moreAssumptions, all: false, quote: "'") + "\n"
        }
        return out
    }

    /// The newest dated log entry: its heading, then its lines as written, indented.
    static func agreed(_ a: AgendaDocument.Account) -> String {
        var out = "\n  Agreed last time\n"
        guard let agreed = a.agreed else { return out + "    " + AgendaDocument.nothingAgreed + "\n" }
        out += "    " + esc(agreed.heading) + "\n"
        for line in agreed.lines {
            out += line.isEmpty ? "\n" : "      " + esc(line) + "\n"
        }
        return out
    }

    /// `text` (already escaped) wrapped to 80 columns by display width: the first line after
    /// `label`, the next ones indented as far (labels are ours, ASCII).
    static func block(_ text: String, label: String) -> String {
        let lines = TextWrap.lines(text, width: width - label.count, measure: TextRenderer.displayWidth)
        let indent = String(repeating: " ", count: label.count)
        return (lines.isEmpty ? [""] : lines).enumerated().map { i, line in (i == 0 ? label : indent) + line + "\n" }
            .joined()
    }
}
