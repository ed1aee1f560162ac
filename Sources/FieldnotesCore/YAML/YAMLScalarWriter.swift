import FieldnotesSupport

/// How a value is written into YAML so that it reads back the same.
public enum YAMLScalarWriter {
    /// Characters that are never written raw: C0 and C1 controls, DEL, the Unicode line and
    /// paragraph separators, and the byte order mark (YAML reads some as line breaks, some are
    /// not allowed in a YAML stream at all, and none can be seen).
    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// A value as YAML: plain when that reads back the same, else double-quoted with every
    /// character that cannot be written raw escaped. `inFlow`: the value goes inside `[…]` or
    /// `{…}`, where a `,` or a bracket anywhere would end it.
    public static func scalar(_ s: String, inFlow: Bool = false) -> String {
        let special: Set<Character> = [
            "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
        ]
        let needsQuotes =
            s.contains(": ") || s.contains(" #") || s.hasSuffix(":")
            || s.unicodeScalars.first.map { special.contains(Character($0)) || $0 == " " } ?? true
            || s.last == " "
            || (inFlow && s.contains { $0 == "," || $0 == "[" || $0 == "]" || $0 == "{" || $0 == "}" })
            || s.unicodeScalars.contains { needsEscape($0) || ($0 != " " && $0.properties.isWhitespace) }
        guard needsQuotes else { return s }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
