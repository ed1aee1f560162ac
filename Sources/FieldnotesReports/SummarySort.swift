import FieldnotesCore
import FieldnotesSupport
import Foundation

/// How the pipeline summary orders its rows (`summary --sort`). Ties go by account name, then
/// path (then the opportunity's place in the file).
public enum SummarySort: String, CaseIterable, Sendable {
    /// By stage, from prospecting to closed; accounts without a valid stage last.
    case stage
    /// The nearest decision date first; undated last.
    case decision
    /// The largest open amount first (currencies are not converted); without value last.
    case value
    /// By account name.
    case account
    /// By owner (no owner last), then stage.
    case owner
}

/// What the summary has a row for (`summary --by`).
public enum SummaryRows: String, CaseIterable, Sendable {
    case account, opportunity
}

/// What a row is sorted on, computed once per row.
struct SummarySortKey {
    var stage: Int
    var decision: Day?
    var value: Decimal?
    /// The owner, folded; nil sorts last.
    var owner: String?
    /// The account's name, folded.
    var name: String
    var path: String
    /// The opportunity's place in its account (0 for an account).
    var index = 0

    init(stage: Stage?, decision: Day?, value: Decimal?, owner: String?, name: String, path: String, index: Int = 0) {
        self.stage = stage?.index ?? Stage.allCases.count
        self.decision = decision
        self.value = value
        self.owner = owner.map(Suggest.fold)
        self.name = Suggest.fold(name)
        self.path = path
        self.index = index
    }

    /// Whether `a` comes before `b` in `sort`.
    static func before(_ a: Self, _ b: Self, _ sort: SummarySort) -> Bool {
        switch sort {
        case .stage: if a.stage != b.stage { return a.stage < b.stage }
        case .decision: if a.decision != b.decision { return nilLast(a.decision, b.decision, <) }
        case .value: if a.value != b.value { return nilLast(a.value, b.value, >) }
        case .account: break
        case .owner:
            if a.owner != b.owner { return nilLast(a.owner, b.owner, <) }
            if a.stage != b.stage { return a.stage < b.stage }
        }
        if a.name != b.name { return a.name < b.name }
        if a.path != b.path { return a.path < b.path }
        return a.index < b.index
    }

    private static func nilLast<T>(_ a: T?, _ b: T?, _ order: (T, T) -> Bool) -> Bool {
        switch (a, b) {
        case (let a?, let b?): return order(a, b)
        case (.some, nil): return true
        default: return false
        }
    }

    /// `items` in `sort` order, then those that `closed` says are closed after the others.
    static func sorted<T>(_ items: [T], _ sort: SummarySort, key: (T) -> Self, closed: (T) -> Bool) -> [T] {
        let keys = items.map(key)
        let order = keys.indices.sorted { before(keys[$0], keys[$1], sort) }
        return order.filter { !closed(items[$0]) }.map { items[$0] }
            + order.filter { closed(items[$0]) }.map { items[$0] }
    }
}

extension AccountFacts {
    /// The account's opportunities as reports show them: an opportunity without a stage is at
    /// the account's.
    package var opportunityRows: [SummaryOpportunity] {
        report.fields.opportunities.enumerated().map { SummaryOpportunity(account: self, $1, index: $0) }
    }

    /// The decision date a pipeline review goes by: the account's `decision_date`, else the
    /// earliest of its open opportunities' (`fromOpportunity` then says so).
    package var pipelineDecision: (day: Day, fromOpportunity: Bool)? {
        if let d = report.fields.decisionDate?.value { return (d, false) }
        return opportunityRows.filter(\.isOpen).compactMap(\.decisionDate).min().map { ($0, true) }
    }

    /// Whether the deal is over (closed_won or closed_lost).
    package var isClosed: Bool { stage?.isClosed == true }

    var summarySortKey: SummarySortKey {
        SummarySortKey(
            stage: stage, decision: pipelineDecision?.day, value: openValue.map(\.amount).max(), owner: owner,
            name: name, path: path)
    }
}

/// One opportunity of an account, for the summary's rows.
package struct SummaryOpportunity: Sendable {
    package var account: AccountFacts
    package var name: String
    /// The stage as written on the opportunity (nil when it gives none).
    package var ownStage: Stage?
    /// The opportunity's stage, or the account's when it gives none.
    package var stage: Stage? { ownStage ?? account.stage }
    /// The value as written, a number.
    package var value: String?
    package var currency: String?
    package var decisionDate: Day?
    package var nextStep: String?
    /// Its place among the account's opportunities.
    package var index: Int

    init(account: AccountFacts, _ o: Opportunity, index: Int) {
        self.account = account
        name = o.name.value
        ownStage = o.stage
        value = o.value
        currency = o.currency
        decisionDate = o.decisionDate
        nextStep = o.nextStep?.value
        self.index = index
    }

    /// Whether it counts in the open value: its stage is not closed.
    package var isOpen: Bool { stage?.isClosed != true }
    package var amount: Decimal? { value.flatMap(Money.amount) }
    /// "120,000 USD"; empty without a value.
    package var valueText: String { value.map { Money.text($0, currency: currency) } ?? "" }
    /// The date a review goes by: its own decision date, else the account's.
    package var decision: Day? { decisionDate ?? account.report.fields.decisionDate?.value }

    var sortKey: SummarySortKey {
        SummarySortKey(
            stage: stage, decision: decision, value: amount, owner: account.owner, name: account.name,
            path: account.path, index: index)
    }
}
