import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport

/// What happened to one account in the window of `changes`: its events, from the history.
public struct AccountChange: Sendable {
    public enum Kind: String, Sendable { case added, removed, changed }

    public var kind: Kind
    public var name: String
    public var path: String
    /// The path it had before the window, when the file was renamed in it.
    public var renamedFrom: String?
    /// What happened, oldest first (`TimelineEvents`).
    public var events: [HistoryEvent]
    /// The first error that kept the notes as they are now from being read whole
    /// (`path:line:col: message`): what it hides is not compared.
    public var errors: [String] = []
    /// How many such errors the notes have now (`errors` shows the first).
    public var errorCount = 0
}

/// The `changes` report: every event of every account in a window of the history.
public struct ChangesReport: Sendable {
    /// Where the window starts, for the reader ("2026-11-13 (7 days before 2026-11-20)", "HEAD~3").
    public var since: String
    /// The last commit before the window, when there is one.
    public var sinceCommit: String?
    /// Said once at the top: a shallow or empty history, versions too large to read.
    public var notice: String?
    /// The accounts with events in the window, by path.
    public var changes: [AccountChange]

    /// The report as text, for a terminal.
    public func text() -> String { ChangesTextWriter.text(self) }

    /// The report as Markdown, for a pipeline review.
    public func markdown() -> String { ChangesMarkdownWriter.markdown(self) }

    public func json() -> String { ChangesJSONWriter.json(self) }
}
