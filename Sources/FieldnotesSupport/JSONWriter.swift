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
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
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
