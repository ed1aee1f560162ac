import FieldnotesCore
import FieldnotesSupport

/// Which of the notes' own sections a brief shows, and under which headings, read from the
/// configured checklist: a team's own checklist gets its own sections, not the built-in ones.
///
/// The built-in checklist's questions keep the brief's choice of them (`builtIn`: which ones,
/// in which order, under which heading); every section question a checklist adds of its own
/// follows, in the checklist's order, under the section's first title. Computed once per run.
package struct BriefOutline: Sendable {
    /// The sections shown, by checklist question, in the order the brief shows them.
    package var sections: [(id: String, heading: String)]
    /// The headings of the sections a shared brief leaves out (the internal questions'), for
    /// the note that says what was left out.
    package var leftOut: [String]

    /// The built-in checklist's questions a brief shows, in the brief's order, with the headings
    /// it gives them.
    package static let builtIn = [
        ("what_changed", "What changed on their end"), ("why_buying", "Why they are buying"),
        ("personal_pain", "Personal pain"), ("decision_process", "Decision process"),
        ("decision_criteria", "Decision criteria"), ("politics", "Politics"),
        ("shared_goals", "Shared goals"),
    ]

    /// - Parameters:
    ///   - share: a brief to share outside the team leaves out the internal questions' sections.
    ///   - internalQuestions: the ids of those questions (`internal:` in fieldnotes.yml).
    package init(checklist: Checklist, share: Bool = false, internalQuestions: Set<String> = []) {
        let builtIn = Checklist.builtIn.indexByID
        var all: [(id: String, heading: String)] = Self.builtIn.filter { checklist.indexByID[$0.0] != nil }
        for q in checklist.questions where builtIn[q.id] == nil {
            if let title = q.primaryTitle { all.append((q.id, title)) }
        }
        sections = share ? all.filter { !internalQuestions.contains($0.id) } : all
        leftOut = share ? all.filter { internalQuestions.contains($0.id) }.map(\.heading) : []
    }
}
