import FieldnotesCore
import FieldnotesSupport

/// `changes` as JSON: each account's events as data (`kind`, `field`, `old`, `new`) and in words.
package enum ChangesJSONWriter {
    package static func json(_ report: ChangesReport) -> String {
        var members: [(String, JSONValue)] = [("version", .int(1)), ("since", .string(report.since))]
        members.append(("since_commit", report.sinceCommit.map { .string($0) } ?? .null))
        if let notice = report.notice { members.append(("notice", .string(notice))) }
        let accounts = report.changes.map { c -> JSONValue in
            .object([
                ("name", .string(c.name)), ("path", .string(c.path)), ("kind", .string(c.kind.rawValue)),
                ("renamed_from", c.renamedFrom.map { .string($0) } ?? .null),
                ("errors", .array(c.errors.map(JSONValue.string))),
                ("changes", .array(c.events.map(HistoryReportJSONWriter.event))),
            ])
        }
        members.append(("accounts", .array(accounts)))
        return JSONWriter.pretty(.object(members)) + "\n"
    }
}
