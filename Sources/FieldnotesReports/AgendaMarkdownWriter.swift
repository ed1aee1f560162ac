import FieldnotesCore
import FieldnotesSupport

/// `agenda` as Markdown: for the team, one page with every agenda; shared (`--share`), one
/// polite agenda per account, ready to paste into an invitation. Values from the notes go
/// through `Brief.oneLine`; the log entry is quoted, so none of its lines begins a line.
package enum AgendaMarkdownWriter {
    package static func markdown(_ doc: AgendaDocument) -> String {
        var out = ""
        markdown(doc) { out += $0 }
        return out
    }

    /// The Markdown, account by account to `write`: the page of 50k agendas is never held whole.
    package static func markdown(_ doc: AgendaDocument, to write: (String) -> Void) {
        guard !doc.accounts.isEmpty else { return write(doc.emptyMessage + "\n") }
        if !doc.share {
            write("# Meeting agendas\n\n_\(AgendaDocument.forTheTeam(quote: "`"))_\n")
        }
        for (i, account) in doc.accounts.enumerated() {
            // Each piece ends a line, so escaping it alone is escaping the page.
            if doc.share {
                write(TerminalText.escapedKeepingLines((i > 0 ? "\n---\n\n" : "") + shared(account)))
            } else {
                write(TerminalText.escapedKeepingLines("\n" + internalAgenda(account)))
            }
        }
    }

    /// The version to send: date, who attends, the goal and the questions in the customer's words.
    static func shared(_ a: AgendaDocument.Account) -> String {
        var out = "# " + a.sharedTitle(escaping: Brief.oneLine) + "\n\n"
        if !a.attendees.isEmpty { out += "- **With:** \(Brief.oneLine(AgendaDocument.attendeeList(a.attendees)))\n" }
        if let goal = a.goal { out += "- **Goal:** \(Brief.oneLine(goal))\n" }
        if !a.attendees.isEmpty || a.goal != nil { out += "\n" }
        out += "## Questions we would like to go through\n\n"
        out += questionList(a, share: true)
        return out
    }

    /// The team's version: the meeting, the questions with how far each is answered, the
    /// assumptions and what was agreed last time.
    static func internalAgenda(_ a: AgendaDocument.Account) -> String {
        var out = "## \(Brief.oneLine(a.name)) — \(a.when)\n\n"
        out += a.details(escaping: Brief.oneLine) + "\n\n"
        let with = a.attendees.isEmpty ? AgendaDocument.withNotSet : AgendaDocument.attendeeList(a.attendees)
        out += "- **With:** \(Brief.oneLine(with))\n"
        out += "- **Goal:** \(Brief.oneLine(a.goal ?? AgendaDocument.goalNotSet))\n"
        out += "\n### Questions\n\n" + questionList(a, share: false)
        if let note = a.questionsNote { out += "\n\(note)\n" }
        if a.moreQuestions > 0 {
            out += "\n_\(AgendaDocument.more(a.moreQuestions, all: true, quote: "`"))_\n"
        }
        if !a.assumptions.isEmpty {
            out += "\n### Assumptions to verify\n\n"
            for item in a.assumptions { out += "- Line \(item.line): \(Brief.oneLine(item.text))\n" }
            if a.moreAssumptions > 0 {
                out += "- \(AgendaDocument.more(a.moreAssumptions, all: false, quote: "`"))\n"
            }
        }
        out += "\n### Agreed last time\n\n"
        guard let agreed = a.agreed else { return out + AgendaDocument.nothingAgreed + "\n" }
        out += "**\(Brief.oneLine(agreed.heading))**\n"
        if !agreed.text.isEmpty { out += "\n" }
        for line in agreed.lines { out += line.isEmpty ? ">\n" : "> " + line + "\n" }
        return out
    }

    /// The numbered questions, the opening one first; for the team, with how far each is
    /// answered and who in the room can answer it.
    static func questionList(_ a: AgendaDocument.Account, share: Bool) -> String {
        var out = "1. \(Brief.oneLine(a.opening))\n"
        for (i, q) in a.questions.enumerated() {
            out += "\(i + 2). \(Brief.oneLine(q.wording))"
            if !share {
                var detail: [String] = []
                if !q.note.isEmpty { detail.append("_\(Brief.oneLine(q.note))_") }
                if !q.attendees.isEmpty { detail.append("for \(Brief.oneLine(q.attendees.joined(separator: ", ")))") }
                if !detail.isEmpty { out += " — " + detail.joined(separator: " · ") }
            }
            out += "\n"
        }
        return out
    }
}
