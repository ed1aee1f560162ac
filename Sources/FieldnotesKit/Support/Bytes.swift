/// Byte-level helpers for the scanners' hot loops (ASCII structure in UTF-8 text).
enum Bytes {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    static func trim(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lo = s.startIndex, hi = s.endIndex
        while lo < hi && isSpace(s[lo]) { lo += 1 }
        while hi > lo && isSpace(s[hi - 1]) { hi -= 1 }
        return s[lo..<hi]
    }

    /// Whether `needle` (ASCII) occurs at `i`.
    static func matches(_ s: ArraySlice<UInt8>, at i: Int, _ needle: [UInt8]) -> Bool {
        guard i + needle.count <= s.endIndex else { return false }
        for k in 0..<needle.count where s[i + k] != needle[k] { return false }
        return true
    }

    static let open = Array("<!--".utf8), close = Array("-->".utf8)

    /// The line without `<!-- … -->` comments, tracking comments that span lines.
    static func stripComments(_ line: ArraySlice<UInt8>, inComment: inout Bool) -> ArraySlice<UInt8> {
        if !inComment && !line.contains(UInt8(ascii: "<")) { return line }
        return stripCommentsSlow(line, inComment: &inComment)[...]
    }

    private static func stripCommentsSlow(_ line: ArraySlice<UInt8>, inComment: inout Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        var i = line.startIndex
        while i < line.endIndex {
            if inComment {
                if line[i] == UInt8(ascii: "-") && matches(line, at: i, close) { inComment = false; i += 3; continue }
                i += 1
            } else {
                if line[i] == UInt8(ascii: "<") && matches(line, at: i, open) { inComment = true; i += 4; continue }
                out.append(line[i])
                i += 1
            }
        }
        return out
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    static func containsASCIICaseInsensitive(_ s: ArraySlice<UInt8>, _ needle: String) -> Bool {
        firstRangeASCIICaseInsensitive(s, needle) != nil
    }

    /// Where `needle` (lowercase ASCII) first occurs in `s`, ignoring ASCII case.
    static func firstRangeASCIICaseInsensitive(_ s: ArraySlice<UInt8>, _ needle: String) -> Range<Int>? {
        let n = Array(needle.utf8)
        guard s.count >= n.count else { return nil }
        var i = s.startIndex
        while i + n.count <= s.endIndex {
            var k = 0
            while k < n.count && lower(s[i + k]) == n[k] { k += 1 }
            if k == n.count { return i..<i + n.count }
            i += 1
        }
        return nil
    }

    /// `word` (ASCII) not preceded or followed by a letter.
    static func containsWord(_ s: ArraySlice<UInt8>, _ word: String) -> Bool {
        let n = Array(word.utf8)
        var i = s.startIndex
        func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 0x80 }
        let first = n[0]
        while i + n.count <= s.endIndex {
            if s[i] != first { i += 1; continue }
            if matches(s, at: i, n) && (i == s.startIndex || !isLetter(s[i - 1])) && (i + n.count == s.endIndex || !isLetter(s[i + n.count])) {
                return true
            }
            i += 1
        }
        return false
    }
}

extension String {
    /// Without leading and trailing spaces and tabs; see `Substring.trimmingSpaces()`.
    func trimmingSpaces() -> String { self[...].trimmingSpaces() }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (`CharacterSet.whitespaces`: tab and
    /// Unicode space separators), by Unicode scalars, ASCII first: Foundation's version goes
    /// through NSString and costs more than the rest of a line's scanning.
    func trimmingSpaces() -> String {
        // ASCII edges (nearly always): bytes. Otherwise by Unicode scalars.
        let u = utf8
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi, u[lo] == 0x20 || u[lo] == 0x09 { lo = u.index(after: lo) }
        while hi > lo, u[u.index(before: hi)] == 0x20 || u[u.index(before: hi)] == 0x09 { hi = u.index(before: hi) }
        if lo == hi { return "" }
        if u[lo] < 0x80 && u[u.index(before: hi)] < 0x80 { return String(self[lo..<hi]) }
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            u == " " || u == "\t" || (u.value >= 0x80 && u.properties.generalCategory == .spaceSeparator)
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
