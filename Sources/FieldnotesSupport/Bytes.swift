import Foundation

/// Byte-level helpers for the scanners' hot loops (ASCII structure in UTF-8 text).
///
/// The type is public so that the other layers can inline its `@inlinable` primitives: the
/// bodies of a package type's are not made available to other modules. Its members stay `package`.
public enum Bytes {
    /// Offset of the first byte that is not part of valid UTF-8, or nil.
    package static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            var i = 0
            let n = b.count
            while i < n {
                // Notes are mostly ASCII: skip runs of it eight bytes at a time.
                if i + 8 <= n,
                    UnsafeRawBufferPointer(b).loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
                        == 0
                {
                    i += 8
                    continue
                }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                var need = 0
                var min: UInt32 = 0
                var value: UInt32 = 0
                if c & 0xE0 == 0xC0 {
                    need = 1; min = 0x80; value = UInt32(c & 0x1F)
                } else if c & 0xF0 == 0xE0 {
                    need = 2; min = 0x800; value = UInt32(c & 0x0F)
                } else if c & 0xF8 == 0xF0 {
                    need = 3; min = 0x10000; value = UInt32(c & 0x07)
                } else {
                    return i
                }
                if i + need > n - 1 { return i }
                for k in 1...need {
                    let cc = b[i + k]
                    guard cc & 0xC0 == 0x80 else { return i }
                    value = (value << 6) | UInt32(cc & 0x3F)
                }
                if value < min || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i }
                i += need + 1
            }
            return nil
        }
    }

    @inlinable package static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    @inlinable package static func trim(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lo = s.startIndex, hi = s.endIndex
        while lo < hi && isSpace(s[lo]) { lo += 1 }
        while hi > lo && isSpace(s[hi - 1]) { hi -= 1 }
        return s[lo..<hi]
    }

    /// Whether `needle` (ASCII) occurs at `i`.
    @inlinable package static func matches(_ s: ArraySlice<UInt8>, at i: Int, _ needle: [UInt8]) -> Bool {
        guard i + needle.count <= s.endIndex else { return false }
        for k in 0..<needle.count where s[i + k] != needle[k] { return false }
        return true
    }

    @usableFromInline package static let open = Array("<!--".utf8), close = Array("-->".utf8)

    /// The line without `<!-- … -->` comments, tracking comments that span lines.
    package static func stripComments(_ line: ArraySlice<UInt8>, inComment: inout Bool) -> ArraySlice<UInt8> {
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

    /// The first index of `byte` in `s` (memchr: many bytes at a time).
    @inlinable package static func firstIndex(of byte: UInt8, in s: ArraySlice<UInt8>) -> Int? {
        s.withUnsafeBufferPointer { h -> Int? in
            guard let base = h.baseAddress, !h.isEmpty, let found = memchr(base, Int32(byte), h.count) else {
                return nil
            }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }.map { s.startIndex + $0 }
    }

    /// Whether the line has nothing but spaces: tabs, spaces and Unicode space separators
    /// (as `trimmingSpaces()` sees them).
    package static func isBlank(_ s: ArraySlice<UInt8>) -> Bool {
        let t = trim(s)
        if t.isEmpty { return true }
        return !isASCII(t) && String(decoding: t, as: UTF8.self).trimmingSpaces().isEmpty
    }

    /// Where `needle` first occurs in `s`.
    @inlinable package static func firstRange(of needle: [UInt8], in s: ArraySlice<UInt8>) -> Range<Int>? {
        guard let first = needle.first else { return nil }
        var from = s.startIndex
        while let i = firstIndex(of: first, in: s[from...]) {
            if matches(s, at: i, needle) { return i..<(i + needle.count) }
            from = i + 1
        }
        return nil
    }

    /// Whether `needle` occurs in `s` as a whole word: not inside a longer word ("Ann" is not in
    /// "Anna" or "Annä"), while punctuation on either side, ASCII or not (“Ann”, Ann’s), is a boundary.
    package static func containsWord(_ needle: [UInt8], in s: ArraySlice<UInt8>) -> Bool {
        var from = s.startIndex
        while from < s.endIndex, let r = firstRange(of: needle, in: s[from...]) {
            if !letterEnds(s, before: r.lowerBound) && !letterStarts(s, at: r.upperBound) { return true }
            from = r.lowerBound + 1
        }
        return false
    }

    /// Whether the character that ends just before `i` is a letter or a digit.
    package static func letterEnds(_ s: ArraySlice<UInt8>, before i: Int) -> Bool {
        guard i > s.startIndex else { return false }
        return letterStarts(s, at: scalarStart(s, before: i))
    }

    /// The bytes of the UTF-8 sequence `lead` starts: 1 for ASCII (and a byte that starts none).
    @inlinable package static func scalarLength(lead b: UInt8) -> Int {
        b < 0xC0 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
    }

    /// Where the scalar that ends just before `i` starts (at most three continuation bytes back).
    package static func scalarStart<C: RandomAccessCollection<UInt8>>(_ s: C, before i: Int) -> Int
    where C.Index == Int {
        var start = i - 1
        while start > s.startIndex && s[start] & 0xC0 == 0x80 && i - start < 4 { start -= 1 }
        return start
    }

    /// Whether the character that starts at `i` is a letter or a digit.
    package static func letterStarts(_ s: ArraySlice<UInt8>, at i: Int) -> Bool {
        guard i < s.endIndex else { return false }
        let b = s[i]
        if b < 0x80 { return isWordLetter(b) || isDigit(b) }
        let length = scalarLength(lead: b)
        guard i + length <= s.endIndex,
            let scalar = String(decoding: s[i..<(i + length)], as: UTF8.self).unicodeScalars.first
        else { return true }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Whether two byte arrays hold the same bytes (one memcmp).
    @inlinable package static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count
            && a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
            }
    }

    /// Whether the UTF-8 of `s` contains one of `bytes` (escaping is nearly always not needed:
    /// this is the check before it).
    package static func contains(anyOf bytes: [UInt8], in s: String) -> Bool {
        var s = s
        return s.withUTF8 { text in
            guard let base = text.baseAddress else { return false }
            // One `memchr` per byte looked for: the sets are a handful of bytes.
            return bytes.contains { memchr(base, Int32($0), text.count) != nil }
        }
    }

    /// Whether every byte is ASCII (eight bytes at a time).
    @inlinable package static func isASCII(_ s: ArraySlice<UInt8>) -> Bool {
        s.withUnsafeBufferPointer(isASCII)
    }

    @inlinable package static func isASCII(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(s)
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= raw.count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < raw.count { high |= UInt64(raw[i]); i += 1 }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Whether one of the eight bytes of `x` is `b` (the "has a zero byte" test on `x ^ b·0x0101…`).
    @inline(__always)
    @inlinable package static func hasByte(_ x: UInt64, _ b: UInt8) -> Bool {
        let v = x ^ (0x0101_0101_0101_0101 &* UInt64(b))
        return (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 != 0
    }

    /// Whether one of the eight bytes of `x` is below `n` (`n` at most 128).
    @inline(__always)
    @inlinable package static func hasByte(_ x: UInt64, below n: UInt8) -> Bool {
        (x &- 0x0101_0101_0101_0101 &* UInt64(n)) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// The words of `s` (split at spaces, and tabs when `tabs`) joined by one space; ASCII
    /// letters lowered when `lowercaseASCII`.
    package static func joiningWords(_ s: UnsafeBufferPointer<UInt8>, tabs: Bool, lowercaseASCII: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var pendingSpace = false
        for b in s {
            if b == 0x20 || (tabs && b == 0x09) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(lowercaseASCII ? lower(b) : b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inlinable package static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    @inlinable package static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// `s` with every byte percent-encoded (`%C3%A9`) except ASCII letters, digits and the
    /// characters of `keeping`: a path segment in a URI or a link.
    package static func percentEncoded(_ s: String, keeping: String) -> String {
        let kept = Array(keeping.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in s.utf8 {
            if isWordLetter(b) && b < 0x80 || isDigit(b) || kept.contains(b) {
                out.append(b)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length of a list marker at the start of `t` ("- ", "* ", "+ ", "12. ", "3) "), or nil.
    package static func listMarkerLength(_ t: ArraySlice<UInt8>) -> Int? {
        guard let f = t.first else { return nil }
        if (f == UInt8(ascii: "-") || f == UInt8(ascii: "*") || f == UInt8(ascii: "+")) && t.count > 1
            && t[t.startIndex + 1] == 0x20
        {
            return 2
        }
        var k = t.startIndex
        while k < t.endIndex && isDigit(t[k]) { k += 1 }
        guard k > t.startIndex, k + 1 < t.endIndex, t[k] == UInt8(ascii: ".") || t[k] == UInt8(ascii: ")"),
            t[k + 1] == 0x20
        else { return nil }
        return k - t.startIndex + 2
    }

    /// A letter for word boundaries: ASCII letters, and any byte of a non-ASCII character.
    @inlinable package static func isWordLetter(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 0x80
    }
}

/// A few ASCII words looked for in one pass over the bytes: a table of the bytes they start
/// with lets the loop skip most bytes, so testing a line for five words costs what one did.
package struct ASCIIWords: Sendable {
    private let words: [[UInt8]]
    private let ignoreCase: Bool
    private let wholeWord: Bool
    /// For each byte value, whether some word starts with it (in either case when ignoring case).
    private let starts: [Bool]
    /// For each byte value, the words (by index, in order) that start with it.
    private let byFirst: [[Int]]

    /// `words` in ASCII; when ignoring case, written in lower case.
    package init(_ words: [String], ignoreCase: Bool, wholeWord: Bool = false) {
        self.words = words.map { Array($0.utf8) }.filter { !$0.isEmpty }
        self.ignoreCase = ignoreCase
        self.wholeWord = wholeWord
        var starts = [Bool](repeating: false, count: 256)
        var byFirst = [[Int]](repeating: [], count: 256)
        for (w, word) in self.words.enumerated() {
            starts[Int(word[0])] = true
            byFirst[Int(word[0])].append(w)
            if ignoreCase && word[0] >= 97 && word[0] <= 122 {
                starts[Int(word[0] - 32)] = true
                byFirst[Int(word[0] - 32)].append(w)
            }
        }
        self.starts = starts
        self.byFirst = byFirst
    }

    /// Whether one of the words occurs in `s`.
    package func occurs(in s: ArraySlice<UInt8>) -> Bool { firstMatch(in: s) != nil }

    /// The leftmost occurrence of one of the words (at the same place, the first listed).
    package func firstMatch(in s: ArraySlice<UInt8>) -> Range<Int>? {
        let found: Range<Int>? = s.withUnsafeBufferPointer { h in
            starts.withUnsafeBufferPointer { starts in
                var i = 0
                while i < h.count {
                    if starts[Int(h[i])], let length = match(h, at: i) { return i..<(i + length) }
                    i += 1
                }
                return nil
            }
        }
        return found.map { (s.startIndex + $0.lowerBound)..<(s.startIndex + $0.upperBound) }
    }

    /// The length of the first of the words found at `i`, if one is.
    package func match(_ h: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        for w in byFirst[Int(h[i])] {
            let word = words[w]
            guard i + word.count <= h.count else { continue }
            var k = 0
            if ignoreCase {
                while k < word.count && Bytes.lower(h[i + k]) == word[k] { k += 1 }
            } else {
                while k < word.count && h[i + k] == word[k] { k += 1 }
            }
            guard k == word.count else { continue }
            if wholeWord
                && ((i > 0 && Bytes.isWordLetter(h[i - 1])) || (i + k < h.count && Bytes.isWordLetter(h[i + k])))
            {
                continue
            }
            return k
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces and tabs; see `Substring.trimmingSpaces()`.
    package func trimmingSpaces() -> String { self[...].trimmingSpaces() }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (`CharacterSet.whitespaces`: tab and
    /// Unicode space separators), by Unicode scalars, ASCII first: Foundation's version goes
    /// through NSString and costs more than the rest of a line's scanning.
    package func trimmingSpaces() -> String {
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
