import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport

/// `history` as JSON: `{"version": 1, "notices", "accounts": [{"path", "account", "events"}]}`.
package enum HistoryReportJSONWriter {
    /// The document's UTF-8 bytes, as written out: a year of history is megabytes, made once and
    /// never decoded into a string.
    package static func json(_ report: HistoryReport) -> [UInt8] {
        // The accounts written on every core, each at its place in the indented document.
        let accounts = report.accounts
        let written = Batch.map(accounts.count) { i -> [UInt8] in
            let a = accounts[i]
            let value = JSONValue.object([
                ("path", .string(a.path)), ("account", .string(a.name)), ("events", .array(a.events.map(event))),
            ])
            return JSONWriter.prettyBytes(value, indent: 2)
        }
        var out = Array("{\n  \"version\": 1,\n  \"notices\": ".utf8)
        out.reserveCapacity(
            written.reduce(256) { $0 + $1.count + 6 } + report.notices.reduce(0) { $0 + $1.utf8.count + 8 })
        out += JSONWriter.prettyBytes(.array(report.notices.map(JSONValue.string)), indent: 1)
        out += Array(",\n  \"accounts\": ".utf8)
        if written.isEmpty {
            out += Array("[]".utf8)
        } else {
            out.append(0x5B)
            for (i, account) in written.enumerated() {
                out += Array((i == 0 ? "\n    " : ",\n    ").utf8)
                out += account
            }
            out += Array("\n  ]".utf8)
        }
        out += Array("\n}\n".utf8)
        return out
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
