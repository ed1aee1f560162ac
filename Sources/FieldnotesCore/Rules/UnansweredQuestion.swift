import FieldnotesSupport

/// unanswered-question: a question due at the account's stage that is missing, partial or assumed.
package enum UnansweredQuestion {
    /// `lostFields`: a YAML error may have swallowed fields, so absent fields are not reported.
    package static func check(
        _ results: [QuestionResult], fields: AccountFields, schema: ObjectSchema, lostFields: Bool = false
    ) -> [Diagnostic] {
        guard let stage = fields.stage else { return [] }
        var out: [Diagnostic] = []
        for result in results where result.status.isOpen {
            let q = result.question
            // A required field that is absent is already a missing-field error: say it once.
            if result.status == .missing, case .field(let name, _) = q.answer,
                let spec = schema.field(name), spec.requirement.applies(at: stage.value),
                fields.root?[name].map({
                    $0.isNull || ($0.sequence?.isEmpty ?? false) || AccountDecoder.holdsPlaceholder($0, spec.type)
                }) ?? true
            {
                continue
            }
            // A misspelled key is already an unknown-field warning; a field lost to a YAML error, an error.
            if result.status == .missing, case .field(let name, _) = q.answer,
                fields.misspelled[name] != nil || (lostFields && fields.root?[name] == nil)
            {
                continue
            }
            let ask = q.askLine
            switch result.status {
            case .missing:
                if let nearMiss = result.nearMiss {
                    // "## Why are they buying?": point at the heading and name the title it nearly has.
                    out.append(
                        Diagnostic(
                            .unansweredQuestion, q.unansweredDueMessage, at: nearMiss.range,
                            help:
                                "did you mean '\(nearMiss.suggestion)'? only '##' headings with a checklist title answer a question; \(ask)",
                            fix: .init(nearMiss.range, nearMiss.suggestion)))
                    continue
                }
                let help: String
                switch q.answer {
                case .section:
                    help = result.range == nil ? q.addSectionHelp! : "write their answer in this section; \(ask)"
                case .field(let name, .whereEquals(let key, let value)):
                    help =
                        (fields.root?[name]?.sequence?.isEmpty == false
                            ? "add '\(value)' to the \(key) of the contact who has it, or add that person to '\(name):'"
                            : fieldHelp(name)) + "; " + ask
                case .field(let name, _):
                    if let node = fields.root?[name], let spec = schema.field(name),
                        AccountDecoder.holdsPlaceholder(node, spec.type)
                    {
                        // "compelling_event: TBD": say why the value written does not count.
                        out.append(
                            Diagnostic(
                                .unansweredQuestion, q.unansweredMessage, at: node.range,
                                help: "\(AccountDecoder.placeholderHelp(node.scalar ?? "", field: name)); \(ask)"))
                        continue
                    }
                    help = "\(fieldHelp(name)); \(ask)"
                }
                let keyRange = fields.keyRanges[fieldName(q)]
                let at = keyRange ?? result.range ?? stage.range
                let what = result.range == nil && keyRange == nil ? q.unansweredDueMessage : q.unansweredMessage
                out.append(Diagnostic(.unansweredQuestion, what, at: at, help: help))
            case .partial:
                if result.gaps.isEmpty {
                    out.append(
                        Diagnostic(
                            .unansweredQuestion, "question '\(q.id)' is only partly answered",
                            at: result.range ?? stage.range,
                            help: ask))
                }
                for gap in result.gaps {
                    out.append(
                        Diagnostic(
                            .unansweredQuestion, "question '\(q.id)' is only partly answered: \(gap.message)",
                            at: gap.range,
                            help: partialHelp(q, ask: ask)))
                }
            case .assumed:
                if result.assumptions.isEmpty {
                    out.append(
                        Diagnostic(
                            .unansweredQuestion, "question '\(q.id)' rests on an assumption",
                            at: result.range ?? stage.range,
                            help: "confirm it with the customer, then record what they said; \(ask)"))
                }
                for assumption in result.assumptions {
                    out.append(
                        Diagnostic(
                            .unansweredQuestion, "question '\(q.id)' rests on an unverified assumption",
                            at: assumption.range,
                            help: "confirm it with the customer, then replace the assumption with what they said"))
                }
            default:
                break
            }
        }
        return out
    }

    private static func fieldName(_ q: Question) -> String {
        if case .field(let name, _) = q.answer { return name }
        return ""
    }

    private static func fieldHelp(_ name: String) -> String {
        switch name {
        case "contacts": return "add the people to 'contacts:' with their roles"
        case "competitors": return "list them under 'competitors:' with a 'value_proposition' each"
        case "outcome":
            return "add 'outcome:' with 'result:' (won, lost or no_decision) and 'reason:' indented below it"
        default:
            if let spec = BuiltinSchema.account.field(name) {
                if case .enumeration(let values) = spec.type {
                    return
                        "set '\(name):' to \(values.filter { $0 != "unknown" }.joined(separator: ", ")) once you know"
                }
                return "set '\(name): \(spec.type.example)'"
            }
            return "set '\(name):'"
        }
    }

    private static func partialHelp(_ q: Question, ask: String) -> String {
        if case .field(_, .each(let key)) = q.answer { return "add '\(key):' to it; \(ask)" }
        if case .field(_, .min) = q.answer { return "add the other people involved; \(ask)" }
        return "replace the placeholder with their answer; \(ask)"
    }
}
