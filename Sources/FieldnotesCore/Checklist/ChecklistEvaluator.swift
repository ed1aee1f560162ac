import FieldnotesSupport

/// The status of one question for one account.
public enum QuestionStatus: String, Sendable {
    case answered, partial, assumed, missing, upcoming

    /// Whether the question still needs work (and is due).
    public var isOpen: Bool { self == .partial || self == .assumed || self == .missing }
}

/// A question's status, with where the notes answer it (or fail to) and why.
public struct QuestionResult: Sendable {
    public var question: Question
    public var status: QuestionStatus
    /// Where the answer is (the section heading, the field), when there is one; for a question
    /// without a section, the heading that nearly names it (`nearMiss`), if any.
    public var range: SourceRange?
    /// What is lacking, for partial answers ("'Raj Patel' has no roles").
    public var gaps: [(message: String, range: SourceRange)]
    /// The assumptions the answer rests on.
    public var assumptions: [Assumption]
    /// The body section that answers a section question (its index in `Body.sections`): the
    /// first one with a title the question accepts.
    public var section: Int?
    /// A heading that was probably meant as this question's section (`## Why are they buying?`).
    public var nearMiss: NearMissHeading? = nil
}

/// Evaluates the checklist against an account: which questions are answered, and how well.
public enum ChecklistEvaluator {
    public static func evaluate(_ checklist: Checklist, fields: AccountFields, body: Body) -> [QuestionResult] {
        let answering = checklist.answeringSections(in: body)
        var results = checklist.questions.indices.map { i in
            var result = evaluate(
                checklist.questions[i], fields: fields, body: body, section: answering[i].map { body.sections[$0] })
            result.section = answering[i]
            return result
        }
        for (i, nearMiss) in NearMissHeadings.find(results, body: body, checklist: checklist) {
            results[i].nearMiss = nearMiss
            results[i].range = nearMiss.range
        }
        return results
    }

    /// `section`: the first section of the body whose title answers `q`, if any.
    package static func evaluate(_ q: Question, fields: AccountFields, body: Body, section: Section?) -> QuestionResult
    {
        var result = QuestionResult(question: q, status: .missing, range: nil, gaps: [], assumptions: [], section: nil)
        if let stage = fields.stage?.value, !q.isDue(at: stage) {
            result.status = .upcoming
        }
        let upcoming = result.status == .upcoming
        switch q.answer {
        case .section:
            guard let section else { break }
            result.range = section.titleRange
            result.assumptions = section.assumptions
            switch section.status {
            case .empty: result.status = .missing
            case .answered: result.status = .answered
            case .partial:
                result.status = .partial
                result.gaps.append(("the section still holds a placeholder (TBD, TODO, …)", section.titleRange))
            case .assumed:
                result.status = .assumed
                // Said where the question is listed (missing, agenda): the hedge, as it is not marked.
                for a in section.assumptions {
                    if let hedge = a.hedge { result.gaps.append(("hedged: '\(hedge)'", a.range)) }
                }
            }
        case .field(let name, let condition):
            // Lists and mappings are read from the parsed tree, so one bad value in one contact does
            // not hide the others; a scalar counts only when it passed the schema.
            let raw = fields.root?[name]
            let node = raw?.scalar == nil ? raw : fields.valid[name]
            result.range = node?.range
            evaluateField(node, name: name, condition: condition, fields: fields, into: &result)
        }
        if upcoming && result.status != .answered { result.status = .upcoming }
        return result
    }

    private static func evaluateField(
        _ node: YAMLNode?, name: String, condition: Question.Condition,
        fields: AccountFields, into result: inout QuestionResult
    ) {
        guard let node, !node.isNull else { result.status = .missing; return }
        if let text = node.scalar {
            let value = text.trimmingSpaces()
            switch condition {
            case .not(let excluded) where excluded.contains(value):
                result.status = value == "assumed" ? .assumed : .missing
            case _ where value.isEmpty || value == "unknown" || AccountDecoder.isPlaceholder(value):
                result.status = .missing
            default:
                result.status = .answered
            }
            return
        }
        if var items = node.sequence {
            // Someone who left counts for nothing: not as a buyer, not toward a number of contacts.
            let all = items.count
            if name == "contacts" { items = items.filter { !Contact.hasLeft($0) } }
            if items.isEmpty { result.status = .missing; return }
            switch condition {
            case .present, .not:
                result.status = .answered
            case .min(let n):
                result.status = items.count >= n ? .answered : .partial
                if items.count < n {
                    let noun =
                        name != "contacts"
                        ? "entries"
                        : (all > items.count ? "active " : "") + (items.count == 1 ? "contact" : "contacts")
                    result.gaps.append(("only \(items.count) \(noun); at least \(n) expected", node.range))
                }
            case .whereEquals(let key, let value):
                let matches = items.filter { entry($0, has: key, value) }
                if matches.isEmpty {
                    result.status = .missing
                } else {
                    ContactEvidence.evaluate(matches, label: value, fields: fields, into: &result)
                }
            case .each(let key):
                evaluateEach(items, key: key, into: &result)
            }
            return
        }
        // A mapping (e.g. outcome): present.
        result.status = .answered
    }

    /// `where: { key: value }`: whether an entry of a list has `key` equal to `value` (or, for a
    /// list, containing it).
    private static func entry(_ item: YAMLNode, has key: String, _ value: String) -> Bool {
        guard let v = item[key] else { return false }
        if let s = v.scalar { return s == value }
        return v.sequence?.contains { $0.scalar == value } ?? false
    }

    /// The contacts (indices in `fields.contacts`) whose meetings a `met: true` question reads:
    /// those its `where:` names. No other question reads when a contact was met.
    package static func contactsWhoseMeetingsCount(_ checklist: Checklist, fields: AccountFields) -> Set<Int> {
        var out = Set<Int>()
        for q in checklist.questions where q.requiresMet {
            guard case .field(let name, .whereEquals(let key, let value)) = q.answer,
                let items = fields.root?[name]?.sequence
            else { continue }
            for item in items where entry(item, has: key, value) {
                if let i = fields.contacts.firstIndex(where: { $0.range == item.range }) { out.insert(i) }
            }
        }
        return out
    }

    /// `each: key`: every entry has it (answered), some (partial) or none (missing).
    private static func evaluateEach(_ items: [YAMLNode], key: String, into result: inout QuestionResult) {
        var have = 0
        for item in items {
            let v = item[key]
            // A placeholder ("value_proposition: TBD") is no more an answer than an empty value.
            let present =
                v != nil && !v!.isNull && !(v!.sequence?.isEmpty ?? false)
                && (v!.scalar.map { !$0.isEmpty && !AccountDecoder.isPlaceholder($0) } ?? true)
            if present {
                have += 1
            } else {
                let label = item["name"]?.scalar.map { "'\($0)'" } ?? "an entry"
                result.gaps.append(("\(label) has no '\(key)'", item["name"]?.range ?? item.range))
            }
        }
        result.status = have == items.count ? .answered : have == 0 ? .missing : .partial
    }
}
