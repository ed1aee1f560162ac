import FieldnotesCore
import FieldnotesSupport

/// The pipeline page: accounts by stage with their risk flags, a coverage heatmap, and the
/// recent changes, as one self-contained HTML page.
package enum SummaryHTMLWriter {
    /// - Parameters:
    ///   - brief: where each account's HTML brief is, relative to the page (nil: no links).
    ///   - changes: what changed recently, when known.
    package static func page(
        _ doc: SummaryDocument, brief: (AccountFacts) -> String?, changes: ChangesReport?, mark: String?
    ) -> String {
        let e = HTML.escape
        func name(_ row: SummaryDocument.Row) -> String {
            let label = e(row.label)
            return brief(row.account).map { "<a href=\"\(HTML.href($0))\">\(label)</a>" } ?? label
        }
        var out = "<h1>Pipeline</h1>\n<div class=\"meta\">\(e(doc.overview))</div>\n"
        board(doc, name: name, &out)
        heatmap(doc, name: name, &out)
        owners(doc, &out)
        if let changes { out += ChangesHTMLWriter.section(changes) }
        return HTML.page(title: "Pipeline", mark: mark, body: out)
    }

    /// The board: one column per stage that has accounts, a card per account with its risks.
    private static func board(_ doc: SummaryDocument, name: (SummaryDocument.Row) -> String, _ out: inout String) {
        let e = HTML.escape
        out += "<h2>Accounts by stage</h2>\n<div class=\"board\">\n"
        // Accounts without a valid stage last, in a column of their own.
        let stages: [Stage?] = Stage.allCases.map { $0 } + [nil]
        for stage in stages {
            let inStage = doc.rows.filter { $0.stage == stage }
            guard !inStage.isEmpty else { continue }
            out += "<div class=\"stage\"><h3>\(e(stage?.rawValue ?? "(no stage)")) · \(inStage.count)</h3>\n"
            for row in inStage {
                out +=
                    "<div class=\"card\"><b>\(name(row))</b><small>\(e(row.owner ?? "no owner")) · "
                    + "\(row.account.answered)/\(row.account.due) answered</small>"
                if let risks = row.risks {
                    out += risks.map {
                        "<span class=\"badge\" title=\"\(e($0.explanation))\">\(e($0.rawValue))</span>"
                    }.joined()
                } else {
                    out += "<span class=\"badge\">stage unknown</span>"
                }
                out += "</div>\n"
            }
            out += "</div>\n"
        }
        out += "</div>\n"
    }

    /// The heatmap: accounts × checklist categories, shaded by the share of due questions answered.
    private static func heatmap(_ doc: SummaryDocument, name: (SummaryDocument.Row) -> String, _ out: inout String) {
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
            out += "<tr><td>\(name(row))</td>"
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

    /// Totals per owner.
    private static func owners(_ doc: SummaryDocument, _ out: inout String) {
        let e = HTML.escape
        out +=
            "<h2>By owner</h2>\n"
            + "<table><tr><th>Owner</th><th>Accounts</th><th>Open questions</th><th>At risk</th></tr>\n"
        for t in doc.owners {
            out += "<tr><td>\(e(t.name))</td><td>\(t.accounts)</td><td>\(t.open)</td><td>\(t.atRisk)</td></tr>\n"
        }
        out += "</table>\n"
    }
}
