import Foundation

/// Did-you-mean suggestions, as compilers give them for misspelled names.
///
/// Every search is bounded, whatever a note holds: a name is compared only with names of about
/// its length, a comparison stops as soon as it cannot come close enough, names longer than
/// `maxComparedLength` characters are not compared, and the indexes of one file share a `Budget`
/// of work after which they stop searching (a note with thousands of unknown names gets
/// suggestions for the first ones only).
public enum Suggest {
    /// Names longer than this (in characters, folded) are not compared: a typo in a name that long is not guessed.
    package static let maxComparedLength = 64
    /// The distance beyond which no candidate is a likely typo, whatever its length.
    package static let maxDistance = 3

    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        Index(candidates).closest(to: word)
    }

    /// Lowercased, without accents: "Jose Nunez" is close to "José Ñúñez". ASCII text (nearly
    /// all names) is lowercased as bytes, as Foundation's folding would: Foundation's costs
    /// microseconds a string, and a pipeline page folds every account's name.
    package static func fold(_ s: String) -> String {
        var s = s
        let lowered = s.withUTF8 { u -> String? in
            guard Bytes.isASCII(u) else { return nil }
            return String(unsafeUninitializedCapacity: u.count) { out in
                for (i, b) in u.enumerated() { out[i] = Bytes.lower(b) }
                return u.count
            }
        }
        return lowered ?? s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Lowercased, with spaces and hyphens as underscores: "Closed Won" matches "closed_won".
    package static func normalize(_ s: String) -> String {
        normalize(folded: fold(s))
    }

    /// `normalize` of a string already folded.
    package static func normalize(folded: String) -> String {
        String(folded.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// The most distance a typo may have between names of these lengths (in characters).
    package static func limit(_ a: Int, _ b: Int) -> Int {
        max(1, min(maxDistance, (max(a, b) + 2) / 4))
    }

    /// Optimal string alignment distance (Levenshtein with adjacent transpositions).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var cells = 0
        return distance(a, b, limit: max(a.count, b.count), cells: &cells)
    }

    /// The optimal string alignment distance of `a` and `b` when it is at most `limit`, else `limit + 1`.
    ///
    /// Only the cells within `limit` of the diagonal are computed (any other is farther), and the
    /// search ends at the first row whose cells all exceed the limit (no later row can be closer:
    /// a transposition spans two rows but costs as much as the cell it skips). `cells` counts the
    /// cells computed, so the work of a search can be bounded and measured.
    package static func distance(_ a: [Character], _ b: [Character], limit: Int, cells: inout Int) -> Int {
        let n = a.count, m = b.count
        let over = limit + 1
        if abs(n - m) > limit { return over }
        if n == 0 || m == 0 { return max(n, m) }
        // Three rows (for transpositions), cells outside the band held at `over`.
        var previous2 = [Int](repeating: over, count: m + 1)
        var previous = [Int](repeating: over, count: m + 1)
        var current = [Int](repeating: over, count: m + 1)
        for j in 0...min(m, limit) { previous[j] = j }
        for i in 1...n {
            let low = max(1, i - limit), high = min(m, i + limit)
            current[low - 1] = low == 1 && i <= limit ? i : over
            var rowMinimum = current[low - 1]
            for j in low...high {
                cells += 1
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = min(value, over)
                rowMinimum = min(rowMinimum, current[j])
            }
            // The next row reads one cell past this band: it is outside it, so farther than the limit.
            if high < m { current[high + 1] = over }
            if rowMinimum > limit { return over }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[m]
    }

    /// The work the searches of one file may do (distance cells and prefix comparisons), shared
    /// by its indexes: once spent, they stop searching and suggest exact matches only.
    package final class Budget {
        /// Enough for every typo in any real note (tens of contacts, a few dozen fields).
        package static let perFile = 1_000_000

        package let limit: Int
        package private(set) var spent = 0
        /// Where tests read the work done (`Suggest.meter`), taken when the budget is made.
        private let meter: Meter?

        package init(limit: Int = Budget.perFile) {
            self.limit = limit
            self.meter = Suggest.meter
        }

        package var isExhausted: Bool { spent >= limit }

        package func spend(_ work: Int) {
            spent += work
            meter?.add(work)
        }
    }

    /// Counts the work of every search made while it is set as `Suggest.meter` (for tests).
    package final class Meter: @unchecked Sendable {
        private let lock = NSLock()
        private var total = 0

        package init() {}

        /// Distance cells and prefix comparisons so far.
        package var work: Int { lock.withLock { total } }

        package func add(_ work: Int) { lock.withLock { total += work } }
    }

    /// The meter of the searches made in this task, if any.
    @TaskLocal package static var meter: Meter?

    /// Candidates prepared once (folded, normalized, bucketed by length and by first letters) for
    /// many searches: a file builds one per kind of name instead of folding every candidate again
    /// for every word.
    package struct Index {
        private let candidates: [String]
        /// Characters of each candidate as written.
        private let counts: [Int]
        /// The folded characters of each candidate that is compared (nil: too short or too long).
        private let folded: [[Character]?]
        /// The first candidate of each normalized spelling.
        private let exact: [String: Int]
        /// The compared candidates by folded length, in their order.
        private let byLength: [Int: [Int]]
        /// The candidates by their first three lowercased characters, in their order.
        private let byPrefix: [String: [Int]]
        private let lowercased: [String]
        package let budget: Budget

        package init(_ candidates: [String], budget: Budget = Budget()) {
            self.candidates = candidates
            self.budget = budget
            var counts: [Int] = [], folded: [[Character]?] = [], lowercased: [String] = []
            var exact: [String: Int] = [:], byLength: [Int: [Int]] = [:], byPrefix: [String: [Int]] = [:]
            counts.reserveCapacity(candidates.count)
            folded.reserveCapacity(candidates.count)
            lowercased.reserveCapacity(candidates.count)
            for (i, candidate) in candidates.enumerated() {
                let fold = Suggest.fold(candidate)
                let normalized = Suggest.normalize(folded: fold)
                if exact[normalized] == nil { exact[normalized] = i }
                let count = candidate.count
                counts.append(count)
                // One- and two-letter values ("a", "b", "c") are too short for a typo to tell which was meant.
                let characters = count > 2 && fold.count <= maxComparedLength ? Array(fold) : nil
                folded.append(characters)
                if let characters { byLength[characters.count, default: []].append(i) }
                let lower = candidate.lowercased()
                lowercased.append(lower)
                if lower.count >= 3 { byPrefix[String(lower.prefix(3)), default: []].append(i) }
            }
            self.counts = counts
            self.folded = folded
            self.exact = exact
            self.byLength = byLength
            self.byPrefix = byPrefix
            self.lowercased = lowercased
        }

        /// The candidate closest to `word`, if it is close enough to be a likely typo: the same
        /// spelling but for case, accents, spaces and hyphens; else the first of the fewest edits
        /// within the limit for their lengths; else, with `prefixes`, the only candidate that starts
        /// with it (right for a value, "disc" for "discovery"; wrong for a heading, "Cost" is not
        /// "Cost of inaction").
        package func closest(to word: String, prefixes: Bool = true) -> String? {
            let lowered = Suggest.fold(word)
            if let i = exact[Suggest.normalize(folded: lowered)], candidates[i] != word {
                return candidates[i]
            }
            let characters = Array(lowered)
            guard characters.count <= maxComparedLength, !budget.isExhausted else { return nil }
            switch nearest(word, characters) {
            case .found(let i): return candidates[i]
            case .outOfBudget: return nil
            case .none: break
            }
            // A clear prefix ("disc" for "discovery") is also a likely intent.
            guard prefixes, characters.count >= 3 else { return nil }
            var only: Int?
            for i in byPrefix[String(characters.prefix(3))] ?? [] {
                if budget.isExhausted { return nil }
                budget.spend(characters.count)
                guard lowercased[i].hasPrefix(lowered) else { continue }
                if only != nil { return nil }
                only = i
            }
            return only.map { candidates[$0] }
        }

        /// Whether `guess`, what `closest(to: word)` answered, is the only answer: no other candidate
        /// is as few edits from `word` ("Tom Alvare" is as close to "Tom Alvarez" as to "Tom Alvarex").
        /// A spelling that differs only in case, accents or separators, and the only candidate that
        /// starts with `word`, are only answers. Out of budget: not known, so no.
        package func isOnlyAnswer(_ guess: String, for word: String) -> Bool {
            let lowered = Suggest.fold(word)
            if exact[Suggest.normalize(folded: lowered)] != nil { return true }
            guard let g = candidates.firstIndex(of: guess), let target = folded[g] else { return true }
            let characters = Array(lowered)
            let wordCount = word.count
            var cells = 1
            let d = distance(characters, target, limit: limit(wordCount, counts[g]), cells: &cells)
            budget.spend(cells)
            // Farther than a typo: the answer came from the only candidate starting with `word`.
            guard d <= limit(wordCount, counts[g]) else { return true }
            for length in max(0, characters.count - d)...(characters.count + d) {
                for i in byLength[length] ?? [] where i != g {
                    guard let candidate = folded[i], candidates[i] != word else { continue }
                    let bound = min(d, limit(wordCount, counts[i]))
                    guard bound >= abs(length - characters.count) else { continue }
                    if budget.isExhausted { return false }
                    var cells = 1
                    let other = distance(characters, candidate, limit: bound, cells: &cells)
                    budget.spend(cells)
                    if other <= bound { return false }
                }
            }
            return true
        }

        private enum Search { case found(Int), none, outOfBudget }

        /// The first candidate with the fewest edits from `word`, within the limit for their lengths.
        private func nearest(_ word: String, _ characters: [Character]) -> Search {
            let wordCount = word.count
            var best: (index: Int, distance: Int)?
            for length in max(0, characters.count - maxDistance)...(characters.count + maxDistance) {
                for i in byLength[length] ?? [] {
                    guard let candidate = folded[i], candidates[i] != word else { continue }
                    // Only a candidate closer than the best so far (or as close and listed before it) can win.
                    var bound = limit(wordCount, counts[i])
                    if let best { bound = min(bound, i < best.index ? best.distance : best.distance - 1) }
                    guard bound >= abs(length - characters.count) else { continue }
                    if budget.isExhausted { return .outOfBudget }
                    var cells = 1
                    let d = distance(characters, candidate, limit: bound, cells: &cells)
                    budget.spend(cells)
                    if d <= bound { best = (i, d) }
                }
            }
            return best.map { .found($0.index) } ?? .none
        }
    }
}
