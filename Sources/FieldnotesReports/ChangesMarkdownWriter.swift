import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport

/// `changes` as Markdown, for a pipeline review.
package enum ChangesMarkdownWriter {
    package static func markdown(_ report: ChangesReport) -> String {
        let changes = report.changes
        var out = "# Changes since \(MarkdownText.inline(report.since))\n"
        if let commit = report.sinceCommit { out += "\nEvents after commit `\(commit.prefix(7))`.\n" }
        if let notice = report.notice { out += HistoryReportMarkdownWriter.notes([notice]) }
        if changes.isEmpty { return TerminalText.escapedKeepingLines(out + "\nNo account changed.\n") }
        if changes.contains(where: { $0.events.contains { $0.kind.isSlip } }) {
            out += "\n" + HistoryReportMarkdownWriter.legend + "\n"
        }
        for c in changes {
            out += "\n## \(MarkdownText.inline(c.name))\n\n"
            var meta = "`\(TerminalText.escaped(c.path))`"
            switch c.kind {
            case .added: meta += " · new"
            case .removed: meta += " · removed"
            case .changed: if let from = c.renamedFrom { meta += " · renamed from `\(TerminalText.escaped(from))`" }
            }
            out += meta + "\n"
            if !c.errors.isEmpty {
                out +=
                    "\n> **The notes have errors; what they hide is not compared.**\n>\n"
                    + c.errors.map { "> - `\(TerminalText.escaped($0))`\(ChangesTextWriter.more(c))\n" }.joined()
            }
            if !c.events.isEmpty { out += "\n" }
            for event in c.events { out += HistoryReportMarkdownWriter.item(event, commit: false) }
        }
        return TerminalText.escapedKeepingLines(out)
    }
}
