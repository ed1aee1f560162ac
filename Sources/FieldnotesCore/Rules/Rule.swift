import FieldnotesSupport

/// Every rule fieldnotes checks. The names are part of the contract: teams use them in
/// `fieldnotes.yml` and CI tools show them.
public enum Rule: String, CaseIterable, Sendable, Comparable {
    case encoding
    case frontMatterMissing = "front-matter-missing"
    case frontMatterUnclosed = "front-matter-unclosed"
    case yamlSyntax = "yaml-syntax"
    case yamlUnsupported = "yaml-unsupported"
    case duplicateKey = "duplicate-key"
    case missingField = "missing-field"
    case unknownField = "unknown-field"
    case wrongType = "wrong-type"
    case invalidDate = "invalid-date"
    case invalidValue = "invalid-value"
    case duplicateContact = "duplicate-contact"
    case unknownContact = "unknown-contact"
    case futureDate = "future-date"
    case staleContact = "stale-contact"
    case pastMeeting = "past-meeting"
    case logAhead = "log-ahead"
    case duplicateSection = "duplicate-section"
    case unansweredQuestion = "unanswered-question"
    case oneSidedLanguage = "one-sided-language"
    case invalidSuppression = "invalid-suppression"
    case unusedSuppression = "unused-suppression"

    public static func < (a: Rule, b: Rule) -> Bool { a.rawValue < b.rawValue }

    public var defaultSeverity: Severity { Rule.defaultSeverities[self]! }

    /// Read once from the catalog: every diagnostic asks for its rule's severity.
    private static let defaultSeverities = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.info.severity) })

    /// What the rule checks, why, and an example that triggers it and one that does not.
    public struct Info: Sendable {
        public var severity: Severity
        public var summary: String
        /// The summary as the README's table of rules words it (shorter, with Markdown).
        public var tableSummary: String
        public var rationale: String
        public var fix: String
        /// A whole account file that triggers the rule (checked as of 2026-11-20 in tests).
        public var bad: String
        /// The same note, fixed.
        public var good: String
    }

    public var info: Info { Rule.infos[self]! }

    /// Every rule's home: the file named after the rule holds its documentation, its messages and its check.
    package static let definitions: [any RuleDefinition.Type] = [
        Encoding.self, FrontMatterMissing.self, FrontMatterUnclosed.self, YAMLSyntax.self, YAMLUnsupported.self,
        DuplicateKey.self, MissingField.self, UnknownField.self, WrongType.self, InvalidDate.self,
        InvalidValue.self, DuplicateContact.self, UnknownContact.self, FutureDate.self, StaleContact.self,
        PastMeeting.self, LogAhead.self, DuplicateSection.self, UnansweredQuestion.self, OneSidedLanguage.self,
        InvalidSuppression.self, UnusedSuppression.self,
    ]

    /// Each rule's documentation, read once from the rule files.
    private static let infos = Dictionary(uniqueKeysWithValues: definitions.map { ($0.rule, $0.info) })
}

/// What every rule's file declares: the messages it writes and its documentation.
package protocol RuleDefinition {
    associatedtype Message: RuleMessage
    static var info: Rule.Info { get }
}

extension RuleDefinition {
    package static var rule: Rule { Message.rule }

    /// A small valid note at prospecting; the rules' examples vary one thing from it.
    package static func exampleNote(_ front: String, body: String = "") -> String {
        "---\naccount: Binford Tools\nowner: dana.reyes\n\(front)---\n\n# Binford Tools\n\n## What changed\n"
            + "New plant manager since October.\n\n## Current feedback\nSamples passed their first checks.\n\(body)"
    }
}
