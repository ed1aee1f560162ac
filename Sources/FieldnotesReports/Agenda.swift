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
    ///   - agreed: what `agreedRenderer` drew from each of them (the text of the newest dated log
    ///     entry), in the same order.
    package init(accounts: [AccountFacts], agreed: [[UInt8]], settings: AgendaDocument.Settings) {
        document = AgendaDocument(facts: accounts, agreed: agreed, settings: settings)
    }

    public func text() -> String { AgendaTextWriter.text(document) }

    public func markdown() -> String { AgendaMarkdownWriter.markdown(document) }

    /// The Markdown or the text, written piece by piece to `write` (a page of every agenda).
    package func write(markdown: Bool, to write: (String) -> Void) {
        if markdown {
            AgendaMarkdownWriter.markdown(document, to: write)
        } else {
            AgendaTextWriter.text(document, to: write)
        }
    }

    public func json() -> String { AgendaJSONWriter.json(document) }

    /// The text of each account's newest dated log entry (`AgendaDocument.Agreed.newest`), drawn
    /// while its notes are at hand, as `Brief.bytes(of:in:)` reads it; nothing when the log has
    /// no dated entry, or when the account gets no agenda (no meeting and not named). Which entry
    /// it is, its date and heading, the document reads from the account's facts.
    package static func agreedRenderer(checklist: Checklist, named: Bool) -> @Sendable (AccountFacts) -> [UInt8] {
        let outline = BriefOutline(checklist: checklist)
        return { facts in
            guard named || facts.report.fields.nextMeeting != nil,
                let newest = AgendaDocument.Agreed.newest(in: facts.report.body.log)
            else { return [] }
            // A Brief only holds references: `logLines()` is where the lines of each entry are found.
            let brief = Brief(
                facts: facts, checklist: checklist, share: false, internalQuestions: [], internalRoles: [],
                outline: outline)
            let entries = brief.logLines().entries
            guard let lines = entries.first(where: { $0.entry.headingRange == newest.entry.headingRange }) else {
                return []
            }
            return Brief.bytes(of: lines.lines, in: facts.report.source)
        }
    }
}
