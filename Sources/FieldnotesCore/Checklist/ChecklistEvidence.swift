import FieldnotesSupport

/// The keys of a question that ask for more than a value written down: `won` (a won account
/// still owes it), and for a contact question with `where:`, `met` (someone matching was met)
/// and `relationship` (someone matching is on these terms with us).
extension ChecklistLoader {
    /// `key: true` or `key: false`; false when absent.
    static func flag(_ node: YAMLNode, _ key: String, _ reader: inout YAMLFileReader) -> Bool {
        guard let value = node[key], !value.isNull, let text = reader.string(value, key) else { return false }
        switch text {
        case "true": return true
        case "false": return false
        default:
            reader.error(
                "'\(key)' should be true or false, found '\(text)'", value.range,
                help: Suggest.closest(to: text, in: ["true", "false"]).map { "did you mean '\($0)'?" }
                    ?? "write '\(key): true', or leave the key out")
            return false
        }
    }

    /// `met:` and `relationship:`, which only a `field: contacts` question with `where:` can take:
    /// they qualify the contacts it matches.
    static func contactEvidence(
        _ node: YAMLNode, answer: Question.Answer?, schema: ObjectSchema, _ reader: inout YAMLFileReader
    ) -> (met: Bool, relationships: [String]) {
        let met = flag(node, "met", &reader)
        var relationships: [String] = []
        if let value = node["relationship"], !value.isNull {
            relationships = relationshipValues(value, schema: schema, &reader)
        }
        var fitting = answer == nil  // the answer's own error says what is wrong
        if case .field("contacts", .whereEquals) = answer { fitting = true }
        if !fitting {
            for key in ["met", "relationship"] {
                guard let pair = node.mapping?.first(where: { $0.key == key }) else { continue }
                reader.error(
                    "'\(key)' applies to a 'field: contacts' question with 'where:'", pair.keyRange,
                    help: "e.g. 'field: contacts', 'where: { roles: economic_buyer }', '\(key): "
                        + (key == "met" ? "true" : "[warm, strong]") + "'; or remove '\(key)'")
            }
        }
        return (met, relationships)
    }

    /// The relationships listed, each a value of a contact's `relationship`.
    private static func relationshipValues(
        _ node: YAMLNode, schema: ObjectSchema, _ reader: inout YAMLFileReader
    ) -> [String] {
        var allowed = BuiltinSchema.relationships
        if case .list(.object(let contact))? = schema.field("contacts")?.type,
            case .enumeration(let values)? = contact.field("relationship")?.type
        {
            allowed = values
        }
        guard let items = node.sequence ?? (node.scalar != nil ? [node] : nil), !items.isEmpty else {
            reader.error(
                "'relationship' should list the relationships that count, e.g. [warm, strong]", node.range,
                help: "use some of: \(allowed.joined(separator: ", "))")
            return []
        }
        var values: [String] = []
        for item in items {
            guard let value = item.scalar else {
                reader.error(
                    "each entry of 'relationship' should be a relationship, found \(item.kindDescription)", item.range)
                continue
            }
            guard allowed.contains(value) else {
                reader.error(
                    "'\(value)' is not a value of 'relationship'", item.range,
                    help: Suggest.closest(to: value, in: allowed).map { "did you mean '\($0)'?" }
                        ?? "use one of: \(allowed.joined(separator: ", "))")
                continue
            }
            values.append(value)
        }
        return values
    }
}
