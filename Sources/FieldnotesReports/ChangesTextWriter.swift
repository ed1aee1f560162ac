import FieldnotesCore
import FieldnotesSupport

/// `changes` as text, for a terminal.
package enum ChangesTextWriter {
    package static func text(_ report: ChangesReport) -> String {
        let (notice, since, sinceCommit, changes) = (report.notice, report.since, report.sinceCommit, report.changes)
        var out = ""
        if let notice { out += "note: \(TerminalText.escaped(notice))\n\n" }
        out += "Changes since \(since)" + (sinceCommit.map { ", against commit \($0.prefix(7))" } ?? "") + "\n"
        if changes.isEmpty { return TerminalText.escapedKeepingLines(out + "\nNo account changed.\n") }
        for c in changes {
            out += "\n" + Self.headline(c) + "\n"
            for e in c.errors { out += "  ! \(TerminalText.escaped(e))\n" }
            for item in c.items { out += "  - \(TerminalText.escaped(item.text))\n" }
        }
        let counts = (
            added: changes.filter { $0.kind == .added }.count, changed: changes.filter { $0.kind == .changed }.count,
            removed: changes.filter { $0.kind == .removed }.count
        )
        out += "\n\(counts.changed) changed, \(counts.added) new, \(counts.removed) removed\n"
        return TerminalText.escapedKeepingLines(out)
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
