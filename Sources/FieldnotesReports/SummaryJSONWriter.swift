import FieldnotesCore
import FieldnotesSupport

/// The pipeline summary as JSON (`summary --format json`).
package enum SummaryJSONWriter {
    package static func json(_ doc: SummaryDocument) -> String {
        func total(_ t: SummaryDocument.Total) -> JSONValue {
            .object([
                ("name", t.known ? .string(t.name) : .null), ("accounts", .int(t.accounts)),
                ("open", .int(t.open)), ("at_risk", .int(t.atRisk)),
            ])
        }
        return JSONWriter.pretty(
            .object([
                ("version", .int(1)), ("accounts", .array(doc.rows.map(row))),
                (
                    "totals",
                    .object([("stages", .array(doc.stages.map(total))), ("owners", .array(doc.owners.map(total)))])
                ),
            ])) + "\n"
    }

    package static func row(_ row: SummaryDocument.Row) -> JSONValue {
        let a = row.account
        return .object([
            ("path", .string(a.path)), ("account", .string(a.name)),
            ("owner", a.owner.map(JSONValue.string) ?? .null),
            ("stage", a.stage.map { .string($0.rawValue) } ?? .null), ("due", .int(a.due)),
            ("answered", .int(a.answered)),
            ("open", .int(row.open)), ("last_contact", a.lastContact.map { .string($0.description) } ?? .null),
            ("next_meeting", row.nextMeeting.map { .string($0.description) } ?? .null),
            ("risks", row.risks.map { .array($0.map { .string($0.rawValue) }) } ?? .null),
            ("errors", .int(a.errorCount)),
            (
                "categories",
                .array(
                    a.categories.map {
                        .object([
                            ("category", .string($0.name)), ("due", .int($0.due)), ("answered", .int($0.answered)),
                        ])
                    })
            ),
        ])
    }
}
