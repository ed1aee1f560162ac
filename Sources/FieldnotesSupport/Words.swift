/// Words of a text, compared the way people read them: one entry point per operation, which
/// takes the byte path for ASCII text (nearly all notes) and the general path otherwise. The
/// plain versions they must agree with are in the tests (`FastPathTests`).
package enum Words {
    /// Lowercased, runs of spaces (and tabs, with `tabs`) read as one space, none at either end:
    /// how section titles and contact names are compared.
    package static func key(_ text: String, tabs: Bool) -> String {
        var text = text
        if text.withUTF8(Bytes.isASCII) {
            return text.withUTF8 { Bytes.joiningWords($0, tabs: tabs, lowercaseASCII: true) }
        }
        // A space next to a non-ASCII character may be part of it (a combining mark after it, a
        // prepended mark before it): by characters then. Tabs never join a character.
        let joinable = text.withUTF8 {
            zip($0, $0.dropFirst()).contains { ($0 == 0x20 && $1 >= 0x80) || ($0 >= 0x80 && $1 == 0x20) }
        }
        if joinable {
            return text.lowercased().split(whereSeparator: { $0 == " " || (tabs && $0 == "\t") })
                .joined(separator: " ")
        }
        // Lowered scalar by scalar, as String.lowercased() does; ASCII as bytes.
        var lower: [UInt8] = []
        lower.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                lower.append(Bytes.lower(UInt8(scalar.value)))
            } else if scalar.properties.changesWhenLowercased {
                lower.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                lower.append(contentsOf: String(scalar).utf8)
            }
        }
        return lower.withUnsafeBufferPointer { Bytes.joiningWords($0, tabs: tabs, lowercaseASCII: false) }
    }

    /// The text up to its first whitespace character.
    package static func first(_ text: String) -> String {
        // Up to an ASCII space with ASCII after it, all ASCII before (nearly always): bytes.
        let utf8 = text.utf8
        var end = utf8.startIndex
        while end < utf8.endIndex {
            let b = utf8[end]
            if b >= 0x80 { return String(text.prefix(while: { !$0.isWhitespace })) }
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                // Unless what follows joins the space into one character (a combining mark).
                let next = utf8.index(after: end)
                if next < utf8.endIndex && utf8[next] >= 0x80 {
                    let scalar = text.unicodeScalars[next]
                    if scalar.properties.isGraphemeExtend || scalar.value == 0x200D
                        || scalar.properties.generalCategory == .spacingMark
                    {
                        return String(text.prefix(while: { !$0.isWhitespace }))
                    }
                }
                break
            }
            end = utf8.index(after: end)
        }
        return String(text[..<end])
    }

    /// An id as words on a page: each `_` a space (`economic_buyer` → "economic buyer"). By
    /// bytes: a brief says a dozen of them per account, and Foundation's replacing costs a
    /// thousand times more.
    package static func spaced(_ id: String) -> String {
        guard id.utf8.contains(UInt8(ascii: "_")) else { return id }
        return String(decoding: id.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
