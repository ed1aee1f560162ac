import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport

/// `history` as Markdown: a section per account, one list item per event, slips in bold.
package enum HistoryReportMarkdownWriter {
    package static func markdown(_ report: HistoryReport) -> String {
        var out = "# History" + (report.since.map { " since \(MarkdownText.inline($0))" } ?? "") + "\n"
        out += notes(report.notices)
        if report.accounts.isEmpty {
            return TerminalText.escapedKeepingLines(out + "\nNo events" + (report.since == nil ? " yet" : "") + ".\n")
        }
        if report.accounts.contains(where: { $0.events.contains { $0.kind.isSlip } }) { out += "\n" + legend + "\n" }
        for account in report.accounts {
            out += "\n## \(MarkdownText.inline(account.name))\n\n`\(TerminalText.escaped(account.path))`\n\n"
            for event in account.events { out += item(event, commit: true) }
        }
        return TerminalText.escapedKeepingLines(out)
    }

    package static let legend = "Slips, moves against the deal, are in **bold**."

    /// The notices, each a quoted line after a blank one.
    package static func notes(_ notices: [String]) -> String {
        notices.map { "\n> \(MarkdownText.inline($0))\n" }.joined()
    }

    /// One event as a list item: `- 2026-10-10 · `abc1234` · **stage: proposal → solution (back)**`.
    package static func item(_ event: HistoryEvent, commit: Bool) -> String {
        var out = "- " + (event.date.map { "\($0)" } ?? "not dated")
        if commit { out += " · `\(HistoryReportTextWriter.shortCommit(event.commit))`" }
        let text = MarkdownText.inline(event.text)
        return out + " · " + (event.kind.isSlip ? "**\(text)**" : text) + "\n"
    }
}
