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
        let n = Array(needle.utf8)
        guard s.count >= n.count else { return false }
        var i = s.startIndex
        while i + n.count <= s.endIndex {
            var k = 0
            while k < n.count && lower(s[i + k]) == n[k] { k += 1 }
            if k == n.count { return true }
            i += 1
        }
        return false
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
