import FieldnotesCore
import FieldnotesSupport

/// `missing` as JSON.
package enum MissingJSONWriter {
    package static func json(_ doc: MissingDocument) -> String {
        let items: [JSONValue] = doc.accounts.map { account in
            let a = account.facts
            var members: [(String, JSONValue)] = [
                ("path", .string(a.path)), ("account", .string(a.name)),
                ("owner", a.owner.map(JSONValue.string) ?? .null),
                ("stage", a.stage.map { .string($0.rawValue) } ?? .null),
                ("last_contact", a.lastContact.map { .string($0.description) } ?? .null),
                ("next_meeting", a.report.fields.nextMeeting.map { .string($0.value.description) } ?? .null),
                ("due", .int(a.due)), ("answered", .int(a.answered)),
                ("open", .array(a.open.map { question($0.question, status: $0.status, gaps: $0.gaps) })),
                (
                    "assumptions",
                    .array(
                        a.assumptions.map {
                            .object([
                                ("id", $0.id.map(JSONValue.string) ?? .null), ("line", .int($0.line)),
                                ("text", .string($0.text)),
                            ])
                        })
                ),
            ]
            if doc.includeNext {
                let next = account.next
                members.append(("next_stage", next.map { .string($0.0.rawValue) } ?? .null))
                members.append(("next", .array((next?.1 ?? []).map { question($0.question, status: .upcoming) })))
            }
            members.append(("errors", .array(a.errorLines.map(JSONValue.string))))
            return .object(members)
        }
        return JSONWriter.pretty(.object([("version", .int(1)), ("accounts", .array(items))])) + "\n"
    }

    package static func question(_ q: Question, status: QuestionStatus, gaps: [String] = []) -> JSONValue {
        .object([
            ("id", .string(q.id)), ("ask", .string(q.ask)), ("category", .string(q.category)),
            ("status", .string(status.rawValue)), ("hint", q.hint.map(JSONValue.string) ?? .null),
            ("gaps", .array(gaps.map(JSONValue.string))),
        ])
    }
}
