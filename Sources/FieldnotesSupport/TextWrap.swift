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
}
