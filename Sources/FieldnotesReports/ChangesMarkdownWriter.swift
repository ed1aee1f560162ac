import FieldnotesCore
import FieldnotesSupport

/// `changes` as Markdown, for a pipeline review.
package enum ChangesMarkdownWriter {
    package static func markdown(_ report: ChangesReport) -> String {
        let (notice, since, sinceCommit, changes) = (report.notice, report.since, report.sinceCommit, report.changes)
        var out = "# Changes since \(MarkdownText.inline(since))\n"
        if let sinceCommit { out += "\nCompared with commit `\(sinceCommit.prefix(7))`.\n" }
        if let notice { out += "\n> \(MarkdownText.inline(notice))\n" }
        if changes.isEmpty { return TerminalText.escapedKeepingLines(out + "\nNo account changed.\n") }
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
                    + c.errors.map { "> - `\(TerminalText.escaped($0))`\n" }.joined()
            }
            if !c.items.isEmpty { out += "\n" }
            for item in c.items { out += "- \(MarkdownText.inline(item.text))\n" }
        }
        return TerminalText.escapedKeepingLines(out)
    }
}
