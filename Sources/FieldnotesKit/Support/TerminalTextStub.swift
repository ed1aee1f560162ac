/// Text from the notes made safe for a terminal or a CI log: control characters are shown
/// escaped (`\u{1B}`), never sent raw.
enum TerminalText {
    /// Every C0 control (0x00–0x1F, line breaks included), DEL and every C1 control
    /// (0x80–0x9F) as `\u{XX}`: the text stays on one line and cannot drive the terminal.
    static func escaped(_ s: String) -> String {
        escape(s, keepingLines: false)
    }

    /// `escaped`, except that `\n` and `\t` are kept: for text of several lines.
    static func escapedKeepingLines(_ s: String) -> String {
        escape(s, keepingLines: true)
    }

    private static func isControl(_ v: UInt32) -> Bool { v < 0x20 || v == 0x7F || (v >= 0x80 && v <= 0x9F) }

    private static func escape(_ s: String, keepingLines: Bool) -> String {
        func kept(_ v: UInt32) -> Bool { !isControl(v) || (keepingLines && (v == 0x0A || v == 0x09)) }
        // Nearly always nothing to change: check the bytes first (C1 controls are 0xC2 0x80–0x9F).
        var previous: UInt8 = 0
        let clean = s.utf8.allSatisfy { b in
            defer { previous = b }
            return (b >= 0x20 && b != 0x7F && !(previous == 0xC2 && b <= 0x9F)) || (keepingLines && (b == 0x0A || b == 0x09))
        }
        if clean { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            if kept(scalar.value) {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
            }
        }
        return out
    }
}
