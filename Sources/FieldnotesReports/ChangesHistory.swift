import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport
import Foundation

/// `changes`: the events of each account in a window of the history, read by the history engine.
extension ChangesReport {
    /// Where `changes` counts from.
    package typealias Since = HistoryWindow.Since

    /// What happened to `files` since `since` (the work tree's edits, dated `asOf`, included);
    /// renames followed.
    /// - Parameter allAccounts: whether accounts removed in the window are reported too.
    package static func compute(
        workspace: Workspace, files: [Workspace.AccountFile], since: Since, asOf: Day, allAccounts: Bool, cwd: URL
    ) throws -> ChangesReport {
        let (history, window) = try HistoryWindow.load(
            command: "changes", since: since, workspace: workspace, files: files, allAccounts: allAccounts,
            asOf: asOf, cwd: cwd)
        var changes: [AccountChange] = []
        for timeline in history.timelines {
            // Where a shallow history starts is said once at the top; errors are said as they are now.
            let events = window.events(timeline, in: history, checklist: workspace.checklist).filter {
                $0.kind != .historyStarts && $0.kind != .errors
            }
            guard !events.isEmpty else { continue }
            changes.append(change(timeline, events: events, in: history))
        }
        let notice = history.notices.isEmpty ? nil : history.notices.joined(separator: "; ")
        return ChangesReport(since: window.named, sinceCommit: window.commit, notice: notice, changes: changes)
    }

    /// The account's change: added or removed in the window, or changed; its errors now.
    static func change(_ timeline: AccountTimeline, events: [HistoryEvent], in history: History) -> AccountChange {
        let name = HistoryReport.name(timeline, in: history)
        let last = timeline.versions.last
        var kind = AccountChange.Kind.changed
        if last?.state == .removed && events.contains(where: { $0.kind == .accountRemoved }) {
            kind = .removed
        } else if events.contains(where: { $0.kind == .accountAdded }) {
            kind = .added
        }
        var change = AccountChange(
            kind: kind, name: name, path: timeline.path,
            renamedFrom: events.first { $0.kind == .renamed }?.old, events: events)
        if last?.state != .removed, let now = history.digest(timeline.path, fromVersion: .max), now.errors > 0 {
            change.errors = ["\(timeline.path):\(now.firstError ?? "error")"]
            change.errorCount = now.errors
        }
        return change
    }
}
