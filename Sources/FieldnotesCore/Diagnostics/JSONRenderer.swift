import FieldnotesSupport

/// `--format json`: the JSON contract in the README, stable key order, one member per line.
public struct JSONRenderer {
    /// The document's list of diagnostics, written item by item.
    private let stream = JSONStream { JSONRenderer.document(items: $0, counts: [:], fileCount: 0) }

    public init() {}

    public static func render(_ files: [FileDiagnostics], fileCount: Int) -> String {
        var items: [JSONValue] = []
        var counts: [Severity: Int] = [:]
        for file in files {
            for d in file.sorted {
                counts[d.severity, default: 0] += 1
                items.append(diagnostic(d, in: file))
            }
        }
        return render(items: items, counts: counts, fileCount: fileCount)
    }

    /// The document from diagnostics already converted.
    public static func render(items: [JSONValue], counts: [Severity: Int], fileCount: Int) -> String {
        JSONWriter.pretty(document(items: .array(items), counts: counts, fileCount: fileCount)) + "\n"
    }

    /// `hidden`: the findings a baseline hid, said (`hidden_by_baseline`) when there are any.
    private static func document(
        items: JSONValue, counts: [Severity: Int], fileCount: Int, hidden: Int = 0
    ) -> JSONValue {
        var summary: [(String, JSONValue)] = [
            ("files", .int(fileCount)), ("errors", .int(counts[.error] ?? 0)),
            ("warnings", .int(counts[.warning] ?? 0)), ("notes", .int(counts[.note] ?? 0)),
        ]
        if hidden > 0 { summary.append(("hidden_by_baseline", .int(hidden))) }
        return .object([("version", .int(1)), ("summary", .object(summary)), ("diagnostics", items)])
    }

    public static func diagnostic(_ d: Diagnostic, in file: FileDiagnostics) -> JSONValue {
        let s = file.source.location(of: d.range.start)
        let e = file.source.location(of: d.range.end)
        var members: [(String, JSONValue)] = [
            ("path", .string(file.path)), ("line", .int(s.line)), ("column", .int(s.column)),
            ("end_line", .int(e.line)), ("end_column", .int(e.column)),
            ("severity", .string(d.severity.rawValue)), ("rule", d.rule.map { .string($0.rawValue) } ?? .null),
            ("message", .string(d.message)), ("help", d.help.map { .string($0) } ?? .null),
        ]
        if !d.notes.isEmpty { members.append(("notes", .array(d.notes.map { note($0, in: file) }))) }
        return .object(members)
    }

    /// A note: its message, and its place when it has one of its own (else the numbers are null).
    private static func note(_ note: Diagnostic.Note, in file: FileDiagnostics) -> JSONValue {
        let s = note.range.map { file.source.location(of: $0.start) }
        let e = note.range.map { file.source.location(of: $0.end) }
        return .object([
            ("message", .string(note.message)), ("line", s.map { .int($0.line) } ?? .null),
            ("column", s.map { .int($0.column) } ?? .null), ("end_line", e.map { .int($0.line) } ?? .null),
            ("end_column", e.map { .int($0.column) } ?? .null),
        ])
    }
}

extension JSONRenderer: DiagnosticRenderer {
    /// Each file's diagnostics as items of the document's list, written as the file is checked;
    /// the summary comes first, so they wait on disk until the totals are known.
    package func render(_ file: FileDiagnostics, into out: inout TextBuffer) {
        for d in file.diagnostics { stream.item(JSONRenderer.diagnostic(d, in: file), into: &out) }
    }

    package var openingNeedsTotals: Bool { true }
    package var separatorBytes: Int { JSONStream.separator.utf8.count }

    package func opening(_ totals: DiagnosticTotals?) -> String {
        let totals = totals ?? DiagnosticTotals()
        return JSONStream {
            JSONRenderer.document(
                items: $0, counts: totals.counts, fileCount: totals.files, hidden: totals.hiddenByBaseline)
        }.opening
    }

    package func finish(_ pending: [Void], totals: DiagnosticTotals) -> String {
        let count = totals[.error] + totals[.warning] + totals[.note]
        return stream.end(count: count)
    }
}
