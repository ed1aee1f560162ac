import FieldnotesCore
import FieldnotesSupport

/// `agenda` as JSON: `{"version": 1, "agendas": [...]}`, the document's facts as values. A
/// shared agenda holds only what the customer may see: the account, the meeting, the opening
/// question and each question's `say:` wording (no path, assumptions or "agreed"; per question
/// no id, `ask:`, priority, status or attendees).
package enum AgendaJSONWriter {
    package static func json(_ doc: AgendaDocument) -> String {
        let agendas = doc.accounts.map { account($0, share: doc.share) }
        return JSONWriter.pretty(.object([("version", .int(1)), ("agendas", .array(agendas))])) + "\n"
    }

    static func str(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    static func account(_ a: AgendaDocument.Account, share: Bool) -> JSONValue {
        let with: [JSONValue] = a.attendees.map { .object([("name", .string($0.name)), ("title", str($0.title))]) }
        var members: [(String, JSONValue)] = share ? [] : [("path", .string(a.path))]
        members += [
            ("account", .string(a.name)),
            (
                "meeting",
                .object([("date", str(a.meeting?.description)), ("with", .array(with)), ("goal", str(a.goal))])
            ),
            ("opening", .string(a.opening)),
            ("questions", .array(a.questions.map { question($0, share: share) })),
        ]
        guard !share else { return .object(members) }
        members.append(
            (
                "assumptions",
                .array(
                    a.assumptions.map {
                        .object([("id", str($0.id)), ("line", .int($0.line)), ("text", .string($0.text))])
                    })
            ))
        members.append(
            (
                "agreed",
                a.agreed.map {
                    .object([
                        ("date", .string($0.date.description)), ("heading", .string($0.heading)),
                        ("lines", .array($0.lines.map(JSONValue.string))),
                    ])
                } ?? .null
            ))
        return .object(members)
    }

    static func question(_ q: AgendaDocument.Item, share: Bool) -> JSONValue {
        guard !share else { return .object([("say", str(q.question.say))]) }
        return .object([
            ("id", .string(q.question.id)), ("say", str(q.question.say)), ("ask", .string(q.question.ask)),
            ("status", .string(q.status.rawValue)), ("priority", .string(q.question.priority.rawValue)),
            ("attendees", .array(q.attendees.map(JSONValue.string))),
        ])
    }
}
