import FieldnotesCore
import FieldnotesSupport

/// The pipeline summary as aligned text tables, for a terminal (`summary --format text`).
package enum SummaryTextWriter {
    package static func text(_ doc: SummaryDocument) -> String {
        guard !doc.rows.isEmpty else { return doc.overview + "\n" }
        var out = table(
            ["ACCOUNT", "OWNER", "STAGE", "COVERAGE", "OPEN", "LAST CONTACT", "NEXT MEETING", "RISKS"],
            doc.rows.map { row in
                let a = row.account
                return [
                    row.label, a.owner ?? "", a.stage?.rawValue ?? "", a.coverage, "\(row.open)",
                    a.lastContact.map { "\($0)" } ?? "", row.nextMeeting.map { "\($0)" } ?? "", row.riskText,
                ]
            })
        out += "\n" + doc.overview + "\n"
        func totals(_ title: String, _ totals: [SummaryDocument.Total]) -> String {
            "\n"
                + table(
                    [title, "ACCOUNTS", "OPEN", "AT RISK"],
                    totals.map { [$0.name, "\($0.accounts)", "\($0.open)", "\($0.atRisk)"] })
        }
        out += totals("STAGE", doc.stages)
        out += totals("OWNER", doc.owners)
        out += "\nCoverage by category (answered/due):\n"
        out += table(
            ["ACCOUNT"] + doc.categories.map { $0.uppercased() },
            doc.rows.map { row in
                [row.name] + row.account.categories.map { SummaryDocument.cell($0.due, $0.answered) }
            })
        return TerminalText.escapedKeepingLines(out)
    }

    /// Columns aligned by display width; a cell holds one line: a line break or a control
    /// character from the notes is shown escaped.
    package static func table(_ header: [String], _ rows: [[String]]) -> String {
        let rows = rows.map { $0.map(TerminalText.escaped) }
        var widths = header.map { TextRenderer.displayWidth($0) }
        for row in rows {
            for (i, c) in row.enumerated() { widths[i] = max(widths[i], TextRenderer.displayWidth(c)) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                parts.append(
                    i == cells.count - 1
                        ? c : c + String(repeating: " ", count: widths[i] - TextRenderer.displayWidth(c)))
            }
            var s = parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s + "\n"
        }
        return line(header) + rows.map(line).joined()
    }
}
