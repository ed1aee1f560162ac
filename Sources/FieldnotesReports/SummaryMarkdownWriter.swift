import FieldnotesCore
import FieldnotesSupport

/// The pipeline summary as Markdown (`summary --format markdown`).
package enum SummaryMarkdownWriter {
    package static func markdown(_ doc: SummaryDocument) -> String {
        var out = "# Pipeline summary\n\n" + doc.overview + "\n"
        guard !doc.rows.isEmpty else { return out }
        out += "\n"
        out +=
            "| Account | Owner | Stage | Coverage | Open | Last contact | Next meeting | Risks |\n"
            + "|---|---|---|---|---|---|---|---|\n"
        for row in doc.rows {
            let a = row.account
            let cells = [
                row.label, a.owner ?? "", a.stage?.rawValue ?? "", a.coverage, "\(row.open)",
                a.lastContact.map { "\($0)" } ?? "", row.nextMeeting.map { "\($0)" } ?? "", row.riskText,
            ]
            out += "| " + cells.map(MarkdownText.inline).joined(separator: " | ") + " |\n"
        }
        out += "\n## By stage\n\n| Stage | Accounts | Open questions | Accounts at risk |\n|---|---|---|---|\n"
        for t in doc.stages { out += "| \(t.name) | \(t.accounts) | \(t.open) | \(t.atRisk) |\n" }
        out += "\n## By owner\n\n| Owner | Accounts | Open questions | Accounts at risk |\n|---|---|---|---|\n"
        for t in doc.owners { out += "| \(MarkdownText.inline(t.name)) | \(t.accounts) | \(t.open) | \(t.atRisk) |\n" }
        out += "\n## Coverage by category\n\nAnswered / due at each account's stage.\n\n"
        out += "| Account | " + doc.categories.map(MarkdownText.inline).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---|", count: doc.categories.count) + "\n"
        for row in doc.rows {
            out +=
                "| \(MarkdownText.inline(row.name)) | "
                + row.account.categories.map { SummaryDocument.cell($0.due, $0.answered) }.joined(separator: " | ")
                + " |\n"
        }
        return TerminalText.escapedKeepingLines(out)
    }
}
