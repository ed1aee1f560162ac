import FieldnotesSupport
import Foundation

/// A JSON document whose one long array is written item by item, byte for byte as
/// `JSONWriter.pretty` writes the whole document: the text before the array's first item, each
/// item, and the text after the last. Made by writing the document with one marker item and
/// cutting it there, so the pieces can never drift from the whole.
package struct JSONStream: Sendable {
    /// Up to and including the array's `[`.
    package let opening: String
    /// After the last item (`\n  ]\n}\n`).
    package let closing: String
    /// After the opening when the array has no item (`]\n}\n`).
    package let emptyClosing: String
    /// The nesting depth of the items.
    private let depth: Int

    /// The item separator each item's text begins with: the first item's is left out.
    package static let separator = ","

    /// - Parameter document: the document with `items` as the array.
    package init(_ document: (JSONValue) -> JSONValue) {
        let marker = "\u{1}fieldnotes-item\u{1}"
        let quoted = JSONWriter.quote(marker)
        let whole = JSONWriter.pretty(document(.array([.string(marker)]))) + "\n"
        let empty = JSONWriter.pretty(document(.array([]))) + "\n"
        let at = whole.range(of: quoted)!
        let head = whole[..<at.lowerBound]
        // The marker's line: the opening ends at the `[` before its line break and indentation.
        let lineStart = head.lastIndex(of: "\n")!
        opening = String(head[..<lineStart])
        depth = head[head.index(after: lineStart)...].count / 2
        closing = String(whole[at.upperBound...])
        emptyClosing = String(empty.dropFirst(opening.count))
        assert(empty.hasPrefix(opening))
    }

    /// One item as written in the array: the separator, a line break and indentation, the item.
    package func item(_ value: JSONValue, into out: inout TextBuffer) {
        out.write(JSONStream.separator)
        out.write("\n")
        out.write(String(repeating: "  ", count: depth))
        out.write(JSONWriter.pretty(value, indent: depth))
    }

    /// What follows the items: `count` were written.
    package func end(count: Int) -> String { count == 0 ? emptyClosing : closing }
}
