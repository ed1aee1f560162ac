import FieldnotesCore
import FieldnotesSupport

/// The portfolio on one page: a row per account (or per opportunity), the open pipeline before
/// the closed deals, totals per stage and owner with the open value per currency, and a coverage
/// matrix of accounts × checklist categories.
public struct Summary {
    /// In `sort` order, the open accounts before the closed ones (closed_won, closed_lost).
    public var accounts: [AccountFacts]
    public var checklist: Checklist
    public var sort: SummarySort
    public var rows: SummaryRows
    /// The day the movement starts (`SummaryMovement`); nil: no movement (no history, or neither
    /// --since nor --as-of).
    public var movementSince: Day?

    public init(
        accounts: [AccountFacts], checklist: Checklist, sort: SummarySort = .stage, rows: SummaryRows = .account,
        movementSince: Day? = nil
    ) {
        // Each key (names folded) is computed once, not at every comparison: stable on every machine.
        self.accounts = SummarySortKey.sorted(accounts, sort, key: \.summarySortKey, closed: \.isClosed)
        self.checklist = checklist
        self.sort = sort
        self.rows = rows
        self.movementSince = movementSince
    }

    /// Every opportunity of the accounts in `sort` order (by its own decision date, value and
    /// stage), the open ones before those at a closed stage.
    package var opportunities: [SummaryOpportunity] {
        SummarySortKey.sorted(accounts.flatMap(\.opportunityRows), sort, key: \.sortKey, closed: { !$0.isOpen })
    }

    /// What the summary says, for the writers of each format.
    package func document() -> SummaryDocument { SummaryDocument(self) }

    public func markdown() -> String { SummaryMarkdownWriter.markdown(document()) }

    public func text() -> String { SummaryTextWriter.text(document()) }

    public func json() -> String { SummaryJSONWriter.json(document()) }

    /// - Parameter brief: where each account's HTML brief is, relative to the page (nil: no links).
    public func html(brief: (AccountFacts) -> String? = { _ in nil }, mark: String? = nil) -> String {
        SummaryHTMLWriter.page(document(), brief: brief, mark: mark)
    }
}
