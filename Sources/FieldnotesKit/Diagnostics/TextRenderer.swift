/// Compiler-style text output: `path:line:col: severity[rule]: message`, the source line with
/// carets under the range, then `= help:` and `= note:` lines. Colour is applied last.
public struct TextRenderer: Sendable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    enum Style: String {
        case bold = "1", red = "1;31", yellow = "1;33", cyan = "1;36", blue = "1;34", green = "1;32"
    }

    func paint(_ s: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(s)\u{1B}[0m" : s
    }

    func style(of severity: Severity) -> Style {
        switch severity {
        case .error: return .red
        case .warning: return .yellow
        case .note: return .green
        }
    }

    public func render(_ d: Diagnostic, in file: FileDiagnostics) -> String {
        let source = file.source
        let start = source.location(of: d.range.start)
        var out = ""
        let label = d.rule.map { "\(d.severity.rawValue)[\($0.rawValue)]" } ?? d.severity.rawValue
        out += paint("\(file.path):\(start.line):\(start.column):", .bold) + " " + paint(label, style(of: d.severity)) + paint(": \(d.message)", .bold) + "\n"
        if start.line <= source.lineCount, !source.bytes.isEmpty || d.range.end > 0 {
            out += snippet(d.range, in: source, style: style(of: d.severity))
        }
        if let help = d.help {
            out += "  " + paint("=", .blue) + " " + paint("help", .bold) + ": " + (help.contains(Character("\n")) ? help.replacingOccurrences(of: "\n", with: "\n          ") : help) + "\n"
        }
        for note in d.notes {
            var text = note.message
            if let r = note.range {
                let l = source.location(of: r.start)
                text += " (\(file.path):\(l.line):\(l.column))"
            }
            out += "  " + paint("=", .blue) + " " + paint("note", .bold) + ": " + text + "\n"
        }
        return out
    }

    /// The first line of `range` with carets under it.
    func snippet(_ range: SourceRange, in source: SourceFile, style: Style) -> String {
        let lineIndex = source.lineIndex(of: range.start)
        let lineRange = source.lineRange(lineIndex)
        let number = String(lineIndex + 1)
        let gutter = String(repeating: " ", count: number.count)
        let text = source.lineText(lineIndex)
        func shown(_ s: Substring) -> String { s.contains(Character("\t")) ? s.replacingOccurrences(of: "\t", with: "    ") : String(s) }
        let startByte = min(max(range.start, lineRange.lowerBound), lineRange.upperBound)
        let endByte = min(max(range.end, startByte), lineRange.upperBound)
        let before = String(decoding: source.bytes[lineRange.lowerBound..<startByte], as: UTF8.self)
        let marked = String(decoding: source.bytes[startByte..<endByte], as: UTF8.self)
        let pad = TextRenderer.displayWidth(shown(Substring(before)))
        let width = max(1, TextRenderer.displayWidth(shown(Substring(marked))))
        var out = "  " + paint(number + " |", .blue) + (text.isEmpty ? "" : " " + shown(Substring(text))) + "\n"
        out += "  " + paint(gutter + " |", .blue) + " " + String(repeating: " ", count: pad) + paint(String(repeating: "^", count: width), style) + "\n"
        return out
    }

    /// Terminal columns a text takes: wide East Asian characters and emoji take two, combining
    /// marks and joiners none, so carets line up under what they point at.
    static func displayWidth(_ s: String) -> Int {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.utf8.count }
        var width = 0
        for scalar in s.unicodeScalars {
            let v = scalar.value
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: continue
            default: break
            }
            if scalar.properties.isEmojiPresentation
                || (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v) {
                width += 2
            } else {
                width += 1
            }
        }
        return width
    }

    /// `2 errors, 1 warning in 3 files`.
    public static func summaryLine(errors: Int, warnings: Int, notes: Int, files: Int) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts = [count(errors, "error"), count(warnings, "warning")]
        if notes > 0 { parts.append(count(notes, "note")) }
        return parts.joined(separator: ", ") + " in " + count(files, "file")
    }
}
