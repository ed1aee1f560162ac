import FieldnotesSupport

/// A node of the front-matter YAML subset. Every scalar is text: no implicit typing.
public struct YAMLNode: Sendable {
    public enum ScalarStyle: String, Sendable {
        case plain, singleQuoted = "single", doubleQuoted = "double", literal, folded
    }

    public enum Value: Sendable {
        /// An empty value (`key:` with nothing after it).
        case null
        case scalar(String, ScalarStyle)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
    }

    public var value: Value
    /// Where the node is written; for `null`, an empty range where the value would be.
    public var range: SourceRange

    public init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }

    public var isNull: Bool { if case .null = value { return true } else { return false } }

    public var scalar: String? { if case .scalar(let s, _) = value { return s } else { return nil } }

    public var mapping: [YAMLPair]? { if case .mapping(let p) = value { return p } else { return nil } }

    public var sequence: [YAMLNode]? { if case .sequence(let s) = value { return s } else { return nil } }

    /// The value of the first pair with this key, if this node is a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first(where: { $0.key == key })?.value
    }

    /// A word for the kind of value, for messages ("a list", "text").
    public var kindDescription: String {
        switch value {
        case .null: return "an empty value"
        case .scalar: return "text"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

public struct YAMLPair: Sendable {
    public var key: String
    public var keyRange: SourceRange
    public var value: YAMLNode
}

/// A problem found while parsing YAML. `duplicateKey` is recoverable; the others end the entry.
public struct YAMLIssue: Error, Sendable {
    public enum Kind: Sendable { case syntax, unsupported, duplicateKey, limit }
    public var kind: Kind
    public var message: String
    public var range: SourceRange
    public var help: String?
    public var related: [(message: String, range: SourceRange)]

    public init(
        _ kind: Kind, _ message: String, _ range: SourceRange, help: String? = nil,
        related: [(message: String, range: SourceRange)] = []
    ) {
        self.kind = kind
        self.message = message
        self.range = range
        self.help = help
        self.related = related
    }
}

/// The result of parsing a YAML document: a tree (possibly partial when there were errors) and the issues.
public struct YAMLDocument: Sendable {
    public var root: YAMLNode?
    public var issues: [YAMLIssue]
}

extension YAMLNode {
    /// A tree dump with ranges (`mapping @2:1-9:12`), for golden tests and `parse --tree`.
    public func dump(in file: SourceFile) -> String {
        var out = ""
        dump(in: file, indent: 0, into: &out)
        return out
    }

    private func position(_ file: SourceFile) -> String {
        let s = file.location(of: range.start), e = file.location(of: range.end)
        return "@\(s.line):\(s.column)-\(e.line):\(e.column)"
    }

    private func dump(in file: SourceFile, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .null:
            out += "\(pad)null \(position(file))\n"
        case .scalar(let s, let style):
            out += "\(pad)\(style.rawValue) \(position(file)) \(JSONWriter.quote(s))\n"
        case .sequence(let items):
            out += "\(pad)sequence \(position(file))\n"
            for item in items { item.dump(in: file, indent: indent + 1, into: &out) }
        case .mapping(let pairs):
            out += "\(pad)mapping \(position(file))\n"
            for pair in pairs {
                let s = file.location(of: pair.keyRange.start), e = file.location(of: pair.keyRange.end)
                out += "\(pad)  key @\(s.line):\(s.column)-\(e.line):\(e.column) \(JSONWriter.quote(pair.key))\n"
                pair.value.dump(in: file, indent: indent + 2, into: &out)
            }
        }
    }

    /// The node as JSON: scalars as strings, empty values as null, mappings in source order.
    public func json() -> JSONValue {
        switch value {
        case .null: return .null
        case .scalar(let s, _): return .string(s)
        case .sequence(let items): return .array(items.map { $0.json() })
        case .mapping(let pairs): return .object(pairs.map { ($0.key, $0.value.json()) })
        }
    }
}
