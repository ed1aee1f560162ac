/// Words laid out in lines of at most `width` columns (a longer word gets a line of its own):
/// help text and the terminal reports.
public enum TextWrap {
    /// - Parameter measure: the columns a text takes; by default one per character. Reports that
    ///   wrap text from the notes pass the terminal's display width (a CJK character takes two).
    ///   A word of ASCII (but a carriage return) takes one column a character without being measured.
    public static func lines(_ text: String, width: Int, measure: ((String) -> Int)? = nil) -> [String] {
        let measure = measure ?? { $0.count }
        // By bytes when the spaces are characters of their own (nearly always): a word is then
        // the bytes between two spaces.
        var text = text
        if let lines = text.withUTF8({ Words.spacesStandAlone($0) ? wrap($0, width: width, measure: measure) : nil }) {
            return lines
        }
        // Most texts fit: one line, as it is (when it has no spaces to fold: none at either end,
        // never two in a row).
        if fitsAsIs(text.utf8), measure(text) <= width { return text.isEmpty ? [] : [text] }
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

    /// `lines` of a text whose spaces are characters of their own, by its bytes.
    private static func wrap(_ utf8: UnsafeBufferPointer<UInt8>, width: Int, measure: (String) -> Int) -> [String] {
        func columns(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
            word.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? word.count : measure(String(decoding: word, as: UTF8.self))
        }
        if fitsAsIs(utf8), columns(utf8[...]) <= width {
            return utf8.isEmpty ? [] : [String(decoding: utf8, as: UTF8.self)]
        }
        var lines: [String] = []
        var current: [UInt8] = []
        var used = 0
        for word in utf8.split(separator: 0x20) {
            let w = columns(word)
            if !current.isEmpty && used + 1 + w > width {
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                used = 0
            }
            if !current.isEmpty {
                current.append(0x20)
                used += 1
            }
            current.append(contentsOf: word)
            used += w
        }
        if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
        return lines
    }

    private static func fitsAsIs<Bytes: Collection<UInt8>>(_ utf8: Bytes) -> Bool {
        var previous: UInt8 = 0x20
        for b in utf8 {
            if b == 0x20 && previous == 0x20 { return false }
            previous = b
        }
        return previous != 0x20 || utf8.isEmpty
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
