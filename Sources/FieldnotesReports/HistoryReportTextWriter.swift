import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport

/// `history` as text, for a terminal: a header per account, then one line per event (date,
/// commit, `!` for a slip, what happened), wrapped to 80 columns.
package enum HistoryReportTextWriter {
    package static func text(_ report: HistoryReport) -> String {
        var out = notes(report.notices)
        if let since = report.since { out += "History since \(since)\n" }
        let events = report.accounts.map(\.events.count).reduce(0, +)
        let slips = report.accounts.map { $0.events.filter(\.kind.isSlip).count }.reduce(0, +)
        if report.accounts.isEmpty {
            out += report.since == nil ? "No history yet.\n" : "No events since \(report.since!).\n"
            return TerminalText.escapedKeepingLines(out)
        }
        if slips > 0 { out += legend + "\n" }
        // "work tree" takes two more columns than a commit: only when the work tree has events.
        let width = report.accounts.contains { $0.events.contains { $0.commit == nil } } ? 9 : 7
        // Each account's lines on every core: a year of history is tens of thousands of lines.
        let accounts = report.accounts
        let blocks = Batch.map(accounts.count) { i -> String in
            var block = "\n" + TerminalText.escaped("\(accounts[i].name) (\(accounts[i].path))") + "\n"
            for event in accounts[i].events { block += line(event, commitWidth: width) }
            return block
        }
        for block in blocks { out += block }
        out +=
            "\n" + counted(report.accounts.count, "account") + ", " + counted(events, "event") + ", "
            + counted(slips, "slip") + "\n"
        return TerminalText.escapedKeepingLines(out)
    }

    /// Says what `!` marks, once above the events.
    package static let legend =
        "! marks a slip: a move against the deal"

    /// The notices, as `note:` lines, then a blank line.
    package static func notes(_ notices: [String]) -> String {
        notices.isEmpty ? "" : notices.map { "note: \(TerminalText.escaped($0))\n" }.joined() + "\n"
    }

    /// "3 events", "1 event".
    package static func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// One event: `  2026-10-10  abc1234  ! stage: proposal → solution (back)`, its text wrapped
    /// under itself. With a `commitWidth` of 0, the commit column is left out.
    package static func line(_ event: HistoryEvent, commitWidth: Int) -> String {
        var head = "  " + (event.date.map { "\($0)" } ?? "not dated ") + "  "
        if commitWidth > 0 { head += pad(shortCommit(event.commit), commitWidth) + "  " }
        head += event.kind.isSlip ? "! " : "  "
        // The head is ASCII: a column a byte.
        let width = max(20, 80 - head.utf8.count)
        let lines = TextWrap.lines(
            TerminalText.escaped(event.text), width: width, measure: TextRenderer.displayWidth)
        guard lines.count > 1 else { return head + (lines.first ?? "") + "\n" }
        let indent = String(repeating: " ", count: head.utf8.count)
        return head + lines.joined(separator: "\n" + indent) + "\n"
    }

    /// The commit as people read it ("abc1234"), or "work tree".
    package static func shortCommit(_ commit: String?) -> String { commit.map { String($0.prefix(7)) } ?? "work tree" }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
