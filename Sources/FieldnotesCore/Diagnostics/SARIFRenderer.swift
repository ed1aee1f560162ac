import FieldnotesSupport

/// `--format sarif`: SARIF 2.1.0, for code-scanning tools (GitHub, Azure DevOps, IDE viewers).
/// One rule entry per rule, with the help text of `explain`; results with regions.
public struct SARIFRenderer {
    /// Prepended to each path (see `render(_:uriPrefix:version:)`).
    public var uriPrefix: String
    /// The tool's version, as the log names it.
    public var version: String

    /// The log's list of results, written item by item.
    private let stream: JSONStream

    public init(uriPrefix: String, version: String) {
        self.uriPrefix = uriPrefix
        self.version = version
        stream = JSONStream { SARIFRenderer.log(results: $0, version: version) }
    }

    /// - Parameter uriPrefix: prepended to each path, so that paths are relative to the
    ///   repository root when the notes live in a subfolder of it ("notes/").
    public static func render(_ files: [FileDiagnostics], uriPrefix: String, version: String) -> String {
        var results: [JSONValue] = []
        for file in files {
            for d in file.sorted {
                guard let rule = d.rule else { continue }
                results.append(result(d, rule: rule, index: ruleIndex[rule]!, file, uriPrefix: uriPrefix))
            }
        }
        return JSONWriter.pretty(log(results: .array(results), version: version)) + "\n"
    }

    /// Each rule's place in the log's list of rules.
    private static let ruleIndex = Dictionary(uniqueKeysWithValues: Rule.allCases.enumerated().map { ($1, $0) })

    /// The log, with `results` as its run's results.
    private static func log(results: JSONValue, version: String) -> JSONValue {
        let driver: JSONValue = .object([
            ("name", .string("fieldnotes")),
            ("semanticVersion", .string(version)),
            ("rules", .array(Rule.allCases.map(ruleEntry))),
        ])
        let run: JSONValue = .object([
            ("tool", .object([("driver", driver)])),
            ("columnKind", .string("utf16CodeUnits")),
            ("results", results),
        ])
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
    }

    /// A rule as the log describes it, with the help text of `explain`.
    private static func ruleEntry(_ rule: Rule) -> JSONValue {
        let info = rule.info
        let help =
            "\(info.fix)\n\nWhy: \(info.rationale)\n\nRun 'fieldnotes explain \(rule.rawValue)' for an example."
        let name = rule.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return .object([
            ("id", .string(rule.rawValue)),
            ("name", .string(name)),
            ("shortDescription", .object([("text", .string(sentence(info.summary)))])),
            ("fullDescription", .object([("text", .string(info.rationale))])),
            ("help", .object([("text", .string(help))])),
            ("defaultConfiguration", .object([("level", .string(level(info.severity)))])),
        ])
    }

    /// One diagnostic as a result: its rule, level, message (with its help) and location, and the
    /// places its notes point to.
    private static func result(
        _ d: Diagnostic, rule: Rule, index: Int, _ file: FileDiagnostics, uriPrefix: String
    ) -> JSONValue {
        var text = d.message
        if let help = d.help { text += "\nhelp: \(help)" }
        // Notes with a place are related locations; the others are said in the message.
        for note in d.notes where note.range == nil { text += "\nnote: \(note.message)" }
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(rule.rawValue)),
            ("ruleIndex", .int(index)),
            ("level", .string(level(d.severity))),
            ("message", .object([("text", .string(text))])),
            ("locations", .array([location(d.range, file, uriPrefix: uriPrefix)])),
        ]
        if d.notes.contains(where: { $0.range != nil }) {
            let related: [JSONValue] = d.notes.enumerated().compactMap { i, note in
                guard let r = note.range else { return nil }
                guard case .object(var loc) = location(r, file, uriPrefix: uriPrefix) else { return nil }
                loc.insert(("id", .int(i)), at: 0)
                loc.append(("message", .object([("text", .string(note.message))])))
                return .object(loc)
            }
            members.append(("relatedLocations", .array(related)))
        }
        return .object(members)
    }

    package static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    package static func sentence(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() + "." }

    package static func location(_ range: SourceRange, _ file: FileDiagnostics, uriPrefix: String) -> JSONValue {
        let s = file.source.location(of: range.start), e = file.source.location(of: range.end)
        let uri = (uriPrefix + file.path).split(separator: "/").map { percentEncode(String($0)) }.joined(separator: "/")
        return .object([
            (
                "physicalLocation",
                .object([
                    ("artifactLocation", .object([("uri", .string(uri)), ("uriBaseId", .string("%SRCROOT%"))])),
                    (
                        "region",
                        .object([
                            ("startLine", .int(s.line)), ("startColumn", .int(s.utf16Column + 1)),
                            ("endLine", .int(e.line)), ("endColumn", .int(e.utf16Column + 1)),
                        ])
                    ),
                ])
            )
        ])
    }

    /// A path segment as a URI reference: spaces and non-ASCII characters percent-encoded.
    package static func percentEncode(_ s: String) -> String {
        Bytes.percentEncoded(s, keeping: "-._~!$&'()*+,;=:@")
    }
}

extension SARIFRenderer: DiagnosticRenderer {
    /// The log's results, written as each file is checked (the rules come before them and are
    /// known at the start); each file leaves how many it wrote.
    package func render(_ file: FileDiagnostics, into out: inout TextBuffer) -> Int {
        var count = 0
        for d in file.diagnostics {
            guard let rule = d.rule else { continue }
            stream.item(
                SARIFRenderer.result(d, rule: rule, index: SARIFRenderer.ruleIndex[rule]!, file, uriPrefix: uriPrefix),
                into: &out)
            count += 1
        }
        return count
    }

    package var separatorBytes: Int { JSONStream.separator.utf8.count }

    package func opening(_ totals: DiagnosticTotals?) -> String { stream.opening }

    package func finish(_ pending: [Int], totals: DiagnosticTotals) -> String {
        stream.end(count: pending.reduce(0, +))
    }
}
