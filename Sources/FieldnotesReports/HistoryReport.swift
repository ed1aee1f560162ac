import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport
import Foundation

/// The `history` report: each account's dated timeline in sales terms, read from git.
public struct HistoryReport: Sendable {
    public struct Account: Sendable {
        /// The account file now (or where it was last, when it was removed).
        public var path: String
        /// The account's name in its newest version read, else its path.
        public var name: String
        /// Its events in the window, oldest first.
        public var events: [HistoryEvent]
    }

    /// Where the window starts, as the command line said it (nil: the whole history).
    public var since: String?
    /// What the reader should know once: a shallow history, versions too large to read.
    public var notices: [String]
    /// The accounts with events in the window, by path.
    public var accounts: [Account]

    /// The report as text, for a terminal.
    public func text() -> String { HistoryReportTextWriter.text(self) }

    /// The report as Markdown.
    public func markdown() -> String { HistoryReportMarkdownWriter.markdown(self) }

    /// The report as JSON, in UTF-8 (what `history --format json` writes).
    public func jsonBytes() -> [UInt8] { HistoryReportJSONWriter.json(self) }

    public func json() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

    /// The history of `files` (and of the accounts removed, with `allAccounts`), from `since` on.
    package static func compute(
        workspace: Workspace, files: [Workspace.AccountFile], since: HistoryWindow.Since?, asOf: Day?,
        allAccounts: Bool, cwd: URL
    ) throws -> HistoryReport {
        let (history, window) = try HistoryWindow.load(
            command: "history", since: since, workspace: workspace, files: files, allAccounts: allAccounts,
            asOf: asOf, cwd: cwd)
        // Each account on every core, in order.
        let timelines = history.timelines, checklist = workspace.checklist
        let accounts = Batch.map(timelines.count) { i -> Account? in
            let events = window.events(timelines[i], in: history, checklist: checklist)
            guard !events.isEmpty else { return nil }
            return Account(path: timelines[i].path, name: name(timelines[i], in: history), events: events)
        }.compactMap { $0 }
        return HistoryReport(since: since == nil ? nil : window.named, notices: history.notices, accounts: accounts)
    }

    /// The account's name in its newest version that has one, else its path.
    package static func name(_ timeline: AccountTimeline, in history: History) -> String {
        history.digest(timeline.path, fromVersion: .max)?.name ?? timeline.path
    }
}
