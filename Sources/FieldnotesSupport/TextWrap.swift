/// Words laid out in lines of at most `width` columns (a longer word gets a line of its own):
/// help text and the terminal reports.
public enum TextWrap {
    /// - Parameter measure: the columns a text takes; by default one per character. Reports that
    ///   wrap text from the notes pass the terminal's display width (a CJK character takes two).
    public static func lines(_ text: String, width: Int, measure: ((String) -> Int)? = nil) -> [String] {
        let measure = measure ?? { $0.count }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let longer = current + " " + word
            if !current.isEmpty && measure(longer) > width {
                lines.append(current)
                current = String(word)
            } else {
                current = current.isEmpty ? String(word) : longer
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
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
