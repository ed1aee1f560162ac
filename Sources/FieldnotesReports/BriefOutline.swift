import FieldnotesCore
import FieldnotesSupport

/// Which of the notes' own sections a brief shows, and under which headings: the checklist's
/// `brief:` (question ids and headings, in order). A checklist that does not say gets the
/// built-in checklist's choice among the questions it has, then each section question of its
/// own, in its order, under the section's first title. Computed once per run.
package struct BriefOutline: Sendable {
    /// The sections shown, by checklist question, in the order the brief shows them.
    package var sections: [(id: String, heading: String)]
    /// The headings of the sections a shared brief leaves out (the internal questions'), for
    /// the note that says what was left out.
    package var leftOut: [String]

    /// - Parameters:
    ///   - share: a brief to share outside the team leaves out the internal questions' sections.
    ///   - internalQuestions: the ids of those questions (`internal:` in fieldnotes.yml).
    package init(checklist: Checklist, share: Bool = false, internalQuestions: Set<String> = []) {
        var all: [(id: String, heading: String)]
        if let chosen = checklist.brief {
            all = chosen
        } else {
            let builtIn = Checklist.builtIn
            all = (builtIn.brief ?? []).filter { checklist.indexByID[$0.id] != nil }
            for q in checklist.questions where builtIn.indexByID[q.id] == nil {
                if let title = q.primaryTitle { all.append((q.id, title)) }
            }
        }
        sections = share ? all.filter { !internalQuestions.contains($0.id) } : all
        leftOut = share ? all.filter { internalQuestions.contains($0.id) }.map(\.heading) : []
    }
}
