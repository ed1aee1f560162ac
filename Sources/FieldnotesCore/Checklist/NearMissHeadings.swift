import FieldnotesSupport

/// A heading that nearly names the section of a question the notes leave unanswered:
/// `## Why are they buying?` for `## Why they are buying`, `### Decision process` for
/// `## Decision process`, `## Decision-making process` for `## Decision process`.
public struct NearMissHeading: Sendable, Equatable {
    /// The heading as written, from its first `#` to the end of its title.
    public var range: SourceRange
    /// The checklist title it is closest to ("Why they are buying").
    public var title: String

    /// The heading the rep probably meant: what the editor's quick fix writes.
    public var suggestion: String { "## \(title)" }
}

/// Finds, for the section questions that have no section, a heading that was probably meant
/// as theirs. A candidate is a `##` heading that answers no question, or a `###` (or deeper)
/// heading outside the log; it is close when it has a question's title (a `###` with the exact
/// title), is a likely typo of it (`Suggest`, bounded), or shares most of its words.
package enum NearMissHeadings {
    /// The least share of words two titles must have in common (Dice's coefficient on their
    /// sets of words): "decision-making process" and "decision process" have 0.8.
    package static let minimumOverlap = 0.75
    /// Titles must share at least this many words to be close by words (one word is a
    /// coincidence: "next steps" and "next project").
    package static let minimumSharedWords = 2

    /// The near-miss heading of each open section question without a section, by the
    /// question's index in `results`; empty (at no cost) when there is nothing to compare.
    package static func find(_ results: [QuestionResult], body: Body, checklist: Checklist) -> [Int: NearMissHeading] {
        // The questions that need a section and have none, with their titles.
        var open: [(index: Int, titles: [String])] = []
        for (i, r) in results.enumerated() where r.status == .missing && r.section == nil {
            if case .section(let titles) = r.question.answer, !titles.isEmpty { open.append((i, titles)) }
        }
        guard !open.isEmpty else { return [:] }
        // Headings the checklist does not read: `##` that answer nothing, and `###` outside the log.
        var candidates: [(key: String, range: SourceRange)] = []
        for s in body.sections where s.key != "log" && checklist.questionsBySectionKey[s.key] == nil {
            candidates.append((s.key, SourceRange(s.headingRange.start, s.titleRange.end)))
        }
        for h in body.subheadings { candidates.append((h.key, SourceRange(h.headingRange.start, h.titleRange.end))) }
        guard !candidates.isEmpty else { return [:] }
        candidates.sort { $0.range.start < $1.range.start }

        var titles: [String] = [], owner: [Int] = []
        var exact: [String: Int] = [:]
        for (o, q) in open.enumerated() {
            for title in q.titles {
                titles.append(title)
                owner.append(o)
                let key = BodyScanner.normalizeTitle(title)
                if exact[key] == nil { exact[key] = titles.count - 1 }
            }
        }
        let budget = Suggest.Budget()
        let index = Suggest.Index(titles, budget: budget)
        // The titles' words only when a heading gets that far (most are settled before).
        var titleWords: [Set<String>]?
        var found: [Int: NearMissHeading] = [:]
        for candidate in candidates where !candidate.key.isEmpty {
            guard
                let t = closest(
                    candidate.key, exact: exact, index: index, titles: titles, titleWords: &titleWords, budget: budget)
            else { continue }
            let question = open[owner[t]].index
            if found[question] == nil { found[question] = NearMissHeading(range: candidate.range, title: titles[t]) }
            if found.count == open.count { break }
        }
        return found
    }

    /// The title `key` nearly names (its index in `titles`): the same title, a likely typo of
    /// one, or the one sharing most of its words.
    private static func closest(
        _ key: String, exact: [String: Int], index: Suggest.Index, titles: [String],
        titleWords: inout [Set<String>]?, budget: Suggest.Budget
    ) -> Int? {
        if let t = exact[key] { return t }
        if let guess = index.closest(to: key, prefixes: false), let t = titles.firstIndex(of: guess) { return t }
        guard !budget.isExhausted, key.utf8.count <= 4 * Suggest.maxComparedLength else { return nil }
        let written = words(key)
        guard written.count >= minimumSharedWords else { return nil }
        var best: (index: Int, overlap: Double)?
        if titleWords == nil { titleWords = titles.map(words) }
        for (t, other) in (titleWords ?? []).enumerated() {
            budget.spend(written.count + other.count)
            let overlap = wordOverlap(written, other)
            if overlap >= minimumOverlap, best.map({ overlap > $0.overlap }) ?? true { best = (t, overlap) }
        }
        return best?.index
    }

    /// The words of a title, folded (case and accents): letters and digits between anything else.
    package static func words(_ title: String) -> Set<String> {
        Set(Suggest.fold(title).split { !($0.isLetter || $0.isNumber) }.map(String.init))
    }

    /// Dice's coefficient of two sets of words (0 when they share fewer than `minimumSharedWords`).
    package static func wordOverlap(_ a: Set<String>, _ b: Set<String>) -> Double {
        let shared = a.intersection(b).count
        guard shared >= minimumSharedWords else { return 0 }
        return 2 * Double(shared) / Double(a.count + b.count)
    }
}
