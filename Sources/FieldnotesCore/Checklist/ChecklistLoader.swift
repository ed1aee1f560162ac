import FieldnotesSupport
import Foundation

/// Reads `checklist.yml`, reporting every problem with its location.
public enum ChecklistLoader {
    package static let questionKeys = [
        "id", "ask", "category", "from", "hint", "say", "priority", "who", "won", "section", "field", "where", "each",
        "min", "not", "met", "relationship",
    ]

    /// Loads a checklist; `schema` is the account schema its `field:` questions must name.
    public static func load(
        _ file: SourceFile, schema: ObjectSchema = BuiltinSchema.account
    ) -> Result<Checklist, ToolError> {
        var reader = YAMLFileReader(file: file)
        var questions: [Question] = []
        var brief: [(id: String, heading: String)]?
        var plans: [String]?
        if let root = reader.root() {
            if root.mapping == nil {
                reader.error(
                    "the checklist should be a mapping with a 'questions:' list, found \(root.kindDescription)",
                    root.range,
                    help: "start the file with 'questions:' and list the questions below it")
            } else {
                reader.checkKeys(root, known: ["questions", "brief", "plans"], what: "the checklist")
                if let list = root["questions"], let items = list.sequence {
                    var ids: [String: SourceRange] = [:]
                    for item in items {
                        guard let q = question(item, schema: schema, &reader) else { continue }
                        if let first = ids[q.id] {
                            reader.diagnostics.append(
                                Diagnostic(
                                    nil, "duplicate question id '\(q.id)'", at: item["id"]!.range,
                                    help: "give each question its own id", notes: [.init("first used here", first)],
                                    severity: .error))
                        } else {
                            ids[q.id] = item["id"]!.range
                            questions.append(q)
                        }
                    }
                } else {
                    reader.error(
                        "the checklist needs a 'questions:' list", root["questions"]?.range ?? root.range,
                        help: "list the questions under 'questions:', each starting with '- id: …'")
                }
                if let node = root["brief"], !node.isNull { brief = briefSections(node, questions, &reader) }
                if let node = root["plans"], !node.isNull { plans = planQuestions(node, questions, &reader) }
            }
        } else if reader.diagnostics.isEmpty {
            reader.error(
                "the checklist is empty", SourceRange(0, 0),
                help:
                    "list the questions under 'questions:'; to use the built-in checklist, delete this file and "
                    + "the 'checklist:' line of fieldnotes.yml"
            )
        }
        if reader.diagnostics.isEmpty {
            return .success(Checklist(questions: questions, brief: brief, plans: plans, origin: file.path))
        }
        return .failure(ToolError("the checklist '\(file.path)' is invalid", files: [reader.fileDiagnostics]))
    }

    /// `brief:` maps question ids to the headings a brief shows their sections under, where they
    /// should differ from the section's first title; which sections a brief shows, and in which
    /// order, is not its say (every section with text, by category in the checklist's order).
    /// Only a question answered by a section has text to show.
    private static func briefSections(
        _ node: YAMLNode, _ questions: [Question], _ reader: inout YAMLFileReader
    ) -> [(id: String, heading: String)] {
        guard let pairs = node.mapping else {
            reader.error(
                "'brief' should map question ids to the headings a brief shows them under", node.range,
                help: "e.g.\n  brief:\n    what_changed: What changed on their end")
            return []
        }
        var sections: [(id: String, heading: String)] = []
        for pair in pairs {
            guard let question = questions.first(where: { $0.id == pair.key }) else {
                let help =
                    Suggest.closest(to: pair.key, in: questions.map(\.id)).map { "did you mean '\($0)'?" }
                    ?? "name a question of this checklist"
                reader.error(
                    "'brief' names '\(pair.key)', which is not a question of the checklist", pair.keyRange,
                    help: help)
                continue
            }
            guard question.primaryTitle != nil else {
                reader.error(
                    "'brief' names '\(pair.key)', which is answered by a field, not a section", pair.keyRange,
                    help: "a brief shows the fields in its header; list only questions answered by a section here")
                continue
            }
            guard let heading = reader.string(pair.value, pair.key), !heading.isEmpty else {
                if pair.value.isNull {
                    reader.error(
                        "no heading for '\(pair.key)'", pair.keyRange, help: "write the heading the brief shows")
                }
                continue
            }
            sections.append((pair.key, heading))
        }
        return sections
    }

    /// `plans:` lists the questions whose sections are plans made with the customer.
    private static func planQuestions(
        _ node: YAMLNode, _ questions: [Question], _ reader: inout YAMLFileReader
    ) -> [String] {
        var plans: [String] = []
        for item in node.sequence ?? [node] {
            guard let id = item.scalar else {
                reader.error("each entry of 'plans' should be a question id, found \(item.kindDescription)", item.range)
                continue
            }
            guard let question = questions.first(where: { $0.id == id }) else {
                let help =
                    Suggest.closest(to: id, in: questions.map(\.id)).map { "did you mean '\($0)'?" }
                    ?? "name a question of this checklist"
                reader.error("'plans' names '\(id)', which is not a question of the checklist", item.range, help: help)
                continue
            }
            guard question.primaryTitle != nil else {
                reader.error(
                    "'plans' names '\(id)', which is answered by a field, not a section", item.range,
                    help: "list questions answered by a section; next_step is always read as a plan")
                continue
            }
            plans.append(id)
        }
        return plans
    }

    /// The keys and values a condition names must exist, or the question could never be answered.
    private static func checkCondition(
        _ condition: Question.Condition, of spec: FieldSpec, in node: YAMLNode, _ reader: inout YAMLFileReader
    ) {
        func values(of type: FieldType) -> [String]? {
            switch type {
            case .enumeration(let v): return v
            case .list(.enumeration(let v)): return v
            default: return nil
            }
        }
        func checkValue(_ value: String, _ allowed: [String]?, _ range: SourceRange, _ what: String) {
            guard let allowed, !allowed.contains(value) else { return }
            let help =
                Suggest.closest(to: value, in: allowed).map { "did you mean '\($0)'?" }
                ?? "use one of: \(allowed.joined(separator: ", "))"
            reader.error("'\(value)' is not a value of \(what)", range, help: help)
        }
        func elementField(_ key: String, _ range: SourceRange) -> FieldSpec? {
            guard case .list(.object(let element)) = spec.type else {
                reader.error("'\(spec.name)' is a list of text, not of entries with fields", range)
                return nil
            }
            if let f = element.field(key) { return f }
            let help =
                Suggest.closest(to: key, in: element.fields.map(\.name)).map { "did you mean '\($0)'?" }
                ?? "a \(element.noun) has: \(element.fields.map(\.name).joined(separator: ", "))"
            reader.error("a \(element.noun) has no field '\(key)'", range, help: help)
            return nil
        }
        switch condition {
        case .whereEquals(let key, let value):
            let pair = node["where"]!.mapping![0]
            if let f = elementField(key, pair.keyRange) {
                checkValue(value, values(of: f.type), pair.value.range, "'\(key)'")
            }
        case .each(let key):
            _ = elementField(key, node["each"]!.range)
        case .not(let excluded):
            let items = node["not"]!.sequence ?? [node["not"]!]
            for (value, item) in zip(excluded, items) {
                checkValue(value, values(of: spec.type), item.range, "'\(spec.name)'")
            }
        default:
            break
        }
    }

    private static func question(_ node: YAMLNode, schema: ObjectSchema, _ reader: inout YAMLFileReader) -> Question? {
        guard node.mapping != nil else {
            reader.error(
                "each question should be a mapping ('- id: …' with its fields below), found \(node.kindDescription)",
                node.range)
            return nil
        }
        let before = reader.diagnostics.count
        reader.checkKeys(node, known: questionKeys, what: "a question")
        func required(_ key: String) -> String? {
            if let s = reader.string(node[key], key), !s.isEmpty { return s }
            if node[key] == nil || node[key]!.isNull {
                reader.error(
                    "question without '\(key)'", SourceRange(node.range.start, node.range.start + 1),
                    help: "add '\(key): …' to this question")
            }
            return nil
        }
        let id = required("id")
        let ask = required("ask")
        let category = required("category")
        let fromText = required("from")
        var from: Stage?
        if fromText != nil { from = reader.stage(node["from"], "from") }
        let hint = reader.string(node["hint"], "hint")
        let say = reader.string(node["say"], "say").flatMap { $0.isEmpty ? nil : $0 }
        let priority = questionPriority(node["priority"], &reader)
        let who = reader.roles(node["who"], "who") ?? []
        if let id, let range = node["id"]?.range { checkID(id, range, &reader) }
        let conditions = ["where", "each", "min", "not"].filter { node[$0] != nil }
        var answer: Question.Answer?
        if let sectionNode = node["section"] {
            answer = sectionAnswer(node, sectionNode, conditions: conditions, &reader)
        } else if let fieldNode = node["field"] {
            answer = fieldAnswer(node, fieldNode, conditions: conditions, id: id, schema: schema, &reader)
        } else {
            reader.error(
                "question '\(id ?? "?")' has no 'section' or 'field' to answer it",
                SourceRange(node.range.start, node.range.start + 1),
                help: "add 'section: Title' (a '## Title' in the notes) or 'field: name' (a front-matter field)")
        }
        let won = flag(node, "won", &reader)
        let evidence = contactEvidence(node, answer: answer, schema: schema, &reader)
        guard reader.diagnostics.count == before, let id, let ask, let category, let from, let answer else {
            return nil
        }
        return Question(
            id: id, ask: ask, category: category, from: from, hint: hint, answer: answer,
            range: node["field"]?.range ?? node["section"]?.range ?? node.range, say: say, priority: priority,
            who: who, dueWhenWon: won, requiresMet: evidence.met, relationships: evidence.relationships)
    }

    /// `priority:` high, normal or low; normal when absent.
    private static func questionPriority(_ node: YAMLNode?, _ reader: inout YAMLFileReader) -> Question.Priority {
        guard let node, !node.isNull, let text = reader.string(node, "priority") else { return .normal }
        if let priority = Question.Priority(rawValue: text) { return priority }
        let values = Question.Priority.allCases.map(\.rawValue)
        reader.error(
            "'\(text)' is not a priority", node.range,
            help: Suggest.closest(to: text, in: values).map { "did you mean '\($0)'?" }
                ?? "use one of: \(values.joined(separator: ", "))")
        return .normal
    }

    /// Question ids are snake_case: they name the question in messages and in `answers:`.
    private static func checkID(_ id: String, _ range: SourceRange, _ reader: inout YAMLFileReader) {
        if !(id.first?.isLowercase ?? false)
            || !id.allSatisfy({ ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "_" })
        {
            reader.error(
                "question id '\(id)' is not snake_case", range,
                help: "use lowercase letters, digits and '_', e.g. decision_process")
        }
    }

    /// A question answered by a section of the notes: one or more non-empty titles, and no field
    /// or condition beside them.
    private static func sectionAnswer(
        _ node: YAMLNode, _ sectionNode: YAMLNode, conditions: [String], _ reader: inout YAMLFileReader
    ) -> Question.Answer? {
        if node["field"] != nil {
            reader.error(
                "a question is answered by a 'section' or a 'field', not both",
                node["field"].map { _ in node.mapping!.first { $0.key == "field" }!.keyRange }!,
                help: "keep one of the two")
        }
        if let c = conditions.first {
            reader.error(
                "'\(c)' applies to a 'field' question", node.mapping!.first { $0.key == c }!.keyRange,
                help: "remove '\(c)', or answer the question with 'field:'")
        }
        guard let titles = reader.strings(sectionNode, "section") else { return nil }
        if titles.isEmpty || titles.contains(where: { $0.trimmingSpaces().isEmpty }) {
            reader.error("'section' needs at least one non-empty title", sectionNode.range)
            return nil
        }
        return .section(titles)
    }

    /// A question answered by a front-matter field, with at most one condition that suits the
    /// field's type.
    private static func fieldAnswer(
        _ node: YAMLNode, _ fieldNode: YAMLNode, conditions: [String], id: String?, schema: ObjectSchema,
        _ reader: inout YAMLFileReader
    ) -> Question.Answer? {
        if conditions.count > 1 {
            reader.error(
                "a question takes one condition, found \(conditions.map { "'\($0)'" }.joined(separator: " and "))",
                node.mapping!.first { $0.key == conditions[1] }!.keyRange, help: "keep one of them")
        }
        guard let field = reader.string(fieldNode, "field") else { return nil }
        let condition = fieldCondition(of: node, &reader)
        if let spec = schema.field(field) {
            switch (condition, spec.type) {
            case (.whereEquals, .list), (.each, .list), (.min, .list), (.present, _), (.not, _):
                checkCondition(condition, of: spec, in: node, &reader)
            default:
                reader.error(
                    "'where', 'each' and 'min' apply to list fields, and '\(field)' is not a list", fieldNode.range)
            }
        } else {
            let help =
                Suggest.closest(to: field, in: schema.fields.map(\.name)).map { "did you mean '\($0)'?" }
                ?? "use a built-in field or one declared under 'fields:' in fieldnotes.yml"
            reader.error("question '\(id ?? "?")' names an unknown field '\(field)'", fieldNode.range, help: help)
        }
        return .field(field, condition)
    }

    /// The condition a field question puts on its field (`where`, `each`, `min` or `not`);
    /// without one, the field only has to be there.
    private static func fieldCondition(of node: YAMLNode, _ reader: inout YAMLFileReader) -> Question.Condition {
        if let w = node["where"] {
            if let pairs = w.mapping, pairs.count == 1, let value = pairs[0].value.scalar {
                return .whereEquals(key: pairs[0].key, value: value)
            }
            reader.error("'where' should be one 'key: value' pair, e.g. { roles: economic_buyer }", w.range)
        } else if let e = node["each"] {
            if let key = reader.string(e, "each") { return .each(key) }
        } else if let m = node["min"] {
            if let text = reader.string(m, "min") {
                if let n = Int(text), n >= 1 { return .min(n) }
                reader.error("'min' should be a whole number of at least 1, found '\(text)'", m.range)
            }
        } else if let n = node["not"] {
            if let values = reader.strings(n, "not") { return .not(values) }
        }
        return .present
    }
}
