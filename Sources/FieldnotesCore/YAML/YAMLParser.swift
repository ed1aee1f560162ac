import FieldnotesSupport

/// A parser for the safe YAML subset of front matter.
///
/// Supported: block mappings and sequences (compact forms included), plain, single- and
/// double-quoted scalars (multi-line, with escapes), literal and folded block scalars with
/// indentation and chomping indicators, flow sequences and mappings, comments and empty values.
/// Anchors, aliases, tags, directives, several documents and complex keys are rejected as
/// `unsupported`, naming the construct. Scalars are never typed: `no` stays the text "no".
///
/// The parser works on a range of lines of a `SourceFile`, so every node keeps its position in
/// the file. It never recurses deeper than `maxDepth` and consumes at least one byte per step.
public struct YAMLParser {
    public static let maxDepth = 100
    /// Longer lines are not front matter a person wrote: refused before parsing, in bounded time.
    public static let maxLineLength = 65_536
    /// Keys in one mapping.
    public static let maxKeys = 10_000

    private let bytes: [UInt8]
    private let starts: [Int]
    private let ends: [Int]
    /// Whether the last line of the range ends with a line break (it does in front matter).
    private let lastLineHasBreak: Bool
    /// In a whole YAML file (not front matter), `---` and `...` lines are document markers.
    private let documentMarkers: Bool
    private var issues: [YAMLIssue] = []
    private var depth = 0
    /// The line after the last one consumed by the node just parsed.
    private var line = 0
    /// Continuation lines of a multi-line quoted or flow value must be indented past this.
    private var continuationIndent = -1

    /// Parses lines `lines` (0-based, half-open) of `file`.
    public static func parse(_ file: SourceFile, lines: Range<Int>, documentMarkers: Bool = false) -> YAMLDocument {
        var parser = YAMLParser(file: file, lines: lines, documentMarkers: documentMarkers)
        return parser.parseDocument()
    }

    private init(file: SourceFile, lines: Range<Int>, documentMarkers: Bool) {
        bytes = file.bytes
        var s: [Int] = [], e: [Int] = []
        var lines = lines
        // A file ending with a line break has an empty last "line" that is not part of the text.
        if let last = lines.last, last == file.lineCount - 1, lines.count > 0, file.lineRange(last).isEmpty, last > 0 {
            lines = lines.lowerBound..<last
        }
        for i in lines {
            let r = file.lineRange(i)
            s.append(r.lowerBound)
            e.append(r.upperBound)
        }
        starts = s
        ends = e
        if let last = lines.last {
            lastLineHasBreak = last + 1 < file.lineCount
        } else {
            lastLineHasBreak = false
        }
        self.documentMarkers = documentMarkers
    }

    // MARK: - Document

    private mutating func parseDocument() -> YAMLDocument {
        var root: YAMLNode?
        do {
            try rejectLongLines()
            root = try parseRoot()
            try rejectContentAfterRoot()
        } catch let issue as YAMLIssue {
            issues.append(issue)
        } catch {
            issues.append(YAMLIssue(.syntax, "\(error)", SourceRange(0, 0)))
        }
        return YAMLDocument(root: root, issues: issues)
    }

    private func rejectLongLines() throws {
        for i in 0..<starts.count where ends[i] - starts[i] > YAMLParser.maxLineLength {
            throw YAMLIssue(
                .limit, "line longer than \(YAMLParser.maxLineLength) bytes", SourceRange(starts[i], starts[i] + 1),
                help: "front matter holds short fields; put long text in the notes below the front matter")
        }
    }

    /// The root node, after an explicit document start `---` if there is one; nil for an empty document.
    private mutating func parseRoot() throws -> YAMLNode? {
        var first = 0
        if documentMarkers, let n = nextContentLine(from: 0) {
            if bytes[starts[n]] == UInt8(ascii: "%") {
                try rejectIndicator(at: starts[n], lineEnd: ends[n])
            }
            if isMarker(n, dashes: true) {
                // An explicit document start; the root may begin on the same line ("--- |").
                let p = textAfterMarker(n)
                if p < ends[n] && bytes[p] != UInt8(ascii: "#") {
                    return try parseInlineValue(at: p, line: n, parentIndent: -1, context: .mappingValue)
                }
                first = n + 1
                line = n + 1
            }
        }
        if let n = nextContentLine(from: first), !isDocumentMarker(n) {
            return try parseNodeOnNewLine(n, indent: try indent(of: n), parentIndent: -1, topLevel: true)
        }
        line = first
        return nil
    }

    /// Only an end marker `...` may follow the root, and nothing after it.
    private func rejectContentAfterRoot() throws {
        guard let extra = nextContentLine(from: line) else { return }
        guard isDocumentMarker(extra) else {
            let ind = (try? indent(of: extra)) ?? 0
            throw YAMLIssue(
                .syntax, "unexpected content after the end of the structure",
                SourceRange(starts[extra] + ind, ends[extra]),
                help: "check the indentation: this line is not part of any key above it")
        }
        if !isMarker(extra, dashes: true) {
            let p = textAfterMarker(extra)
            if p < ends[extra] && bytes[p] != UInt8(ascii: "#") {
                throw YAMLIssue(
                    .syntax, "text after the document end marker '...'", SourceRange(p, ends[extra]),
                    help: "remove the text, or start a comment with '#'")
            }
        }
        // "..." ends the document; anything after it, or a second "---", is another document.
        let next = isMarker(extra, dashes: true) ? extra : nextContentLine(from: extra + 1)
        if let next {
            throw YAMLIssue(
                .unsupported, "several YAML documents are not supported",
                SourceRange(starts[next], ends[next]),
                help: "keep one document: remove the '---' or '...' separators and what follows them")
        }
    }

    /// Where the text after a document marker's three characters starts.
    private func textAfterMarker(_ i: Int) -> Int {
        var p = starts[i] + 3
        while p < ends[i] && isSpace(bytes[p]) { p += 1 }
        return p
    }

    private func isMarker(_ i: Int, dashes: Bool) -> Bool {
        isDocumentMarker(i) && bytes[starts[i]] == (dashes ? UInt8(ascii: "-") : UInt8(ascii: "."))
    }

    // MARK: - Lines

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    private func isBlankOrComment(_ i: Int) -> Bool {
        var p = starts[i]
        while p < ends[i] && isSpace(bytes[p]) { p += 1 }
        return p == ends[i] || bytes[p] == UInt8(ascii: "#")
    }

    private func isBlank(_ i: Int) -> Bool {
        var p = starts[i]
        while p < ends[i] && isSpace(bytes[p]) { p += 1 }
        return p == ends[i]
    }

    private func isDocumentMarker(_ i: Int) -> Bool {
        guard documentMarkers, ends[i] - starts[i] >= 3 else { return false }
        let s = starts[i]
        let three = (bytes[s], bytes[s + 1], bytes[s + 2])
        guard three == (0x2D, 0x2D, 0x2D) || three == (0x2E, 0x2E, 0x2E) else { return false }
        return s + 3 == ends[i] || isSpace(bytes[s + 3])
    }

    private func nextContentLine(from i: Int) -> Int? {
        var i = i
        while i < starts.count {
            if !isBlankOrComment(i) { return i }
            i += 1
        }
        return nil
    }

    /// The indentation of a content line, in spaces; a tab in it is an error.
    private func indent(of i: Int) throws -> Int {
        var p = starts[i]
        while p < ends[i] && bytes[p] == 0x20 { p += 1 }
        if p < ends[i] && bytes[p] == 0x09 {
            var q = p
            while q < ends[i] && isSpace(bytes[q]) { q += 1 }
            if q < ends[i] && bytes[q] != UInt8(ascii: "#") {
                throw YAMLIssue(
                    .syntax, "tab character used for indentation", SourceRange(p, p + 1),
                    help: "indent with spaces only; YAML does not allow tabs in indentation")
            }
        }
        return p - starts[i]
    }

    private func isSequenceEntry(at p: Int, lineEnd: Int) -> Bool {
        bytes[p] == UInt8(ascii: "-") && (p + 1 == lineEnd || isSpace(bytes[p + 1]))
    }

    private func lineOf(offset: Int) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    private mutating func enter(_ at: Int) throws {
        depth += 1
        if depth > YAMLParser.maxDepth {
            throw YAMLIssue(
                .limit, "nesting deeper than \(YAMLParser.maxDepth) levels", SourceRange(at, at + 1),
                help: "front matter should be a few levels deep at most; flatten this structure")
        }
    }

    // MARK: - Block structure

    /// A node that starts at the beginning of line `i` (after its indentation).
    private mutating func parseNodeOnNewLine(
        _ i: Int, indent ind: Int, parentIndent: Int, topLevel: Bool = false
    ) throws -> YAMLNode {
        let c = starts[i] + ind
        if isSequenceEntry(at: c, lineEnd: ends[i]) {
            return try parseBlockSequence(indent: ind, firstLine: i)
        }
        if implicitKey(at: c, lineEnd: ends[i]) != nil {
            return try parseBlockMapping(indent: ind, firstLine: i, topLevel: topLevel)
        }
        return try parseInlineValue(at: c, line: i, parentIndent: parentIndent, context: .ownLine)
    }

    private mutating func parseBlockSequence(indent ind: Int, firstLine: Int) throws -> YAMLNode {
        let start = starts[firstLine] + ind
        try enter(start)
        defer { depth -= 1 }
        var items: [YAMLNode] = []
        var i = firstLine
        var end = start + 1
        while true {
            let dash = starts[i] + ind
            var p = dash + 1
            while p < ends[i] && isSpace(bytes[p]) { p += 1 }
            let item: YAMLNode
            if p == ends[i] || bytes[p] == UInt8(ascii: "#") {
                if let n = nextContentLine(from: i + 1), !isDocumentMarker(n), try indent(of: n) > ind {
                    item = try parseNodeOnNewLine(n, indent: try indent(of: n), parentIndent: ind)
                } else {
                    item = YAMLNode(.null, SourceRange(dash + 1, dash + 1))
                    line = i + 1
                }
            } else {
                if bytes[(dash + 1)..<p].contains(0x09),
                    isSequenceEntry(at: p, lineEnd: ends[i]) || implicitKey(at: p, lineEnd: ends[i]) != nil
                {
                    throw YAMLIssue(
                        .syntax, "tab character used for indentation", SourceRange(dash + 1, p),
                        help: "indent with spaces only; YAML does not allow tabs in indentation")
                }
                item = try parseInlineValue(
                    at: p, line: i, parentIndent: ind, context: .sequenceEntry(column: p - starts[i]))
            }
            items.append(item)
            end = max(end, item.range.end)
            guard let n = nextContentLine(from: line), !isDocumentMarker(n) else { break }
            let i2 = try indent(of: n)
            if i2 < ind { break }
            if i2 > ind {
                throw YAMLIssue(
                    .syntax, "unexpected indentation", SourceRange(starts[n] + i2, ends[n]),
                    help: "indent this line like the other lines of the list item above it")
            }
            guard isSequenceEntry(at: starts[n] + ind, lineEnd: ends[n]) else { break }
            i = n
        }
        return YAMLNode(.sequence(items), SourceRange(start, end))
    }

    private mutating func parseBlockMapping(indent ind: Int, firstLine: Int, topLevel: Bool = false) throws -> YAMLNode
    {
        let start = starts[firstLine] + ind
        try enter(start)
        defer { depth -= 1 }
        var pairs: [YAMLPair] = []
        if topLevel { pairs.reserveCapacity(32) }
        var seen = SeenKeys()
        var i = firstLine
        var end = start
        while true {
            do {
                let pair = try parseMappingEntry(at: starts[i] + ind, line: i, indent: ind)
                if let first = seen.firstRange(of: pair.key, in: pairs) {
                    issues.append(
                        YAMLIssue(
                            .duplicateKey, "duplicate key '\(pair.key)'", pair.keyRange,
                            help: "keep one '\(pair.key):' and merge the two values; the first one is used",
                            related: [("first defined here", first)]))
                } else {
                    pairs.append(pair)
                    seen.added(pairs)
                    if pairs.count > YAMLParser.maxKeys {
                        throw YAMLIssue(
                            .limit, "more than \(YAMLParser.maxKeys) keys in one mapping", pair.keyRange,
                            help: "front matter holds an account's fields; keep long lists in the notes")
                    }
                }
                end = max(end, pair.value.range.end, pair.keyRange.end)
                guard let n = try nextEntryLine(indent: ind) else { break }
                i = n
            } catch let issue as YAMLIssue where topLevel && issue.kind != .limit {
                // Recover at the next top-level key so that one mistake does not hide the rest.
                issues.append(issue)
                guard let n = resumeLine(after: max(lineOf(offset: issue.range.start), i)) else {
                    line = starts.count
                    break
                }
                i = n
            }
        }
        return YAMLNode(.mapping(pairs), SourceRange(start, end))
    }

    /// The line of the next entry of a mapping at indentation `ind`, or nil where the mapping ends.
    private mutating func nextEntryLine(indent ind: Int) throws -> Int? {
        guard let n = nextContentLine(from: line), !isDocumentMarker(n) else { return nil }
        let i2 = try indent(of: n)
        if i2 < ind { return nil }
        if i2 > ind {
            throw YAMLIssue(
                .syntax, "unexpected indentation", SourceRange(starts[n] + i2, ends[n]),
                help: "align this line with the keys above it, or indent it under a key that ends with ':'")
        }
        if isSequenceEntry(at: starts[n] + ind, lineEnd: ends[n]) {
            throw YAMLIssue(
                .syntax, "a list item where a 'key: value' entry was expected",
                SourceRange(starts[n] + ind, starts[n] + ind + 1),
                help: "indent the list under the key it belongs to")
        }
        return n
    }

    /// After an error in the top-level mapping: the next line that starts a top-level key.
    private func resumeLine(after failed: Int) -> Int? {
        var j = failed + 1
        while j < starts.count {
            if !isBlankOrComment(j), !isDocumentMarker(j), !isSpace(bytes[starts[j]]),
                implicitKey(at: starts[j], lineEnd: ends[j]) != nil
            {
                return j
            }
            j += 1
        }
        return nil
    }

    private mutating func parseMappingEntry(at c: Int, line i: Int, indent ind: Int) throws -> YAMLPair {
        guard let key = implicitKey(at: c, lineEnd: ends[i]) else {
            try rejectIndicator(at: c, lineEnd: ends[i])
            throw YAMLIssue(
                .syntax, "expected a 'key: value' entry", SourceRange(c, ends[i]),
                help: "write 'key: value', with a space after the colon")
        }
        let keyNode = try parseKeyScalar(at: c, end: key.keyEnd)
        let keyText = keyNode.scalar ?? ""
        var p = key.colon + 1
        while p < ends[i] && isSpace(bytes[p]) { p += 1 }
        let value: YAMLNode
        if p == ends[i] || bytes[p] == UInt8(ascii: "#") {
            if let n = nextContentLine(from: i + 1), !isDocumentMarker(n) {
                let i2 = try indent(of: n)
                if i2 > ind {
                    value = try parseNodeOnNewLine(n, indent: i2, parentIndent: ind)
                } else if i2 == ind && isSequenceEntry(at: starts[n] + ind, lineEnd: ends[n]) {
                    value = try parseBlockSequence(indent: ind, firstLine: n)
                } else {
                    value = YAMLNode(.null, SourceRange(key.colon + 1, key.colon + 1))
                    line = i + 1
                }
            } else {
                value = YAMLNode(.null, SourceRange(key.colon + 1, key.colon + 1))
                line = i + 1
            }
        } else {
            value = try parseInlineValue(at: p, line: i, parentIndent: ind, context: .mappingValue)
        }
        return YAMLPair(key: keyText, keyRange: keyNode.range, value: value)
    }

    private enum InlineContext: Equatable {
        case ownLine
        case mappingValue
        case sequenceEntry(column: Int)
    }

    /// A value that starts at offset `p` of line `i`: a scalar, a flow collection, a block
    /// scalar, or (after `- `) a compact nested mapping or sequence.
    private mutating func parseInlineValue(
        at p: Int, line i: Int, parentIndent: Int, context: InlineContext
    ) throws -> YAMLNode {
        let end = ends[i]
        if implicitKey(at: p, lineEnd: end) != nil {
            switch context {
            case .sequenceEntry(let column):
                return try parseBlockMapping(indent: column, firstLine: i)
            case .mappingValue:
                let colon = implicitKey(at: p, lineEnd: end)!.colon
                throw YAMLIssue(
                    .syntax, "a second ': ' in a value", SourceRange(colon, colon + 1),
                    help:
                        "quote the value if the colon is part of the text: key: \"…: …\"; "
                        + "a nested mapping goes on its own indented lines"
                )
            case .ownLine:
                break
            }
        }
        let b = bytes[p]
        try rejectIndicator(at: p, lineEnd: end)
        switch b {
        case UInt8(ascii: "-") where isSequenceEntry(at: p, lineEnd: end):
            if case .sequenceEntry(let column) = context {
                return try parseBlockSequence(indent: column, firstLine: i)
            }
            throw YAMLIssue(
                .syntax, "a list cannot start on the same line as its key", SourceRange(p, p + 1),
                help: "put each '- item' on its own line below the key, indented")
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return try parseBlockScalar(at: p, line: i, parentIndent: parentIndent)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            var cursor = Cursor(line: i, pos: p)
            continuationIndent = parentIndent
            let node = try parseQuoted(&cursor, flow: false)
            try expectEndOfLine(cursor, after: node, keyHelp: true)
            return node
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            var cursor = Cursor(line: i, pos: p)
            continuationIndent = parentIndent
            let node = try parseFlowCollection(&cursor)
            try expectEndOfLine(cursor, after: node, keyHelp: false)
            return node
        default:
            return try parsePlainBlock(at: p, line: i, parentIndent: parentIndent)
        }
    }

    /// Rejects what cannot start a value: unsupported constructs and reserved indicators.
    private func rejectIndicator(at p: Int, lineEnd: Int) throws {
        let b = bytes[p]
        let next: UInt8? = p + 1 < lineEnd ? bytes[p + 1] : nil
        func name(_ n: Int) -> SourceRange {
            var q = p + 1
            while q < lineEnd && !isSpace(bytes[q]) && q - p < n { q += 1 }
            return SourceRange(p, q)
        }
        switch b {
        case UInt8(ascii: "&"):
            throw YAMLIssue(
                .unsupported, "YAML anchors ('&') are not supported", name(64),
                help: "write the value out in full; fieldnotes reads only plain keys and values")
        case UInt8(ascii: "*"):
            throw YAMLIssue(
                .unsupported, "YAML aliases ('*') are not supported", name(64),
                help: "write the value out in full, or quote it if the '*' is part of the text")
        case UInt8(ascii: "!"):
            throw YAMLIssue(
                .unsupported, "YAML tags ('!') are not supported", name(64),
                help:
                    "remove the tag: every value is read as text and typed by the schema; "
                    + "quote it if the '!' is part of the text"
            )
        case UInt8(ascii: ":") where next == nil || isSpace(next!):
            throw YAMLIssue(
                .unsupported, "empty keys are not supported", SourceRange(p, p + 1),
                help: "write a key before the ':', or quote the value if the ':' is part of the text")
        case UInt8(ascii: "?") where next == nil || isSpace(next!):
            throw YAMLIssue(
                .unsupported, "complex keys ('?') are not supported", SourceRange(p, p + 1),
                help: "write a simple 'key: value' entry")
        case UInt8(ascii: "%") where p == starts[lineOf(offset: p)]:
            throw YAMLIssue(
                .unsupported, "YAML directives ('%') are not supported", name(64),
                help: "remove the directive line: front matter needs none")
        case UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw YAMLIssue(
                .syntax, "a value cannot start with '\(Character(Unicode.Scalar(b)))'", SourceRange(p, p + 1),
                help: "put the value in quotes: \"\(Character(Unicode.Scalar(b)))…\"")
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
            throw YAMLIssue(
                .syntax, "unexpected '\(Character(Unicode.Scalar(b)))'", SourceRange(p, p + 1),
                help: "put the value in quotes if the character is part of the text")
        default:
            return
        }
    }

    private func expectEndOfLine(_ cursor: Cursor, after node: YAMLNode, keyHelp: Bool) throws {
        var p = cursor.pos
        let end = ends[cursor.line]
        while p < end && isSpace(bytes[p]) { p += 1 }
        if p == end { return }
        if bytes[p] == UInt8(ascii: "#") && p > cursor.pos { return }
        if bytes[p] == UInt8(ascii: ":") && (p + 1 == end || isSpace(bytes[p + 1])) {
            if case .scalar = node.value {
                throw YAMLIssue(
                    .syntax, "a key where a value was expected", SourceRange(node.range.start, p + 1),
                    help: "a nested mapping goes on its own indented lines below the key")
            }
            throw YAMLIssue(
                .unsupported, "complex keys (a list or mapping used as a key) are not supported",
                SourceRange(node.range.start, p + 1), help: "use a plain text key")
        }
        throw YAMLIssue(
            .syntax, "unexpected text after the value", SourceRange(p, end),
            help: keyHelp
                ? "put the whole value inside the quotes"
                : "end the line after the closing bracket, or start a comment with ' #'")
    }

    // MARK: - Keys

    /// If a simple key starts at `p` (`key:` followed by a space or the end of the line),
    /// the end of the key text and the offset of the colon.
    private func implicitKey(at p: Int, lineEnd end: Int) -> (keyEnd: Int, colon: Int)? {
        guard p < end else { return nil }
        let b = bytes[p]
        var q = p
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
            q += 1
            var closed = false
            while q < end {
                if b == UInt8(ascii: "\"") && bytes[q] == UInt8(ascii: "\\") { q += 2; continue }
                if bytes[q] == b {
                    if b == UInt8(ascii: "'") && q + 1 < end && bytes[q + 1] == b { q += 2; continue }
                    closed = true
                    q += 1
                    break
                }
                q += 1
            }
            guard closed else { return nil }
            let keyEnd = q
            while q < end && isSpace(bytes[q]) { q += 1 }
            if q < end && bytes[q] == UInt8(ascii: ":") && (q + 1 == end || isSpace(bytes[q + 1])) {
                return (keyEnd, q)
            }
            return nil
        }
        switch b {
        case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
            UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"),
            UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return nil
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            if p + 1 == end || isSpace(bytes[p + 1]) { return nil }
        default:
            break
        }
        while q < end {
            let c = bytes[q]
            if c == UInt8(ascii: ":") && (q + 1 == end || isSpace(bytes[q + 1])) {
                var keyEnd = q
                while keyEnd > p && isSpace(bytes[keyEnd - 1]) { keyEnd -= 1 }
                return (keyEnd, q)
            }
            if c == UInt8(ascii: "#") && q > p && isSpace(bytes[q - 1]) { return nil }
            q += 1
        }
        return nil
    }

    private mutating func parseKeyScalar(at p: Int, end: Int) throws -> YAMLNode {
        let b = bytes[p]
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
            var cursor = Cursor(line: lineOf(offset: p), pos: p)
            return try parseQuoted(&cursor, flow: false)
        }
        return YAMLNode(.scalar(String(decoding: bytes[p..<end], as: UTF8.self), .plain), SourceRange(p, end))
    }

    // MARK: - Plain scalars

    /// A plain scalar in block context, folded over continuation lines indented past `parentIndent`.
    private mutating func parsePlainBlock(at p: Int, line i: Int, parentIndent: Int) throws -> YAMLNode {
        var text: [UInt8] = []
        var (contentEnd, hitComment) = scanPlainLine(from: p, lineEnd: ends[i])
        text.append(contentsOf: bytes[p..<contentEnd])
        var rangeEnd = contentEnd
        var lastLine = i
        var j = i + 1
        var blanks = 0
        while !hitComment && j < starts.count {
            if isBlank(j) { blanks += 1; j += 1; continue }
            if isDocumentMarker(j) { break }
            var q = starts[j]
            while q < ends[j] && bytes[q] == 0x20 { q += 1 }
            if q - starts[j] <= parentIndent { break }
            while q < ends[j] && isSpace(bytes[q]) { q += 1 }
            if bytes[q] == UInt8(ascii: "#") { break }
            if let key = implicitKey(at: q, lineEnd: ends[j]) {
                throw YAMLIssue(
                    .syntax, "a 'key: value' inside a multi-line value", SourceRange(key.colon, key.colon + 1),
                    help: "this line continues the value above; align the key with the other keys, or quote the text")
            }
            let scanned = scanPlainLine(from: q, lineEnd: ends[j])
            if blanks == 0 {
                text.append(0x20)
            } else {
                text.append(contentsOf: [UInt8](repeating: 0x0A, count: blanks))
            }
            text.append(contentsOf: bytes[q..<scanned.end])
            rangeEnd = scanned.end
            hitComment = scanned.comment
            contentEnd = scanned.end
            blanks = 0
            lastLine = j
            j += 1
        }
        line = lastLine + 1
        return YAMLNode(.scalar(String(decoding: text, as: UTF8.self), .plain), SourceRange(p, rangeEnd))
    }

    /// The end of plain text on one line (before a ` #` comment and trailing spaces).
    private func scanPlainLine(from p: Int, lineEnd: Int) -> (end: Int, comment: Bool) {
        var q = p
        var comment = false
        while q < lineEnd {
            if bytes[q] == UInt8(ascii: "#") && q > p && isSpace(bytes[q - 1]) { comment = true; break }
            q += 1
        }
        while q > p && isSpace(bytes[q - 1]) { q -= 1 }
        return (q, comment)
    }

    // MARK: - Quoted scalars

    /// A continuation line of a multi-line quoted or flow value must be indented with spaces
    /// past the enclosing block's indentation; returns the offset of its first non-space.
    ///
    /// When that line looks like the next `key:`, the value was most likely never closed: the
    /// error then points at the opening quote or bracket.
    private func continuationStart(_ i: Int, opening: Int) throws -> Int {
        var p = starts[i]
        while p < ends[i] && bytes[p] == 0x20 { p += 1 }
        let spaces = p - starts[i]
        if spaces <= continuationIndent {
            if p < ends[i], implicitKey(at: p, lineEnd: ends[i]) != nil || isSequenceEntry(at: p, lineEnd: ends[i]) {
                let o = bytes[opening]
                let closing =
                    o == UInt8(ascii: "[") ? "]" : o == UInt8(ascii: "{") ? "}" : String(Character(Unicode.Scalar(o)))
                let what =
                    o == UInt8(ascii: "[") || o == UInt8(ascii: "{")
                    ? "unclosed '\(Character(Unicode.Scalar(o)))'" : "unterminated quoted value"
                throw YAMLIssue(
                    .syntax, what, SourceRange(opening, opening + 1),
                    help: "add the closing \(closing) at the end of the value",
                    related: [("the value runs on into this line", SourceRange(p, ends[i]))])
            }
            if p < ends[i] && bytes[p] == 0x09 {
                throw YAMLIssue(
                    .syntax, "tab character used for indentation", SourceRange(p, p + 1),
                    help: "indent with spaces only; YAML does not allow tabs in indentation")
            }
            throw YAMLIssue(
                .syntax, "this continuation line is not indented enough", SourceRange(p, min(ends[i], p + 1)),
                help: "indent the lines of a value that spans several lines more than its key")
        }
        while p < ends[i] && isSpace(bytes[p]) { p += 1 }
        return p
    }

    private struct Cursor {
        var line: Int
        var pos: Int
    }

    /// A single- or double-quoted scalar starting at the cursor; may span lines (folded).
    private mutating func parseQuoted(_ cursor: inout Cursor, flow: Bool) throws -> YAMLNode {
        let quote = bytes[cursor.pos]
        let start = cursor.pos
        let double = quote == UInt8(ascii: "\"")
        var out: [UInt8] = []
        var trailingWhitespace: Int?
        var p = cursor.pos + 1
        var i = cursor.line
        while true {
            if p >= ends[i] {
                // A line break inside the quotes: fold it.
                if let t = trailingWhitespace { out.removeSubrange(t...) }
                trailingWhitespace = nil
                p = try foldQuotedLineBreak(after: &i, into: &out, opening: start, double: double)
                continue
            }
            let c = bytes[p]
            if c == quote {
                if !double && p + 1 < ends[i] && bytes[p + 1] == quote {
                    out.append(quote)
                    trailingWhitespace = nil
                    p += 2
                    continue
                }
                p += 1
                break
            }
            if double && c == UInt8(ascii: "\\") {
                if p + 1 >= ends[i] {
                    trailingWhitespace = nil
                    p = try joinEscapedLineBreak(after: &i, into: &out, opening: start)
                    continue
                }
                let (decoded, length) = try decodeEscape(at: p, lineEnd: ends[i])
                out.append(contentsOf: decoded)
                trailingWhitespace = nil
                p += length
                continue
            }
            if isSpace(c) {
                if trailingWhitespace == nil { trailingWhitespace = out.count }
            } else {
                trailingWhitespace = nil
            }
            out.append(c)
            p += 1
        }
        cursor = Cursor(line: i, pos: p)
        line = i + 1
        return YAMLNode(
            .scalar(String(decoding: out, as: UTF8.self), double ? .doubleQuoted : .singleQuoted),
            SourceRange(start, p))
    }

    /// A line break inside quotes folds to a space, or to one line feed per empty line after it.
    /// Moves `i` to the line the value continues on and returns where its text starts.
    private func foldQuotedLineBreak(
        after i: inout Int, into out: inout [UInt8], opening start: Int, double: Bool
    )
        throws -> Int
    {
        var blanks = 0
        i += 1
        while true {
            guard i < starts.count, !isDocumentMarker(i) else {
                throw YAMLIssue(
                    .syntax, "unterminated quoted value", SourceRange(start, start + 1),
                    help: "add the closing \(double ? "\"" : "'") at the end of the value")
            }
            if isBlank(i) { blanks += 1; i += 1; continue }
            break
        }
        let p = try continuationStart(i, opening: start)
        if blanks == 0 {
            out.append(0x20)
        } else {
            out.append(contentsOf: [UInt8](repeating: 0x0A, count: blanks))
        }
        return p
    }

    /// An escaped line break joins the lines without a space; empty lines between them stay line feeds.
    /// Moves `i` to the line the value continues on and returns where its text starts.
    private func joinEscapedLineBreak(after i: inout Int, into out: inout [UInt8], opening start: Int) throws -> Int {
        var blanks = 0
        i += 1
        while i < starts.count && isBlank(i) && !isDocumentMarker(i) { blanks += 1; i += 1 }
        guard i < starts.count, !isDocumentMarker(i) else {
            throw YAMLIssue(
                .syntax, "unterminated quoted value", SourceRange(start, start + 1),
                help: "add the closing \" at the end of the value")
        }
        out.append(contentsOf: [UInt8](repeating: 0x0A, count: blanks))
        return try continuationStart(i, opening: start)
    }

    private func decodeEscape(at p: Int, lineEnd: Int) throws -> ([UInt8], Int) {
        let e = bytes[p + 1]
        func utf8(_ v: UInt32) -> [UInt8] { Array(String(Unicode.Scalar(v)!).utf8) }
        switch e {
        case UInt8(ascii: "0"): return ([0], 2)
        case UInt8(ascii: "a"): return ([7], 2)
        case UInt8(ascii: "b"): return ([8], 2)
        case UInt8(ascii: "t"), 0x09: return ([9], 2)
        case UInt8(ascii: "n"): return ([10], 2)
        case UInt8(ascii: "v"): return ([11], 2)
        case UInt8(ascii: "f"): return ([12], 2)
        case UInt8(ascii: "r"): return ([13], 2)
        case UInt8(ascii: "e"): return ([27], 2)
        case 0x20: return ([0x20], 2)
        case UInt8(ascii: "\""): return ([0x22], 2)
        case UInt8(ascii: "/"): return ([0x2F], 2)
        case UInt8(ascii: "\\"): return ([0x5C], 2)
        case UInt8(ascii: "N"): return (utf8(0x85), 2)
        case UInt8(ascii: "_"): return (utf8(0xA0), 2)
        case UInt8(ascii: "L"): return (utf8(0x2028), 2)
        case UInt8(ascii: "P"): return (utf8(0x2029), 2)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
            guard p + 2 + count <= lineEnd,
                let v = UInt32(String(decoding: bytes[(p + 2)..<(p + 2 + count)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(v)
            else {
                throw YAMLIssue(
                    .syntax, "invalid escape sequence", SourceRange(p, min(lineEnd, p + 2 + count)),
                    help:
                        "write \\\(Character(Unicode.Scalar(e))) followed by \(count) hexadecimal digits "
                        + "of a valid code point"
                )
            }
            return (Array(String(scalar).utf8), 2 + count)
        default:
            var q = p + 1
            while q < lineEnd && (bytes[q] & 0xC0) == 0x80 || q == p + 1 { q += 1 }
            let shown = String(decoding: bytes[p..<min(q, lineEnd)], as: UTF8.self)
            throw YAMLIssue(
                .syntax, "unknown escape sequence '\(shown)'", SourceRange(p, min(q, lineEnd)),
                help: "write '\\\\' for a backslash, or use single quotes, where backslashes are plain text")
        }
    }

    // MARK: - Block scalars

    /// The indicator line of a block scalar: `|` or `>`, then chomping and indentation indicators in either order.
    private struct BlockScalarHeader {
        var folded: Bool
        var chomp: UInt8?  // '-', '+' or nil (clip)
        var increment: Int?
        /// Just after the indicators.
        var end: Int
    }

    /// A line of a block scalar: nil text for an empty line, else the text after the indentation.
    private typealias BlockScalarLine = (text: Range<Int>?, line: Int)

    private mutating func parseBlockScalar(at p: Int, line i: Int, parentIndent: Int) throws -> YAMLNode {
        let header = try blockScalarHeader(at: p, line: i)
        let contentIndent: Int
        if let increment = header.increment {
            contentIndent = max(parentIndent + 1, 1) + increment - 1
        } else {
            contentIndent = try blockScalarIndent(from: i + 1, parentIndent: parentIndent)
        }
        var lines = try blockScalarLines(from: i + 1, indent: contentIndent)
        // Trailing empty lines belong to the scalar only for chomping.
        var trailing = 0
        while let last = lines.last, last.text == nil { lines.removeLast(); trailing += 1 }
        var out: [UInt8] = []
        let lastContentLine = blockScalarText(lines, header: header, trailing: trailing, into: &out)
        line = (lastContentLine ?? i) + 1
        var rangeEnd = header.end
        if let lastContentLine { rangeEnd = ends[lastContentLine] }
        return YAMLNode(
            .scalar(String(decoding: out, as: UTF8.self), header.folded ? .folded : .literal),
            SourceRange(p, rangeEnd))
    }

    private func blockScalarHeader(at p: Int, line i: Int) throws -> BlockScalarHeader {
        var header = BlockScalarHeader(folded: bytes[p] == UInt8(ascii: ">"), chomp: nil, increment: nil, end: p + 1)
        var q = p + 1
        let end = ends[i]
        for _ in 0..<2 {
            guard q < end else { break }
            let c = bytes[q]
            if (c == UInt8(ascii: "-") || c == UInt8(ascii: "+")) && header.chomp == nil {
                header.chomp = c
                q += 1
            } else if c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") && header.increment == nil {
                header.increment = Int(c - UInt8(ascii: "0"))
                q += 1
            }
        }
        header.end = q
        while q < end && isSpace(bytes[q]) { q += 1 }
        if q < end && !(bytes[q] == UInt8(ascii: "#") && q > header.end) {
            throw YAMLIssue(
                .syntax, "text after a block scalar indicator", SourceRange(q, end),
                help:
                    "after '\(header.folded ? ">" : "|")' (and optionally '-' or '+'), "
                    + "start the text on the next line, indented"
            )
        }
        return header
    }

    /// Without an indentation indicator, the first non-empty line sets the indentation; an empty
    /// line before it may not have more spaces.
    private func blockScalarIndent(from j: Int, parentIndent: Int) throws -> Int {
        var maxBlank = 0
        var maxBlankLine = j
        var contentIndent = max(parentIndent + 1, 0)
        var k = j
        while k < starts.count && !isDocumentMarker(k) {
            var s = starts[k]
            while s < ends[k] && bytes[s] == 0x20 { s += 1 }
            if s < ends[k] {
                let lineIndent = s - starts[k]
                if lineIndent >= contentIndent && bytes[s] != 0x09 {
                    if maxBlank > lineIndent {
                        throw YAMLIssue(
                            .syntax, "an empty line at the start of a block scalar has more spaces than its text",
                            SourceRange(starts[maxBlankLine], ends[maxBlankLine]),
                            help: "remove the extra spaces from the empty line")
                    }
                    return lineIndent
                }
                return max(contentIndent, maxBlank, 1)
            }
            if s - starts[k] > maxBlank { maxBlank = s - starts[k]; maxBlankLine = k }
            k += 1
        }
        contentIndent = max(contentIndent, maxBlank, 1)
        return contentIndent
    }

    /// The lines of a block scalar from line `j`: they end at a less-indented line with content.
    private func blockScalarLines(from j: Int, indent contentIndent: Int) throws -> [BlockScalarLine] {
        var lines: [BlockScalarLine] = []
        var j = j
        while j < starts.count && !isDocumentMarker(j) {
            var s = starts[j]
            while s < ends[j] && bytes[s] == 0x20 && s - starts[j] < contentIndent { s += 1 }
            if s - starts[j] == contentIndent && s < ends[j] {
                lines.append((s..<ends[j], j))
            } else if s == ends[j] {
                lines.append((nil, j))
            } else if bytes[s] == 0x09 && bytes[s..<ends[j]].allSatisfy({ isSpace($0) }) {
                throw YAMLIssue(
                    .syntax, "tab character used for indentation", SourceRange(s, s + 1),
                    help: "indent with spaces only; YAML does not allow tabs in indentation")
            } else {
                break  // a less-indented line with content ends the scalar
            }
            j += 1
        }
        return lines
    }

    /// Appends the value of a block scalar, its line breaks folded and chomped, to `out`; returns
    /// the last line with content, nil if there is none. `lines` ends with a line with content
    /// and `trailing` empty lines followed it.
    private func blockScalarText(
        _ lines: [BlockScalarLine], header: BlockScalarHeader, trailing: Int, into out: inout [UInt8]
    ) -> Int? {
        var trailing = trailing
        var leadingBreaks = 0
        var idx = 0
        while idx < lines.count && lines[idx].text == nil { leadingBreaks += 1; idx += 1 }
        var lineBreak: [UInt8] = []
        var lastContentLine: Int?
        while idx < lines.count {
            if lastContentLine == nil {
                out.append(contentsOf: [UInt8](repeating: 0x0A, count: leadingBreaks))
            }
            let range = lines[idx].text!
            let leadingNonSpace = !isSpace(bytes[range.lowerBound])
            out.append(contentsOf: bytes[range])
            lastContentLine = lines[idx].line
            // The end of the input counts as a line break, as in the YAML test suite (L24T).
            lineBreak = [0x0A]
            idx += 1
            var breaks = 0
            while idx < lines.count && lines[idx].text == nil { breaks += 1; idx += 1 }
            guard idx < lines.count else { trailing += breaks; break }
            let nextNonSpace = !isSpace(bytes[lines[idx].text!.lowerBound])
            if header.folded && lineBreak == [0x0A] && leadingNonSpace && nextNonSpace {
                if breaks == 0 { out.append(0x20) }
            } else {
                out.append(contentsOf: lineBreak)
            }
            out.append(contentsOf: [UInt8](repeating: 0x0A, count: breaks))
        }
        if lastContentLine == nil { trailing += leadingBreaks }
        if header.chomp != UInt8(ascii: "-") { out.append(contentsOf: lineBreak) }
        if header.chomp == UInt8(ascii: "+") { out.append(contentsOf: [UInt8](repeating: 0x0A, count: trailing)) }
        return lastContentLine
    }

    // MARK: - Flow collections

    /// Skips spaces, line breaks and comments inside a flow collection.
    private func skipFlowSpace(_ cursor: inout Cursor, opening: Int) throws {
        while true {
            let end = ends[cursor.line]
            while cursor.pos < end && isSpace(bytes[cursor.pos]) { cursor.pos += 1 }
            if cursor.pos < end && bytes[cursor.pos] == UInt8(ascii: "#")
                && (cursor.pos == starts[cursor.line] || isSpace(bytes[cursor.pos - 1]))
            {
                cursor.pos = end
            }
            if cursor.pos < end { return }
            cursor.line += 1
            guard cursor.line < starts.count, !isDocumentMarker(cursor.line) else {
                throw YAMLIssue(
                    .syntax, "unclosed '\(Character(Unicode.Scalar(bytes[opening])))'",
                    SourceRange(opening, opening + 1),
                    help: "add the closing '\(bytes[opening] == UInt8(ascii: "[") ? "]" : "}")'")
            }
            // A closing bracket alone may sit at the key's indentation ("]" at column 1), as most YAML readers allow.
            var q = starts[cursor.line]
            while q < ends[cursor.line] && isSpace(bytes[q]) { q += 1 }
            let closesHere = q < ends[cursor.line] && (bytes[q] == UInt8(ascii: "]") || bytes[q] == UInt8(ascii: "}"))
            cursor.pos =
                isBlankOrComment(cursor.line) || closesHere
                ? starts[cursor.line] : try continuationStart(cursor.line, opening: opening)
        }
    }

    private mutating func parseFlowCollection(_ cursor: inout Cursor) throws -> YAMLNode {
        let open = cursor.pos
        try enter(open)
        defer { depth -= 1 }
        let isSequence = bytes[open] == UInt8(ascii: "[")
        let close = isSequence ? UInt8(ascii: "]") : UInt8(ascii: "}")
        cursor.pos += 1
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var seen = SeenKeys()
        while true {
            try skipFlowSpace(&cursor, opening: open)
            if bytes[cursor.pos] == close { cursor.pos += 1; break }
            if bytes[cursor.pos] == UInt8(ascii: ",") {
                throw YAMLIssue(
                    .syntax, "empty entry in a flow \(isSequence ? "list" : "mapping")",
                    SourceRange(cursor.pos, cursor.pos + 1),
                    help: "remove the extra ','")
            }
            let first = try parseFlowNode(&cursor, opening: open)
            try skipFlowSpace(&cursor, opening: open)
            let pairValue = try parseFlowPairValue(&cursor, key: first, opening: open, close: close)
            if isSequence {
                if let pairValue {
                    let pair = YAMLPair(key: first.scalar ?? "", keyRange: first.range, value: pairValue)
                    items.append(YAMLNode(.mapping([pair]), first.range.union(pairValue.range)))
                } else {
                    items.append(first)
                }
            } else {
                try addFlowPair(key: first, value: pairValue, opening: open, to: &pairs, seen: &seen)
            }
            try skipFlowSpace(&cursor, opening: open)
            let b = bytes[cursor.pos]
            if b == UInt8(ascii: ",") { cursor.pos += 1; continue }
            if b == close { cursor.pos += 1; break }
            throw flowSeparatorMissing(at: cursor, opening: open, close: close)
        }
        line = cursor.line + 1
        let range = SourceRange(open, cursor.pos)
        return isSequence ? YAMLNode(.sequence(items), range) : YAMLNode(.mapping(pairs), range)
    }

    /// The value after `key:` in a flow collection, the cursor being just after the key; nil
    /// when no ':' follows (a list item, or a key without a value).
    private mutating func parseFlowPairValue(
        _ cursor: inout Cursor, key first: YAMLNode, opening open: Int, close: UInt8
    )
        throws -> YAMLNode?
    {
        guard bytes[cursor.pos] == UInt8(ascii: ":") else { return nil }
        if bytes[open] == UInt8(ascii: "[")
            && lineOf(offset: cursor.pos) != lineOf(offset: max(first.range.start, first.range.end - 1))
        {
            throw YAMLIssue(
                .syntax, "a key and its ':' must be on the same line", SourceRange(cursor.pos, cursor.pos + 1),
                help: "move the ':' to the end of the key's line")
        }
        if first.mapping != nil || first.sequence != nil {
            throw YAMLIssue(
                .unsupported, "complex keys (a list or mapping used as a key) are not supported",
                SourceRange(first.range.start, cursor.pos + 1), help: "use a plain text key")
        }
        let colon = cursor.pos
        cursor.pos += 1
        try skipFlowSpace(&cursor, opening: open)
        let b = bytes[cursor.pos]
        if b == UInt8(ascii: ",") || b == close {
            return YAMLNode(.null, SourceRange(colon + 1, colon + 1))
        }
        return try parseFlowNode(&cursor, opening: open)
    }

    /// Adds an entry of a flow mapping; a key seen before is reported and its first value kept.
    private mutating func addFlowPair(
        key first: YAMLNode, value pairValue: YAMLNode?, opening open: Int, to pairs: inout [YAMLPair],
        seen: inout SeenKeys
    ) throws {
        guard let key = first.scalar else {
            let template = bytes[open] == UInt8(ascii: "{") && bytes[first.range.start] == UInt8(ascii: "{")
            throw YAMLIssue(
                .unsupported, "complex keys (a list or mapping used as a key) are not supported", first.range,
                help: template
                    ? "this looks like a template placeholder ({{ … }}): put the whole value in quotes"
                    : "use a plain text key")
        }
        let value = pairValue ?? YAMLNode(.null, SourceRange(first.range.end, first.range.end))
        if let firstRange = seen.firstRange(of: key, in: pairs) {
            issues.append(
                YAMLIssue(
                    .duplicateKey, "duplicate key '\(key)'", first.range,
                    help: "keep one '\(key):' and merge the two values; the first one is used",
                    related: [("first defined here", firstRange)]))
            return
        }
        pairs.append(YAMLPair(key: key, keyRange: first.range, value: value))
        seen.added(pairs)
        if pairs.count > YAMLParser.maxKeys {
            throw YAMLIssue(
                .limit, "more than \(YAMLParser.maxKeys) keys in one mapping", first.range,
                help: "front matter holds an account's fields; keep long lists in the notes")
        }
    }

    /// Neither ',' nor the closing bracket after an entry of a flow collection.
    private func flowSeparatorMissing(at cursor: Cursor, opening open: Int, close: UInt8) -> YAMLIssue {
        if cursor.line != lineOf(offset: open) {
            // The bracket was most likely never closed: point at it, not at the next line.
            return YAMLIssue(
                .syntax, "unclosed '\(Character(Unicode.Scalar(bytes[open])))'", SourceRange(open, open + 1),
                help: "add the closing '\(Character(Unicode.Scalar(close)))' at the end of the value",
                related: [("reading stopped here", SourceRange(cursor.pos, cursor.pos + 1))])
        }
        return YAMLIssue(
            .syntax, "expected ',' or '\(Character(Unicode.Scalar(close)))'",
            SourceRange(cursor.pos, cursor.pos + 1),
            help: "separate entries with ', ' and quote text that contains brackets, braces or commas")
    }

    private mutating func parseFlowNode(_ cursor: inout Cursor, opening: Int) throws -> YAMLNode {
        let p = cursor.pos
        let end = ends[cursor.line]
        let b = bytes[p]
        if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
            return try parseFlowCollection(&cursor)
        }
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
            return try parseQuoted(&cursor, flow: true)
        }
        if b == UInt8(ascii: "-") && (p + 1 == end || isSpace(bytes[p + 1]) || isFlowIndicator(bytes[p + 1])) {
            throw YAMLIssue(
                .syntax, "a '-' alone inside a flow list", SourceRange(p, p + 1),
                help: "inside [ ], separate items with commas: [a, b]; quote a lone dash: '-'")
        }
        if b == UInt8(ascii: "#") {
            throw YAMLIssue(
                .syntax, "'#' starts a comment only after a space", SourceRange(p, p + 1),
                help: "put a space before '#' to start a comment, or quote the text")
        }
        if b == UInt8(ascii: ":") && (p + 1 == end || isSpace(bytes[p + 1]) || isFlowIndicator(bytes[p + 1])) {
            throw YAMLIssue(.syntax, "a mapping entry without a key", SourceRange(p, p + 1), help: "write 'key: value'")
        }
        try rejectIndicator(at: p, lineEnd: end)
        return parseFlowPlain(&cursor)
    }

    /// A plain scalar inside a flow collection, possibly folded over several lines.
    private func parseFlowPlain(_ cursor: inout Cursor) -> YAMLNode {
        let p = cursor.pos
        var text: [UInt8] = []
        var rangeEnd = p
        var q = p
        var lineIndex = cursor.line
        var lineEnd = ends[cursor.line]
        while true {
            let segmentStart = q
            q = flowPlainSegmentEnd(from: q, lineEnd: lineEnd)
            var segmentEnd = q
            while segmentEnd > segmentStart && isSpace(bytes[segmentEnd - 1]) { segmentEnd -= 1 }
            text.append(contentsOf: bytes[segmentStart..<segmentEnd])
            if segmentEnd > segmentStart { rangeEnd = segmentEnd }
            // Continue on the next line only if the line ended inside the scalar.
            guard q == lineEnd, let next = flowPlainContinuation(after: lineIndex) else { break }
            if next.blanks == 0 {
                text.append(0x20)
            } else {
                text.append(contentsOf: [UInt8](repeating: 0x0A, count: next.blanks))
            }
            lineIndex = next.line
            lineEnd = ends[next.line]
            q = next.start
        }
        cursor = Cursor(line: lineIndex, pos: q)
        return YAMLNode(.scalar(String(decoding: text, as: UTF8.self), .plain), SourceRange(p, rangeEnd))
    }

    /// Where the part of a flow plain scalar on this line ends: at a flow indicator, a ': ' or a ' #'.
    @inline(__always)
    private func flowPlainSegmentEnd(from segmentStart: Int, lineEnd: Int) -> Int {
        var q = segmentStart
        while q < lineEnd {
            let c = bytes[q]
            if isFlowIndicator(c) { break }
            if c == UInt8(ascii: ":")
                && (q + 1 == lineEnd || isSpace(bytes[q + 1]) || isFlowIndicator(bytes[q + 1]))
            {
                break
            }
            if c == UInt8(ascii: "#") && q > segmentStart && isSpace(bytes[q - 1]) { break }
            q += 1
        }
        return q
    }

    /// The line a flow plain scalar continues on after line `i`, where its text starts and the
    /// empty lines skipped; nil when the next line with content does not continue it.
    private func flowPlainContinuation(after i: Int) -> (line: Int, start: Int, blanks: Int)? {
        var k = i + 1
        var blanks = 0
        while k < starts.count && isBlank(k) && !isDocumentMarker(k) { blanks += 1; k += 1 }
        guard k < starts.count, !isDocumentMarker(k) else { return nil }
        var s = starts[k]
        while s < ends[k] && isSpace(bytes[s]) { s += 1 }
        let c = bytes[s]
        if isFlowIndicator(c) || c == UInt8(ascii: "#")
            || (c == UInt8(ascii: ":") && (s + 1 == ends[k] || isSpace(bytes[s + 1])))
        {
            return nil
        }
        return (k, s, blanks)
    }

    private func isFlowIndicator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
            || c == UInt8(ascii: "{") || c == UInt8(ascii: "}")
    }
}

/// Finds a key among the pairs of a mapping parsed so far, to report duplicates: a search of
/// the pairs themselves while there are few (most mappings have a handful of keys), a
/// dictionary once there are more than 16. The pairs given are always the mapping's pairs
/// so far, each key once.
package struct SeenKeys {
    private var index: [String: SourceRange]?
    private static let searchLimit = 16

    package func firstRange(of key: String, in pairs: [YAMLPair]) -> SourceRange? {
        if let index { return index[key] }
        return pairs.first { $0.key == key }?.keyRange
    }

    /// Call after appending a pair with a key not seen before.
    package mutating func added(_ pairs: [YAMLPair]) {
        if index != nil {
            index![pairs.last!.key] = pairs.last!.keyRange
        } else if pairs.count > SeenKeys.searchLimit {
            index = Dictionary(pairs.map { ($0.key, $0.keyRange) }, uniquingKeysWith: { first, _ in first })
        }
    }
}

extension YAMLParser {
    /// The simple key that starts at `p` on line `line` (`key:` before a space or the end of the
    /// line), read by the parser's own rule: what an editor needs on a line that does not parse yet.
    package static func simpleKey(in file: SourceFile, line: Int, at p: Int) -> (keyEnd: Int, colon: Int)? {
        let parser = YAMLParser(file: file, lines: line..<(line + 1), documentMarkers: false)
        return parser.implicitKey(at: p, lineEnd: file.lineRange(line).upperBound)
    }
}
