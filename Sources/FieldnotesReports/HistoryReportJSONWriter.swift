import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport

/// `history` as JSON: `{"version": 1, "notices", "accounts": [{"path", "account", "events"}]}`.
package enum HistoryReportJSONWriter {
    package static func json(_ report: HistoryReport) -> String {
        let accounts = report.accounts.map { a -> JSONValue in
            .object([("path", .string(a.path)), ("account", .string(a.name)), ("events", .array(a.events.map(event)))])
        }
        let root = JSONValue.object([
            ("version", .int(1)), ("notices", .array(report.notices.map(JSONValue.string))),
            ("accounts", .array(accounts)),
        ])
        return JSONWriter.pretty(root) + "\n"
    }

    /// One event: `{"date", "commit", "kind", "field", "old", "new", "text"}`, null where absent.
    package static func event(_ e: HistoryEvent) -> JSONValue {
        func value(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return .object([
            ("date", value(e.date.map { "\($0)" })), ("commit", value(e.commit)), ("kind", .string(e.kind.rawValue)),
            ("field", value(e.field)), ("old", value(e.old)), ("new", value(e.new)), ("text", .string(e.text)),
        ])
    }
}
