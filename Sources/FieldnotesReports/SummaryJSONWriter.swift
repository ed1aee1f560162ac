import FieldnotesCore
import FieldnotesSupport

/// The pipeline summary as JSON (`summary --format json`): `accounts[]`, or with `--by
/// opportunity` `opportunities[]`, and the totals per stage and owner.
package enum SummaryJSONWriter {
    package static func json(_ doc: SummaryDocument) -> String {
        let deals = doc.by == .opportunity
        func total(_ t: SummaryDocument.Total) -> JSONValue {
            let name: (String, JSONValue) = ("name", t.known ? .string(t.name) : .null)
            if deals { return .object([name, ("opportunities", .int(t.opportunities)), ("value", value(t.value))]) }
            return .object([
                name, ("accounts", .int(t.accounts)), ("open", .int(t.open)), ("at_risk", .int(t.atRisk)),
                ("value", value(t.value)),
            ])
        }
        let rows: (String, JSONValue) =
            deals ? ("opportunities", .array(doc.deals.map(opportunityRow))) : ("accounts", .array(doc.rows.map(row)))
        var members: [(String, JSONValue)] = [("version", .int(1)), rows]
        if let movement = doc.movement { members.append(("movement", Self.movement(movement))) }
        members.append(
            (
                "totals",
                .object([("stages", .array(doc.stages.map(total))), ("owners", .array(doc.owners.map(total)))])
            ))
        return JSONWriter.pretty(.object(members)) + "\n"
    }

    /// `{"since": "2026-11-23", "events": [{"path", "account", "date", "kind", "field", "old", "new", "text"}]}`.
    package static func movement(_ movement: SummaryMovement) -> JSONValue {
        .object([
            ("since", .string("\(movement.since)")),
            (
                "events",
                .array(
                    movement.items.map { item in
                        let e = item.event
                        return .object([
                            ("path", .string(item.path)), ("account", .string(item.account)), ("date", date(e.date)),
                            ("kind", .string(e.kind.rawValue)), ("field", string(e.field)), ("old", string(e.old)),
                            ("new", string(e.new)), ("text", .string(e.text)),
                        ])
                    })
            ),
        ])
    }

    package static func row(_ row: SummaryDocument.Row) -> JSONValue {
        let a = row.account
        let categories: [JSONValue] = a.categories.map {
            .object([("category", .string($0.name)), ("due", .int($0.due)), ("answered", .int($0.answered))])
        }
        var members: [(String, JSONValue)] = [
            ("path", .string(a.path)), ("account", .string(a.name)), ("owner", string(a.owner)),
            ("stage", string(a.stage?.rawValue)), ("stage_since", date(a.stageSince)),
            ("days_in_stage", a.daysInStage.map(JSONValue.int) ?? .null), ("due", .int(a.due)),
            ("answered", .int(a.answered)),
            ("open", .int(row.open)), ("last_contact", date(a.lastContact)), ("next_meeting", date(row.nextMeeting)),
        ]
        members += [
            ("value", value(row.value)), ("decision_date", date(row.decisionDate)), ("next_step", string(row.nextStep)),
            ("our_position", string(row.ourPosition)),
            ("risks", row.risks.map(RiskJSON.array) ?? .null),
            ("errors", .int(a.errorCount)), ("categories", .array(categories)),
            ("opportunities", .array(row.opportunities.map { .object(opportunity($0)) })),
        ]
        return .object(members)
    }

    private static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    private static func date(_ d: Day?) -> JSONValue { d.map { .string($0.description) } ?? .null }

    /// A row of `--by opportunity`: where it is, whose, and the opportunity.
    package static func opportunityRow(_ o: SummaryOpportunity) -> JSONValue {
        let a = o.account
        return .object(
            [
                ("path", .string(a.path)), ("account", .string(a.name)),
                ("owner", string(a.owner)), ("account_stage", string(a.stage?.rawValue)),
            ] + opportunity(o))
    }

    /// An opportunity's keys, each null when the notes do not give it.
    package static func opportunity(_ o: SummaryOpportunity) -> [(String, JSONValue)] {
        [
            ("name", .string(o.name)), ("stage", string(o.ownStage?.rawValue)), ("value", o.value.map(number) ?? .null),
            ("currency", string(o.currency)), ("decision_date", date(o.decisionDate)),
            ("next_step", string(o.nextStep)),
        ]
    }

    /// Amounts per currency: `{"EUR": 140000, "USD": 243500}`; an amount without currency under "".
    package static func value(_ amounts: [Money]) -> JSONValue {
        .object(amounts.map { ($0.currency ?? "", .number($0.amount.description)) })
    }

    /// A number from the notes, written as the notes write it when JSON allows (`007` is written `7`).
    package static func number(_ text: String) -> JSONValue {
        if JSONWriter.isNumber(text) { return .number(text) }
        return Money.amount(text).map { .number($0.description) } ?? .null
    }
}
