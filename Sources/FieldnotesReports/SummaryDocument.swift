import FieldnotesCore
import FieldnotesSupport

/// What the pipeline summary says, as data: the one model its text, Markdown, JSON and HTML
/// writers read, so that every format lists the same accounts, values, dates, risks and totals.
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
        package var risks: [Risk]?
        /// Its opportunities, in the order of the notes.
        package var opportunities: [SummaryOpportunity]
        /// The open value per currency.
        package var value: [Money] { account.openValue }
        /// The account's own `decision_date`.
        package var decisionDate: Day? { account.report.fields.decisionDate?.value }
        /// The date the review goes by: the account's, else its open opportunities' earliest.
        package var decision: (day: Day, fromOpportunity: Bool)?
        package var nextStep: String? { account.report.fields.nextStep?.value }
        package var ourPosition: String? { account.report.fields.ourPosition?.value }
        /// The risks as a Markdown cell says them: critical ones in bold ("(stage unknown)" when
        /// not evaluated). Flag ids are plain ASCII: nothing to escape.
        package var riskText: String {
            risks.map {
                $0.map { $0.isCritical ? "**\($0.flag.rawValue)**" : $0.flag.rawValue }.joined(separator: ", ")
            }
                ?? "(stage unknown)"
        }
        /// Whether a critical flag is raised.
        package var isAtRisk: Bool { account.isAtRisk }
        /// The decision date as a cell says it: "2027-01-15", with `*` when it is an opportunity's.
        package var decisionText: String { decision.map { "\($0.day)" + ($0.fromOpportunity ? "*" : "") } ?? "" }
    }

    /// Accounts (or opportunities), open questions, accounts at risk and open value for one stage or owner.
    package struct Total: Sendable {
        /// The stage id or owner: "(no stage)", "(no owner)" for accounts without one.
        package var name: String
        /// Whether the accounts have that stage or owner (false for "(no stage)", "(no owner)").
        package var known: Bool
        package var accounts = 0
        package var opportunities = 0
        package var open = 0
        /// Accounts with at least one risk flag.
        package var atRisk = 0
        /// The open value per currency.
        package var value: [Money] = []
        /// The name as a page shows it: a stage's label ("Closed – won"); an owner as written.
        package var label: String
    }

    /// What the rows are: accounts, or opportunities (`--by opportunity`).
    package var by: SummaryRows
    /// In the summary's order, the open accounts before the closed ones.
    package var rows: [Row]
    /// With `--by opportunity`, every opportunity in the summary's order, the open ones first.
    package var deals: [SummaryOpportunity]
    /// Per stage and per owner: accounts, or opportunities with `--by opportunity` (their own stage).
    package var stages: [Total]
    package var owners: [Total]
    /// The checklist's categories, the columns of the coverage matrix.
    package var categories: [String]
    /// The open value of every account, per currency.
    package var value: [Money]
    /// What moved since a day, from the history, when asked for.
    package var movement: SummaryMovement?

    /// Whether a table of these rows has an "in stage" column: when the days at the stage of
    /// one of them are known (history and --as-of).
    package static func showsDaysInStage(_ rows: ArraySlice<Row>) -> Bool {
        rows.contains { $0.account.daysInStage != nil }
    }

    /// Days at the stage as a cell says them: "51 d", empty when not known.
    package static func daysInStage(_ row: Row) -> String { row.account.daysInStage.map { "\($0) d" } ?? "" }

    package var openRows: ArraySlice<Row> { rows.prefix { !$0.account.isClosed } }
    package var closedRows: ArraySlice<Row> { rows.drop { !$0.account.isClosed } }
    package var openDeals: ArraySlice<SummaryOpportunity> { deals.prefix(while: \.isOpen) }
    package var closedDeals: ArraySlice<SummaryOpportunity> { deals.drop(while: \.isOpen) }

    /// "3 accounts, 12 open questions, 2 at risk. Open value: 243,500 USD · 140,000 EUR."
    package var overview: String {
        let worth = value.isEmpty ? "" : " Open value: \(Money.text(value))."
        if by == .opportunity {
            let without = rows.filter(\.opportunities.isEmpty).count
            return "\(count(deals.count, "opportunity", "opportunities")) in \(count(rows.count, "account")), "
                + "\(openDeals.count) open.\(worth)"
                + (without == 0 ? "" : " \(count(without, "account")) \(without == 1 ? "lists" : "list") none.")
        }
        let open = rows.reduce(0) { $0 + $1.open }, atRisk = rows.filter(\.isAtRisk).count
        return "\(count(rows.count, "account")), \(open) open questions, \(atRisk) at risk.\(worth)"
    }

    private func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        "\(n) \(n == 1 ? one : many ?? one + "s")"
    }

    /// Whether a table of these rows has a risks column: always for the open pipeline; for the
    /// closed deals, when a won account with work still open has a flag.
    package static func showsRisks(_ rows: ArraySlice<Row>, closed: Bool) -> Bool {
        !closed || rows.contains { $0.risks?.isEmpty == false }
    }

    /// A coverage cell: "answered/due", or a dash when nothing is due.
    package static func cell(_ due: Int, _ answered: Int) -> String { due == 0 ? "–" : "\(answered)/\(due)" }

    package init(_ summary: Summary) {
        by = summary.rows
        // Each account's row made on every core (a page of thousands of accounts).
        let accounts = summary.accounts
        rows = Batch.map(accounts.count) { k in
            let a = accounts[k]
            return Row(
                account: a,
                label: a.errorCount > 0
                    ? "\(a.name) (\(a.errorCount) \(a.errorCount == 1 ? "error" : "errors"))" : a.name,
                nextMeeting: a.report.fields.nextMeeting?.value, risks: a.risksKnown ? a.risks : nil,
                opportunities: a.opportunityRows, decision: a.pipelineDecision)
        }
        value = Money.totals(summary.accounts.flatMap(\.openValue))
        movement = summary.movementSince.map { SummaryMovement(summary.accounts, since: $0) }
        categories = summary.checklist.categories
        let stageOrder = Stage.allCases.map(\.rawValue)
        if by == .opportunity {
            deals = summary.opportunities
            stages = Self.totals(
                deals, by: { $0.stage?.rawValue }, none: "(no stage)", order: stageOrder, label: Self.stageLabel,
                add: Self.addDeal)
            owners = Self.totals(deals, by: { $0.account.owner }, none: "(no owner)", order: [], add: Self.addDeal)
        } else {
            deals = []
            let accounts = summary.accounts
            stages = Self.totals(
                accounts, by: { $0.stage?.rawValue }, none: "(no stage)", order: stageOrder, label: Self.stageLabel,
                add: Self.addAccount)
            owners = Self.totals(accounts, by: { $0.owner }, none: "(no owner)", order: [], add: Self.addAccount)
        }
    }

    /// A stage total's name as a page shows it.
    private static func stageLabel(_ name: String) -> String { Stage(rawValue: name)?.label ?? name }

    /// One account into its stage's or owner's total.
    private static func addAccount(_ t: inout Total, _ a: AccountFacts) {
        t.accounts += 1
        t.open += a.open.count
        t.atRisk += a.isAtRisk ? 1 : 0
        t.value = Money.totals(t.value + a.openValue)
    }

    /// One opportunity into its stage's or owner's total (its value when it is open).
    private static func addDeal(_ t: inout Total, _ o: SummaryOpportunity) {
        t.opportunities += 1
        if o.isOpen, let amount = o.amount {
            t.value = Money.totals(t.value + [Money(currency: o.currency, amount: amount)])
        }
    }

    /// Totals by `key`: those of `order` first, in that order, then the others sorted by name.
    package static func totals<T>(
        _ items: [T], by key: (T) -> String?, none: String, order: [String], label: (String) -> String = { $0 },
        add: (inout Total, T) -> Void
    ) -> [Total] {
        var map: [String: Total] = [:]
        for item in items {
            let value = key(item)
            let k = value ?? none
            var t = map[k] ?? Total(name: k, known: value != nil, label: value.map(label) ?? k)
            add(&t, item)
            map[k] = t
        }
        return order.compactMap { map[$0] } + map.keys.filter { !order.contains($0) }.sorted().map { map[$0]! }
    }
}
