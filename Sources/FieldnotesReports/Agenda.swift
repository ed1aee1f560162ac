import FieldnotesCore
import FieldnotesSupport

/// `fieldnotes agenda`: the next meeting's agenda, per account. The facts come from the checks
/// of every account; the one thing an agenda quotes from the notes, the newest dated log entry,
/// is drawn by `agreedRenderer` while each account's text is at hand, so the run keeps facts
/// only, however many accounts there are.
public struct Agenda: Sendable {
    package var document: AgendaDocument

    /// - Parameters:
    ///   - accounts: the accounts loaded (those named, or every account of the notes repository).
    ///   - agreed: what `agreedRenderer` drew from each of them, in the same order.
    package init(accounts: [AccountFacts], agreed: [[UInt8]], settings: AgendaDocument.Settings) {
        document = AgendaDocument(facts: accounts, agreed: agreed, settings: settings)
    }

    public func text() -> String { AgendaTextWriter.text(document) }

    public func markdown() -> String { AgendaMarkdownWriter.markdown(document) }

    public func json() -> String { AgendaJSONWriter.json(document) }

    /// The newest dated log entry of each account, drawn while its notes are at hand: its index
    /// in the log, a line break, then its text (`Brief.bytes(of:in:)`); nothing when the log has
    /// no dated entry, or when the account gets no agenda (no meeting and not named).
    package static func agreedRenderer(checklist: Checklist, named: Bool) -> @Sendable (AccountFacts) -> [UInt8] {
        let outline = BriefOutline(checklist: checklist)
        return { facts in
            guard named || facts.report.fields.nextMeeting != nil else { return [] }
            let brief = Brief(facts: facts, checklist: checklist, share: false, internalQuestions: [], outline: outline)
            // Entries without a date come last: the first has one when any has.
            guard let newest = brief.logLines().entries.first, newest.entry.date != nil,
                let index = facts.report.body.log.firstIndex(where: { $0.headingRange == newest.entry.headingRange })
            else { return [] }
            return Array("\(index)\n".utf8) + Brief.bytes(of: newest.lines, in: facts.report.source)
        }
    }

    /// What `agreedRenderer` drew, read back against the account's log.
    package static func agreed(_ drawn: [UInt8], log: [LogEntry]) -> AgendaDocument.Agreed? {
        guard let newline = drawn.firstIndex(of: 0x0A),
            let index = Int(String(decoding: drawn[..<newline], as: UTF8.self)), log.indices.contains(index),
            let date = log[index].date
        else { return nil }
        return AgendaDocument.Agreed(date: date, heading: log[index].title, text: Array(drawn[(newline + 1)...]))
    }
}
