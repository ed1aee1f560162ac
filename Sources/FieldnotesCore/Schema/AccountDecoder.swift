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
    ) -> (fields: AccountFields, diagnostics: [Diagnostic]) {
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
            diagnostics.append(WrongType.notFields(root))
            return fields
        }
        let unknown = validateFields(pairs, &fields)
        // The stage decides which fields are required.
        if let node = fields.valid["stage"], let s = node.scalar, let stage = Stage(rawValue: s) {
            fields.stage = Located(value: stage, range: node.range)
        }
        noteMisspellings(unknown, root: root, &fields)
        let reportedAsMissing = checkRequired(root, fields, opening: opening)
        for pair in unknown where !reportedAsMissing.contains(pair.key) {
            unknownField(pair, in: schema, nested: false)
        }
        typeFields(&fields)
        checkContacts(fields.contacts, attendees: fields.nextMeetingWith)
        checkOutcome(fields)
        return fields
    }

    /// Validates each field the schema knows, keeping the valid ones; returns the pairs it does not know.
    private mutating func validateFields(_ pairs: [YAMLPair], _ fields: inout AccountFields) -> [YAMLPair] {
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
        return unknown
    }

    /// Unknown keys that look like a known field not written otherwise: the field they misspell.
    private mutating func noteMisspellings(_ unknown: [YAMLPair], root: YAMLNode, _ fields: inout AccountFields) {
        let names = schema.fields.map(\.name)
        for pair in unknown {
            if let guess = suggestion(for: pair.key, in: names), root[guess] == nil, fields.misspelled[guess] == nil {
                fields.misspelled[guess] = pair.keyRange
            }
        }
    }

    /// Reports the fields required at this stage that are absent, empty or placeholders; returns
    /// the misspelled keys already reported as the field they stand for.
    private mutating func checkRequired(
        _ root: YAMLNode, _ fields: AccountFields, opening: SourceRange
    ) -> Set<String> {
        var reportedAsMissing = Set<String>()
        for spec in schema.fields where spec.requirement.applies(at: fields.stage?.value) {
            let node = root[spec.name]
            let heldPlaceholder = node.flatMap { Self.holdsPlaceholder($0, spec.type) ? $0.scalar : nil }
            guard node == nil || node!.isNull || isEmptyList(node!) || heldPlaceholder != nil else { continue }
            if node == nil, !fields.misspelled.isEmpty, let typo = fields.misspelled[spec.name] {
                // One diagnostic where the rep wrote it, not one at the top and another at the typo.
                let written = keyName(at: typo)
                let sure = applicability(of: spec.name, for: written, in: schema.fields.map(\.name))
                diagnostics.append(MissingField.misspelled(spec.name, written: written, at: typo, applicability: sure))
                reportedAsMissing.insert(written)
                continue
            }
            if let heldPlaceholder, let node {
                diagnostics.append(MissingField.placeholder(spec, heldPlaceholder, at: node.range))
                continue
            }
            let at =
                node.map { _ in fields.keyRanges[spec.name]! }
                ?? (spec.requirement == .always ? opening : (fields.stage?.range ?? opening))
            let swallowed = node.map { $0.isNull && commentSwallowsValue(after: $0.range.start) } ?? false
            diagnostics.append(
                MissingField.missing(spec, in: schema, node: node, at: at, commentSwallowsValue: swallowed))
        }
        return reportedAsMissing
    }

    /// The key text at `range` (keys are short, single-line).
    private func keyName(at range: SourceRange) -> String {
        keyText[range.start] ?? ""
    }

    /// The likely intent of `word` among `candidates` (a short list: field names or allowed values),
    /// searched in an index built the first time the list is searched in this file.
    private mutating func suggestion(for word: String, in candidates: [String]) -> String? {
        index(of: candidates).closest(to: word)
    }

    /// How sure a fix to `guess` (the suggestion for `word`) is: safe when no other candidate is as close.
    private mutating func applicability(
        of guess: String, for word: String, in candidates: [String]
    ) -> Diagnostic.Fix.Applicability {
        index(of: candidates).isOnlyAnswer(guess, for: word) ? .safe : .unsafe
    }

    private mutating func index(of candidates: [String]) -> Suggest.Index {
        let key = candidates.joined(separator: "\n")
        if let index = suggestionIndexes[key] { return index }
        let index = Suggest.Index(candidates, budget: suggestionBudget)
        suggestionIndexes[key] = index
        return index
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
            diagnostics.append(InvalidValue.outcomeMismatch(value, stage: stage, at: result.range))
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

    private mutating func unknownField(_ pair: YAMLPair, in schema: ObjectSchema, nested: Bool) {
        let names = schema.fields.map(\.name)
        let intent: UnknownField.Intent
        var fix: Diagnostic.Fix?
        if nested, let home = proseField, let text = pair.value.scalar,
            let guess = suggestion(for: pair.key, in: names),
            let values = schema.field(guess).flatMap(Self.allowedValues), isProse(text, among: values)
        {
            // `role: runs the maintenance team`: renaming it 'roles' would only lead to more errors.
            var list = false
            if case .list = schema.field(guess)?.type { list = true }
            intent = .prose(field: guess, values: values, list: list, home: home)
            if !proseFieldWritten { fix = .init(pair.keyRange, home) }
        } else if let guess = suggestion(for: pair.key, in: names) {
            intent = .closest(guess)
            fix = .init(pair.keyRange, guess, applicability: applicability(of: guess, for: pair.key, in: names))
        } else {
            intent = .none
        }
        diagnostics.append(
            UnknownField.diagnostic(pair.key, at: pair.keyRange, in: schema, nested: nested, intent: intent, fix: fix))
    }

    /// Checks `node` against `type`, reporting what is wrong. Returns whether it is valid.
    @discardableResult
    private mutating func validate(_ node: YAMLNode, _ type: FieldType, field: String) -> Bool {
        switch type {
        case .object(let schema):
            return validateObject(node, schema, field: field)
        case .list(let element):
            return validateList(node, element, field: field)
        default:
            guard let text = node.scalar else {
                diagnostics.append(WrongType.notScalar(node, field: field, type: type))
                return false
            }
            return validateScalar(text, node, type, field: field)
        }
    }

    /// A mapping field (a contact, a competitor): its keys against `schema`, its required fields present.
    private mutating func validateObject(_ node: YAMLNode, _ schema: ObjectSchema, field: String) -> Bool {
        guard let pairs = node.mapping else {
            diagnostics.append(WrongType.notMapping(node, field: field, schema: schema))
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
                    MissingField.absentInEntry(
                        schema.noun, spec.name,
                        at: value == nil
                            ? SourceRange(node.range.start, node.range.start + 1)
                            : pairs.first { $0.key == spec.name }!.keyRange))
                ok = false
            }
        }
        return ok
    }

    /// A list field: each entry valid for `element`; sentences among allowed values are one finding.
    private mutating func validateList(_ node: YAMLNode, _ element: FieldType, field: String) -> Bool {
        guard let items = node.sequence else {
            diagnostics.append(WrongType.notList(node, field: field, form: notListForm(node, element)))
            return false
        }
        var ok = true
        let elementName = field.hasSuffix("s") ? String(field.dropLast()) : field
        var proseStarts = Set<Int>()
        if let home = proseField, case .enumeration(let values) = element {
            proseStarts = proseInList(items, values: values, field: field, element: elementName, home: home)
            if !proseStarts.isEmpty { ok = false }
        }
        for item in items where !proseStarts.contains(item.range.start) {
            if item.isNull {
                diagnostics.append(WrongType.emptyEntry(item, field: field))
                ok = false
                continue
            }
            if !validate(item, element, field: elementName) { ok = false }
        }
        return ok
    }

    /// How a value that is not a list was meant, to say how to write it as one.
    private mutating func notListForm(_ node: YAMLNode, _ element: FieldType) -> WrongType.ListForm {
        if case .object(let schema) = element {
            return .entries(schema)
        } else if let s = node.scalar, let home = proseField, case .enumeration(let values) = element,
            isProse(s, among: values)
        {
            return .prose(values: values, home: home)
        } else if let s = node.scalar {
            return .item(s)
        } else {
            return .any
        }
    }

    /// Sentences in a list of allowed values: one finding for them all, saying where they belong.
    /// Returns where they start, so their entries are not reported again.
    private mutating func proseInList(
        _ items: [YAMLNode], values: [String], field: String, element elementName: String, home: String
    ) -> Set<Int> {
        var prose: [(text: String, range: SourceRange)] = []
        for item in items {
            if let text = item.scalar, !values.contains(text), isProse(text, among: values) {
                prose.append((text, item.range))
            }
        }
        guard !prose.isEmpty else { return [] }
        diagnostics.append(
            InvalidValue.proseInList(prose, field: field, element: elementName, values: values, home: home))
        return Set(prose.map(\.range.start))
    }

    private mutating func validateScalar(_ text: String, _ node: YAMLNode, _ type: FieldType, field: String) -> Bool {
        switch type {
        case .string:
            return true
        case .date:
            guard case .failure(let error) = Day.parse(text) else { return true }
            diagnostics.append(InvalidDate.diagnostic(error, text, in: .field(field), at: node.range))
            return false
        case .number:
            if Self.isNumber(text) { return true }
            diagnostics.append(WrongType.notNumber(text, at: node.range, field: field))
            return false
        case .boolean:
            if text == "true" || text == "false" { return true }
            diagnostics.append(WrongType.notBoolean(text, at: node.range, field: field))
            return false
        case .currency:
            if Self.isCurrency(text) { return true }
            let upper = text.uppercased()
            if upper.count == 3 && upper.allSatisfy({ $0.isASCII && $0.isLetter }) {
                diagnostics.append(InvalidValue.currencyCase(text, upper: upper, at: node.range, field: field))
            } else {
                diagnostics.append(InvalidValue.notCurrency(text, at: node.range, field: field))
            }
            return false
        case .enumeration(let values):
            if values.contains(text) { return true }
            let guess = suggestion(for: text, in: values)
            var proseHome: String?
            if guess == nil, let home = proseField, isProse(text, among: values) { proseHome = home }
            let sure = guess.map { applicability(of: $0, for: text, in: values) } ?? .safe
            diagnostics.append(
                InvalidValue.unknownValue(
                    text, at: node.range, field: field, values: values, guess: guess, proseHome: proseHome,
                    applicability: sure))
            return false
        case .list, .object:
            return false
        }
    }

    /// Three capital letters: a currency code as the schema accepts it (`EUR`, not `eur`).
    package static func isCurrency(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }

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
        func day(_ name: String) -> Located<Day>? {
            guard let n = f.valid[name], let s = n.scalar, case .success(let d) = Day.parse(s) else { return nil }
            return Located(value: d, range: n.range)
        }
        f.name = text("account")
        f.owner = text("owner")
        f.lastContact = day("last_contact")
        f.lastVisit = day("last_visit")
        f.nextMeeting = day("next_meeting")
        f.nextMeetingWith =
            f.valid["next_meeting_with"]?.sequence?.compactMap { node in
                node.scalar.flatMap { Self.isPlaceholder($0) ? nil : Located(value: $0, range: node.range) }
            } ?? []
        f.nextMeetingGoal = text("next_meeting_goal")
        f.decisionDate = day("decision_date")
        f.nextStep = text("next_step")
        f.compellingEvent = text("compelling_event")
        f.budget = text("budget")
        f.pain = text("pain")
        f.ourPosition = text("our_position")
        f.tags = f.valid["tags"]?.sequence?.compactMap(\.scalar) ?? []
        // Lists are typed item by item from the raw tree, so one bad contact does not hide the others.
        f.contacts = Self.contacts(f.root?["contacts"]?.sequence ?? [])
        f.competitors = Self.competitors(f.root?["competitors"]?.sequence ?? [])
        f.opportunities = Self.opportunities(f.root?["opportunities"]?.sequence ?? [])
        if let o = f.valid["outcome"] {
            f.outcome = Outcome(
                result: o["result"]?.scalar, reason: Self.words(o["reason"]), competitor: Self.words(o["competitor"]))
        }
    }

    /// A nested text value, nil when it is only a placeholder.
    private static func words(_ node: YAMLNode?) -> String? {
        guard let s = node?.scalar, !isPlaceholder(s) else { return nil }
        return s
    }

    /// A date written in a nested mapping, when it is one.
    private static func day(_ node: YAMLNode?) -> Located<Day>? {
        guard let node, let s = node.scalar, case .success(let d) = Day.parse(s) else { return nil }
        return Located(value: d, range: node.range)
    }

    /// The contacts with a name, their values kept only when allowed.
    private static func contacts(_ items: [YAMLNode]) -> [Contact] {
        var result: [Contact] = []
        for item in items {
            guard let name = item["name"], let n = name.scalar else { continue }
            let roles = item["roles"]?.sequence?.compactMap(\.scalar).filter { BuiltinSchema.roles.contains($0) } ?? []
            let reports = item["reports_to"].flatMap { node in node.scalar.map { Located(value: $0, range: node.range) }
            }
            result.append(
                Contact(
                    name: Located(value: n, range: name.range), title: words(item["title"]),
                    function: item["function"]?.scalar.flatMap { BuiltinSchema.functions.contains($0) ? $0 : nil },
                    roles: roles, reportsTo: reports,
                    relationship: item["relationship"]?.scalar.flatMap {
                        BuiltinSchema.relationships.contains($0) ? $0 : nil
                    },
                    influence: item["influence"]?.scalar.flatMap { BuiltinSchema.influences.contains($0) ? $0 : nil },
                    notes: item["notes"]?.scalar, range: item.range, lastMet: day(item["last_met"]),
                    left: Contact.hasLeft(item),
                    stance: item["stance"]?.scalar.flatMap { BuiltinSchema.stances.contains($0) ? $0 : nil }))
        }
        return result
    }

    private static func competitors(_ items: [YAMLNode]) -> [Competitor] {
        var result: [Competitor] = []
        for item in items {
            guard let name = item["name"], let n = name.scalar else { continue }
            result.append(
                Competitor(
                    name: Located(value: n, range: name.range), incumbent: item["incumbent"]?.scalar == "true",
                    valueProposition: words(item["value_proposition"]), strengths: words(item["strengths"]),
                    weaknesses: words(item["weaknesses"]), range: item.range))
        }
        return result
    }

    private static func opportunities(_ items: [YAMLNode]) -> [Opportunity] {
        var result: [Opportunity] = []
        for item in items {
            guard let name = item["name"], let n = name.scalar else { continue }
            var decision: Day?
            if let s = item["decision_date"]?.scalar, case .success(let d) = Day.parse(s) { decision = d }
            let next = item["next_step"].flatMap { node in words(node).map { Located(value: $0, range: node.range) } }
            result.append(
                Opportunity(
                    name: Located(value: n, range: name.range),
                    stage: item["stage"]?.scalar.flatMap(Stage.init(rawValue:)),
                    value: item["value"]?.scalar.flatMap { isNumber($0) ? $0 : nil },
                    currency: item["currency"]?.scalar.flatMap { isCurrency($0) ? $0 : nil }, decisionDate: decision,
                    nextStep: next, range: item.range))
        }
        return result
    }

    private mutating func checkContacts(_ contacts: [Contact], attendees: [Located<String>]) {
        diagnostics += DuplicateContact.check(contacts)
        diagnostics += UnknownContact.check(contacts, attendees: attendees, budget: suggestionBudget)
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
}
