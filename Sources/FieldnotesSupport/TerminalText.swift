/// Text from the notes (values, section text, file names) on its way to a terminal or a CI log.
///
/// A note can hold any character: an ESC that clears the screen or sets a hyperlink, a BEL, a
/// carriage return that hides the rest of a line, a newline that starts a line of its own. In
/// the human-readable outputs (text and Markdown) every control character from the notes is shown
/// escaped, `\u{1B}`, and a line from the notes never begins with `::` (after white space):
/// GitHub Actions runs such a line of a step's output as a workflow command (`::error …`,
/// `::add-mask::`), so a backslash is put before it (`\::`; in Markdown `\:` reads as `:`).
/// JSON, SARIF and HTML have their own escaping.
public enum TerminalText {
    /// `s` on one line: every control character escaped, newlines and tabs included, and a
    /// backslash before a leading `::`.
    public static func escaped(_ s: String) -> String {
        guard needsWork(s, keepingLines: false) else { return s }
        return rewrite(s, keepingLines: false)
    }

    /// Text of several lines: as `escaped`, but newlines and tabs are kept (a `\r` before a newline
    /// is dropped: CRLF notes), and each line is protected from starting with `::`.
    public static func escapedKeepingLines(_ s: String) -> String {
        guard needsWork(s, keepingLines: true) else { return s }
        return rewrite(s, keepingLines: true)
    }

    /// Control characters only (no `::` rule): for text shown after a prefix of ours, as the source
    /// line under a diagnostic (`  4 | …`). Tabs are kept, for the caller to expand.
    package static func escapedControls(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if isControl(scalar) && scalar != "\t" {
                appendEscape(scalar, to: &out)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether a scalar is a C0 or C1 control character, or DEL.
    package static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (u.value >= 0x7F && u.value <= 0x9F)
    }

    /// Whether UTF-8 bytes hold a control character (a tab counts): C0, DEL, or C1 (`C2 80`…`C2 9F`).
    package static func hasControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x20 || b == 0x7F { return true }
            if b == 0xC2, i + 1 < n, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F { return true }
            i += 1
        }
        return false
    }

    /// The width a control character takes once escaped (`\u{1B}`: six columns).
    package static let escapeWidth = 6

    private static func appendEscape(_ u: Unicode.Scalar, to out: inout String) {
        let hex = String(u.value, radix: 16, uppercase: true)
        out += "\\u{" + (hex.count < 2 ? "0" : "") + hex + "}"
    }

    /// Cheap test first: almost every value has nothing to escape (no control character, no `::`).
    private static func needsWork(_ s: String, keepingLines: Bool) -> Bool {
        var s = s
        return s.withUTF8 { needsWork($0, keepingLines: keepingLines) }
    }

    /// Whether UTF-8 text has anything `escaped` (or `escapedKeepingLines`) would change; eight
    /// bytes at a time where none of them could start a change.
    package static func needsWork(_ b: UnsafeBufferPointer<UInt8>, keepingLines: Bool) -> Bool {
        let raw = UnsafeRawBufferPointer(b)
        var i = 0
        let n = b.count
        while i < n {
            if i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if !Bytes.hasByte(x, below: 0x20) && !Bytes.hasByte(x, 0x7F) && !Bytes.hasByte(x, 0xC2)
                    && !Bytes.hasByte(x, 0x3A)
                {
                    i += 8
                    continue
                }
            }
            let end = min(n, i + 8)
            while i < end {
                let c = b[i]
                if c == 0x3A, i + 1 < n, b[i + 1] == 0x3A {
                    return true
                } else if (c == 0x0A || c == 0x09) && keepingLines {
                    // kept
                } else if c < 0x20 || c == 0x7F {
                    return true
                } else if c == 0xC2, i + 1 < n, b[i + 1] >= 0x80, b[i + 1] <= 0x9F {
                    return true
                }
                i += 1
            }
        }
        return false
    }

    private static func rewrite(_ s: String, keepingLines: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.utf8.count + 8)
        let scalars = Array(s.unicodeScalars)
        var atLineStart = true
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if atLineStart {
                // GitHub's runner trims every kind of white space (a no-break space too) before it
                // looks for `::`.
                var j = i
                while j < scalars.count, scalars[j] != "\n", scalars[j].properties.isWhitespace { j += 1 }
                if j + 1 < scalars.count, scalars[j] == ":", scalars[j + 1] == ":" {
                    for k in i..<j { append(scalars[k], keepingLines: keepingLines, to: &out) }
                    out += "\\"
                    i = j
                }
                atLineStart = false
                continue
            }
            if keepingLines && u == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" {
                i += 1
                continue
            }
            append(u, keepingLines: keepingLines, to: &out)
            if keepingLines && u == "\n" { atLineStart = true }
            i += 1
        }
        return out
    }

    private static func append(_ u: Unicode.Scalar, keepingLines: Bool, to out: inout String) {
        if isControl(u) && !(keepingLines && (u == "\n" || u == "\t")) {
            appendEscape(u, to: &out)
        } else {
            out.unicodeScalars.append(u)
        }
    }
}
