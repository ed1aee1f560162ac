import FieldnotesSupport

/// `--format github`: workflow commands that GitHub Actions shows as annotations on the diff.
public struct GitHubRenderer {
    /// Prepended to each path, so that paths are relative to the repository root.
    public var uriPrefix: String

    public init(uriPrefix: String) {
        self.uriPrefix = uriPrefix
    }

    public static func render(_ files: [FileDiagnostics], uriPrefix: String) -> String {
        var out = ""
        for file in files {
            for d in file.sorted {
                let s = file.source.location(of: d.range.start), e = file.source.location(of: d.range.end)
                let command = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
                // Control characters from the notes escaped (a CI log is a terminal too); the line
                // breaks are then encoded by `data`.
                var message = TerminalText.escaped(d.message)
                if let help = d.help { message += "\nhelp: \(TerminalText.escapedKeepingLines(help))" }
                for note in d.notes where note.range == nil {
                    message += "\nnote: \(TerminalText.escaped(note.message))"
                }
                let title = d.rule.map { "fieldnotes \($0.rawValue)" } ?? "fieldnotes"
                // GitHub takes columns only within one line: a range over several lines gives lines alone.
                let oneLine = s.line == e.line
                var position = "line=\(s.line)" + (oneLine ? ",col=\(s.column)" : "")
                position += ",endLine=\(e.line)" + (oneLine ? ",endColumn=\(e.column)" : "")
                let path = property(TerminalText.escaped(uriPrefix + file.path))
                out += "::\(command) file=\(path),\(position),title=\(property(title))::\(data(message))\n"
            }
        }
        return out
    }

    /// Escaping of a workflow command's message (GitHub's `escapeData`).
    public static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(
            of: "\n", with: "%0A")
    }

    /// Escaping of a property value (GitHub's `escapeProperty`): also ':' and ','.
    public static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

extension GitHubRenderer: DiagnosticRenderer {
    /// Annotations are lines of their own: printed as each file is checked, nothing at the end.
    package func render(_ file: FileDiagnostics, into out: inout TextBuffer) {
        out.write(GitHubRenderer.render([file], uriPrefix: uriPrefix))
    }

    package func finish(_ pending: [Void], totals: DiagnosticTotals) -> String { "" }
}
