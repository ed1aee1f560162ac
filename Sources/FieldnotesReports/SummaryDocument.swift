import FieldnotesCore
import FieldnotesSupport

/// What the pipeline summary says, as data: the one model its text, Markdown, JSON and HTML
/// writers read, so that every format lists the same accounts, risks and totals.
package struct SummaryDocument: Sendable {
    /// One account's row.
    package struct Row: Sendable {
        package var account: AccountFacts
        package var name: String { account.name }
        /// The name, with how many errors the notes have when they have some.
        package var label: String
        package var owner: String? { account.owner }
        package var stage: Stage? { account.stage }
        package var open: Int { account.open.count }
        package var nextMeeting: Day?
        /// The risks flagged; nil when they could not be evaluated (no valid stage).
        package var risks: [RiskFlag]?
        /// The risks as a cell says them ("(stage unknown)" when not evaluated).
        package var riskText: String {
            risks.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "(stage unknown)"
        }
    }

    /// Accounts, open questions and accounts at risk for one stage or one owner.
    package struct Total: Sendable {
        /// The stage or owner as shown: "(no stage)", "(no owner)" for accounts without one.
        package var name: String
        /// Whether the accounts have that stage or owner (false for "(no stage)", "(no owner)").
        package var known: Bool
        package var accounts = 0
        package var open = 0
        /// Accounts with at least one risk flag.
        package var atRisk = 0
    }

    /// Sorted by stage, then account, then path.
    package var rows: [Row]
    package var stages: [Total]
    package var owners: [Total]
    /// The checklist's categories, the columns of the coverage matrix.
    package var categories: [String]

    /// "3 accounts, 12 open questions, 2 at risk."
    package var overview: String {
        let open = rows.reduce(0) { $0 + $1.open }, atRisk = rows.filter { $0.risks?.isEmpty == false }.count
        return "\(rows.count) \(rows.count == 1 ? "account" : "accounts"), \(open) open questions, \(atRisk) at risk."
    }

    /// A coverage cell: "answered/due", or a dash when nothing is due.
    package static func cell(_ due: Int, _ answered: Int) -> String { due == 0 ? "–" : "\(answered)/\(due)" }

    package init(_ summary: Summary) {
        rows = summary.accounts.map { a in
            Row(
                account: a,
                label: a.errorCount > 0
                    ? "\(a.name) (\(a.errorCount) \(a.errorCount == 1 ? "error" : "errors"))" : a.name,
                nextMeeting: a.report.fields.nextMeeting?.value, risks: a.risksKnown ? a.risks : nil)
        }
        stages = Self.totals(
            summary.accounts, by: { $0.stage?.rawValue }, none: "(no stage)", order: Stage.allCases.map(\.rawValue))
        owners = Self.totals(summary.accounts, by: { $0.owner }, none: "(no owner)", order: [])
        categories = summary.checklist.categories
    }

    /// Totals by `key`: those of `order` first, in that order, then the others sorted by name.
    package static func totals(
        _ accounts: [AccountFacts], by key: (AccountFacts) -> String?, none: String, order: [String]
    ) -> [Total] {
        var map: [String: Total] = [:]
        for a in accounts {
            let value = key(a)
            let k = value ?? none
            var t = map[k] ?? Total(name: k, known: value != nil)
            t.accounts += 1
            t.open += a.open.count
            t.atRisk += a.risks.isEmpty ? 0 : 1
            map[k] = t
        }
        return order.compactMap { map[$0] } + map.keys.filter { !order.contains($0) }.sorted().map { map[$0]! }
    }
}
