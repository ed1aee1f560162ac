import FieldnotesCore
import FieldnotesSupport
import Foundation

/// A document as the editor has it: its exact text (line breaks as typed), edited in place by
/// `didChange`, with LSP positions (0-based line, UTF-16 character).
public struct TextDocument: Sendable {
    public var uri: String
    /// The file path, when the URI is a `file:` URI.
    public var path: String?
    public var version: Int
    public private(set) var bytes: [UInt8]
    /// Offset of each line's first byte; a line ends at `\n`, `\r\n` or `\r`, as the protocol says.
    /// An edit rescans only the lines it touches and moves the starts after it.
    package private(set) var lineStarts: [Int]
    /// Bytes scanned for line breaks since the document was opened (the measure of that work).
    package private(set) var lineScanBytes = 0

    public init(uri: String, version: Int, text: String) {
        self.uri = uri
        self.path = TextDocument.path(fromURI: uri)
        self.version = version
        self.bytes = Array(text.utf8)
        self.lineStarts = TextDocument.lineStarts(bytes)
        self.lineScanBytes = bytes.count
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The path of a `file:` URI (percent-decoded), or nil.
    public static func path(fromURI uri: String) -> String? {
        guard uri.hasPrefix("file:"), let url = URL(string: uri), url.isFileURL else { return nil }
        let path = url.path
        return path.isEmpty ? nil : path
    }

    public static func uri(forPath path: String) -> String {
        URL(fileURLWithPath: path).absoluteString
    }

    package static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var scanned = 0
        while let next = nextLineStart(in: bytes, from: starts[starts.count - 1], scanned: &scanned) {
            starts.append(next)
        }
        return starts
    }

    /// The start of the line after the one that starts at `start`, or nil when that line is the
    /// last; `scanned` counts the bytes looked at.
    private static func nextLineStart(in bytes: [UInt8], from start: Int, scanned: inout Int) -> Int? {
        var i = start
        defer { scanned += i - start }
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b == 0x0A { return i }
            if b == 0x0D {
                if i < bytes.count && bytes[i] == 0x0A { i += 1 }
                return i
            }
        }
        return nil
    }

    /// Byte offset of an LSP position. A character past the end of its line means the end of the
    /// line, and a line past the end means the end of the document (as the protocol asks).
    public func offset(line: Int, character: Int) -> Int {
        guard line >= 0 else { return 0 }
        guard line < lineStarts.count else { return bytes.count }
        let start = lineStarts[line]
        var end = bytes.count
        if line + 1 < lineStarts.count {
            // Without the line break (\n, \r\n or \r).
            end = lineStarts[line + 1]
            if end > start && bytes[end - 1] == 0x0A { end -= 1 }
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        }
        var utf16 = 0
        var i = start
        while i < end && utf16 < character {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            utf16 += length == 4 ? 2 : 1
            i += length
        }
        return min(i, end)
    }

    public enum EditError: Error, Equatable { case invalidRange }

    /// Applies one `contentChanges` entry: with a range, an incremental edit; without, the whole text.
    public mutating func apply(
        range: (start: (line: Int, character: Int), end: (line: Int, character: Int))?, text newText: String
    ) throws {
        guard let range else {
            bytes = Array(newText.utf8)
            lineStarts = TextDocument.lineStarts(bytes)
            lineScanBytes += bytes.count
            return
        }
        let start = offset(line: range.start.line, character: range.start.character)
        let end = offset(line: range.end.line, character: range.end.character)
        guard start <= end else { throw EditError.invalidRange }
        let inserted = newText.utf8.count
        bytes.replaceSubrange(start..<end, with: newText.utf8)
        updateLineStarts(replacing: start..<end, insertedCount: inserted)
    }

    /// Brings `lineStarts` up to date after the bytes in `old` became `insertedCount` new ones.
    ///
    /// Whether an offset starts a line depends only on the byte before it and the byte at it, so
    /// the starts before the edit stay, the new text is scanned (with the byte before it), and
    /// the starts after the old text move by the change in length: the work is the edit's, not
    /// the document's.
    private mutating func updateLineStarts(replacing old: Range<Int>, insertedCount: Int) {
        let newEnd = old.lowerBound + insertedCount
        // The first start at or after the edit (one just after it may no longer be one: "\r" + "\n").
        let firstChanged = firstLineStart(atOrAfter: old.lowerBound)
        // The first start after the old text: the bytes around it are unchanged.
        let firstKept = firstLineStart(atOrAfter: old.upperBound + 1)
        var rescanned: [Int] = []
        var i = max(0, old.lowerBound - 1)
        lineScanBytes += newEnd - i
        while i < newEnd {
            let b = bytes[i]
            i += 1
            if b == 0x0A {
                rescanned.append(i)
            } else if b == 0x0D {
                if i < bytes.count && bytes[i] == 0x0A { i += 1 }
                // A "\r\n" made of the new text's last byte and the next ends after it: that start is kept.
                if i <= newEnd { rescanned.append(i) }
            }
        }
        let delta = insertedCount - old.count
        if delta != 0 {
            for k in firstKept..<lineStarts.count { lineStarts[k] += delta }
        }
        lineStarts.replaceSubrange(firstChanged..<firstKept, with: rescanned)
    }

    /// The index of the first line start at or after `offset` (the count when there is none);
    /// never 0, as the first line starts every document.
    private func firstLineStart(atOrAfter offset: Int) -> Int {
        var low = 1, high = lineStarts.count
        while low < high {
            let middle = (low + high) / 2
            if lineStarts[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
