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
        // Runs of bytes that need no escape are copied whole: most text has none.
        var out: [UInt8] = [0x22]
        out.reserveCapacity(s.utf8.count + 2)
        let utf8 = Array(s.utf8)
        var i = 0
        var start = 0
        func flush() { out.append(contentsOf: utf8[start..<i]) }
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
            case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                // U+2028 and U+2029: valid JSON, but not in JavaScript strings.
                escape = unicodeEscape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                width = 3
            default: break
            }
            if let escape {
                flush()
                out.append(contentsOf: escape)
                i += width
                start = i
            } else {
                i += 1
            }
        }
        flush()
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    private static func unicodeEscape(_ value: UInt32) -> [UInt8] {
        let hex = String(value, radix: 16)
        return Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
    }

    /// Compact single-line JSON.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, pretty: false, indent: 0, into: &out)
        return out
    }

    /// Indented JSON (two spaces), one member per line: diffs well.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ""
        write(value, pretty: true, indent: 0, into: &out)
        return out
    }

    /// Indented JSON as `pretty` writes it at nesting depth `indent` (a member of a document
    /// written piece by piece).
    public static func pretty(_ value: JSONValue, indent: Int) -> String {
        var out = ""
        write(value, pretty: true, indent: indent, into: &out)
        return out
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

    private static func write(_ value: JSONValue, pretty: Bool, indent: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? String(d) : "null"
        case .number(let n): out += isNumber(n) ? n : "null"
        case .string(let s): out += quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                write(item, pretty: pretty, indent: indent + 1, into: &out)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, member)) in members.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                out += quote(key)
                out += pretty ? ": " : ":"
                write(member, pretty: pretty, indent: indent + 1, into: &out)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }
}
