import FieldnotesCore
import FieldnotesSupport

/// The pipeline summary as Markdown (`summary --format markdown`): the open pipeline, the closed
/// deals, the totals, and the coverage matrix.
package enum SummaryMarkdownWriter {
    package static func markdown(_ doc: SummaryDocument) -> String {
        var out = ""
        markdown(doc) { out += $0 }
        return out
    }

    /// The Markdown, part by part to `write` (each part ends a line, and is escaped alone): the
    /// page of 50k accounts is never held whole.
    package static func markdown(_ doc: SummaryDocument, to write: (String) -> Void) {
        func put(_ part: String) { if !part.isEmpty { write(TerminalText.escapedKeepingLines(part)) } }
        put("# Pipeline summary\n\n" + doc.overview + "\n")
        guard !doc.rows.isEmpty else { return }
        if doc.by == .opportunity {
            put(deals("Open pipeline", doc.openDeals))
            put(deals("Closed", doc.closedDeals))
        } else {
            put(section("Open pipeline", doc.openRows, closed: false))
            put(section("Closed", doc.closedRows, closed: true))
        }
        if let movement = doc.movement { put(self.movement(movement)) }
        if !doc.stages.isEmpty {
            put(totals(doc, "By stage", "Stage", doc.stages) + totals(doc, "By owner", "Owner", doc.owners))
        }
        if doc.by == .account { put(coverage(doc)) }
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.map(MarkdownText.inline).joined(separator: " | ") + " |\n"
    }

    private static func header(_ cells: [String]) -> String {
        row(cells) + "|" + String(repeating: "---|", count: cells.count) + "\n"
    }

    /// A table of accounts, then each one's position, next step and opportunities.
    private static func section(_ title: String, _ rows: ArraySlice<SummaryDocument.Row>, closed: Bool) -> String {
        guard !rows.isEmpty else { return "" }
        var out = "\n## \(title)\n\n"
        let risks = SummaryDocument.showsRisks(rows, closed: closed)
        let days = SummaryDocument.showsDaysInStage(rows)
        out += header(
            ["Account", "Owner", "Stage"] + (days ? ["In stage"] : [])
                + ["Open value", "Decision", "Next meeting", "Coverage"] + (risks ? ["Risks"] : []))
        // Each account's line and paragraph written on every core, in order.
        let written = Batch.map(rows.count) { [rows] k -> (line: String, paragraph: String) in
            let r = rows[rows.startIndex + k]
            let a = r.account
            let line = row(
                [r.label, a.owner ?? "", a.stage?.label ?? ""] + (days ? [SummaryDocument.daysInStage(r)] : [])
                    + [Money.text(r.value), starred(r.decisionText), r.nextMeeting.map { "\($0)" } ?? "", a.coverage]
                    + (risks ? [r.riskText] : []))
            return (line, paragraph(r))
        }
        for w in written { out += w.line }
        if risks && rows.contains(where: { $0.risks?.contains(where: \.isCritical) == true }) {
            out += "\nFlags in bold are critical: the account is at risk.\n"
        }
        if rows.contains(where: { $0.decision?.fromOpportunity == true }) {
            out += "\n\\* The earliest decision date of the account's open opportunities: the account gives none.\n"
        }
        out += "\n### Next steps and opportunities\n\n"
        for w in written { out += w.paragraph }
        return out
    }

    /// An account's position, next step and opportunities, as a list item.
    private static func paragraph(_ r: SummaryDocument.Row) -> String {
        var out = "- **\(MarkdownText.inline(r.name))**"
        if let position = r.ourPosition { out += " (our position: \(MarkdownText.inline(position.spaced)))" }
        out += ": " + (r.nextStep.map(MarkdownText.inline) ?? "_no next step agreed_") + "\n"
        for o in r.opportunities {
            out += "  - \(MarkdownText.inline(o.name)): " + o.facts.map(MarkdownText.inline).joined(separator: ", ")
            out += o.nextStep.map { " — next step: " + MarkdownText.inline($0) } ?? ""
            out += "\n"
        }
        return out
    }

    /// What moved since the day: a table of date, account and event.
    private static func movement(_ movement: SummaryMovement) -> String {
        var out = "\n## \(movement.title)\n\n"
        guard !movement.items.isEmpty else { return out + SummaryMovement.nothing + "\n" }
        out += header(["Date", "Account", "What"])
        for item in movement.items {
            // A slip in bold: the markers around the escaped text, not escaped themselves.
            let what = MarkdownText.inline(item.event.text)
            out +=
                "| " + [SummaryMovement.dateText(item), item.account].map(MarkdownText.inline).joined(separator: " | ")
                + " | " + (item.event.kind.isSlip ? "**\(what)**" : what) + " |\n"
        }
        return out
    }

    /// `--by opportunity`: a table of opportunities with their next steps.
    private static func deals(_ title: String, _ deals: ArraySlice<SummaryOpportunity>) -> String {
        guard !deals.isEmpty else { return "" }
        var out = "\n## \(title)\n\n"
        out += header(["Account", "Owner", "Opportunity", "Stage", "Value", "Decision", "Next step"])
        for o in deals {
            out += row([
                o.account.name, o.account.owner ?? "", o.name, o.stage?.label ?? "", o.valueText,
                starred(o.decisionText),
                o.nextStep ?? "",
            ])
        }
        if deals.contains(where: { $0.decisionDate == nil && $0.decision != nil }) {
            out += "\n\\* The account's decision date: the opportunity gives none.\n"
        }
        return out
    }

    private static func totals(
        _ doc: SummaryDocument, _ title: String, _ column: String, _ totals: [SummaryDocument.Total]
    ) -> String {
        var out = "\n## \(title)\n\n"
        if doc.by == .opportunity {
            out += header([column, "Opportunities", "Open value"])
            for t in totals { out += row([t.label, "\(t.opportunities)", Money.text(t.value)]) }
            return out
        }
        out += header([column, "Accounts", "Open questions", "Accounts at risk", "Open value"])
        for t in totals { out += row([t.label, "\(t.accounts)", "\(t.open)", "\(t.atRisk)", Money.text(t.value)]) }
        return out
    }

    private static func coverage(_ doc: SummaryDocument) -> String {
        var out = "\n## Coverage by category\n\nAnswered / due at each account's stage.\n\n"
        out += header(["Account"] + doc.categories)
        let rows = doc.rows
        let lines = Batch.map(rows.count) { k in
            row([rows[k].name] + rows[k].account.categories.map { SummaryDocument.cell($0.due, $0.answered) })
        }
        for line in lines { out += line }
        return out
    }

    /// A decision date with its star escaped for Markdown ("2027-01-15\\*"); most have none.
    static func starred(_ text: String) -> String {
        text.hasSuffix("*") ? String(text.dropLast()) + "\\*" : text
    }
}
