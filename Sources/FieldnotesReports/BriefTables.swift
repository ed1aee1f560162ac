import FieldnotesCore
import FieldnotesSupport

/// A table of a brief in plain words (people, competitors, opportunities), for the Markdown and
/// HTML writers: a column no row fills is not printed.
package struct BriefTable: Sendable {
    package var columns: [String]
    /// The cells of each row, as people read them (not yet escaped).
    package var rows: [[String]]
    /// Rows with a mark after their first cell (an incumbent competitor): each writer says it its way.
    package var marked: [Bool]
    /// The columns of short values (a stage, an amount, a date) that a page keeps on one line.
    package var short: [Bool]
    /// Rows that no longer count (a contact who left): each writer strikes their first cell through.
    package var struck: [Bool]

    /// The table of `rows` under `columns`, without the columns (but the first) that no row
    /// fills; `short` names the columns of short values.
    package init(
        _ columns: [String], _ rows: [[String]], marked: [Bool]? = nil, struck: [Bool]? = nil,
        short: Set<String> = []
    ) {
        let kept = columns.indices.filter { c in c == 0 || rows.contains { !$0[c].isEmpty } }
        self.columns = kept.map { columns[$0] }
        self.rows = rows.map { row in kept.map { row[$0] } }
        self.marked = marked ?? rows.map { _ in false }
        self.struck = struck ?? rows.map { _ in false }
        self.short = kept.map { short.contains(columns[$0]) }
    }
}

extension BriefDocument {
    /// The people: name, title, roles, and (not in a shared brief) reporting line, relationship,
    /// stance, influence and when we last met them. Those who left are struck through.
    package var peopleTable: BriefTable {
        let rates = ratesPeople
        var columns = ["Name", "Title", "Roles"]
        if rates { columns += ["Reports to", "Relationship", "Stance", "Influence", "Last met"] }
        let rows = people.map { c in
            var cells = [c.name.value, c.title ?? "", c.roles.map(Self.words).joined(separator: ", ")]
            if rates {
                cells += [
                    c.reportsTo?.value ?? "", c.relationship.map(Self.words) ?? "", c.stance.map(Self.words) ?? "",
                    c.influence ?? "", c.met.map { "\($0)" } ?? "",
                ]
            }
            return cells
        }
        return BriefTable(columns, rows, struck: people.map(\.left), short: ["Stance", "Last met"])
    }

    /// What each person does, in the rep's words (not in a shared brief): below the table,
    /// which stays narrow.
    package var peopleNotes: [(name: String, notes: String)] {
        ratesPeople ? people.compactMap { c in c.notes.map { (c.name.value, $0) } } : []
    }

    /// The competitors, the incumbent marked.
    package var competitorTable: BriefTable {
        BriefTable(
            ["Competitor", "Value proposition", "Strengths", "Weaknesses"],
            competitors.map { [$0.name.value, $0.valueProposition ?? "", $0.strengths ?? "", $0.weaknesses ?? ""] },
            marked: competitors.map(\.incumbent))
    }

    /// The opportunities: stage in words, value with separators and currency.
    package var opportunityTable: BriefTable {
        BriefTable(
            ["Opportunity", "Stage", "Value", "Decision date", "Next step"],
            opportunities.map {
                [
                    $0.name.value, $0.stage?.label ?? "", Self.value($0), $0.decisionDate.map { "\($0)" } ?? "",
                    $0.nextStep?.value ?? "",
                ]
            }, short: ["Stage", "Value", "Decision date"])
    }
}
