import FieldnotesSupport

/// wrong-type: a value of the wrong kind. The decoder compares each value with its field's
/// type; these say what was found and how to write it.
package enum WrongType: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        /// The front matter is not a mapping of fields.
        case notFields
        /// A value where fields indented below belong.
        case notMapping
        case notList
        /// A '-' line without an entry in a list.
        case emptyEntry
        /// A list or mapping where one line of text belongs.
        case notScalar
        case notNumber
        case notBoolean
        package static let rule = Rule.wrongType
    }

    package static let info = Rule.Info(
        severity: .error,
        summary:
            "a value of the wrong kind: a list where text belongs, text where a list belongs, 'yes' for a boolean",
        tableSummary: "a list where text belongs, `yes` for a boolean, …",
        rationale:
            "fieldnotes never guesses types (\"yes\" is not true, \"no\" is not false), so a value must be written "
            + "in the form its field expects.",
        fix:
            "Write the value as the help line shows: a list as [a, b] or '- item' lines, a boolean as true or false, "
            + "a number without separators.",
        bad: exampleNote("stage: prospecting\ncompetitors:\n  - name: Acme Fixtures\n    incumbent: yes\n"),
        good: exampleNote("stage: prospecting\ncompetitors:\n  - name: Acme Fixtures\n    incumbent: true\n"))

    /// The front matter is a `kind` (a list, a text), not fields.
    package static func notFields(_ root: YAMLNode) -> Diagnostic {
        Diagnostic(
            Message.notFields, "the front matter should be 'key: value' fields, found \(root.kindDescription)",
            at: root.range, help: "write one field per line: 'account: Binford Tools'")
    }

    /// `field` should hold a `schema.noun` with fields below.
    package static func notMapping(_ node: YAMLNode, field: String, schema: ObjectSchema) -> Diagnostic {
        let noun = schema.noun
        let article = "aeiou".contains(noun.first ?? "x") ? "an" : "a"
        return Diagnostic(
            Message.notMapping,
            "'\(field)' should be \(article) \(noun) with fields indented below, found \(node.kindDescription)",
            at: node.range, subject: field,
            help: "write '\(schema.fields[0].name): …' and the other fields on their own lines, indented")
    }

    /// How a value that should be a list is to be written instead.
    package enum ListForm {
        /// One '- name: …' line per entry of this kind.
        case entries(ObjectSchema)
        /// A sentence where allowed values go: the values, and where the sentence belongs.
        case prose(values: [String], home: String)
        /// The text written, as a one-item list.
        case item(String)
        case any
    }

    package static func notList(_ node: YAMLNode, field: String, form: ListForm) -> Diagnostic {
        let help: String
        switch form {
        case .entries(let schema):
            help = "write each \(schema.noun) as a '- \(schema.fields[0].name): …' line below '\(field):'"
        case .prose(let values, let home): help = InvalidValue.proseHelp(field, values, list: true, home: home)
        case .item(let text): help = "write it as a list: \(field): [\(text)]"
        case .any: help = "write it as a list: \(field): [a, b]"
        }
        return Diagnostic(
            Message.notList, "'\(field)' should be a list, found \(node.kindDescription)", at: node.range,
            subject: field, help: help)
    }

    package static func emptyEntry(_ item: YAMLNode, field: String) -> Diagnostic {
        Diagnostic(
            Message.emptyEntry, "empty entry in '\(field)'", at: item.range, subject: field,
            help: "remove the empty '-' line, or write the entry after it")
    }

    package static func notScalar(_ node: YAMLNode, field: String, type: FieldType) -> Diagnostic {
        Diagnostic(
            Message.notScalar, "'\(field)' should be \(type.name), found \(node.kindDescription)", at: node.range,
            subject: field, help: "write '\(field): \(type.example)' on one line")
    }

    package static func notNumber(_ text: String, at range: SourceRange, field: String) -> Diagnostic {
        // Suggest the number only when nothing but separators or a currency sign was added ("120,000", "$85 000").
        let cleaned = text.filter { $0.isNumber || $0 == "." || $0 == "-" }
        let onlySeparators = text.allSatisfy { $0.isNumber || ".-, _'$€£¥".contains($0) }
        return Diagnostic(
            Message.notNumber, "'\(field)' should be a number, found '\(text)'", at: range, subject: field,
            help: onlySeparators && AccountDecoder.isNumber(cleaned)
                ? "write it without separators or currency signs: \(field): \(cleaned)"
                : (field == "value"
                    ? "write a plain number such as 120000 (the currency goes in 'currency')"
                    : "write a plain number such as 12"))
    }

    package static func notBoolean(_ text: String, at range: SourceRange, field: String) -> Diagnostic {
        let lowered = text.lowercased()
        let guess =
            ["yes", "y", "on", "true"].contains(lowered)
            ? "true" : ["no", "n", "off", "false"].contains(lowered) ? "false" : nil
        return Diagnostic(
            Message.notBoolean, "'\(field)' should be true or false, found '\(text)'", at: range, subject: field,
            help: guess.map { "write '\(field): \($0)'; fieldnotes does not read yes/no or on/off as booleans" }
                ?? "write true or false",
            fix: guess.map { .init(range, $0) })
    }
}
