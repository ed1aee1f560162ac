import Foundation

/// Did-you-mean suggestions, as compilers give them for misspelled names.
public enum Suggest {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let normalizedWord = normalize(word)
        if let exact = candidates.first(where: { normalize($0) == normalizedWord }), exact != word {
            return exact
        }
        var best: (String, Int)?
        let lowered = fold(word)
        for candidate in candidates where candidate != word {
            // One- and two-letter values ("a", "b", "c") are too short for a typo to tell which was meant.
            if candidate.count <= 2 { continue }
            let distance = editDistance(lowered, fold(candidate))
            let limit = max(1, min(3, (max(word.count, candidate.count) + 2) / 4))
            guard distance <= limit else { continue }
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        if let best { return best.0 }
        // A clear prefix ("disc" for "discovery") is also a likely intent.
        if lowered.count >= 3 {
            let prefixed = candidates.filter { $0.lowercased().hasPrefix(lowered) }
            if prefixed.count == 1 { return prefixed[0] }
        }
        return nil
    }

    /// Lowercased, without accents: "Jose Nunez" is close to "José Ñúñez".
    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Lowercased, with spaces and hyphens as underscores: "Closed Won" matches "closed_won".
    static func normalize(_ s: String) -> String {
        String(fold(s).map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// Optimal string alignment distance (Levenshtein with adjacent transpositions).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
