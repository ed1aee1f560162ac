import FieldnotesSupport

/// unknown-field: a field that is not in the schema, often a typo. The decoder finds it and
/// the likely intent; this says so.
package enum UnknownField: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        /// A front-matter field.
        case unknown
        /// A field of a list entry or mapping ("unknown contact field").
        case unknownInEntry
        package static let rule = Rule.unknownField
    }

    package static let info = Rule.Info(
        severity: .warning,
        summary: "a field that is not in the schema (often a typo)",
        tableSummary: "not in the schema; with a did-you-mean when one is close",
        rationale:
            "A misspelled field is silently ignored: 'last_contcat' would leave the account with no contact date. "
            + "Teams add their own fields in fieldnotes.yml so they are checked too.",
        fix:
            "Fix the spelling (the help suggests the closest field), or declare the field under 'fields:' in "
            + "fieldnotes.yml.",
        bad: exampleNote("stage: prospecting\nlast_contcat: 2026-11-18\n"),
        good: exampleNote("stage: prospecting\nlast_contact: 2026-11-18\n"))

    /// What the decoder found the key may have meant.
    package enum Intent {
        /// A field with this name is close.
        case closest(String)
        /// A sentence written where one of `values` of `field` goes; it belongs in `home` (a note).
        case prose(field: String, values: [String], list: Bool, home: String)
        /// Nothing close: the entry's fields are listed.
        case none
    }

    /// `key` (at `range`) is not a field of `schema`; `nested`: it is in an entry, not the front matter.
    package static func diagnostic(
        _ key: String, at range: SourceRange, in schema: ObjectSchema, nested: Bool, intent: Intent,
        fix: Diagnostic.Fix?
    ) -> Diagnostic {
        let help: String
        switch intent {
        case .prose(let field, let values, let list, let home):
            help = InvalidValue.proseHelp(field, values, list: list, home: home)
        case .closest(let guess):
            help = "did you mean '\(guess)'?"
        case .none:
            help =
                nested
                ? "a \(schema.noun) has: \(schema.fields.map(\.name).joined(separator: ", "))"
                : "declare a team's own fields under 'fields:' in fieldnotes.yml"
        }
        return Diagnostic(
            nested ? Message.unknownInEntry : Message.unknown,
            nested ? "unknown \(schema.noun) field '\(key)'" : "unknown field '\(key)'", at: range, subject: key,
            help: help, fix: fix)
    }
}
