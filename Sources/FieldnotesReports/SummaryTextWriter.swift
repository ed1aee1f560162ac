import FieldnotesCore
import FieldnotesSupport

/// The pipeline summary as aligned text tables, for a terminal (`summary --format text`): the open
/// pipeline, then the closed deals, each table followed by the next steps and opportunities, then
/// the totals and the coverage matrix. Lines stay within about 110 columns for usual names.
package enum SummaryTextWriter {
    /// Where the next steps are wrapped.
    static let width = 100

    package static func text(_ doc: SummaryDocument) -> String {
        var out = ""
        text(doc) { out += $0 }
        return out
    }

    /// The text, part by part to `write` (each part ends a line, and is escaped alone): the
    /// tables of 50k accounts are never held whole at once.
    package static func text(_ doc: SummaryDocument, to write: (String) -> Void) {
        func put(_ part: String) { if !part.isEmpty { write(TerminalText.escapedKeepingLines(part)) } }
        guard !doc.rows.isEmpty else { return write(doc.overview + "\n") }
        put(doc.overview + "\n")
        if doc.by == .opportunity {
            put(SummaryTextDeals.section("Open pipeline", doc.openDeals))
            put(SummaryTextDeals.section("Closed", doc.closedDeals))
        } else {
            put(section("Open pipeline", doc.openRows, closed: false))
            put(section("Closed", doc.closedRows, closed: true))
        }
        if let movement = doc.movement { put(self.movement(movement)) }
        // No table of nothing (--by opportunity where no account lists one).
        if !doc.stages.isEmpty { put(totals(doc, "STAGE", doc.stages) + totals(doc, "OWNER", doc.owners)) }
        if doc.by == .account {
            put(
                "\nCoverage by category (answered/due):\n"
                    + table(
                        ["ACCOUNT"] + doc.categories.map { $0.uppercased() },
                        doc.rows.map { row in
                            [row.name] + row.account.categories.map { SummaryDocument.cell($0.due, $0.answered) }
                        }))
        }
    }

    /// A table of accounts, the legend of its decision dates, and their next steps and opportunities.
    private static func section(_ title: String, _ rows: ArraySlice<SummaryDocument.Row>, closed: Bool) -> String {
        guard !rows.isEmpty else { return "" }
        var header = ["ACCOUNT", "OWNER", "STAGE", "OPEN VALUE", "DECISION", "NEXT MEETING", "COVERAGE"]
        let days = SummaryDocument.showsDaysInStage(rows)
        if days { header.insert("IN STAGE", at: 3) }
        let risks = SummaryDocument.showsRisks(rows, closed: closed)
        if risks { header.append("RISKS") }
        var out = "\n\(title):\n"
        out += table(
            header,
            lines: rows.map { row in
                let a = row.account
                var cells = [
                    [row.label], [a.owner ?? ""], [a.stage?.label ?? ""], row.value.map(\.text), [row.decisionText],
                    [row.nextMeeting.map { "\($0)" } ?? ""], [a.coverage],
                ]
                if days { cells.insert([SummaryDocument.daysInStage(row)], at: 3) }
                if risks { cells.append(riskLines(row)) }
                return cells
            })
        if rows.contains(where: { $0.decision?.fromOpportunity == true }) {
            out += "* the earliest decision date of the account's open opportunities (the account gives none)\n"
        }
        out += "\n" + rows.map(details).joined()
        return out
    }

    /// What moved since the day: a table of date, account and event; `!` marks a slip.
    private static func movement(_ movement: SummaryMovement) -> String {
        let out = "\n\(movement.title):\n"
        guard !movement.items.isEmpty else { return out + SummaryMovement.nothing + "\n" }
        let slips = movement.items.contains { $0.event.kind.isSlip }
        return out
            + table(
                ["DATE", "ACCOUNT", "", "WHAT"],
                movement.items.map {
                    [SummaryMovement.dateText($0), $0.account, $0.event.kind.isSlip ? "!" : "", $0.event.text]
                }) + (slips ? "! marks a slip: a move against the deal\n" : "")
    }

    /// An account's position, next step and opportunities, indented under its name.
    private static func details(_ row: SummaryDocument.Row) -> String {
        var out = "  " + TerminalText.escaped(row.name)
        if let position = row.ourPosition { out += " · our position: " + TerminalText.escaped(position.spaced) }
        out += "\n" + wrapped("next step: " + (row.nextStep.map(TerminalText.escaped) ?? "none agreed"), indent: 4)
        for o in row.opportunities {
            out += wrapped("· " + TerminalText.escaped(o.name) + ": " + o.facts.joined(separator: ", "), indent: 4)
            if let step = o.nextStep { out += wrapped("next step: " + TerminalText.escaped(step), indent: 6) }
        }
        return out
    }

    /// One flag a line, so that the table stays narrow.
    private static func riskLines(_ row: SummaryDocument.Row) -> [String] {
        guard let risks = row.risks else { return ["(stage unknown)"] }
        return risks.enumerated().map {
            $1.flag.rawValue + ($1.isCritical ? " (critical)" : "") + ($0 < risks.count - 1 ? "," : "")
        }
    }

    /// Totals per stage or owner: accounts and open questions, or opportunities; and the open value.
    private static func totals(_ doc: SummaryDocument, _ title: String, _ totals: [SummaryDocument.Total]) -> String {
        if doc.by == .opportunity {
            return "\n"
                + table(
                    [title, "OPPORTUNITIES", "OPEN VALUE"],
                    lines: totals.map { [[$0.label], ["\($0.opportunities)"], $0.value.map(\.text)] })
        }
        return "\n"
            + table(
                [title, "ACCOUNTS", "OPEN QUESTIONS", "AT RISK", "OPEN VALUE"],
                lines: totals.map {
                    [[$0.label], ["\($0.accounts)"], ["\($0.open)"], ["\($0.atRisk)"], $0.value.map(\.text)]
                })
    }

    /// `text` on lines of at most `width` columns, each indented by `indent` and the following
    /// ones by two more.
    static func wrapped(_ text: String, indent: Int) -> String {
        TextWrap.lines(text, width: width - indent).enumerated().map {
            String(repeating: " ", count: $0 == 0 ? indent : indent + 2) + $1 + "\n"
        }.joined()
    }

    /// Columns aligned by display width; a cell holds one line: a line break or a control
    /// character from the notes is shown escaped.
    package static func table(_ header: [String], _ rows: [[String]]) -> String {
        table(header, lines: rows.map { $0.map { [$0] } })
    }

    /// Columns aligned by display width; a cell may hold several lines (values in several
    /// currencies, risk flags), each escaped.
    package static func table(_ header: [String], lines rows: [[[String]]]) -> String {
        let rows = rows.map { $0.map { $0.map(TerminalText.escaped) } }
        var widths = header.map { TextRenderer.displayWidth($0) }
        for row in rows {
            for (i, cell) in row.enumerated() {
                for c in cell { widths[i] = max(widths[i], TextRenderer.displayWidth(c)) }
            }
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
        var out = line(header)
        for row in rows {
            let height = row.map(\.count).max() ?? 1
            for k in 0..<max(height, 1) { out += line(row.map { k < $0.count ? $0[k] : "" }) }
        }
        return out
    }
}

/// `--by opportunity` in text: a table of opportunities and their next steps.
enum SummaryTextDeals {
    static func section(_ title: String, _ deals: ArraySlice<SummaryOpportunity>) -> String {
        guard !deals.isEmpty else { return "" }
        var out = "\n\(title):\n"
        out += SummaryTextWriter.table(
            ["ACCOUNT", "OWNER", "OPPORTUNITY", "STAGE", "VALUE", "DECISION"],
            deals.map { o in
                [o.account.name, o.account.owner ?? "", o.name, o.stage?.label ?? "", o.valueText, o.decisionText]
            })
        if deals.contains(where: { $0.decisionDate == nil && $0.decision != nil }) {
            out += "* the account's decision date (the opportunity gives none)\n"
        }
        let steps = deals.filter { $0.nextStep != nil }
        guard !steps.isEmpty else { return out }
        out += "\nNext steps:\n"
        for o in steps {
            out += SummaryTextWriter.wrapped(
                TerminalText.escaped(o.name) + " (" + TerminalText.escaped(o.account.name) + "): "
                    + TerminalText.escaped(o.nextStep ?? ""), indent: 2)
        }
        return out
    }
}

extension SummaryOpportunity {
    /// Its stage, value and decision date, as a page lists them ("Solution", "120,000 USD",
    /// "decision 2027-01-15"): those the notes give.
    package var facts: [String] {
        [stage?.label, value == nil ? nil : valueText, decisionDate.map { "decision \($0)" }].compactMap { $0 }
    }

    /// The decision date as a cell says it, with `*` when it is the account's.
    package var decisionText: String {
        decision.map { "\($0)" + (decisionDate == nil ? "*" : "") } ?? ""
    }
}

extension String {
    /// An allowed value as words: "data_point" → "data point".
    var spaced: String { Words.spaced(self) }
}
