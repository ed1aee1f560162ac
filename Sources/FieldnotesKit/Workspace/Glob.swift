/// Glob patterns for account paths: `*` and `?` within a path component, `**` across folders.
public struct Glob: Sendable {
    public let pattern: String
    let components: [String]

    public init(_ pattern: String) {
        self.pattern = pattern
        components = pattern.split(separator: "/").map(String.init).filter { $0 != "." }
    }

    /// The leading components without wildcards: the folder to start walking from.
    public var staticPrefix: [String] {
        Array(components.prefix { !$0.contains("*") && !$0.contains("?") && !$0.contains("[") }.dropLast(components.allSatisfy { !$0.contains("*") } ? 1 : 0))
    }

    public func matches(_ path: String) -> Bool {
        Glob.match(components[...], path.split(separator: "/").map(String.init)[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let component = path.first, matchComponent(Array(first.unicodeScalars)[...], Array(component.unicodeScalars)[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchComponent(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        var p = p, s = s
        // Iterative matching with backtracking on the last '*': linear for typical patterns.
        var starP: ArraySlice<Unicode.Scalar>?
        var starS: ArraySlice<Unicode.Scalar>?
        while !s.isEmpty {
            if let c = p.first, c == "?" || c == s.first! {
                p = p.dropFirst(); s = s.dropFirst()
            } else if p.first == "*" {
                starP = p.dropFirst(); starS = s; p = p.dropFirst()
            } else if let sp = starP, let ss = starS, !ss.isEmpty {
                p = sp; s = ss.dropFirst(); starS = s
            } else {
                return false
            }
        }
        while p.first == "*" { p = p.dropFirst() }
        return p.isEmpty
    }
}
