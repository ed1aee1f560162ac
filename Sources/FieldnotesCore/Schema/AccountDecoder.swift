import FieldnotesSupport

/// Types the front matter against the schema: missing-field, unknown-field, wrong-type,
/// invalid-date, invalid-value, duplicate-contact and unknown-contact.
public struct AccountDecoder {
    public let schema: ObjectSchema
    package private(set) var diagnostics: [Diagnostic] = []
    private var keyText: [Int: String] = [:]
    private var source: SourceFile?
    /// The did-you-mean work this file may still do, shared by all its searches.
    private let suggestionBudget = Suggest.Budget()
    /// The did-you-mean index of each list of names searched (field names, allowed values), built once per file.
    private var suggestionIndexes: [String: Suggest.Index] = [:]
    /// The free-text field of the mapping being validated (a contact's `notes`), where a value
    /// written as prose in a field of allowed values belongs.
    private var proseField: String?
    /// Whether that mapping has its free-text field written already.
    private var proseFieldWritten = false

    public init(schema: ObjectSchema) {
        self.schema = schema
    }

    /// Decodes `root` (the front matter), given the range of the opening `---` for
    /// diagnostics about fields that are absent.
    public static func decode(
        _ root: YAMLNode?, schema: ObjectSchema, opening: SourceRange, source: SourceFile? = nil
    ) -> (AccountFields, [Diagnostic]) {
        var decoder = AccountDecoder(schema: schema)
        decoder.source = source
        let fields = decoder.decodeAccount(root, opening: opening)
        return (fields, decoder.diagnostics)
    }

    private mutating func decodeAccount(_ root: YAMLNode?, opening: SourceRange) -> AccountFields {
        var fields = AccountFields()
        fields.root = root
        guard let root else { return fields }
        if let pairs = root.mapping { for pair in pairs { keyText[pair.keyRange.start] = pair.key } }
        guard let pairs = root.mapping else {
            diagnostics.append(
                Diagnostic(
                    .wrongType, "the front matter should be 'key: value' fields, found \(root.kindDescription)",
                    at: root.range, help: "write one field per line: 'account: Binford Tools'"))
            return fields
        }
        var unknown: [YAMLPair] = []
        fields.keyRanges.reserveCapacity(pairs.count)
        fields.valid.reserveCapacity(pairs.count)
        for pair in pairs {
            fields.keyRanges[pair.key] = pair.keyRange
            guard let spec = schema.field(pair.key) else {
                unknown.append(pair)
                continue
            }
            if pair.value.isNull || Self.holdsPlaceholder(pair.value, spec.type) { continue }
            if validate(pair.value, spec.type, field: spec.name) {
                fields.valid[spec.name] = pair.value
            }
        }
        // The stage decides which fields are required.
        if let node = fields.valid["stage"], let s = node.scalar, let stage = Stage(rawValue: s) {
            fields.stage = Located(value: stage, range: node.range)
        }
        let names = schema.fields.map(\.name)
        for pair in unknown {
            if let guess = suggestion(for: pair.key, in: names), root[guess] == nil, fields.misspelled[guess] == nil {
                fields.misspelled[guess] = pair.keyRange
            }
        }
        var reportedAsMissing = Set<String>()
        for spec in schema.fields where spec.requirement.applies(at: fields.stage?.value) {
            let node = root[spec.name]
            let heldPlaceholder = node.flatMap { Self.holdsPlaceholder($0, spec.type) ? $0.scalar : nil }
            guard node == nil || node!.isNull || isEmptyList(node!) || heldPlaceholder != nil else { continue }
            if node == nil, !fields.misspelled.isEmpty, let typo = fields.misspelled[spec.name] {
                // One diagnostic where the rep wrote it, not one at the top and another at the typo.
                let written = keyName(at: typo)
                diagnostics.append(
                    Diagnostic(
                        .missingField, "missing field '\(spec.name)': '\(written)' is not a field", at: typo,
                        help: "did you mean '\(spec.name)'? rename '\(written)' to '\(spec.name)'",
                        fix: .init(typo, spec.name)))
                reportedAsMissing.insert(written)
                continue
            }
            let placement = "\(spec.name): \(placeholder(for: spec.type))"
            let why: String
            switch spec.requirement {
            case .fromStage(let s), .openFrom(let s): why = " (required from stage '\(s.rawValue)')"
            case .closed: why = " (required once the deal is closed)"
            default: why = ""
            }
            let at =
                node.map { _ in fields.keyRanges[spec.name]! }
                ?? (spec.requirement == .always ? opening : (fields.stage?.range ?? opening))
            var help = "add '\(placement)' to the front matter"
            if case .list(.object(let element)) = spec.type {
                help =
                    "add the \(element.noun)s under '\(spec.name):', one '- \(element.fields[0].name): …' line each, indented, with their fields below"
            }
            if spec.description.hasPrefix("A team field") == false && schema.noun == "account"
                && BuiltinSchema.account.field(spec.name) == nil
            {
                help += " (\(spec.description))"
            }
            if let node, node.isNull, commentSwallowsValue(after: node.range.start) {
                help = "the text after ' #' is a comment: put the value in quotes, e.g. \(spec.name): \"#2 …\""
            }
            if let heldPlaceholder, let node {
                diagnostics.append(
                    Diagnostic(
                        .missingField, "field '\(spec.name)' holds only a placeholder\(why)", at: node.range,
                        help: Self.placeholderHelp(heldPlaceholder, field: spec.name)))
                continue
            }
            diagnostics.append(
                Diagnostic(
                    .missingField,
                    node == nil ? "missing field '\(spec.name)'\(why)" : "field '\(spec.name)' is empty\(why)",
                    at: at, help: help))
        }
        for pair in unknown where !reportedAsMissing.contains(pair.key) {
            unknownField(pair, in: schema, nested: false)
        }
        typeFields(&fields)
        checkContacts(fields.contacts)
        checkOutcome(fields)
        return fields
    }

    /// The key text at `range` (keys are short, single-line).
    private func keyName(at range: SourceRange) -> String {
        keyText[range.start] ?? ""
    }

    /// The likely intent of `word` among `candidates` (a short list: field names or allowed values),
    /// searched in an index built the first time the list is searched in this file.
    private mutating func suggestion(for word: String, in candidates: [String]) -> String? {
        let key = candidates.joined(separator: "\n")
        if let index = suggestionIndexes[key] { return index.closest(to: word) }
        let index = Suggest.Index(candidates, budget: suggestionBudget)
        suggestionIndexes[key] = index
        return index.closest(to: word)
    }

    /// Whether the rest of the line after `offset` is a comment, which a rep may have meant as the value.
    private func commentSwallowsValue(after offset: Int) -> Bool {
        guard let source else { return false }
        let line = source.lineRange(source.lineIndex(of: offset))
        var p = offset
        while p < line.upperBound && (source.bytes[p] == 0x20 || source.bytes[p] == 0x09) { p += 1 }
        return p + 1 < line.upperBound && source.bytes[p] == UInt8(ascii: "#") && source.bytes[p + 1] != 0x20
    }

    /// The outcome must agree with the stage: closed_won is a win.
    private mutating func checkOutcome(_ fields: AccountFields) {
        guard let stage = fields.stage?.value, stage.isClosed, let result = fields.root?["outcome"]?["result"],
            let value = result.scalar, BuiltinSchema.results.contains(value)
        else { return }
        let expected = stage == .closedWon ? ["won"] : ["lost", "no_decision"]
        if !expected.contains(value) {
            diagnostics.append(
                Diagnostic(
                    .invalidValue, "outcome '\(value)' does not match stage '\(stage.rawValue)'", at: result.range,
                    help: stage == .closedWon
                        ? "a closed_won deal was won: write 'result: won', or correct the stage"
                        : "a closed_lost deal ends in 'lost' or 'no_decision', or correct the stage"))
        }
    }

    private func isEmptyList(_ node: YAMLNode) -> Bool { node.sequence?.isEmpty ?? false }

    /// Whether `node` is a text value that only stands for "not known yet" (`TBD`, `TODO`, `?`,
    /// `...`, `-`: the placeholders that leave a section unanswered): such a field is empty.
    package static func holdsPlaceholder(_ node: YAMLNode, _ type: FieldType) -> Bool {
        guard case .string = type, let text = node.scalar else { return false }
        return isPlaceholder(text)
    }

    /// Whether a text value is a placeholder, by the body's list of them.
    package static func isPlaceholder(_ text: String) -> Bool {
        text.utf8.count <= 12 && BodyScanner.isPlaceholder(text.trimmingSpaces())
    }

    /// The help for a field that holds only a placeholder.
    package static func placeholderHelp(_ placeholder: String, field: String) -> String {
        "a placeholder is not an answer: replace '\(placeholder.trimmingSpaces())' with the \(field.replacingOccurrences(of: "_", with: " ")) itself once you know it"
    }

    private func placeholder(for type: FieldType) -> String {
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

    private mutating func unknownField(_ pair: YAMLPair, in schema: ObjectSchema, nested: Bool) {
        let names = schema.fields.map(\.name)
        let help: String
        var fix: Diagnostic.Fix?
        if nested, let home = proseField, let text = pair.value.scalar,
            let guess = suggestion(for: pair.key, in: names),
            let values = schema.field(guess).flatMap(Self.allowedValues), isProse(text, among: values)
        {
            // `role: runs the maintenance team`: renaming it 'roles' would only lead to more errors.
            var list = false
            if case .list = schema.field(guess)?.type { list = true }
            help = proseHelp(guess, values, list: list, home: home)
            if !proseFieldWritten { fix = .init(pair.keyRange, home) }
        } else if let guess = suggestion(for: pair.key, in: names) {
            help = "did you mean '\(guess)'?"
            fix = .init(pair.keyRange, guess)
        } else if nested {
            help = "a \(schema.noun) has: \(names.joined(separator: ", "))"
        } else {
            help = "declare a team's own fields under 'fields:' in fieldnotes.yml"
        }
        let what = nested ? "unknown \(schema.noun) field" : "unknown field"
        diagnostics.append(Diagnostic(.unknownField, "\(what) '\(pair.key)'", at: pair.keyRange, help: help, fix: fix))
    }

    /// Checks `node` against `type`, reporting what is wrong. Returns whether it is valid.
    @discardableResult
    private mutating func validate(_ node: YAMLNode, _ type: FieldType, field: String) -> Bool {
        switch type {
        case .object(let schema):
            guard let pairs = node.mapping else {
                diagnostics.append(
                    Diagnostic(
                        .wrongType,
                        "'\(field)' should be \(article(schema.noun)) \(schema.noun) with fields indented below, found \(node.kindDescription)",
                        at: node.range,
                        help: "write '\(schema.fields[0].name): …' and the other fields on their own lines, indented"))
                return false
            }
            var ok = true
            let outer = (proseField, proseFieldWritten)
            proseField = Self.proseField(of: schema)
            proseFieldWritten = pairs.contains { $0.key == proseField }
            defer { (proseField, proseFieldWritten) = outer }
            for pair in pairs {
                guard let spec = schema.field(pair.key) else {
                    unknownField(pair, in: schema, nested: true)
                    continue
                }
                if pair.value.isNull { continue }
                if !validate(pair.value, spec.type, field: spec.name) { ok = false }
            }
            for spec in schema.fields where spec.requirement == .always {
                let value = node[spec.name]
                if value == nil || value!.isNull {
                    diagnostics.append(
                        Diagnostic(
                            .missingField, "\(schema.noun) without a '\(spec.name)'",
                            at: value == nil
                                ? SourceRange(node.range.start, node.range.start + 1)
                                : pairs.first { $0.key == spec.name }!.keyRange,
                            help: "add '\(spec.name): …' to this \(schema.noun)"))
                    ok = false
                }
            }
            return ok
        case .list(let element):
            guard let items = node.sequence else {
                let example: String
                if case .object(let schema) = element {
                    example = "write each \(schema.noun) as a '- \(schema.fields[0].name): …' line below '\(field):'"
                } else if let s = node.scalar, let home = proseField, case .enumeration(let values) = element,
                    isProse(s, among: values)
                {
                    example = proseHelp(field, values, list: true, home: home)
                } else if let s = node.scalar {
                    example = "write it as a list: \(field): [\(s)]"
                } else {
                    example = "write it as a list: \(field): [a, b]"
                }
                diagnostics.append(
                    Diagnostic(
                        .wrongType, "'\(field)' should be a list, found \(node.kindDescription)", at: node.range,
                        help: example))
                return false
            }
            var ok = true
            let elementName = field.hasSuffix("s") ? String(field.dropLast()) : field
            var proseStarts = Set<Int>()
            if let home = proseField, case .enumeration(let values) = element {
                // Sentences in a list of allowed values: one finding for them all, saying where they belong.
                var prose: [(text: String, range: SourceRange)] = []
                for item in items {
                    if let text = item.scalar, !values.contains(text), isProse(text, among: values) {
                        prose.append((text, item.range))
                    }
                }
                if let first = prose.first, let last = prose.last {
                    let quoted = prose.map { "'\($0.text)'" }.joined(separator: ", ")
                    diagnostics.append(
                        Diagnostic(
                            .invalidValue, "unknown \(elementName)\(prose.count > 1 ? "s" : "") \(quoted)",
                            at: SourceRange(first.range.start, last.range.end),
                            help: proseHelp(field, values, list: true, home: home)))
                    proseStarts = Set(prose.map(\.range.start))
                    ok = false
                }
            }
            for item in items where !proseStarts.contains(item.range.start) {
                if item.isNull {
                    diagnostics.append(
                        Diagnostic(
                            .wrongType, "empty entry in '\(field)'", at: item.range,
                            help: "remove the empty '-' line, or write the entry after it"))
                    ok = false
                    continue
                }
                if !validate(item, element, field: elementName) { ok = false }
            }
            return ok
        default:
            guard let text = node.scalar else {
                diagnostics.append(
                    Diagnostic(
                        .wrongType, "'\(field)' should be \(type.name), found \(node.kindDescription)",
                        at: node.range, help: "write '\(field): \(type.example)' on one line"))
                return false
            }
            return validateScalar(text, node, type, field: field)
        }
    }

    private mutating func validateScalar(_ text: String, _ node: YAMLNode, _ type: FieldType, field: String) -> Bool {
        switch type {
        case .string:
            return true
        case .date:
            switch Day.parse(text) {
            case .success: return true
            case .failure(.format):
                let help =
                    Day.suggestion(for: text).map { "write dates as YYYY-MM-DD: did you mean '\($0)'?" }
                    ?? "write the date as YYYY-MM-DD, e.g. 2026-11-18"
                diagnostics.append(
                    Diagnostic(
                        .invalidDate, "'\(field)' is not a date in the form YYYY-MM-DD: '\(text)'", at: node.range,
                        help: help))
            case .failure(.noSuchDay(let why)):
                diagnostics.append(
                    Diagnostic(
                        .invalidDate, "no such day '\(text)': \(why)", at: node.range,
                        help: "correct the day; dates are YYYY-MM-DD"))
            }
            return false
        case .number:
            if Self.isNumber(text) { return true }
            // Suggest the number only when nothing but separators or a currency sign was added ("120,000", "$85 000").
            let cleaned = text.filter { $0.isNumber || $0 == "." || $0 == "-" }
            let onlySeparators = text.allSatisfy { $0.isNumber || ".-, _'$€£¥".contains($0) }
            diagnostics.append(
                Diagnostic(
                    .wrongType, "'\(field)' should be a number, found '\(text)'", at: node.range,
                    help: onlySeparators && Self.isNumber(cleaned)
                        ? "write it without separators or currency signs: \(field): \(cleaned)"
                        : (field == "value"
                            ? "write a plain number such as 120000 (the currency goes in 'currency')"
                            : "write a plain number such as 12")))
            return false
        case .boolean:
            if text == "true" || text == "false" { return true }
            let lowered = text.lowercased()
            let guess =
                ["yes", "y", "on", "true"].contains(lowered)
                ? "true" : ["no", "n", "off", "false"].contains(lowered) ? "false" : nil
            diagnostics.append(
                Diagnostic(
                    .wrongType, "'\(field)' should be true or false, found '\(text)'", at: node.range,
                    help: guess.map { "write '\(field): \($0)'; fieldnotes does not read yes/no or on/off as booleans" }
                        ?? "write true or false"))
            return false
        case .currency:
            if text.count == 3 && text.allSatisfy({ $0.isASCII && $0.isUppercase }) { return true }
            let upper = text.uppercased()
            if upper.count == 3 && upper.allSatisfy({ $0.isASCII && $0.isLetter }) {
                diagnostics.append(
                    Diagnostic(
                        .invalidValue, "currency codes are upper case: '\(text)'", at: node.range,
                        help: "did you mean '\(upper)'?",
                        fix: .init(node.range, upper)))
            } else {
                diagnostics.append(
                    Diagnostic(
                        .invalidValue, "'\(text)' is not a 3-letter currency code", at: node.range,
                        help: "write an ISO 4217 code such as USD, EUR or GBP"))
            }
            return false
        case .enumeration(let values):
            if values.contains(text) { return true }
            let guess = suggestion(for: text, in: values)
            var help = guess.map { "did you mean '\($0)'?" } ?? "use one of: \(values.joined(separator: ", "))"
            if guess == nil, let home = proseField, isProse(text, among: values) {
                help = proseHelp(field, values, list: false, home: home)
            }
            diagnostics.append(
                Diagnostic(
                    .invalidValue, "unknown \(field.replacingOccurrences(of: "_", with: " ")) '\(text)'",
                    at: node.range, help: help,
                    fix: guess.map { .init(node.range, $0) }))
            return false
        case .list, .object:
            return false
        }
    }

    private func article(_ noun: String) -> String { "aeiou".contains(noun.first ?? "x") ? "an" : "a" }

    /// Digits with an optional "-" before them and an optional ".digits" after: `-12.5`.
    package static func isNumber(_ text: String) -> Bool {
        var digits = 0, dots = 0, afterDot = 0
        for (i, b) in text.utf8.enumerated() {
            if Bytes.isDigit(b) {
                digits += 1
                if dots == 1 { afterDot += 1 }
            } else if b == UInt8(ascii: ".") && digits > 0 && dots == 0 {
                dots = 1
            } else if !(b == UInt8(ascii: "-") && i == 0) {
                return false
            }
        }
        return digits > 0 && (dots == 0 || afterDot > 0)
    }

    // MARK: - Typed model

    private func typeFields(_ f: inout AccountFields) {
        func text(_ name: String) -> Located<String>? {
            guard let n = f.valid[name], let s = n.scalar else { return nil }
            return Located(value: s, range: n.range)
        }
        /// A nested text value, nil when it is only a placeholder.
        func words(_ node: YAMLNode?) -> String? {
            guard let s = node?.scalar, !Self.isPlaceholder(s) else { return nil }
            return s
        }
        func day(_ name: String) -> Located<Day>? {
            guard let n = f.valid[name], let s = n.scalar, case .success(let d) = Day.parse(s) else { return nil }
            return Located(value: d, range: n.range)
        }
        f.name = text("account")
        f.owner = text("owner")
        f.lastContact = day("last_contact")
        f.lastVisit = day("last_visit")
        f.nextMeeting = day("next_meeting")
        f.decisionDate = day("decision_date")
        f.nextStep = text("next_step")
        f.compellingEvent = text("compelling_event")
        f.budget = text("budget")
        f.pain = text("pain")
        f.ourPosition = text("our_position")
        f.tags = f.valid["tags"]?.sequence?.compactMap(\.scalar) ?? []
        // Lists are typed item by item from the raw tree, so one bad contact does not hide the others.
        for item in f.root?["contacts"]?.sequence ?? [] {
            guard let name = item["name"], let n = name.scalar else { continue }
            let roles = item["roles"]?.sequence?.compactMap(\.scalar).filter { BuiltinSchema.roles.contains($0) } ?? []
            let reports = item["reports_to"].flatMap { node in node.scalar.map { Located(value: $0, range: node.range) }
            }
            f.contacts.append(
                Contact(
                    name: Located(value: n, range: name.range), title: words(item["title"]),
                    function: item["function"]?.scalar.flatMap { BuiltinSchema.functions.contains($0) ? $0 : nil },
                    roles: roles, reportsTo: reports,
                    relationship: item["relationship"]?.scalar.flatMap {
                        BuiltinSchema.relationships.contains($0) ? $0 : nil
                    },
                    influence: item["influence"]?.scalar.flatMap { BuiltinSchema.influences.contains($0) ? $0 : nil },
                    notes: item["notes"]?.scalar, range: item.range))
        }
        for item in f.root?["competitors"]?.sequence ?? [] {
            guard let name = item["name"], let n = name.scalar else { continue }
            f.competitors.append(
                Competitor(
                    name: Located(value: n, range: name.range), incumbent: item["incumbent"]?.scalar == "true",
                    valueProposition: words(item["value_proposition"]), strengths: words(item["strengths"]),
                    weaknesses: words(item["weaknesses"]), range: item.range))
        }
        for item in f.root?["opportunities"]?.sequence ?? [] {
            guard let name = item["name"], let n = name.scalar else { continue }
            var decision: Day?
            if let s = item["decision_date"]?.scalar, case .success(let d) = Day.parse(s) { decision = d }
            let next = item["next_step"].flatMap { node in words(node).map { Located(value: $0, range: node.range) } }
            f.opportunities.append(
                Opportunity(
                    name: Located(value: n, range: name.range),
                    stage: item["stage"]?.scalar.flatMap(Stage.init(rawValue:)),
                    value: item["value"]?.scalar.flatMap { Self.isNumber($0) ? $0 : nil },
                    currency: item["currency"]?.scalar, decisionDate: decision, nextStep: next, range: item.range))
        }
        if let o = f.valid["outcome"] {
            f.outcome = Outcome(
                result: o["result"]?.scalar, reason: words(o["reason"]), competitor: words(o["competitor"]))
        }
    }

    /// How contact names are compared for duplicates: lower case, runs of spaces as one, no
    /// spaces at the ends ("Raj  Patel" is "raj patel").
    package static func contactKey(_ name: String) -> String {
        var name = name
        if name.withUTF8(Bytes.isASCII) {
            return name.withUTF8 { Bytes.joiningWords($0, tabs: false, lowercaseASCII: true) }
        }
        // A space before a non-ASCII character might join it (a combining mark): by characters then.
        if name.withUTF8({ zip($0, $0.dropFirst()).contains { $0 == 0x20 && $1 >= 0x80 } }) {
            return name.lowercased().split(separator: " ").joined(separator: " ")
        }
        // Lowered scalar by scalar, as String.lowercased() does; ASCII as bytes.
        var lower: [UInt8] = []
        lower.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars {
            if scalar.isASCII {
                lower.append(Bytes.lower(UInt8(scalar.value)))
            } else if scalar.properties.changesWhenLowercased {
                lower.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                lower.append(contentsOf: String(scalar).utf8)
            }
        }
        return lower.withUnsafeBufferPointer { Bytes.joiningWords($0, tabs: false, lowercaseASCII: false) }
    }

    private mutating func checkContacts(_ contacts: [Contact]) {
        var seen: [String: SourceRange] = [:]
        for contact in contacts {
            let key = Self.contactKey(contact.name.value)
            if let first = seen[key] {
                diagnostics.append(
                    Diagnostic(
                        .duplicateContact, "duplicate contact '\(contact.name.value)'", at: contact.name.range,
                        help: "merge the two entries into one", notes: [.init("first listed here", first)]))
            } else {
                seen[key] = contact.name.range
            }
        }
        // A set for long lists (thousands of contacts must not cost a scan each); a few are scanned.
        let names: Set<String>? = contacts.count > 16 ? Set(contacts.map(\.name.value)) : nil
        func known(_ name: String) -> Bool { names?.contains(name) ?? contacts.contains { $0.name.value == name } }
        // Indexed once, when a first name needs a suggestion.
        var index: Suggest.Index?
        for contact in contacts {
            if let boss = contact.reportsTo, boss.value == contact.name.value {
                diagnostics.append(
                    Diagnostic(
                        .unknownContact, "'\(contact.name.value)' reports to themself", at: boss.range,
                        help: "write the name of the person they report to"))
                continue
            }
            guard let boss = contact.reportsTo, !known(boss.value) else { continue }
            if index == nil { index = Suggest.Index(contacts.map(\.name.value), budget: suggestionBudget) }
            let guess = index?.closest(to: boss.value)
            let help = guess.map { "did you mean '\($0)'?" } ?? "add '\(boss.value)' to contacts, or correct the name"
            diagnostics.append(
                Diagnostic(
                    .unknownContact, "'\(contact.name.value)' reports to '\(boss.value)', who is not in contacts",
                    at: boss.range, help: help, fix: guess.map { .init(boss.range, YAMLScalarWriter.scalar($0)) }))
        }
    }
}

// MARK: - Prose where allowed values are expected

extension AccountDecoder {
    /// The free-text field of a mapping where a sentence about it belongs (a contact's `notes`).
    package static func proseField(of schema: ObjectSchema) -> String? {
        guard let spec = schema.field("notes"), case .string = spec.type else { return nil }
        return spec.name
    }

    /// The allowed values of a field of allowed values, or of a list of them.
    package static func allowedValues(_ spec: FieldSpec) -> [String]? {
        switch spec.type {
        case .enumeration(let values), .list(.enumeration(let values)): return values
        default: return nil
        }
    }

    /// Whether `text`, not an allowed value, is clearly a sentence rather than a misspelt value:
    /// no value is near it, and it has spaces or more than a few words ("runs the plant").
    /// A list written on one line ("champion, coach") is judged part by part.
    package mutating func isProse(_ text: String, among values: [String]) -> Bool {
        let parts = text.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        return parts.contains { part in
            guard !values.contains(part) else { return false }
            let words = part.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "-" || $0 == "_" })
            guard part.contains(" ") || part.contains("\t") || words.count > 3 else { return false }
            return suggestion(for: part, in: values) == nil
        }
    }

    /// The one help for prose written where allowed values go: the values, and where the prose belongs.
    package func proseHelp(_ field: String, _ values: [String], list: Bool, home: String) -> String {
        "'\(field)' takes \(list ? "a list of" : "one of"): \(values.joined(separator: ", ")); write what they do in '\(home):'"
    }
}
