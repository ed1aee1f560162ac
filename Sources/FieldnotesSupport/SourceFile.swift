import Foundation

/// A half-open range of UTF-8 offsets into a `SourceFile`'s normalized text.
public struct SourceRange: Hashable, Sendable, Comparable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public static func < (lhs: SourceRange, rhs: SourceRange) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}

/// A 1-based line and column. `column` counts characters; `utf16Column` is the 0-based
/// UTF-16 offset in the line that the Language Server Protocol uses.
public struct TextPosition: Hashable, Sendable {
    public var line: Int
    public var column: Int
    public var utf16Column: Int
}

/// The text of one file, normalized (no BOM, LF line endings) and indexed by line.
///
/// Normalizing keeps every line and column identical to what an editor shows:
/// a BOM is invisible and a CR before LF is part of the line break.
public struct SourceFile: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// The text as a String (decoded on demand: the scanners work on bytes).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// UTF-8 offset of the first byte of each line.
    public let lineStarts: [Int]

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// From UTF-8 bytes (invalid sequences are shown as U+FFFD where text is needed).
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if Bytes.firstIndex(of: 0x0D, in: bytes[...]) != nil {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0D {
                    out.append(0x0A)
                    if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                } else {
                    out.append(b)
                }
                i += 1
            }
            bytes = out
        }
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        var from = 0
        while let newline = Bytes.firstIndex(of: 0x0A, in: bytes[from...]) {
            starts.append(newline + 1)
            from = newline + 1
        }
        self.lineStarts = starts
    }

    public var lineCount: Int { lineStarts.count }

    /// 0-based line index containing `offset`.
    public func lineIndex(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Byte range of a 0-based line, without its line break.
    public func lineRange(_ index: Int) -> Range<Int> {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end < start { end = start }
        return start..<end
    }

    public func lineText(_ index: Int) -> String {
        String(decoding: bytes[lineRange(index)], as: UTF8.self)
    }

    public func location(of offset: Int) -> TextPosition {
        let clamped = min(max(0, offset), bytes.count)
        let line = lineIndex(of: clamped)
        let prefixBytes = bytes[lineStarts[line]..<clamped]
        if prefixBytes.allSatisfy({ $0 < 0x80 }) {
            return TextPosition(line: line + 1, column: prefixBytes.count + 1, utf16Column: prefixBytes.count)
        }
        let prefix = String(decoding: prefixBytes, as: UTF8.self)
        return TextPosition(line: line + 1, column: prefix.count + 1, utf16Column: prefix.utf16.count)
    }

    /// UTF-8 offset of a 0-based line and UTF-16 column (for editor positions).
    public func offset(line: Int, utf16Column: Int) -> Int {
        guard line < lineStarts.count else { return bytes.count }
        let range = lineRange(line)
        let lineString = String(decoding: bytes[range], as: UTF8.self)
        var utf16 = 0
        var utf8 = 0
        for scalar in lineString.unicodeScalars {
            if utf16 >= utf16Column { break }
            utf16 += scalar.utf16.count
            utf8 += scalar.utf8.count
        }
        return range.lowerBound + utf8
    }

    public func slice(_ range: SourceRange) -> String {
        let s = min(max(0, range.start), bytes.count)
        let e = min(max(s, range.end), bytes.count)
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }
}
