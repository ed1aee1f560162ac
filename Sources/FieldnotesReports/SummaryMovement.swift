import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport

/// What moved in the pipeline since a day, from the accounts' history in git: new accounts,
/// stage moves, value changes, decision dates pushed out and downgrades (our position, budget,
/// pain). One model for every format of the summary and the pipeline page.
package struct SummaryMovement: Sendable {
    /// One event of one account.
    package struct Item: Sendable {
        package var path: String
        package var account: String
        package var event: HistoryEvent
    }

    /// The first day counted: events on or after it (and the work tree's, undated without --as-of).
    package var since: Day
    /// By date (undated last), then account name and path; an account's events in their order.
    package var items: [Item]

    /// The kinds of event a pipeline review looks at.
    package static let kinds: Set<HistoryEvent.Kind> = [
        .accountAdded, .stageForward, .stageBack, .stageClosed, .stageReopened, .stageChanged, .valueChanged,
        .opportunityAdded, .opportunityRemoved, .decisionDatePushed, .downgraded,
    ]

    /// The movement of `accounts` since `since`, from each one's history (accounts without one
    /// have none).
    package init(_ accounts: [AccountFacts], since: Day) {
        self.since = since
        var items: [(Item, Int)] = []
        for a in accounts {
            for event in a.history?.events ?? [] where Self.kinds.contains(event.kind) {
                // From `since` to --as-of: a commit dated after the day asked has not happened yet.
                if let day = event.date, day < since || a.asOf.map({ day > $0 }) == true { continue }
                items.append((Item(path: a.path, account: a.name, event: event), items.count))
            }
        }
        self.items = items.sorted { x, y in
            let a = x.0, b = y.0
            if a.event.date != b.event.date { return (a.event.date ?? .last) < (b.event.date ?? .last) }
            if a.account != b.account { return a.account < b.account }
            if a.path != b.path { return Workspace.pathPrecedes(a.path, b.path) }
            return x.1 < y.1
        }.map(\.0)
    }

    /// "Movement since 2026-11-23".
    package var title: String { "Movement since \(since)" }
    /// What a page says when nothing moved.
    package static let nothing = "Nothing moved."

    /// An event's date as a page shows it: the day, and "not committed" for the work tree's
    /// changes (dated by --as-of; without it, undated).
    package static func dateText(_ item: Item) -> String {
        guard let date = item.event.date else { return "not committed" }
        return item.event.commit == nil ? "\(date) (not committed)" : "\(date)"
    }
}
