import FieldnotesSupport
import Foundation

/// Reads the Markdown body of an account: `##` sections, placeholders, assumptions and the log.
///
/// Only what the checklist needs is recognized: ATX headings outside fenced code blocks and
/// HTML comments. Text inside comments does not count as an answer.
public enum BodyScanner {
    package static let assumedInParentheses = ASCIIWords(["(assumed)"], ignoreCase: true)
    package static let assumptionInParentheses = ASCIIWords(["(assumption)"], ignoreCase: true)

    /// Placeholder words inside a line of text ("Budget: TBD").
    package static let placeholderWords = ASCIIWords(["TBD", "TODO"], ignoreCase: false, wholeWord: true)

    /// What the scanner must look at closer in a line, found in one pass: a `<` (a comment may
    /// start), "assum" in any case (an assumption marker may be there), TBD or TODO as words, and
    /// the hedging words (`Hedges`), by one of their rarer letters and the letters around it.
    ///
    /// Every content line of every account goes through here, so the pass reads eight bytes at a
    /// time and looks at single bytes only in words holding a `<`, a `T` or one of the rarer
    /// letters of those words (u, k, b, y, m in either case).
    package struct LineCues {
        package var comment = false
        package var assumption = false
        package var placeholder = false
        /// Some hedging word may be in the line (`Hedges.find` tells).
        package var hedge = false

        package init(_ line: ArraySlice<UInt8>) {
            line.withUnsafeBufferPointer { h in
                let raw = UnsafeRawBufferPointer(h)
                var i = 0
                while i < h.count {
                    if i + 8 <= h.count {
                        let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        let lower = word | 0x2020_2020_2020_2020
                        if !Bytes.hasByte(word, UInt8(ascii: "<")) && !Bytes.hasByte(word, UInt8(ascii: "T"))
                            && !Bytes.hasByte(lower, UInt8(ascii: "u")) && !Bytes.hasByte(lower, UInt8(ascii: "k"))
                            && !Bytes.hasByte(lower, UInt8(ascii: "b")) && !Bytes.hasByte(lower, UInt8(ascii: "y"))
                            && !Bytes.hasByte(lower, UInt8(ascii: "m"))
                        {
                            i += 8
                            continue
                        }
                    }
                    let end = min(i + 8, h.count)
                    while i < end {
                        look(h, at: i)
                        i += 1
                    }
                }
            }
        }

        private mutating func look(_ h: UnsafeBufferPointer<UInt8>, at i: Int) {
            switch h[i] {
            case UInt8(ascii: "<"):
                comment = true
            case UInt8(ascii: "T"):
                if !placeholder { placeholder = BodyScanner.placeholderWords.match(h, at: i) != nil }
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                // "assum" around this u.
                if !assumption, i >= 3, i + 1 < h.count, Bytes.lower(h[i - 3]) == UInt8(ascii: "a"),
                    Bytes.lower(h[i - 2]) == UInt8(ascii: "s"), Bytes.lower(h[i - 1]) == UInt8(ascii: "s"),
                    Bytes.lower(h[i + 1]) == UInt8(ascii: "m")
                {
                    assumption = true
                }
                // should, understand, guess, assume, presume.
                if !hedge {
                    hedge =
                        ends(h, i, "shou") || starts(h, i, "underst") || (ends(h, i, "gu") && starts(h, i, "uess"))
                        || ((ends(h, i, "ssu") || ends(h, i, "resu")) && starts(h, i, "um"))
                }
            case UInt8(ascii: "k"), UInt8(ascii: "K"):
                if !hedge { hedge = ends(h, i, "think") }
            case UInt8(ascii: "b"), UInt8(ascii: "B"):
                if !hedge { hedge = ends(h, i, "prob") || starts(h, i, "belie") }
            case UInt8(ascii: "y"), UInt8(ascii: "Y"):
                // probably, presumably, apparently.
                if !hedge { hedge = ends(h, i, "ably") || ends(h, i, "arently") }
            case UInt8(ascii: "m"), UInt8(ascii: "M"):
                if !hedge { hedge = ends(h, i, "seem") }
            default:
                break
            }
        }

        /// Whether the bytes up to and including `i` are `word` (lower-case ASCII), in any case.
        @inline(__always)
        private func ends(_ h: UnsafeBufferPointer<UInt8>, _ i: Int, _ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + 1 >= n else { return false }
            for k in 0..<n where Bytes.lower(h[i + 1 - n + k]) != word.utf8Start[k] { return false }
            return true
        }

        /// Whether the bytes from `i` on are `word` (lower-case ASCII), in any case.
        @inline(__always)
        private func starts(_ h: UnsafeBufferPointer<UInt8>, _ i: Int, _ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= h.count else { return false }
            for k in 0..<n where Bytes.lower(h[i + k]) != word.utf8Start[k] { return false }
            return true
        }
    }

    public static let placeholders: Set<String> = [
        "tbd", "todo", "tbc", "?", "??", "???", "...", "…", "-", "--", "n/a",
    ]
    /// No text of more bytes than this is a placeholder (before its trailing `.`/`:`).
    package static let placeholderBytes = 3 * (placeholders.map(\.utf8.count).max() ?? 0)
    /// The first bytes of the placeholders, lower-cased.
    package static let placeholderFirstBytes = Set(placeholders.compactMap(\.utf8.first))

    public static func scan(_ file: SourceFile, from firstLine: Int) -> Body {
        var scan = Scan(file: file)
        var i = firstLine
        while i < file.lineCount {
            scan.read(line: i)
            i += 1
        }
        if let open = scan.fenceOpenedAt { scan.body.fencedLines.append(open..<file.lineCount) }
        scan.finishSection(at: file.lineCount)
        scan.resolveAssumptionTexts()
        return scan.body
    }

    /// A scan under way: the body so far and what the lines before the next one opened.
    private struct Scan {
        let file: SourceFile
        var body = Body()
        var fence: (char: UInt8, length: Int)?
        /// The line the open fence is on.
        var fenceOpenedAt: Int?
        var inComment = false
        var current: Section?
        var inLog = false
        var seen: [String: SourceRange] = [:]

        init(file: SourceFile) { self.file = file }

        @inline(__always)
        mutating func read(line i: Int) {
            let range = file.lineRange(i)
            var indent = 0
            var p = range.lowerBound
            while p < range.upperBound && file.bytes[p] == 0x20 && indent < 4 { p += 1; indent += 1 }
            if readFencedCode(line: i, at: p, indent: indent, range: range) { return }
            // The hot loop works on bytes: Foundation's string searching costs far more than the rest.
            let bytes = file.bytes[range]
            let startsInComment = inComment
            let cues = LineCues(bytes)
            let visible = inComment || cues.comment ? Bytes.stripComments(bytes, inComment: &inComment) : bytes
            let trimmedBytes = Bytes.trim(visible)
            if trimmedBytes.isEmpty { return }
            if !startsInComment, indent < 4, trimmedBytes.first == UInt8(ascii: "#"),
                let heading = BodyScanner.parseHeading(trimmedBytes),
                readHeading(heading, line: i, indent: indent, range: range)
            {
                return
            }
            guard current != nil else { return }
            readContent(line: i, bytes: bytes, visible: visible, trimmed: trimmedBytes, cues: cues)
        }

        /// Fenced code blocks: their content is text, never headings. Returns whether line `i`
        /// opens, closes or is inside one; `p` is after its indentation.
        @inline(__always)
        mutating func readFencedCode(line i: Int, at p: Int, indent: Int, range: Range<Int>) -> Bool {
            if !inComment, indent < 4, p < range.upperBound,
                file.bytes[p] == UInt8(ascii: "`") || file.bytes[p] == UInt8(ascii: "~")
            {
                let c = file.bytes[p]
                var n = 0
                while p + n < range.upperBound && file.bytes[p + n] == c { n += 1 }
                if let open = fence {
                    let rest = file.bytes[(p + n)..<range.upperBound].allSatisfy { $0 == 0x20 || $0 == 0x09 }
                    if c == open.char && n >= open.length && rest {
                        fence = nil
                        body.fencedLines.append((fenceOpenedAt ?? i)..<(i + 1))
                        fenceOpenedAt = nil
                    }
                    if current != nil { current!.contentLines.append(i) }
                    return true
                } else if n >= 3 {
                    fence = (c, n)
                    fenceOpenedAt = i
                    if current != nil { current!.contentLines.append(i) }
                    return true
                }
            }
            guard fence != nil else { return false }
            if current != nil, !file.bytes[range].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                current!.contentLines.append(i)
            }
            return true
        }

        /// A heading outside code and comments: `#` titles the account, `##` opens a section, `###`
        /// is a log entry in the log. Returns whether the line is done with (not also text).
        @inline(__always)
        mutating func readHeading(
            _ heading: (level: Int, title: String), line i: Int, indent: Int, range: Range<Int>
        )
            -> Bool
        {
            var titleStart = range.lowerBound + indent + heading.level
            while titleStart < range.upperBound
                && (file.bytes[titleStart] == 0x20 || file.bytes[titleStart] == 0x09)
            { titleStart += 1 }
            let titleRange = SourceRange(titleStart, max(titleStart, titleStart + heading.title.utf8.count))
            let headingRange = SourceRange(range.lowerBound + indent, range.upperBound)
            if heading.level == 1 {
                if body.title == nil && current == nil { body.title = heading.title; return true }
            } else if heading.level == 2 {
                openSection(heading.title, line: i, headingRange: headingRange, titleRange: titleRange)
                return true
            } else if heading.level == 3 && inLog {
                body.log.append(
                    BodyScanner.logEntry(
                        heading.title, titleRange: titleRange, headingRange: headingRange, into: &body.diagnostics))
                return true
            } else if heading.level >= 3 && !inLog {
                // Text of the section it is in; kept aside in case it was meant as a `##` title.
                body.subheadings.append(
                    Subheading(
                        level: heading.level, title: heading.title, key: BodyScanner.normalizeTitle(heading.title),
                        headingRange: headingRange, titleRange: titleRange))
            }
            return false
        }

        mutating func openSection(_ title: String, line i: Int, headingRange: SourceRange, titleRange: SourceRange) {
            finishSection(at: i)
            let key = BodyScanner.normalizeTitle(title)
            if let first = seen[key] {
                body.diagnostics.append(DuplicateSection.duplicate(title, at: titleRange, first: first))
            } else {
                seen[key] = titleRange
            }
            current = Section(
                title: title, key: key, headingRange: headingRange, titleRange: titleRange,
                lines: (i + 1)..<(i + 1), contentLines: [], placeholderLines: [], assumptions: [])
            inLog = key == "log"
        }

        /// An assumption's text runs on to the end of its paragraph, which is known once its section is.
        mutating func resolveAssumptionTexts() {
            for s in body.sections.indices {
                for a in body.sections[s].assumptions.indices {
                    body.sections[s].assumptions[a].text = BodyScanner.assumptionText(
                        file, body.sections[s].assumptions[a], in: body.sections[s].lines)
                }
            }
        }

        mutating func finishSection(at line: Int) {
            guard var section = current else { return }
            section.lines = section.lines.lowerBound..<line
            body.sections.append(section)
            current = nil
        }

        /// A line of text in the current section: a placeholder, an assumption or an answer.
        @inline(__always)
        mutating func readContent(
            line i: Int, bytes: ArraySlice<UInt8>, visible: ArraySlice<UInt8>, trimmed trimmedBytes: ArraySlice<UInt8>,
            cues: LineCues
        ) {
            if trimmedBytes.count <= 12,
                BodyScanner.isPlaceholder(String(decoding: BodyScanner.stripListMarker(trimmedBytes), as: UTF8.self))
            {
                current!.placeholderLines.append(i)
                return
            }
            current!.contentLines.append(i)
            // Point at the marker itself: "Assumption:" or "(assumed)".
            if cues.assumption, let marker = BodyScanner.assumptionMarker(in: bytes) {
                let trimmed = String(decoding: trimmedBytes, as: UTF8.self)
                current!.assumptions.append(
                    Assumption(text: trimmed, range: SourceRange(marker.lowerBound, marker.upperBound), line: i))
            } else if cues.hedge, !inLog, let hedge = Hedges.find(in: visible) {
                // Without a comment, `visible` is the line itself and its indices are file offsets;
                // with one, the same words in the line (the whole line if a comment holds them first).
                var at = hedge.range
                if visible.count != bytes.count {
                    let inLine = Hedges.find(in: bytes)
                    at = inLine?.phrase == hedge.phrase ? inLine!.range : Bytes.trim(bytes).indices
                }
                let range = SourceRange(at.lowerBound, at.upperBound)
                current!.assumptions.append(
                    Assumption(
                        text: String(decoding: trimmedBytes, as: UTF8.self), range: range, line: i, hedge: hedge.phrase)
                )
            } else if visible.count == bytes.count
                ? cues.placeholder : BodyScanner.placeholderWords.occurs(in: trimmedBytes)
            {
                current!.placeholderLines.append(i)
            }
        }
    }

    /// Where a line marks itself as an assumption: it starts with "Assumption:" or "Assumed:"
    /// (also in bold or italics, or as a list item), or contains "(assumed)" or "(assumption)".
    /// The range is in the line's indices (file offsets for a line of the file).
    package static func assumptionMarker(in line: ArraySlice<UInt8>) -> Range<Int>? {
        guard Bytes.isASCII(line) else {
            // Characters then (a combining mark can join a letter of the marker).
            let text = String(decoding: line, as: UTF8.self)
            return assumptionMarker(text).map {
                (line.startIndex + text.utf8.distance(from: text.startIndex, to: $0.lowerBound))..<(line.startIndex
                    + text.utf8.distance(from: text.startIndex, to: $0.upperBound))
            }
        }
        // ASCII: a byte is a character, and this is the general version below on bytes (without
        // "assumption —": the dash is not ASCII).
        for words in [assumedInParentheses, assumptionInParentheses] {
            if let r = words.firstMatch(in: line) { return r }
        }
        let end = line.endIndex
        var p = line.startIndex
        while p < end && Bytes.isSpace(line[p]) { p += 1 }
        if p + 1 < end, line[p] == UInt8(ascii: "-") || line[p] == UInt8(ascii: "*") || line[p] == UInt8(ascii: "+"),
            line[p + 1] == 0x20
        {
            p += 2
        }
        while p < end && (line[p] == UInt8(ascii: "*") || line[p] == UInt8(ascii: "_") || line[p] == 0x20) { p += 1 }
        func startsWith(_ word: [UInt8]) -> Bool {
            p + word.count <= end && word.indices.allSatisfy { Bytes.lower(line[p + $0]) == word[$0] }
        }
        for word in asciiMarkerWords where startsWith(word) { return p..<(p + word.count) }
        // "**Assumption**: …" — the colon after the closing emphasis.
        for word in markerWordsBeforeEmphasis where startsWith(word) {
            var q = p + word.count
            while q < end && (line[q] == UInt8(ascii: "*") || line[q] == UInt8(ascii: "_")) { q += 1 }
            if q < end && line[q] == UInt8(ascii: ":") { return p..<(q + 1) }
        }
        return nil
    }

    /// Words that start a line marked as an assumption (compared in lower case).
    package static let markerWords = ["assumption:", "assumed:", "assumption -", "assumption —"]
    private static let asciiMarkerWords = markerWords.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }
    private static let markerWordsBeforeEmphasis = ["assumption", "assumed"].map { Array($0.utf8) }

    /// `assumptionMarker(in:)` by characters: the general version, for lines that are not ASCII.
    package static func assumptionMarker(_ line: String) -> Range<String.Index>? {
        let utf8 = line.utf8
        let bytes = Array(utf8)[...]
        for words in [assumedInParentheses, assumptionInParentheses] {
            if let r = words.firstMatch(in: bytes) {
                return utf8.index(
                    utf8.startIndex, offsetBy: r.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: r.upperBound)
            }
        }
        var rest = Substring(line)
        rest = rest.drop { $0 == " " || $0 == "\t" }
        if let f = rest.first, "-*+".contains(f), rest.dropFirst().first == " " { rest = rest.dropFirst(2) }
        rest = rest.drop { $0 == "*" || $0 == "_" || $0 == " " }
        // The words are at most 12 characters: lower the start of the rest once.
        let lowered = rest.prefix(16).lowercased()
        for word in markerWords {
            if lowered.hasPrefix(word) {
                return rest.startIndex..<line.index(rest.startIndex, offsetBy: word.count)
            }
        }
        // "**Assumption**: …" — the colon after the closing emphasis.
        for word in ["assumption", "assumed"] where lowered.hasPrefix(word) {
            let after = rest.dropFirst(word.count).drop { $0 == "*" || $0 == "_" }
            if after.first == ":" { return rest.startIndex..<line.index(after.startIndex, offsetBy: 1) }
        }
        return nil
    }

    /// The sentence an assumption marks, read across the lines of its paragraph: from
    /// "Assumption:" to the end of that sentence, or the sentence that holds "(assumed)" (the
    /// sentence before it when the marker stands after its full stop). Computed once here, this
    /// is the text every output quotes.
    package static func assumptionText(_ file: SourceFile, _ a: Assumption, in lines: Range<Int>) -> String {
        func trimmed(_ i: Int) -> ArraySlice<UInt8> { Bytes.trim(file.bytes[file.lineRange(i)]) }
        func isBreak(_ i: Int) -> Bool {
            let t = trimmed(i)
            guard let f = t.first else { return true }
            return f == UInt8(ascii: "#") || Bytes.matches(t, at: t.startIndex, Bytes.open)
                || Bytes.matches(t, at: t.startIndex, Array("```".utf8))
        }
        func startsItem(_ i: Int) -> Bool { Bytes.listMarkerLength(trimmed(i)) != nil }
        var first = a.line, last = a.line
        while first > lines.lowerBound, !isBreak(first - 1), !startsItem(first) { first -= 1 }
        while last + 1 < lines.upperBound, !isBreak(last + 1), !startsItem(last + 1) { last += 1 }
        // The paragraph as one line, and where the marker sits in it.
        let paragraph =
            (first...last).allSatisfy { Bytes.isASCII(file.bytes[file.lineRange($0)]) }
            ? asciiParagraphText(file, first...last, marker: a) : paragraphText(file, first...last, marker: a)
        let bytes = paragraph.text
        let markerOffset = paragraph.markerOffset
        let marker = min(max(0, markerOffset), bytes.count)
        func isEnd(_ i: Int) -> Bool {
            (bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "?") || bytes[i] == UInt8(ascii: "!"))
                && (i + 1 == bytes.count || bytes[i + 1] == 0x20)
        }
        var start = marker
        // A hedge qualifies the sentence it is in, from its start.
        let hedged = a.hedge != nil
        let markedByWord = !hedged && file.slice(a.range).hasPrefix("(") == false
        // "They want it within 2 h. (assumed)": a marker that opens a sentence after a full stop
        // qualifies the sentence before it, not the one after.
        var trailing = false
        if !markedByWord {
            while start > 0 && !isEnd(start - 1) { start -= 1 }
            if !hedged, start > 0, bytes[start..<marker].allSatisfy({ $0 == 0x20 }) {
                trailing = true
                start -= 1
                while start > 0 && !isEnd(start - 1) { start -= 1 }
            }
        }
        var end = marker
        if trailing {
            // The sentence, the marker and the punctuation right after it ("(assumed).").
            end = min(bytes.count, marker + (a.range.end - a.range.start))
            while end < bytes.count
                && (bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: "!")
                    || bytes[end] == UInt8(ascii: "?"))
            { end += 1 }
        } else {
            while end < bytes.count && !isEnd(end) { end += 1 }
            if end < bytes.count { end += 1 }
        }
        var text = Array(bytes[start..<end])
        if markedByWord {
            // "**Assumption:** …" and "*Assumption*: …" read "Assumption: …": the emphasis
            // inside the marker and right after it goes.
            func isEmphasis(_ b: UInt8) -> Bool { b == UInt8(ascii: "*") || b == UInt8(ascii: "_") }
            var markerEnd = min(text.count, a.range.end - a.range.start)
            while markerEnd < text.count && isEmphasis(text[markerEnd]) { markerEnd += 1 }
            text = text[..<markerEnd].filter { !isEmphasis($0) } + text[markerEnd...]
        }
        return String(decoding: text, as: UTF8.self).trimmingSpaces()
    }

    /// A line that stands for "not known yet": TBD, TODO, ?, ..., - (also with a trailing `.` or `:`).
    public static func isPlaceholder(_ text: String) -> Bool {
        // Nearly every value is longer than a placeholder: decided on the byte count first (a
        // letter whose lower case is ASCII takes at most three bytes; trailing `.`/`:` go).
        var count = text.utf8.count
        if count > placeholderBytes {
            for b in text.utf8.reversed() {
                guard b == UInt8(ascii: ".") || b == UInt8(ascii: ":") else { break }
                count -= 1
            }
            if count > placeholderBytes { return false }
        }
        // …and on its first byte: a placeholder starts with one of few (a non-ASCII first byte
        // may lower to one of them).
        if let first = text.utf8.first, first < 0x80, !placeholderFirstBytes.contains(Bytes.lower(first)) {
            return false
        }
        let word = text.lowercased()
        if placeholders.contains(word) { return true }
        var trimmed = Substring(word)
        while let last = trimmed.last, last == "." || last == ":" { trimmed = trimmed.dropLast() }
        return !trimmed.isEmpty && placeholders.contains(String(trimmed))
    }

    /// `## Title ##` → (2, "Title"); nil when the line is not an ATX heading.
    package static func parseHeading(_ line: String) -> (level: Int, title: String)? {
        parseHeading(ArraySlice(line.utf8))
    }

    package static func parseHeading(_ line: ArraySlice<UInt8>) -> (level: Int, title: String)? {
        var level = 0
        while level < line.count && line[line.startIndex + level] == UInt8(ascii: "#") { level += 1 }
        guard (1...6).contains(level) else { return nil }
        let rest = line.dropFirst(level)
        guard rest.isEmpty || rest.first == 0x20 || rest.first == 0x09 else { return nil }
        var title = Bytes.trim(rest)
        // A closing sequence of #s preceded by a space is not part of the title.
        if let lastNonHash = title.lastIndex(where: { $0 != UInt8(ascii: "#") }) {
            if lastNonHash + 1 < title.endIndex && Bytes.isSpace(title[lastNonHash]) {
                title = Bytes.trim(title[..<(lastNonHash + 1)])
            }
        } else {
            title = title[title.startIndex..<title.startIndex]
        }
        return (level, String(decoding: title, as: UTF8.self))
    }

    /// How section titles are compared: case-insensitive, ignoring extra spaces and a trailing `:` or `?`.
    public static func normalizeTitle(_ title: String) -> String {
        var words = Words.key(title, tabs: true)
        while let last = words.last, last == ":" || last == "?" || last == " " { words.removeLast() }
        return words
    }

    /// The lines of a paragraph joined by spaces (each trimmed, the first without its list
    /// marker), and the offset in it of the assumption's marker.
    package static func paragraphText(
        _ file: SourceFile, _ lines: ClosedRange<Int>, marker a: Assumption
    ) -> (text: [UInt8], markerOffset: Int) {
        var paragraph = ""
        var markerOffset = 0
        for i in lines {
            let raw = file.lineText(i)
            var text = raw.trimmingSpaces()
            var skipped = raw.utf8.count - raw.drop(while: { $0 == " " || $0 == "\t" }).utf8.count
            if i == lines.lowerBound {
                let unlisted = String(decoding: stripListMarker(ArraySlice(text.utf8)), as: UTF8.self)
                skipped += text.utf8.count - unlisted.utf8.count
                text = unlisted
            }
            if i == a.line {
                let column = a.range.start - file.lineRange(i).lowerBound - skipped
                markerOffset = paragraph.utf8.count + (paragraph.isEmpty ? 0 : 1) + max(0, column)
            }
            paragraph += (paragraph.isEmpty ? "" : " ") + text
        }
        return (Array(paragraph.utf8), markerOffset)
    }

    /// `paragraphText` for ASCII lines, on bytes (a byte is a character there).
    package static func asciiParagraphText(
        _ file: SourceFile, _ lines: ClosedRange<Int>, marker a: Assumption
    ) -> (text: [UInt8], markerOffset: Int) {
        var paragraph: [UInt8] = []
        var markerOffset = 0
        for i in lines {
            let raw = file.bytes[file.lineRange(i)]
            var text = Bytes.trim(raw)
            if i == lines.lowerBound { text = stripListMarker(text) }
            if i == a.line {
                let column = a.range.start - text.startIndex
                markerOffset = paragraph.count + (paragraph.isEmpty ? 0 : 1) + max(0, column)
            }
            if !paragraph.isEmpty { paragraph.append(0x20) }
            paragraph.append(contentsOf: text)
        }
        return (paragraph, markerOffset)
    }

    /// The text after a list marker ("- ", "1. ", "2) "), trimmed.
    package static func stripListMarker(_ t: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        Bytes.trim(t.dropFirst(Bytes.listMarkerLength(t) ?? 0))
    }

    package static func logEntry(
        _ title: String, titleRange: SourceRange, headingRange: SourceRange,
        into diagnostics: inout [Diagnostic]
    ) -> LogEntry {
        // The date is the first word; punctuation right after it ("2026-11-18: call") is allowed.
        var dateText = Words.first(title)
        if dateText.utf8.count > 10, case .success = Day.parse(String(dateText.prefix(10))),
            let next = dateText.dropFirst(10).first, !next.isNumber
        {
            dateText = String(dateText.prefix(10))
        }
        let dateRange = SourceRange(titleRange.start, titleRange.start + dateText.utf8.count)
        var entry = LogEntry(date: nil, title: title, headingRange: headingRange, dateRange: dateRange)
        switch Day.parse(dateText) {
        case .success(let day):
            entry.date = day
        case .failure(let error):
            diagnostics.append(
                InvalidDate.diagnostic(
                    error, dateText, in: .logEntry(title: title), at: dateText.isEmpty ? titleRange : dateRange))
        }
        return entry
    }
}
