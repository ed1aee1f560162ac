import FieldnotesCore
import FieldnotesSupport

/// `changes` as JSON.
package enum ChangesJSONWriter {
    package static func json(_ report: ChangesReport) -> String {
        let (notice, since, sinceCommit, changes) = (report.notice, report.since, report.sinceCommit, report.changes)
        var members: [(String, JSONValue)] = [("version", .int(1)), ("since", .string(since))]
        members.append(("since_commit", sinceCommit.map { .string($0) } ?? .null))
        if let notice { members.append(("notice", .string(notice))) }
        members.append(
            (
                "accounts",
                .array(
                    changes.map { c in
                        .object([
                            ("name", .string(c.name)), ("path", .string(c.path)), ("kind", .string(c.kind.rawValue)),
                            ("renamed_from", c.renamedFrom.map { .string($0) } ?? .null),
                            ("errors", .array(c.errors.map(JSONValue.string))),
                            (
                                "changes",
                                .array(
                                    c.items.map { .object([("topic", .string($0.topic)), ("text", .string($0.text))]) })
                            ),
                        ])
                    })
            ))
        return JSONWriter.pretty(.object(members)) + "\n"
    }
}
