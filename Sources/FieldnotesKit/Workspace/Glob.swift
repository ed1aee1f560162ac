/// Glob patterns for account paths: `*` and `?` within a path component, `**` across folders.
public struct Glob: Sendable {
    public let pattern: String
    let components: [String]

    /// `components` as Unicode scalars, the way they are matched.
    private let scalars: [[Unicode.Scalar]]

    public init(_ pattern: String) {
        self.pattern = pattern
        components = pattern.split(separator: "/").map(String.init).filter { $0 != "." }
        scalars = components.map { Array($0.unicodeScalars) }
    }

    /// The leading components without wildcards: the folder to start walking from.
    public var staticPrefix: [String] {
        Array(components.prefix { !$0.contains("*") && !$0.contains("?") && !$0.contains("[") }.dropLast(components.allSatisfy { !$0.contains("*") } ? 1 : 0))
    }

    public func matches(_ path: String) -> Bool {
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
        return Glob.match(scalars[...], parts[...])
    }

    private static let doubleStar: [Unicode.Scalar] = ["*", "*"]

    private static func match(_ pattern: ArraySlice<[Unicode.Scalar]>, _ path: ArraySlice<ArraySlice<Unicode.Scalar>>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == doubleStar {
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let component = path.first, matchComponent(first[...], component) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
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
