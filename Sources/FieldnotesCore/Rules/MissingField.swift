import FieldnotesSupport

/// missing-field: a required field is absent, empty or only a placeholder. The decoder finds
/// the field; these build what is said about it.
package enum MissingField: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        /// The field is not written.
        case absent
        /// The key is written without a value (or with an empty list).
        case empty
        /// The value is only `TBD`, `?`, ….
        case placeholder
        /// Not written, but a misspelled key stands for it.
        case misspelled
        /// A list entry or mapping lacks a field it always needs ("contact without a 'name'").
        case absentInEntry
        package static let rule = Rule.missingField
    }

    package static let info = Rule.Info(
        severity: .error,
        summary: "a required field is absent, empty or only a placeholder for the account's stage",
        tableSummary:
            "a required field (for the account's stage) is absent, empty or only a placeholder (`TBD`, `?`, …)",
        rationale:
            "account, owner and stage are always needed; from discovery on, a deal needs a last contact date, a next "
            + "step and the people involved. Those are what a manager reviews first. A placeholder (TBD, TODO, ?, "
            + "..., -) is not an answer: 'next_step: TBD' is a field left empty.",
        fix:
            "Add the field named in the message to the front matter, or replace its placeholder with the real value. "
            + "The help line shows its form.",
        bad: "---\naccount: Binford Tools\nstage: prospecting\n---\n",
        good: exampleNote("stage: prospecting\n"))

    /// The field `spec.name` is absent (`node` nil) or empty. `commentSwallowsValue`: the value
    /// was written after ' #' without a space, so YAML read it as a comment.
    package static func missing(
        _ spec: FieldSpec, in schema: ObjectSchema, node: YAMLNode?, at range: SourceRange,
        commentSwallowsValue: Bool
    ) -> Diagnostic {
        var help = "add '\(spec.name): \(valueForm(spec.type))' to the front matter"
        if case .list(.object(let element)) = spec.type {
            help =
                "add the \(element.noun)s under '\(spec.name):', one '- \(element.fields[0].name): …' line each, "
                + "indented, with their fields below"
        }
        if spec.teamDescribed && schema.noun == "account" { help += " (\(spec.description))" }
        if commentSwallowsValue {
            help = "the text after ' #' is a comment: put the value in quotes, e.g. \(spec.name): \"#2 …\""
        }
        return Diagnostic(
            node == nil ? Message.absent : Message.empty,
            node == nil ? "missing field '\(spec.name)'\(why(spec))" : "field '\(spec.name)' is empty\(why(spec))",
            at: range, subject: spec.name, help: help)
    }

    /// The field holds only `placeholder` (`TBD`, `?`, …).
    package static func placeholder(_ spec: FieldSpec, _ placeholder: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.placeholder, "field '\(spec.name)' holds only a placeholder\(why(spec))", at: range,
            subject: spec.name, help: placeholderHelp(placeholder, field: spec.name))
    }

    /// The field is not written, but `written` (at `typo`) is a misspelling of it: one diagnostic
    /// where the rep wrote it, not one at the top and another at the typo.
    /// The fix renames the key: safe when no other field is as close to what was written.
    package static func misspelled(
        _ name: String, written: String, at typo: SourceRange, applicability: Diagnostic.Fix.Applicability = .safe
    ) -> Diagnostic {
        Diagnostic(
            Message.misspelled, "missing field '\(name)': '\(written)' is not a field", at: typo, subject: name,
            help: "did you mean '\(name)'? rename '\(written)' to '\(name)'",
            fix: .init(typo, name, applicability: applicability))
    }

    /// An entry of kind `noun` (a contact) lacks `field`, which it always needs.
    package static func absentInEntry(_ noun: String, _ field: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.absentInEntry, "\(noun) without a '\(field)'", at: range, subject: field,
            help: "add '\(field): …' to this \(noun)")
    }

    /// The help for a field that holds only a placeholder.
    package static func placeholderHelp(_ placeholder: String, field: String) -> String {
        "a placeholder is not an answer: replace '\(placeholder.trimmingSpaces())' with the "
            + "\(field.replacingOccurrences(of: "_", with: " ")) itself once you know it"
    }

    /// " (required from stage 'discovery')": when the field became required.
    private static func why(_ spec: FieldSpec) -> String {
        switch spec.requirement {
        case .fromStage(let s), .openFrom(let s): return " (required from stage '\(s.rawValue)')"
        case .closed: return " (required once the deal is closed)"
        default: return ""
        }
    }

    /// How a value of `type` is written, for "add 'field: …'".
    private static func valueForm(_ type: FieldType) -> String {
        switch type {
        case .date: return "YYYY-MM-DD"
        case .enumeration(let values): return values.first(where: { $0 != "unknown" }) ?? values.first ?? "…"
        case .list(.object(let schema)): return "[ - name: … ] (a list of \(schema.noun)s)"
        case .list: return "[…]"
        case .object(let schema): return "{ \(schema.fields.first?.name ?? "…"): … }"
        case .boolean: return "true"
        case .number: return "0"
        default: return "…"
        }
    }
}
