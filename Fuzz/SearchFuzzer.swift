// libFuzzer target: the did-you-mean search and the glob matcher. The input's first line is the
// word (and the pattern), the other lines the candidates (and the paths). Small inputs are
// compared with the plain algorithms (an unbounded distance, a backtracking matcher); every
// input must stay within the work bounds.
// Built with Fuzz/run; libFuzzer provides main().

import FieldnotesCore
import FieldnotesSupport
import Foundation

/// The plain optimal string alignment distance.
func plainDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
    }
    return d[a.count][b.count]
}

/// The did-you-mean search without an index or bounds.
func plainClosest(to word: String, in candidates: [String]) -> String? {
    let normalizedWord = Suggest.normalize(word)
    if let exact = candidates.first(where: { Suggest.normalize($0) == normalizedWord }), exact != word { return exact }
    var best: (String, Int)?
    let lowered = Suggest.fold(word)
    for candidate in candidates where candidate != word && candidate.count > 2 {
        let distance = plainDistance(Array(lowered), Array(Suggest.fold(candidate)))
        guard distance <= Suggest.limit(word.count, candidate.count) else { continue }
        if best == nil || distance < best!.1 { best = (candidate, distance) }
    }
    if let best { return best.0 }
    if lowered.count >= 3 {
        let prefixed = candidates.filter { $0.lowercased().hasPrefix(lowered) }
        if prefixed.count == 1 { return prefixed[0] }
    }
    return nil
}

/// The glob matcher by backtracking over components ('*' within one by a plain table).
func plainMatch(_ pattern: ArraySlice<[Unicode.Scalar]>, _ path: ArraySlice<[Unicode.Scalar]>) -> Bool {
    func component(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        // matches[i][j]: p[i...] matches s[j...].
        var matches = [[Bool]](repeating: [Bool](repeating: false, count: s.count + 1), count: p.count + 1)
        matches[p.count][s.count] = true
        for i in stride(from: p.count - 1, through: 0, by: -1) {
            for j in stride(from: s.count, through: 0, by: -1) {
                if p[i] == "*" {
                    matches[i][j] = matches[i + 1][j] || (j < s.count && matches[i][j + 1])
                } else {
                    matches[i][j] = j < s.count && (p[i] == "?" || p[i] == s[j]) && matches[i + 1][j + 1]
                }
            }
        }
        return matches[0][0]
    }
    guard let first = pattern.first else { return path.isEmpty }
    if first == ["*", "*"] {
        return (0...path.count).contains { plainMatch(pattern.dropFirst(), path.dropFirst($0)) }
    }
    guard let head = path.first, component(first, head) else { return false }
    return plainMatch(pattern.dropFirst(), path.dropFirst())
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSearch(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(65).map(String.init)
    guard let word = lines.first else { return 0 }
    let candidates = Array(lines.dropFirst())
    let small = word.count <= 24 && candidates.allSatisfy { $0.count <= 24 }

    // Did-you-mean: the indexed, bounded search answers as the plain one, within its budget.
    let meter = Suggest.Meter()
    let suggestion = Suggest.$meter.withValue(meter) { Suggest.closest(to: word, in: candidates) }
    precondition(meter.work <= Suggest.Budget.perFile + 1_000, "the search went over its budget")
    if small {
        precondition(suggestion == plainClosest(to: word, in: candidates), "the search differs from the plain one")
        let a = Array(word)
        for candidate in candidates {
            let b = Array(candidate)
            let exact = plainDistance(a, b)
            for limit in 0...4 {
                var cells = 0
                precondition(
                    Suggest.distance(a, b, limit: limit, cells: &cells) == min(exact, limit + 1),
                    "the bounded distance is wrong")
                precondition(cells <= (2 * limit + 1) * a.count, "the bounded distance left its band")
            }
        }
    }

    // Globs: polynomial work, and the backtracking matcher's answer where it is cheap to get.
    let glob = Glob(word)
    // Split as Glob splits them: the pattern by characters, paths by scalars.
    let pattern = word.split(separator: "/").filter { $0 != "." }.map { Array($0.unicodeScalars) }
    let doubleStars = pattern.filter { $0 == ["*", "*"] }.count
    for path in candidates {
        var steps = 0
        let matched = glob.matches(path, steps: &steps)
        let parts = path.unicodeScalars.split(separator: "/").map { Array($0) }
        precondition(steps <= pattern.count * parts.count, "the glob went over its bound")
        if doubleStars <= 3 && parts.count <= 8 && pattern.count <= 10 && small {
            precondition(
                matched == plainMatch(pattern[...], parts[...]), "the glob differs from the backtracking matcher")
        }
    }
    return 0
}
