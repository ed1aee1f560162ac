import FieldnotesSupport

/// Glob patterns for account paths: `*` and `?` within a path component, `**` across folders.
public struct Glob: Sendable {
    public let pattern: String
    package let components: [String]

    /// `components` as Unicode scalars, the way they are matched.
    private let scalars: [[Unicode.Scalar]]

    public init(_ pattern: String) {
        self.pattern = pattern
        components = pattern.split(separator: "/").map(String.init).filter { $0 != "." }
        // "**/**" matches what "**" matches: one is kept, so each '**' left has work of its own.
        var scalars: [[Unicode.Scalar]] = []
        for component in components.map({ Array($0.unicodeScalars) })
        where !(component == Glob.doubleStar && scalars.last == Glob.doubleStar) {
            scalars.append(component)
        }
        self.scalars = scalars
    }

    /// The leading components without wildcards: the folder to start walking from.
    public var staticPrefix: [String] {
        Array(
            components.prefix { !$0.contains("*") && !$0.contains("?") && !$0.contains("[") }.dropLast(
                components.allSatisfy { !$0.contains("*") } ? 1 : 0))
    }

    public func matches(_ path: String) -> Bool {
        var steps = 0
        return matches(path, steps: &steps)
    }

    /// `matches`, counting in `steps` the (pattern component, path component) pairs considered.
    package func matches(_ path: String, steps: inout Int) -> Bool {
        // Split as the file system does, at every "/" (by scalars, not by characters), into
        // slices of one array.
        let all = Array(path.unicodeScalars)
        var parts: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        for (i, c) in all.enumerated() where c == "/" {
            if i > start { parts.append(all[start..<i]) }
            start = i + 1
        }
        if start < all.count { parts.append(all[start...]) }
        return Glob.match(scalars, parts, steps: &steps)
    }

    private static let doubleStar: [Unicode.Scalar] = ["*", "*"]

    /// Whether `pattern` matches all of `path`, by dynamic programming over the components: a
    /// row per pattern component from the last, where `row[j]` tells whether the rest of the
    /// pattern matches the path from component `j` on. Each pair is considered once, so the work
    /// is (pattern components × path components) component matches, however many '**' there are.
    private static func match(
        _ pattern: [[Unicode.Scalar]], _ path: [ArraySlice<Unicode.Scalar>], steps: inout Int
    ) -> Bool {
        let n = path.count
        // The empty rest of the pattern matches only the empty rest of the path.
        var row = [Bool](repeating: false, count: n + 1)
        row[n] = true
        for component in pattern.reversed() {
            if component == doubleStar {
                // '**' matches here if the rest matches here, or if it matches from the next component on.
                for j in stride(from: n - 1, through: 0, by: -1) {
                    steps += 1
                    row[j] = row[j] || row[j + 1]
                }
            } else {
                // One component matches here if it matches this path component and the rest matches after it.
                for j in 0..<n {
                    steps += 1
                    row[j] = row[j + 1] && matchComponent(component[...], path[j])
                }
                row[n] = false
            }
        }
        return row[0]
    }

    private static func matchComponent(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        // Iterative matching with backtracking on the last '*': linear for typical patterns.
        var pi = p.startIndex, si = s.startIndex
        var star: (p: Int, s: Int)?
        while si < s.endIndex {
            if pi < p.endIndex, p[pi] == "?" || p[pi] == s[si] {
                pi += 1; si += 1
            } else if pi < p.endIndex, p[pi] == "*" {
                star = (pi + 1, si); pi += 1
            } else if let last = star, last.s < s.endIndex {
                star = (last.p, last.s + 1)
                pi = last.p; si = last.s + 1
            } else {
                return false
            }
        }
        while pi < p.endIndex && p[pi] == "*" { pi += 1 }
        return pi == p.endIndex
    }
}
