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
    private var lineStarts: [Int]

    public init(uri: String, version: Int, text: String) {
        self.uri = uri
        self.path = TextDocument.path(fromURI: uri)
        self.version = version
        self.bytes = Array(text.utf8)
        self.lineStarts = TextDocument.lineStarts(bytes)
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

    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                starts.append(i + 1)
            } else if bytes[i] == 0x0D {
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        return starts
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
    public mutating func apply(range: (start: (line: Int, character: Int), end: (line: Int, character: Int))?, text newText: String) throws {
        guard let range else {
            bytes = Array(newText.utf8)
            lineStarts = TextDocument.lineStarts(bytes)
            return
        }
        let start = offset(line: range.start.line, character: range.start.character)
        let end = offset(line: range.end.line, character: range.end.character)
        guard start <= end else { throw EditError.invalidRange }
        bytes.replaceSubrange(start..<end, with: newText.utf8)
        lineStarts = TextDocument.lineStarts(bytes)
    }
}
