import FieldnotesCore
import FieldnotesSupport

/// Where a brief shows the notes' own sections: every question of the checklist answered by a
/// section, grouped by category in the checklist's order (a category's questions in their
/// order), under the heading the checklist's `brief:` gives it (or, for a checklist that does
/// not say, the built-in checklist's heading for the same question), else the section's first
/// title. Which of them a brief prints is the notes' say: those with text. Computed once per run.
package struct BriefOutline: Sendable {
    /// A section question, where the brief shows its answer.
    package struct Entry: Sendable {
        package var id: String
        package var heading: String
        package var category: String
        /// The question's index in the checklist.
        package var question: Int
    }

    /// The section questions, in the order the brief shows them (a shared brief's without the
    /// internal ones).
    package var sections: [Entry]
    /// The headings of the sections a shared brief leaves out (the internal questions'), for
    /// the note that says what was left out.
    package var leftOut: [String]
    /// The checklist indexes of the questions whose sections a shared brief leaves out.
    package var hidden: Set<Int>

    /// - Parameters:
    ///   - share: a brief to share outside the team leaves out the internal questions' sections.
    ///   - internalQuestions: the ids of those questions (`internal:` in fieldnotes.yml).
    package init(checklist: Checklist, share: Bool = false, internalQuestions: Set<String> = []) {
        let renames = Self.headings(checklist)
        var all: [Entry] = []
        for category in checklist.categories {
            for (i, q) in checklist.questions.enumerated() where q.category == category {
                guard let title = q.primaryTitle else { continue }
                all.append(Entry(id: q.id, heading: renames[q.id] ?? title, category: category, question: i))
            }
        }
        let isHidden = { (e: Entry) in share && internalQuestions.contains(e.id) }
        sections = all.filter { !isHidden($0) }
        leftOut = all.filter(isHidden).map(\.heading)
        hidden = Set(all.filter(isHidden).map(\.question))
    }

    /// The headings `brief:` gives, by question id: the checklist's own, or when it says none,
    /// the built-in checklist's for the questions they share.
    package static func headings(_ checklist: Checklist) -> [String: String] {
        let pairs = checklist.brief ?? Checklist.builtIn.brief ?? []
        return Dictionary(pairs.map { ($0.id, $0.heading) }, uniquingKeysWith: { first, _ in first })
    }
}
