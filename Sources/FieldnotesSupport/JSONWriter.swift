/// A JSON value with ordered objects, written deterministically.
public indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number that is not an integer (read from a client; never written by fieldnotes' reports).
    case double(Double)
    /// A number written exactly as given (`185000`, `-12500.50`): amounts from the notes keep their
    /// digits. Text that is not JSON number syntax is written `null`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
}

/// Writes JSON by hand so that key order and formatting are stable on every platform.
public enum JSONWriter {
    /// A JSON string literal, escaping what RFC 8259 requires (and DEL, U+2028/9 for safety).
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The same, appended to `out`.
    public static func quote(_ s: String, into out: inout [UInt8]) {
        // Runs of bytes that need no escape are copied whole: most text has none.
        out.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var i = 0
            var start = 0
            while i < utf8.count {
                let b = utf8[i]
                var escape: [UInt8]?
                var width = 1
                switch b {
                case 0x22: escape = Array("\\\"".utf8)
                case 0x5C: escape = Array("\\\\".utf8)
                case 0x0A: escape = Array("\\n".utf8)
                case 0x0D: escape = Array("\\r".utf8)
                case 0x09: escape = Array("\\t".utf8)
                case 0x08: escape = Array("\\b".utf8)
                case 0x0C: escape = Array("\\f".utf8)
                case 0x00..<0x20, 0x7F: escape = unicodeEscape(UInt32(b))
                case 0xE2
                where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    // U+2028 and U+2029: valid JSON, but not in JavaScript strings.
                    escape = unicodeEscape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    width = 3
                default: break
                }
                if let escape {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                    out.append(contentsOf: escape)
                    i += width
                    start = i
                } else {
                    i += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
        }
        out.append(0x22)
    }

    private static func unicodeEscape(_ value: UInt32) -> [UInt8] {
        let hex = String(value, radix: 16)
        return Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
    }

    /// Compact single-line JSON.
    public static func compact(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        write(value, pretty: false, indent: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Indented JSON (two spaces), one member per line: diffs well.
    public static func pretty(_ value: JSONValue) -> String {
        String(decoding: prettyBytes(value), as: UTF8.self)
    }

    /// Indented JSON as bytes, its first line at `indent` levels (a member of an enclosing value
    /// written apart, on another core).
    public static func prettyBytes(_ value: JSONValue, indent: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        write(value, pretty: true, indent: indent, into: &out)
        return out
    }

    /// Indented JSON as `pretty` writes it at nesting depth `indent` (a member of a document
    /// written piece by piece).
    public static func pretty(_ value: JSONValue, indent: Int) -> String {
        String(decoding: prettyBytes(value, indent: indent), as: UTF8.self)
    }

    /// Whether `s` is a number as JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    public static func isNumber(_ s: String) -> Bool {
        var b = s.utf8[...]
        func digits() -> Int {
            let n = b.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            b = b.dropFirst(n)
            return n
        }
        if b.first == 0x2D { b = b.dropFirst() }
        if b.first == 0x30 { b = b.dropFirst() } else if digits() == 0 { return false }
        if b.first == 0x2E {
            b = b.dropFirst()
            if digits() == 0 { return false }
        }
        if b.first == 0x65 || b.first == 0x45 {
            b = b.dropFirst()
            if b.first == 0x2B || b.first == 0x2D { b = b.dropFirst() }
            if digits() == 0 { return false }
        }
        return b.isEmpty
    }

    private static func write(_ value: JSONValue, pretty: Bool, indent: Int, into out: inout [UInt8]) {
        func newline(_ level: Int) {
            guard pretty else { return }
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: 2 * level))
        }
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .int(let i): out += Array(String(i).utf8)
        case .double(let d): out += Array((d.isFinite ? String(d) : "null").utf8)
        case .number(let n): out += Array((isNumber(n) ? n : "null").utf8)
        case .string(let s): quote(s, into: &out)
        case .array(let items):
            guard !items.isEmpty else { return out += [0x5B, 0x5D] }
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(indent + 1)
                write(item, pretty: pretty, indent: indent + 1, into: &out)
            }
            newline(indent)
            out.append(0x5D)
        case .object(let members):
            guard !members.isEmpty else { return out += [0x7B, 0x7D] }
            out.append(0x7B)
            for (i, (key, member)) in members.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(indent + 1)
                quote(key, into: &out)
                out.append(0x3A)
                if pretty { out.append(0x20) }
                write(member, pretty: pretty, indent: indent + 1, into: &out)
            }
            newline(indent)
            out.append(0x7D)
        }
    }
}
