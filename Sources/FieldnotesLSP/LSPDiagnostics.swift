import FieldnotesCore
import FieldnotesSupport

/// Findings as the editor receives them: positions in UTF-16 columns, the rule as the code, help
/// and notes in the message. The one conversion of a `Diagnostic` to LSP JSON.
extension LanguageServer {
    package func lspPosition(_ offset: Int, in source: SourceFile) -> JSONValue {
        let p = source.location(of: offset)
        return .object([("line", .int(p.line - 1)), ("character", .int(p.utf16Column))])
    }

    package func lspRange(_ range: SourceRange, in source: SourceFile) -> JSONValue {
        .object([
            ("start", lspPosition(range.start, in: source)),
            ("end", lspPosition(max(range.start, range.end), in: source)),
        ])
    }

    private func lspRange(line: Int, start: Int, end: Int) -> JSONValue {
        .object([
            ("start", .object([("line", .int(line)), ("character", .int(start))])),
            ("end", .object([("line", .int(line)), ("character", .int(end))])),
        ])
    }

    /// The same finding as `fieldnotes check`: rule as code, help after the message, notes as
    /// related information (a note without a place of its own, such as each question of the
    /// questions due at a stage, is at the finding's).
    package func lspDiagnostic(_ d: Diagnostic, in source: SourceFile, uri: String) -> JSONValue {
        var message = d.message
        if let help = d.help { message += "\nhelp: " + help }
        let severity: Int
        switch d.severity {
        case .error: severity = 1
        case .warning: severity = 2
        case .note: severity = 3
        }
        var members: [(String, JSONValue)] = [
            ("range", lspRange(d.range, in: source)),
            ("severity", .int(severity)),
        ]
        if let rule = d.rule { members.append(("code", .string(rule.rawValue))) }
        members.append(("source", .string("fieldnotes")))
        members.append(("message", .string(message)))
        let related: [JSONValue] = d.notes.map { note in
            let r = note.range ?? d.range
            return .object([
                ("location", .object([("uri", .string(uri)), ("range", lspRange(r, in: source))])),
                ("message", .string(note.message)),
            ])
        }
        if !related.isEmpty { members.append(("relatedInformation", .array(related))) }
        return .object(members)
    }

    /// The notes cannot be checked (the settings are broken): said on the document's first line.
    package func uncheckableDiagnostic(_ error: ToolError) -> JSONValue {
        let message = error.message + (error.help.map { "\nhelp: \($0)" } ?? "")
        return .object([
            ("range", lspRange(line: 0, start: 0, end: 0)),
            ("severity", .int(1)),
            ("source", .string("fieldnotes")),
            ("message", .string("the notes cannot be checked: \(message)")),
        ])
    }
}
