import FieldnotesSupport

/// unanswered-question: a question due at the account's stage that is missing, partial or assumed.
package enum UnansweredQuestion: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        /// Nothing in the notes answers it: "unanswered question 'id' (due from stage)".
        case due
        /// A heading nearly has the question's title (the fix renames it); worded as `due`.
        case nearMissHeading
        /// Its section or field is there, without an answer: "unanswered question 'id'".
        case unanswered
        /// Its field holds only a placeholder; worded as `unanswered`.
        case placeholder
        /// Partly answered, with no gap to point at.
        case partial
        /// Partly answered: one gap ("'Raj Patel' has no roles").
        case gap
        /// The answer rests on an assumption, with none to point at.
        case assumed
        /// One assumption the answer rests on.
        case assumption
        /// Several questions due, none answered anywhere, all pointing at `stage:`: one finding,
        /// "7 questions due at discovery have no section", each question a note; the stage its subject.
        case dueAtStage
        package static let rule = Rule.unansweredQuestion
    }

    package static let info = Rule.Info(
        severity: .warning,
        summary: "a checklist question due at the account's stage is missing, partly answered, or only assumed",
        tableSummary: "a question due at this stage is missing, partial or assumed",
        rationale:
            "Deals are lost because a rep does not know the customer's process: who decides, how, against whom, and "
            + "what has changed. The checklist says which of those you should know by each stage; an assumption is "
            + "not an answer until the customer confirms it.",
        fix:
            "Ask the customer (the help line has the question and how to ask it), then write the answer in the "
            + "section or field named. A placeholder (TBD, ?, …) in a field is not an answer. Only '##' headings "
            + "with a checklist title answer a question: when a heading is close to one ('## Why are they buying?', "
            + "'### Decision process'), the help says which title was meant and the editor's quick fix renames it. "
            + "'fieldnotes missing' lists every open question with its hint: the agenda for your next meeting.",
        bad:
            "---\naccount: Binford Tools\nowner: dana.reyes\nstage: prospecting\n---\n\n# Binford Tools\n\n## What "
            + "changed\nAssumption: their volumes grew.\n\n## Current feedback\nSamples passed their first checks.\n",
        good: exampleNote("stage: prospecting\n"))

    /// What the rule says of each question of a checklist (by index), written once when the
    /// checklist is loaded: `check` reports thousands.
    package struct Words: Sendable {
        /// A class: handing one to the builders costs one reference, not four strings.
        package final class Entry: Sendable {
            /// "ask: …" with the question and its hint, as help lines end.
            package let ask: String
            /// "unanswered question 'id'".
            package let unanswered: String
            /// "unanswered question 'id' (due from stage)".
            package let due: String
            /// "add a '## Title' section with their answer; ask: …" (section questions only).
            package let addSection: String?

            package init(ask: String, unanswered: String, due: String, addSection: String?) {
                self.ask = ask
                self.unanswered = unanswered
                self.due = due
                self.addSection = addSection
            }
        }

        package let questions: [Entry]

        package init(_ questions: [Question]) {
            self.questions = questions.map { q in
                let ask = "ask: \(q.ask)" + (q.hint.map { " \($0)" } ?? "")
                return Entry(
                    ask: ask, unanswered: "unanswered question '\(q.id)'",
                    due: "unanswered question '\(q.id)' (due from \(q.from.rawValue))",
                    addSection: q.primaryTitle.map { "add a '## \($0)' section with their answer; \(ask)" })
            }
        }
    }

    /// `results`: the checklist's, one per question in its order. `lostFields`: a YAML error may
    /// have swallowed fields, so absent fields are not reported.
    /// `body` and `source`: where the fix that adds the missing sections inserts them.
    package static func check(
        _ results: [QuestionResult], checklist: Checklist, fields: AccountFields, schema: ObjectSchema,
        lostFields: Bool = false, body: Body? = nil, source: SourceFile? = nil
    ) -> [Diagnostic] {
        guard let stage = fields.stage else { return [] }
        let addSections = body.flatMap { body in
            source.flatMap { addSectionsFix(results, stage: stage.value, body: body, source: $0) }
        }
        let words = checklist.unansweredQuestionWords.questions
        var out: [Diagnostic] = []
        for (i, result) in results.enumerated() where result.status.isOpen {
            assert(result.question === checklist.questions[i], "results are in the checklist's order")
            if result.status == .missing,
                saidElsewhere(
                    result.question, fields: fields, schema: schema, stage: stage,
                    lostFields: lostFields)
            {
                continue
            }
            let at = result.range ?? stage.range
            switch result.status {
            case .missing:
                var d = missing(result, words[i], fields: fields, schema: schema, stage: stage)
                if d.is(Message.due), result.question.primaryTitle != nil { d.fix = addSections }
                out.append(d)
            case .partial: partial(result, words[i], at: at, into: &out)
            case .assumed: assumed(result, words[i], at: at, into: &out)
            default: break
            }
        }
        return grouped(out, stage: stage, results: results)
    }

    /// The questions due that have nothing in the notes all point at `stage:`: two or more become
    /// one finding there, each question a note with what to ask.
    private static func grouped(
        _ found: [Diagnostic], stage: Located<Stage>, results: [QuestionResult]
    ) -> [Diagnostic] {
        let atStage = found.filter { $0.is(Message.due) && $0.range == stage.range }
        guard atStage.count > 1 else { return found }
        let ids = Set(atStage.compactMap(\.subject))
        let sectionsOnly = results.allSatisfy { result in
            guard ids.contains(result.question.id), case .field = result.question.answer else { return true }
            return false
        }
        let message =
            "\(atStage.count) questions due at \(stage.value.rawValue) have no section"
            + (sectionsOnly ? "" : " or field")
        let group = Diagnostic(
            Message.dueAtStage, message, at: stage.range, subject: stage.value.rawValue,
            help: "ask the customer, then write each answer where its note below says; the questions are the "
                + "agenda for the next meeting",
            notes: atStage.map { .init("'\($0.subject ?? "")': \($0.help ?? "")") },
            // The one fix that adds every missing section, which each question carried.
            fix: atStage.lazy.compactMap(\.fix).first)
        return found.filter { !($0.is(Message.due) && $0.range == stage.range) } + [group]
    }

    /// Whether an absent field question is already another rule's finding: a required field is
    /// missing-field's error, a misspelled key unknown-field's warning, a field lost to a YAML
    /// error that error. Said once.
    private static func saidElsewhere(
        _ q: Question, fields: AccountFields, schema: ObjectSchema, stage: Located<Stage>, lostFields: Bool
    ) -> Bool {
        guard case .field(let name, _) = q.answer else { return false }
        if let spec = schema.field(name), spec.requirement.applies(at: stage.value),
            fields.root?[name].map({
                $0.isNull || ($0.sequence?.isEmpty ?? false) || AccountDecoder.holdsPlaceholder($0, spec.type)
            }) ?? true
        {
            return true
        }
        return fields.misspelled[name] != nil || (lostFields && fields.root?[name] == nil)
    }

    private static func missing(
        _ result: QuestionResult, _ words: Words.Entry, fields: AccountFields, schema: ObjectSchema,
        stage: Located<Stage>
    ) -> Diagnostic {
        let q = result.question
        let ask = words.ask
        if let nearMiss = result.nearMiss {
            // "## Why are they buying?": point at the heading and name the title it nearly has.
            return Diagnostic(
                Message.nearMissHeading, words.due, at: nearMiss.range, subject: q.id,
                help: "did you mean '\(nearMiss.suggestion)'? only '##' headings with a checklist title answer "
                    + "a question; \(ask)",
                fix: .init(
                    "Rename the heading to '\(nearMiss.suggestion)'",
                    edits: [.init(nearMiss.range, nearMiss.suggestion)],
                    applicability: .unsafe))
        }
        let help: String
        var field = ""
        switch q.answer {
        case .section:
            help = result.range == nil ? words.addSection! : "write their answer in this section; \(ask)"
        case .field(let name, .whereEquals(let key, let value)):
            field = name
            help =
                (fields.root?[name]?.sequence?.isEmpty == false
                    ? "add '\(value)' to the \(key) of the contact who has it, or add that person to '\(name):'"
                    : fieldHelp(name)) + "; " + ask
        case .field(let name, _):
            field = name
            if let node = fields.root?[name], let spec = schema.field(name),
                AccountDecoder.holdsPlaceholder(node, spec.type)
            {
                // "compelling_event: TBD": say why the value written does not count.
                return Diagnostic(
                    Message.placeholder, words.unanswered, at: node.range, subject: q.id,
                    help: "\(MissingField.placeholderHelp(node.scalar ?? "", field: name)); \(ask)")
            }
            help = "\(fieldHelp(name)); \(ask)"
        }
        let keyRange = fields.keyRanges[field]
        let due = result.range == nil && keyRange == nil
        return Diagnostic(
            due ? Message.due : Message.unanswered, due ? words.due : words.unanswered,
            at: keyRange ?? result.range ?? stage.range, subject: q.id, help: help)
    }

    /// One fix for every section due at `stage` that the notes lack: their headings, as the
    /// checklist names them and in its order, with empty bodies, before the log (which stays the
    /// last section, as the template has it), or at the end of a note without one. Unsafe: it
    /// adds text the rep has to fill in. Nil when no section is missing.
    package static func addSectionsFix(
        _ results: [QuestionResult], stage: Stage, body: Body, source: SourceFile
    ) -> Diagnostic.Fix? {
        let titles = results.filter { $0.status.isOpen && $0.range == nil }.compactMap(\.question.primaryTitle)
        guard !titles.isEmpty else { return nil }
        let headings = titles.map { "## \($0)\n\n" }.joined()
        let at: Int, text: String
        if let log = body.sections.first(where: { $0.key == "log" }) {
            let line = source.lineIndex(of: log.headingRange.start)
            at = source.lineRange(line).lowerBound
            // A blank line between the text above and the first new heading.
            let blankAbove = line == 0 || source.lineText(line - 1).trimmingSpaces().isEmpty
            text = (blankAbove ? "" : "\n") + headings
        } else {
            let b = source.bytes
            at = b.count
            text = (b.last == 0x0A || b.isEmpty ? "" : "\n") + "\n" + headings
        }
        let count = titles.count
        return Diagnostic.Fix(
            "Add the \(count) missing \(count == 1 ? "section" : "sections") due at \(stage.rawValue)",
            edits: [.init(SourceRange(at, at), text)], applicability: .unsafe)
    }

    private static func partial(
        _ result: QuestionResult, _ words: Words.Entry, at: SourceRange, into out: inout [Diagnostic]
    ) {
        let q = result.question
        if result.gaps.isEmpty {
            out.append(
                Diagnostic(
                    Message.partial, "question '\(q.id)' is only partly answered", at: at, subject: q.id,
                    help: words.ask))
        }
        for gap in result.gaps {
            out.append(
                Diagnostic(
                    Message.gap, "question '\(q.id)' is only partly answered: \(gap.message)", at: gap.range,
                    subject: q.id, help: partialHelp(q, gap: gap.message, ask: words.ask)))
        }
    }

    private static func assumed(
        _ result: QuestionResult, _ words: Words.Entry, at: SourceRange, into out: inout [Diagnostic]
    ) {
        let q = result.question
        if result.assumptions.isEmpty {
            out.append(
                Diagnostic(
                    Message.assumed, "question '\(q.id)' rests on an assumption", at: at, subject: q.id,
                    help: "confirm it with the customer, then record what they said; \(words.ask)"))
        }
        for assumption in result.assumptions {
            if let hedge = assumption.hedge {
                out.append(
                    Diagnostic(
                        Message.assumption, "question '\(q.id)' rests on an unverified assumption (hedged: '\(hedge)')",
                        at: assumption.range, subject: q.id,
                        help: "a hedge is our guess, not their word: confirm it with the customer, then write what "
                            + "they said (quote them if it helps)"))
                continue
            }
            out.append(
                Diagnostic(
                    Message.assumption, "question '\(q.id)' rests on an unverified assumption", at: assumption.range,
                    subject: q.id,
                    help: "confirm it with the customer, then replace the assumption with what they said"))
        }
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

    private static func partialHelp(_ q: Question, gap: String, ask: String) -> String {
        if case .field(_, .each(let key)) = q.answer { return "add '\(key):' to it; \(ask)" }
        if case .field(_, .min) = q.answer { return "add the other people involved; \(ask)" }
        if case .field(_, .whereEquals) = q.answer {
            if !q.relationships.isEmpty && gap.hasPrefix("untested ") {
                return "test it (do they share what they hear, and take you to the people you have not met?), "
                    + "then set their 'relationship:'; \(ask)"
            }
            return "meet them, then write 'last_met:' on the contact or a dated log entry that names them; \(ask)"
        }
        return "replace the placeholder with their answer; \(ask)"
    }
}
