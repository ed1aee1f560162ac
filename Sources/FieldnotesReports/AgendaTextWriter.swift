import FieldnotesCore
import FieldnotesSupport

/// `agenda` as text for a terminal, wrapped to 80 columns. Every line starts with words of ours
/// or with indentation: text from the notes is escaped and never begins a line.
package enum AgendaTextWriter {
    package static func text(_ doc: AgendaDocument) -> String {
        guard !doc.accounts.isEmpty else { return wrap(doc.emptyMessage, indent: "") }
        var out = ""
        if !doc.share {
            out += wrap(AgendaDocument.forTheTeam(quote: "'"), indent: "")
        }
        for (i, account) in doc.accounts.enumerated() {
            if i > 0 || !doc.share { out += "\n" }
            out += header(account, share: doc.share)
            out += questions(account, share: doc.share)
            if !doc.share {
                out += assumptions(account)
                out += agreed(account)
            }
        }
        return TerminalText.escapedKeepingLines(out)
    }

    /// The title line, then where the notes are, the date, who attends and the goal.
    static func header(_ a: AgendaDocument.Account, share: Bool) -> String {
        let name = TerminalText.escaped(a.name)
        var out: String
        if share {
            out = "Agenda — \(name)" + (a.meeting.map { ", " + AgendaDocument.meetingDate($0) } ?? "") + "\n"
        } else {
            let when =
                a.meeting.map { m in
                    AgendaDocument.meetingDate(m) + (a.daysUntil.map { " (\(AgendaDocument.relative($0)))" } ?? "")
                }
                ?? "date not set (next_meeting)"
            out = "Agenda: \(name) — \(when)\n"
            var details = [TerminalText.escaped(a.path)]
            if let owner = a.owner { details.append("owner \(TerminalText.escaped(owner))") }
            details.append(a.stage?.label ?? "stage unknown")
            out += "  " + details.joined(separator: " · ") + "\n"
        }
        if !a.attendees.isEmpty || !share {
            out += attendees(a)
        }
        if a.goal != nil || !share {
            out += wrap(
                "Goal: " + (a.goal.map(TerminalText.escaped) ?? "not set (next_meeting_goal)"), indent: "  ", hanging: 6
            )
        }
        return out
    }

    /// The opening question, then the open questions, numbered; for the team, how far each is
    /// answered and who in the room can answer it.
    static func questions(_ a: AgendaDocument.Account, share: Bool) -> String {
        var out = "\n  Questions\n"
        let count = a.questions.count + 1
        func item(_ n: Int, _ text: String) -> String {
            let label = "    \(n). "
            let width = "    \(count). ".count
            return wrap(
                text, indent: label + String(repeating: " ", count: width - label.count), hanging: 0,
                continuation: String(repeating: " ", count: width))
        }
        out += item(1, a.opening)
        for (i, q) in a.questions.enumerated() {
            out += item(i + 2, q.wording)
            guard !share else { continue }
            var detail: [String] = []
            if !q.note.isEmpty { detail.append(TerminalText.escaped(q.note)) }
            if !q.attendees.isEmpty {
                detail.append("for " + TerminalText.escaped(q.attendees.joined(separator: ", ")))
            }
            if !detail.isEmpty {
                let pad = String(repeating: " ", count: "    \(count). ".count)
                out += wrap(detail.joined(separator: " · "), indent: pad, hanging: 0, continuation: pad)
            }
        }
        guard !share else { return out }
        if a.stage == nil {
            out += wrap("The stage is missing or not valid: fix it to see which questions are due.", indent: "    ")
        } else if a.questions.isEmpty {
            out += wrap(AgendaDocument.nothingOpen, indent: "    ")
        }
        if a.moreQuestions > 0 {
            out += "    and \(a.moreQuestions) more ('fieldnotes missing' lists them all)\n"
        }
        return out
    }

    /// "With: …" on one line when it fits, else one attendee a line: a title is never cut in two.
    static func attendees(_ a: AgendaDocument.Account) -> String {
        guard !a.attendees.isEmpty else { return "  With: not set (next_meeting_with)\n" }
        let one = "  With: " + TerminalText.escaped(AgendaDocument.attendeeList(a.attendees))
        if TextRenderer.displayWidth(one) <= 80 { return one + "\n" }
        return a.attendees.enumerated().map { i, person in
            (i == 0 ? "  With: " : "        ") + TerminalText.escaped(AgendaDocument.attendeeList([person])) + "\n"
        }.joined()
    }

    static func assumptions(_ a: AgendaDocument.Account) -> String {
        guard !a.assumptions.isEmpty else { return "" }
        var out = "\n  Assumptions to verify\n"
        for item in a.assumptions {
            let label = "    line \(item.line)  "
            out += wrap(
                TerminalText.escaped(item.text), indent: label, hanging: 0,
                continuation: String(repeating: " ", count: label.count))
        }
        if a.moreAssumptions > 0 {
            out += "    and \(a.moreAssumptions) more ('fieldnotes missing' lists them)\n"
        }
        return out
    }

    /// The newest dated log entry: its heading, then its lines as written, indented.
    static func agreed(_ a: AgendaDocument.Account) -> String {
        var out = "\n  Agreed last time\n"
        guard let agreed = a.agreed else { return out + "    Nothing yet: the log has no dated entry.\n" }
        out += "    " + TerminalText.escaped(agreed.heading) + "\n"
        for line in agreed.lines {
            out += line.isEmpty ? "\n" : "      " + TerminalText.escaped(line) + "\n"
        }
        return out
    }

    /// `text` wrapped to 80 columns: the first line after `indent`, the next ones after
    /// `continuation` (default: `indent` and `hanging` more spaces). A word longer than a line
    /// gets a line of its own.
    static func wrap(_ text: String, indent: String, hanging: Int = 0, continuation: String? = nil) -> String {
        let next = continuation ?? indent + String(repeating: " ", count: hanging)
        var out = indent, line = ""
        var width = 80 - indent.count
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                out += line + "\n" + next
                line = ""
                width = 80 - next.count
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return out + line + "\n"
    }
}
