import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport

/// `changes` as text, for a terminal: each account's events in the window, dated.
package enum ChangesTextWriter {
    package static func text(_ report: ChangesReport) -> String {
        var out = report.notice.map { HistoryReportTextWriter.notes([$0]) } ?? ""
        out +=
            "Changes since \(report.since)" + (report.sinceCommit.map { ", after commit \($0.prefix(7))" } ?? "")
            + "\n"
        let changes = report.changes
        if changes.isEmpty { return TerminalText.escapedKeepingLines(out + "\nNo account changed.\n") }
        if changes.contains(where: { $0.events.contains { $0.kind.isSlip } }) {
            out += HistoryReportTextWriter.legend + "\n"
        }
        for c in changes {
            out += "\n" + Self.headline(c) + "\n"
            for e in c.errors { out += "  ! \(TerminalText.escaped(e))\(more(c))\n" }
            for event in c.events { out += HistoryReportTextWriter.line(event, commitWidth: 0) }
        }
        let counts = (
            added: changes.filter { $0.kind == .added }.count, changed: changes.filter { $0.kind == .changed }.count,
            removed: changes.filter { $0.kind == .removed }.count
        )
        out += "\n\(counts.changed) changed, \(counts.added) new, \(counts.removed) removed\n"
        return TerminalText.escapedKeepingLines(out)
    }

    /// " (and 2 more errors: 'fieldnotes check' lists them)" when the notes have more than one.
    package static func more(_ c: AccountChange) -> String {
        c.errorCount > 1
            ? " (and \(HistoryReportTextWriter.counted(c.errorCount - 1, "more error")): 'fieldnotes check' lists them)"
            : ""
    }

    package static func headline(_ c: AccountChange) -> String {
        TerminalText.escaped(Self.plainHeadline(c))
    }

    package static func plainHeadline(_ c: AccountChange) -> String {
        switch c.kind {
        case .added: return "\(c.name) (\(c.path)): new"
        case .removed: return "\(c.name) (\(c.path)): removed"
        case .changed: return "\(c.name) (\(c.path))" + (c.renamedFrom.map { ", renamed from \($0)" } ?? "")
        }
    }
}
