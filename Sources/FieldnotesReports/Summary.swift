import FieldnotesCore
import FieldnotesSupport

/// The portfolio on one page: a row per account, totals per stage and owner, and a coverage
/// matrix of accounts × checklist categories.
public struct Summary {
    public var accounts: [AccountFacts]
    public var checklist: Checklist

    public init(accounts: [AccountFacts], checklist: Checklist) {
        // Sorted by stage, then account, then path: stable on every machine.
        // Each name is folded once, not at every comparison.
        let keys = accounts.map {
            (stage: $0.stage?.index ?? Stage.allCases.count, name: Suggest.fold($0.name), path: $0.path)
        }
        self.accounts = keys.indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.stage != b.stage { return a.stage < b.stage }
            if a.name != b.name { return a.name < b.name }
            return a.path < b.path
        }.map { accounts[$0] }
        self.checklist = checklist
    }

    /// What the summary says, for the writers of each format.
    package func document() -> SummaryDocument { SummaryDocument(self) }

    public func markdown() -> String { SummaryMarkdownWriter.markdown(document()) }

    public func text() -> String { SummaryTextWriter.text(document()) }

    public func json() -> String { SummaryJSONWriter.json(document()) }

    /// - Parameters:
    ///   - brief: where each account's HTML brief is, relative to the page (nil: no links).
    ///   - changes: what changed recently, when known.
    public func html(
        brief: (AccountFacts) -> String? = { _ in nil }, changes: ChangesReport? = nil, mark: String? = nil
    ) -> String {
        SummaryHTMLWriter.page(document(), brief: brief, changes: changes, mark: mark)
    }
}
