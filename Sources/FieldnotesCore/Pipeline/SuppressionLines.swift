import FieldnotesSupport

/// Where suppression comments are found: HTML comments in the body outside fenced code, YAML
/// comments in the front matter outside quoted and block text.
extension SuppressionComments {
    /// `fenced`: the lines of fenced code (`Body.fencedLines`), whose comments are text.
    static func readBody(
        _ file: SourceFile, from first: Int, fenced: [Range<Int>], firstSection: Int?, into found: inout Found
    ) {
        var fences = fenced[...]
        var inComment = false
        /// Lines that hold comments only: a next-line comment skips them, so that two stacked
        /// suppressions both silence the line after them.
        var onlyComments = Set<Int>()
        var nextLines: [(suppression: Int, line: Int)] = []
        for i in first..<max(first, file.lineCount) {
            let range = file.lineRange(i)
            while let f = fences.first, f.upperBound <= i { fences = fences.dropFirst() }
            if !inComment, let f = fences.first, f.contains(i) { continue }
            guard inComment || Bytes.firstIndex(of: UInt8(ascii: "<"), in: file.bytes[range]) != nil else { continue }
            var text = false
            let startsInComment = inComment
            let onLine = comments(file, in: range, inComment: &inComment, text: &text)
            if !text && (startsInComment || !onLine.isEmpty) { onlyComments.insert(i) }
            for comment in onLine {
                guard let parsed = parse(file, comment.text) else { continue }
                guard comment.closed else {
                    found.problems.append(InvalidSuppression.unclosed(parsed.directive, at: comment.range))
                    continue
                }
                if parsed.directive == fileWide, let firstSection, i > firstSection {
                    found.problems.append(
                        InvalidSuppression.misplaced(at: comment.range, firstSection: firstSection + 1))
                    continue
                }
                let allowed = [fileWide, nextLine]
                guard let names = validate(parsed, comment: comment.range, allowed: allowed, into: &found) else {
                    continue
                }
                let isNextLine = parsed.directive == nextLine
                if isNextLine { nextLines.append((found.suppressions.count, i)) }
                found.suppressions.append(
                    Suppression(
                        scope: isNextLine ? .line(nil) : .file, names: names, range: comment.range, nextLine: isNextLine
                    ))
            }
        }
        for (index, line) in nextLines {
            var target = line + 1
            while target < file.lineCount
                && (onlyComments.contains(target) || Bytes.isBlank(file.bytes[file.lineRange(target)]))
            { target += 1 }
            found.suppressions[index].scope = .line(target < file.lineCount ? target : nil)
        }
    }

    struct Comment {
        /// The text between `<!--` and `-->` (or the end of the line).
        var text: Range<Int>
        /// The comment, markers included.
        var range: SourceRange
        var closed: Bool
    }

    /// The HTML comments that open on the line in `range`; `text` is set when the line holds
    /// anything outside comments.
    private static func comments(
        _ file: SourceFile, in range: Range<Int>, inComment: inout Bool, text: inout Bool
    ) -> [Comment] {
        var out: [Comment] = []
        var p = range.lowerBound
        while p < range.upperBound {
            if inComment {
                guard let close = Bytes.firstRange(of: Bytes.close, in: file.bytes[p..<range.upperBound]) else { break }
                inComment = false
                p = close.upperBound
                continue
            }
            guard let open = openingOutsideCode(file.bytes[p..<range.upperBound]) else {
                if !Bytes.isBlank(file.bytes[p..<range.upperBound]) { text = true }
                break
            }
            if !Bytes.isBlank(file.bytes[p..<open.lowerBound]) { text = true }
            guard let close = Bytes.firstRange(of: Bytes.close, in: file.bytes[open.upperBound..<range.upperBound])
            else {
                let end = Bytes.trim(file.bytes[open.lowerBound..<range.upperBound]).endIndex
                out.append(
                    Comment(text: open.upperBound..<range.upperBound, range: .init(open.lowerBound, end), closed: false)
                )
                inComment = true
                break
            }
            out.append(
                Comment(
                    text: open.upperBound..<close.lowerBound, range: .init(open.lowerBound, close.upperBound),
                    closed: true))
            p = close.upperBound
        }
        return out
    }

    /// The first `<!--` of `line` that is not inside a code span (`` `<!-- … -->` `` shows a
    /// comment, it is none).
    private static func openingOutsideCode(_ line: ArraySlice<UInt8>) -> Range<Int>? {
        var p = line.startIndex
        while p < line.endIndex {
            guard let open = Bytes.firstRange(of: Bytes.open, in: line[p...]) else { return nil }
            // A code span opened before it and not closed before it: skip past its closing run.
            var q = p
            var spanEnd: Int?
            while q < open.lowerBound {
                guard line[q] == UInt8(ascii: "`") else {
                    q += 1
                    continue
                }
                var n = 0
                while q + n < line.endIndex && line[q + n] == UInt8(ascii: "`") { n += 1 }
                let run = [UInt8](repeating: UInt8(ascii: "`"), count: n)
                guard let close = Bytes.firstRange(of: run, in: line[(q + n)...]) else { break }
                if close.lowerBound > open.lowerBound {
                    spanEnd = close.upperBound
                    break
                }
                q = close.upperBound
            }
            guard let end = spanEnd else { return open }
            p = end
        }
        return nil
    }

    static func readFrontMatter(_ file: SourceFile, lines: Range<Int>, into found: inout Found) {
        /// The indentation of the line that opened a block scalar (`|`, `>`): its text is not YAML.
        var block: Int?
        var quote: UInt8?
        for i in lines {
            let range = file.lineRange(i)
            let line = file.bytes[range]
            let indent = line.prefix { $0 == 0x20 }.count
            if let b = block {
                if Bytes.isBlank(line) || indent > b { continue }
                block = nil
            }
            let hash = commentStart(line, quote: &quote)
            let content = Bytes.trim(file.bytes[range.lowerBound..<(hash ?? range.upperBound)])
            if opensBlockScalar(content) { block = indent }
            guard let hash, let parsed = parse(file, (hash + 1)..<range.upperBound) else { continue }
            let comment = SourceRange(hash, Bytes.trim(file.bytes[hash..<range.upperBound]).endIndex)
            if parsed.directive == sameLine && content.isEmpty {
                found.problems.append(InvalidSuppression.alone(at: comment))
                continue
            }
            guard let names = validate(parsed, comment: comment, allowed: [sameLine], into: &found) else { continue }
            found.suppressions.append(Suppression(scope: .line(i), names: names, range: comment))
        }
    }

    /// Where a YAML comment starts on the line: a `#` at its start or after a space, outside quotes.
    /// `quote` is the quote left open by the lines before (a quoted value goes on over lines), and
    /// what this line leaves open.
    static func commentStart(_ line: ArraySlice<UInt8>, quote: inout UInt8?) -> Int? {
        var previous: UInt8?  // the last byte that is not a space, outside quotes
        var j = line.startIndex
        while j < line.endIndex {
            let b = line[j]
            if let q = quote {
                if q == UInt8(ascii: "\"") && b == UInt8(ascii: "\\") {
                    j += 2
                    continue
                }
                if b == q {
                    if q == UInt8(ascii: "'") && j + 1 < line.endIndex && line[j + 1] == q {
                        j += 2
                        continue
                    }
                    quote = nil
                    previous = b
                }
            } else if b == UInt8(ascii: "#") && (j == line.startIndex || Bytes.isSpace(line[j - 1])) {
                return j
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                // A quote opens quoted text only where a value starts.
                if previous.map({ ":-[{,?".utf8.contains($0) }) ?? true { quote = b } else { previous = b }
            } else if !Bytes.isSpace(b) {
                previous = b
            }
            j += 1
        }
        return nil
    }

    /// Whether a line (without its comment) ends with a block scalar's indicator: `key: |`, `- >-`.
    static func opensBlockScalar(_ content: ArraySlice<UInt8>) -> Bool {
        let last = content.reversed().prefix { !Bytes.isSpace($0) }
        guard let first = last.last, first == UInt8(ascii: "|") || first == UInt8(ascii: ">"), last.count <= 3,
            last.dropLast().allSatisfy({ $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || Bytes.isDigit($0) })
        else { return false }
        let before = Bytes.trim(content.dropLast(last.count))
        return before.isEmpty || before.last == UInt8(ascii: ":") || before.last == UInt8(ascii: "-")
    }
}
