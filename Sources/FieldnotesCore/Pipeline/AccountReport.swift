import FieldnotesSupport

/// Everything fieldnotes knows about one account file after checking it. Every command
/// (check, and the reports built on it) starts from this.
public struct AccountReport: Sendable {
    /// Path relative to the notes repository, with `/`.
    public var path: String
    public var source: SourceFile
    public var fields: AccountFields
    public var body: Body
    /// The checklist's questions with their status, in checklist order.
    public var results: [QuestionResult]
    /// Findings, with the repository's severities applied (rules turned off are gone).
    public var diagnostics: [Diagnostic]

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var fileDiagnostics: FileDiagnostics {
        FileDiagnostics(path: path, source: source, diagnostics: diagnostics)
    }
}

/// What checking needs besides the file: the repository's config and checklist, and today.
public struct CheckContext: Sendable {
    public var config: Config
    public var checklist: Checklist
    public var asOf: Day
    public var schema: ObjectSchema

    public init(config: Config, checklist: Checklist, asOf: Day) {
        self.config = config
        self.checklist = checklist
        self.asOf = asOf
        self.schema = config.accountSchema
    }
}

extension AccountReport {
    /// `path:line:column: message`, the one-line form reports quote a diagnostic in.
    public func oneLine(_ d: Diagnostic) -> String {
        let l = source.location(of: d.range.start)
        return "\(path):\(l.line):\(l.column): \(d.message)"
    }
}
