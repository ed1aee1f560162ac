import FieldnotesCore
import FieldnotesSupport

/// The pipeline page: the open pipeline with each account's value, decision date, next step,
/// opportunities and risks; the closed deals; with the history, what moved since a day; totals per
/// stage and owner; and a coverage heatmap, as one self-contained HTML page.
package enum SummaryHTMLWriter {
    /// - Parameter brief: where each account's HTML brief is, relative to the page (nil: no links).
    package static func page(_ doc: SummaryDocument, brief: (AccountFacts) -> String?, mark: String?) -> String {
        let e = HTML.escape
        func name(_ account: AccountFacts, _ label: String) -> String {
            brief(account).map { "<a href=\"\(HTML.href($0))\">\(e(label))</a>" } ?? e(label)
        }
        var out = "<h1>Pipeline</h1>\n<div class=\"meta\">\(e(doc.overview))</div>\n"
        if doc.by == .account && doc.rows.contains(where: { $0.risks?.isEmpty == false }) {
            out += "<p class=\"legend\">Risk flags: <span class=\"badge critical\">critical</span> the account is "
            out +=
                "at risk; <span class=\"badge warning\">warning</span> worth a look. Hover over a flag for why.</p>\n"
        }
        if doc.by == .opportunity {
            out += SummaryHTMLDeals.table("Open pipeline", doc.openDeals, name: name)
            out += SummaryHTMLDeals.table("Closed", doc.closedDeals, name: name)
        } else {
            out += accounts("Open pipeline", doc.openRows, closed: false, name: name)
            out += accounts("Closed", doc.closedRows, closed: true, name: name)
        }
        if let movement = doc.movement { out += self.movement(movement) }
        if !doc.stages.isEmpty {
            out += totals(doc, "By stage", "Stage", doc.stages) + totals(doc, "By owner", "Owner", doc.owners)
        }
        if doc.by == .account { heatmap(doc, name: name, &out) }
        return HTML.page(title: "Pipeline", mark: mark, body: out)
    }

    /// Amounts one per line: "140,000 EUR<br>158,500 USD".
    static func money(_ amounts: [Money]) -> String { amounts.map { HTML.escape($0.text) }.joined(separator: "<br>") }

    /// A table of accounts, each followed by a row per opportunity.
    private static func accounts(
        _ title: String, _ rows: ArraySlice<SummaryDocument.Row>, closed: Bool,
        name: (AccountFacts, String) -> String
    ) -> String {
        guard !rows.isEmpty else { return "" }
        let e = HTML.escape
        let risks = SummaryDocument.showsRisks(rows, closed: closed)
        let days = SummaryDocument.showsDaysInStage(rows)
        var out =
            "<h2>\(e(title))</h2>\n<table class=\"pipeline\"><tr><th>Account</th><th>Owner</th><th>Stage</th>"
            + (days ? "<th class=\"num\">In stage</th>" : "") + "<th class=\"num\">Open value</th>"
            + "<th>Decision</th><th>Next meeting</th><th>Next step</th>"
            + "<th>Coverage</th>" + (risks ? "<th>Risks</th>" : "") + "</tr>\n"
        for row in rows {
            let a = row.account
            out += "<tr class=\"account\"><td><b>\(name(a, row.label))</b>"
            if let position = row.ourPosition { out += "<small>our position: \(e(position.spaced))</small>" }
            out +=
                "</td><td>\(e(a.owner ?? ""))</td><td class=\"nowrap\">\(e(a.stage?.label ?? ""))</td>"
                + (days ? "<td class=\"num nowrap\">\(e(SummaryDocument.daysInStage(row)))</td>" : "")
                + "<td class=\"num\">\(money(row.value))</td><td class=\"date\">\(e(row.decisionText))</td>"
                + "<td class=\"date\">\(e(row.nextMeeting.map { "\($0)" } ?? ""))</td>"
                + "<td>\(row.nextStep.map(e) ?? "<span class=\"note\">none agreed</span>")</td>"
                + "<td>\(e(a.coverage))</td>" + (risks ? "<td>\(badges(row.risks))</td>" : "") + "</tr>\n"
            for o in row.opportunities {
                out +=
                    "<tr class=\"opp\"><td colspan=\"2\">\(e(o.name))</td><td class=\"nowrap\">\(e(o.stage?.label ?? ""))</td>"
                    + (days ? "<td></td>" : "") + "<td class=\"num\">\(e(o.valueText))</td>"
                    + "<td class=\"date\">\(e(o.decisionDate.map { "\($0)" } ?? ""))</td><td></td>"
                    + "<td>\(e(o.nextStep ?? ""))</td><td colspan=\"\(risks ? 2 : 1)\"></td></tr>\n"
            }
        }
        out += "</table>\n"
        if rows.contains(where: { $0.decision?.fromOpportunity == true }) {
            out += "<p class=\"legend\">* the earliest decision date of the account's open opportunities "
            out += "(the account gives none)</p>\n"
        }
        return out
    }

    /// What moved since the day: a table of date, account and event, slips marked.
    private static func movement(_ movement: SummaryMovement) -> String {
        let e = HTML.escape
        var out = "<h2>\(e(movement.title))</h2>\n"
        guard !movement.items.isEmpty else { return out + "<p class=\"note\">\(e(SummaryMovement.nothing))</p>\n" }
        out += "<table class=\"movement\"><tr><th>Date</th><th>Account</th><th>What</th></tr>\n"
        for item in movement.items {
            let slip = item.event.kind.isSlip ? " <span class=\"badge warning\">slip</span>" : ""
            out +=
                "<tr><td class=\"date\">\(e(SummaryMovement.dateText(item)))</td><td>\(e(item.account))</td>"
                + "<td>\(e(item.event.text))\(slip)</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// Risk badges, with why each matters on hover.
    private static func badges(_ risks: [Risk]?) -> String {
        guard let risks else { return "<span class=\"badge\">stage unknown</span>" }
        return risks.map(HTML.badge).joined()
    }

    /// Totals per stage or owner.
    private static func totals(
        _ doc: SummaryDocument, _ title: String, _ column: String, _ totals: [SummaryDocument.Total]
    ) -> String {
        let e = HTML.escape
        var out = "<h2>\(e(title))</h2>\n<table class=\"totals\"><tr><th>\(e(column))</th>"
        if doc.by == .opportunity {
            out += "<th class=\"num\">Opportunities</th><th class=\"num\">Open value</th></tr>\n"
            for t in totals {
                out +=
                    "<tr><td>\(e(t.label))</td><td class=\"num\">\(t.opportunities)</td>"
                    + "<td class=\"num\">\(money(t.value))</td></tr>\n"
            }
        } else {
            out +=
                "<th class=\"num\">Accounts</th><th class=\"num\">Open questions</th><th class=\"num\">At risk</th>"
                + "<th class=\"num\">Open value</th></tr>\n"
            for t in totals {
                out +=
                    "<tr><td>\(e(t.label))</td><td class=\"num\">\(t.accounts)</td><td class=\"num\">\(t.open)</td>"
                    + "<td class=\"num\">\(t.atRisk)</td><td class=\"num\">\(money(t.value))</td></tr>\n"
            }
        }
        return out + "</table>\n"
    }

    /// The heatmap: accounts × checklist categories, shaded by the share of due questions answered.
    private static func heatmap(_ doc: SummaryDocument, name: (AccountFacts, String) -> String, _ out: inout String) {
        let e = HTML.escape
        out +=
            "<h2>Coverage by category</h2>\n"
            + "<p class=\"legend\">Questions answered of those due at each account's stage."
        out +=
            "<i style=\"\(HTML.heat(0, 1))\"></i>none<i style=\"\(HTML.heat(1, 2))\"></i>half"
            + "<i style=\"\(HTML.heat(1, 1))\"></i>all</p>\n"
        out +=
            "<table class=\"heat\"><tr><th>Account</th>" + doc.categories.map { "<th>\(e($0))</th>" }.joined()
            + "</tr>\n"
        for row in doc.rows {
            out += "<tr><td>\(name(row.account, row.label))</td>"
            for c in row.account.categories {
                out +=
                    c.due == 0
                    ? "<td class=\"c na\">–</td>"
                    : "<td class=\"c\" style=\"\(HTML.heat(c.answered, c.due))\">\(c.answered)/\(c.due)</td>"
            }
            out += "</tr>\n"
        }
        out += "</table>\n"
    }
}

/// `--by opportunity` on the pipeline page: a table of opportunities.
enum SummaryHTMLDeals {
    static func table(
        _ title: String, _ deals: ArraySlice<SummaryOpportunity>, name: (AccountFacts, String) -> String
    ) -> String {
        guard !deals.isEmpty else { return "" }
        let e = HTML.escape
        var out =
            "<h2>\(e(title))</h2>\n<table class=\"pipeline\"><tr><th>Account</th><th>Owner</th><th>Opportunity</th>"
            + "<th>Stage</th><th class=\"num\">Value</th><th>Decision</th><th>Next step</th></tr>\n"
        for o in deals {
            out +=
                "<tr><td>\(name(o.account, o.account.name))</td><td>\(e(o.account.owner ?? ""))</td>"
                + "<td><b>\(e(o.name))</b></td><td class=\"nowrap\">\(e(o.stage?.label ?? ""))</td>"
                + "<td class=\"num\">\(e(o.valueText))</td><td class=\"date\">\(e(o.decisionText))</td>"
                + "<td>\(e(o.nextStep ?? ""))</td></tr>\n"
        }
        out += "</table>\n"
        if deals.contains(where: { $0.decisionDate == nil && $0.decision != nil }) {
            out += "<p class=\"legend\">* the account's decision date (the opportunity gives none)</p>\n"
        }
        return out
    }
}
