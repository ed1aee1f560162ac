import FieldnotesCore
import FieldnotesSupport

/// What `missing` says, as data: per account, the open questions grouped by category, the
/// assumptions to verify and, with --next, the next stage's questions. The one model its text,
/// Markdown and JSON writers read.
package struct MissingDocument: Sendable {
    package struct Account: Sendable {
        package var facts: AccountFacts
        /// The open questions, grouped by category in checklist order.
        package var groups: [(category: String, items: [OpenQuestion])]
        /// With --next: the next stage and its questions not yet answered (nil at the last stage
        /// or without a stage).
        package var next: (stage: Stage, questions: [QuestionResult])?

        /// "Initech · discovery · 3 of 8 questions answered" (escaped for a terminal).
        package var title: String {
            let a = facts, stage = a.stage?.rawValue ?? "stage unknown"
            return "\(TerminalText.escaped(a.name)) · \(stage) · \(a.answered) of \(a.due) "
                + "\(a.due == 1 ? "question" : "questions") answered"
        }

        /// The path, owner, next meeting and last contact, on one line (escaped for a terminal).
        package var details: String {
            let a = facts
            var details = [TerminalText.escaped(a.path)]
            if let owner = a.owner { details.append("owner \(TerminalText.escaped(owner))") }
            if let next = a.report.fields.nextMeeting { details.append("next meeting \(next.value)") }
            if let last = a.lastContact {
                details.append("last contact \(last)" + (a.daysSinceContact.map { " (\($0) days ago)" } ?? ""))
            }
            return details.joined(separator: " · ")
        }
    }

    package var accounts: [Account]
    /// Whether the next stage's questions are listed (--next).
    package var includeNext: Bool

    package init(_ report: MissingReport) {
        includeNext = report.includeNext
        accounts = report.accounts.map { a in
            var next: (stage: Stage, questions: [QuestionResult])?
            if report.includeNext, let stage = a.stage, let nextStage = stage.next {
                next = (
                    nextStage,
                    a.report.results.filter { $0.status == .upcoming && $0.question.isDue(at: nextStage) }
                )
            }
            return Account(facts: a, groups: grouped(a.open, category: { $0.question.category }), next: next)
        }
    }
}

/// `items` grouped by category, the groups in the order their first item comes.
package func grouped<T>(_ items: [T], category: (T) -> String) -> [(category: String, items: [T])] {
    var out: [(category: String, items: [T])] = []
    for item in items {
        let c = category(item)
        if let i = out.firstIndex(where: { $0.category == c }) {
            out[i].items.append(item)
        } else {
            out.append((c, [item]))
        }
    }
    return out
}
