/// Words laid out in lines of at most `width` columns (a longer word gets a line of its own):
/// help text and the terminal reports.
public enum TextWrap {
    /// - Parameter measure: the columns a text takes; by default one per character. Reports that
    ///   wrap text from the notes pass the terminal's display width (a CJK character takes two).
    public static func lines(_ text: String, width: Int, measure: ((String) -> Int)? = nil) -> [String] {
        let measure = measure ?? { $0.count }
        // Most texts fit: one line, as it is (when it has no spaces to fold: none at either end,
        // never two in a row).
        if fitsAsIs(text), measure(text) <= width { return text.isEmpty ? [] : [text] }
        var lines: [String] = []
        var current = ""
        // Each word is measured once and the line's width kept as it grows (a space takes one
        // column): measuring the whole line at each word made wrapping quadratic.
        var columns = 0
        for word in text.split(separator: " ") {
            let w = measure(String(word))
            if !current.isEmpty && columns + 1 + w > width {
                lines.append(current)
                current = String(word)
                columns = w
            } else if current.isEmpty {
                current = String(word)
                columns = w
            } else {
                current += " " + word
                columns += 1 + w
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private static func fitsAsIs(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for b in text.utf8 {
            if b == 0x20 && previous == 0x20 { return false }
            previous = b
        }
        return previous != 0x20 || text.isEmpty
    }

    /// `text` wrapped to `width` columns, its lines after the first indented by `indent` spaces
    /// (`OVERVIEW: …` with the rest under the text); ends with a line break.
    public static func hanging(_ text: String, indent: Int, width: Int) -> String {
        let first = lines(text, width: width)
        guard first.count > 1 else { return text + "\n" }
        let indent = min(indent, width / 2)
        let head = first[0]
        let words = text.split(separator: " ")
        let rest = lines(
            words.dropFirst(head.split(separator: " ").count).joined(separator: " "), width: max(20, width - indent))
        let pad = String(repeating: " ", count: indent)
        return ([head] + rest.map { pad + $0 }).joined(separator: "\n") + "\n"
    }

    /// Paragraphs (separated by a blank line) rewrapped to `width` columns: the line breaks inside
    /// a paragraph are spaces. Each paragraph ends with a blank line.
    public static func paragraphs(_ text: String, width: Int) -> String {
        text.components(separatedBy: "\n\n").map { paragraph in
            let joined = paragraph.split(separator: "\n").map { String($0).trimmingSpaces() }
                .joined(separator: " ")
            return lines(joined, width: width).joined(separator: "\n") + "\n\n"
        }.joined()
    }
}
