import FieldnotesSupport

/// `--format json`: the JSON contract in the README, stable key order, one member per line.
public struct JSONRenderer {
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

    /// The document from diagnostics already converted (so a long run keeps no file text in memory).
    public static func render(items: [JSONValue], counts: [Severity: Int], fileCount: Int) -> String {
        let root: JSONValue = .object([
            ("version", .int(1)),
            (
                "summary",
                .object([
                    ("files", .int(fileCount)), ("errors", .int(counts[.error] ?? 0)),
                    ("warnings", .int(counts[.warning] ?? 0)), ("notes", .int(counts[.note] ?? 0)),
                ])
            ),
            ("diagnostics", .array(items)),
        ])
        return JSONWriter.pretty(root) + "\n"
    }

    public static func diagnostic(_ d: Diagnostic, in file: FileDiagnostics) -> JSONValue {
        let s = file.source.location(of: d.range.start)
        let e = file.source.location(of: d.range.end)
        return .object([
            ("path", .string(file.path)), ("line", .int(s.line)), ("column", .int(s.column)),
            ("end_line", .int(e.line)), ("end_column", .int(e.column)),
            ("severity", .string(d.severity.rawValue)), ("rule", d.rule.map { .string($0.rawValue) } ?? .null),
            ("message", .string(d.message)), ("help", d.help.map { .string($0) } ?? .null),
        ])
    }
}

extension JSONRenderer: DiagnosticRenderer {
    /// Each file's diagnostics as JSON values, small: without the file's text.
    package func render(_ file: FileDiagnostics, into out: inout TextBuffer) -> [JSONValue] {
        file.diagnostics.map { JSONRenderer.diagnostic($0, in: file) }
    }

    package func finish(_ pending: [[JSONValue]], totals: DiagnosticTotals) -> String {
        JSONRenderer.render(items: Array(pending.joined()), counts: totals.counts, fileCount: totals.files)
    }
}
