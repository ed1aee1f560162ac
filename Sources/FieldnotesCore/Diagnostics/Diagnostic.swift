import FieldnotesSupport

/// How serious a finding is. Rules have a default severity that a team can override.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case error, warning, note

    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One finding in one file: what is wrong (message), where (range), what to change (help).
///
/// Rules create diagnostics; renderers print them. Neither knows about the other.
public struct Diagnostic: Sendable, Error {
    public struct Note: Sendable {
        public var message: String
        public var range: SourceRange?
        public init(_ message: String, _ range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    /// The rule that found it; nil for problems in a configuration or checklist file.
    public var rule: Rule?
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    public var help: String?
    public var notes: [Note]
    /// What would fix it, as edits of the text (`Fix`): the language server offers it as a quick
    /// fix, and `fieldnotes fix` applies it.
    public var fix: Fix?
    /// Which of its rule's messages this is, so that tools act on a finding without reading its text.
    public var messageID: MessageID?
    /// What the finding is about, as written: the missing field's name, the unanswered question's
    /// id, the unknown contact's name.
    public var subject: String?

    public init(
        _ rule: Rule?, _ message: String, at range: SourceRange, help: String? = nil,
        notes: [Note] = [], severity: Severity? = nil, fix: Fix? = nil
    ) {
        self.fix = fix
        self.rule = rule
        self.severity = severity ?? rule?.defaultSeverity ?? .error
        self.message = message
        self.range = range
        self.help = help
        self.notes = notes
        #if DEBUG
            assert(!message.hasSuffix("."), "diagnostic messages end without a period: \(message)")
        #endif
    }

    /// A rule's finding: the rule comes from the message's kind.
    public init<M: RuleMessage>(
        _ id: M, _ message: String, at range: SourceRange, subject: String? = nil, help: String? = nil,
        notes: [Note] = [], fix: Fix? = nil
    ) {
        self.init(M.rule, message, at: range, help: help, notes: notes, fix: fix)
        messageID = MessageID(id)
        self.subject = subject
    }

    /// Whether this is the finding `id` names.
    public func `is`<M: RuleMessage>(_ id: M) -> Bool { messageID == MessageID(id) }
}

/// One of a rule's messages. Each rule declares its own as an enum in its file
/// (`MissingField.Message.absent`).
public protocol RuleMessage: RawRepresentable, Sendable where RawValue == UInt8 {
    static var rule: Rule { get }
}

extension Diagnostic {
    /// One fix of one finding: the edits that make it, a title saying what they do ("Replace with
    /// 'discovery'"), and whether it can be applied without a person looking (`safe`) or may not be
    /// what was meant (`unsafe`: `fieldnotes fix --unsafe-fixes` only; the editor offers it too, not
    /// as the preferred fix). The language server's quick fixes and `fieldnotes fix` both read it.
    public struct Fix: Sendable, Equatable {
        public enum Applicability: String, Sendable {
            /// There is one answer: the fix is what the rep meant.
            case safe
            /// The likely answer, not the only one: a person should look.
            case unsafe
        }

        /// One replacement of the checked text (LF line endings; `\n` in `replacement` is written as
        /// the file's own line ending).
        public struct Edit: Sendable, Equatable {
            public var range: SourceRange
            public var replacement: String
            public init(_ range: SourceRange, _ replacement: String) {
                self.range = range
                self.replacement = replacement
            }
        }

        public var title: String
        public var edits: [Edit]
        public var applicability: Applicability

        public init(_ title: String, edits: [Edit], applicability: Applicability = .safe) {
            self.title = title
            self.edits = edits
            self.applicability = applicability
        }

        /// Replaces the text at `range` with `replacement`: "Replace with 'replacement'".
        public init(_ range: SourceRange, _ replacement: String, applicability: Applicability = .safe) {
            self.init("Replace with '\(replacement)'", edits: [Edit(range, replacement)], applicability: applicability)
        }
    }
}

/// A rule's message, without its wording. Two bytes: diagnostics are copied often.
public struct MessageID: Hashable, Sendable {
    public let rule: Rule
    /// The message's case in its rule's `Message` enum.
    package let code: UInt8

    public init<M: RuleMessage>(_ message: M) {
        rule = M.rule
        code = message.rawValue
    }
}

/// The diagnostics of one file, with the text they point into.
public struct FileDiagnostics: Sendable {
    /// Path relative to the notes repository, with `/`.
    public var path: String
    public var source: SourceFile
    public var diagnostics: [Diagnostic]

    public init(path: String, source: SourceFile, diagnostics: [Diagnostic]) {
        self.path = path
        self.source = source
        self.diagnostics = diagnostics
    }

    /// Diagnostics sorted by position, then rule, so output is stable.
    public var sorted: [Diagnostic] {
        diagnostics.sorted { a, b in
            if a.range.start != b.range.start { return a.range.start < b.range.start }
            if a.range.end != b.range.end { return a.range.end < b.range.end }
            if (a.rule?.rawValue ?? "") != (b.rule?.rawValue ?? "") {
                return (a.rule?.rawValue ?? "") < (b.rule?.rawValue ?? "")
            }
            return a.message < b.message
        }
    }
}

/// A failure of the tool itself (bad flag, unreadable config): exit status 2.
public struct ToolError: Error, Sendable {
    public var message: String
    public var help: String?
    /// Located problems in a configuration or checklist file.
    public var files: [FileDiagnostics]

    public init(_ message: String, help: String? = nil, files: [FileDiagnostics] = []) {
        self.message = message
        self.help = help
        self.files = files
    }
}

extension FileSystem.CreateFailure {
    /// The message and help for the user.
    package var toolError: ToolError {
        ToolError("cannot create '\(path)': \(FileSystem.reason(code))", help: FileSystem.remedy(code, path: path))
    }
}
