import FieldnotesSupport

/// Shared helpers for reading fieldnotes' own YAML files (config, checklist) with located errors.
package struct YAMLFileReader {
    package let file: SourceFile
    package var diagnostics: [Diagnostic] = []

    package init(file: SourceFile) {
        self.file = file
    }

    /// Parses the whole file as one YAML document.
    package mutating func root() -> YAMLNode? {
        let document = YAMLParser.parse(file, lines: 0..<file.lineCount, documentMarkers: true)
        for issue in document.issues {
            // A settings file breaks no rule of the notes: only the parser's words are kept.
            var d = Diagnostic(yamlIssue: issue)
            d.rule = nil
            d.messageID = nil
            diagnostics.append(d)
        }
        return document.issues.isEmpty ? document.root : nil
    }

    package mutating func error(_ message: String, _ range: SourceRange, help: String? = nil) {
        diagnostics.append(Diagnostic(nil, message, at: range, help: help, severity: .error))
    }

    /// Reports keys not in `known`, with a did-you-mean.
    package mutating func checkKeys(_ node: YAMLNode, known: [String], what: String) {
        for pair in node.mapping ?? [] where !known.contains(pair.key) {
            let help =
                Suggest.closest(to: pair.key, in: known).map { "did you mean '\($0)'?" }
                ?? "\(what) has: \(known.joined(separator: ", "))"
            error("unknown key '\(pair.key)' in \(what)", pair.keyRange, help: help)
        }
    }

    package mutating func string(_ node: YAMLNode?, _ name: String) -> String? {
        guard let node, !node.isNull else { return nil }
        guard let s = node.scalar else {
            error("'\(name)' should be text, found \(node.kindDescription)", node.range)
            return nil
        }
        return s
    }

    /// A string or a list of strings.
    package mutating func strings(_ node: YAMLNode?, _ name: String) -> [String]? {
        guard let node, !node.isNull else { return nil }
        if let s = node.scalar { return [s] }
        if let items = node.sequence {
            var out: [String] = []
            for item in items {
                guard let s = item.scalar else {
                    error("each entry of '\(name)' should be text, found \(item.kindDescription)", item.range)
                    continue
                }
                out.append(s)
            }
            return out
        }
        error("'\(name)' should be text or a list of text, found \(node.kindDescription)", node.range)
        return nil
    }

    /// A contact role or a list of them; each that is not a role is reported at its item, with a
    /// did-you-mean, and left out.
    package mutating func roles(_ node: YAMLNode?, _ name: String) -> [String]? {
        guard let node, !node.isNull else { return nil }
        guard node.scalar != nil || node.sequence != nil else { return strings(node, name) }
        var roles: [String] = []
        for item in node.sequence ?? [node] {
            guard let role = item.scalar else {
                error("each entry of '\(name)' should be a role, found \(item.kindDescription)", item.range)
                continue
            }
            guard BuiltinSchema.roles.contains(role) else {
                error(
                    "'\(role)' is not a contact role", item.range,
                    help: Suggest.closest(to: role, in: BuiltinSchema.roles).map { "did you mean '\($0)'?" }
                        ?? "use the roles of contacts: \(BuiltinSchema.roles.joined(separator: ", "))")
                continue
            }
            roles.append(role)
        }
        return roles
    }

    package mutating func stage(_ node: YAMLNode?, _ name: String) -> Stage? {
        guard let s = string(node, name) else { return nil }
        if let stage = Stage(rawValue: s) { return stage }
        let help =
            Suggest.closest(to: s, in: BuiltinSchema.stages).map { "did you mean '\($0)'?" }
            ?? "use one of: \(BuiltinSchema.stages.joined(separator: ", "))"
        error("unknown stage '\(s)'", node!.range, help: help)
        return nil
    }

    package var fileDiagnostics: FileDiagnostics {
        FileDiagnostics(path: file.path, source: file, diagnostics: diagnostics)
    }
}
