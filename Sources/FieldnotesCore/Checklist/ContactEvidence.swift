import FieldnotesSupport

/// What a contact question asks of the people it matches beyond being written down: that one
/// of them was met (`met: true`), and that one of them is on the terms `relationship:` lists.
enum ContactEvidence {
    /// `matches`: the active contacts (as written) that the question's `where:` names; `label`
    /// the value it names them by ("economic_buyer"). Answered when one of them has all the
    /// question asks; partial otherwise, with what each lacks.
    static func evaluate(
        _ matches: [YAMLNode], label: String, fields: AccountFields, into result: inout QuestionResult
    ) {
        let q = result.question
        guard q.requiresMet || !q.relationships.isEmpty else { result.status = .answered; return }
        var gaps: [(message: String, range: SourceRange)] = []
        for item in matches {
            // The typed contact read from this entry: it knows when they were met.
            let contact = fields.contacts.first { $0.range == item.range }
            let unmet = q.requiresMet && contact?.met == nil
            let untested =
                !q.relationships.isEmpty && !(contact?.relationship.map(q.relationships.contains) ?? false)
            guard unmet || untested else {
                result.status = .answered
                return
            }
            // What it lacks, in words (only then: every version of every account is evaluated).
            let role = Words.spaced(label)
            let name = contact?.name.value ?? item["name"]?.scalar ?? "an entry"
            let range = item["name"]?.range ?? item.range
            if unmet {
                gaps.append(
                    ("'\(name)' (\(role)) was never met: add last_met, or name them in a dated log entry", range))
            }
            if untested {
                let now = contact?.relationship.map { "relationship is \($0)" } ?? "relationship is not written"
                gaps.append(("untested \(role): '\(name)' \(now) (\(expectedWords(q.relationships)) expected)", range))
            }
        }
        result.status = .partial
        result.gaps += gaps
    }

    /// "warm or strong"; "cold, warm or strong".
    private static func expectedWords(_ values: [String]) -> String {
        guard values.count > 1 else { return values.first ?? "" }
        return values.dropLast().joined(separator: ", ") + " or " + values.last!
    }
}
