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
        // A space may be part of the character next to it (a combining mark after it, a prepended
        // mark before it): by characters then. Tabs never join a character.
        if !text.withUTF8(spacesStandAlone) {
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

    /// Whether each space of a text is a character of its own, as `Character` reads text: a space
    /// joins the character after it when that starts with a combining mark (or a zero-width
    /// joiner, a spacing mark), and the one before it when that is a prepended mark (an Arabic
    /// number sign). Then splitting the text's bytes at spaces splits it at its space characters.
    /// Only a space next to a non-ASCII byte is looked at, as the two scalars make a character
    /// or not (the rules that join a space to a character look no further).
    package static func spacesStandAlone(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while let space = utf8[i...].firstIndex(of: 0x20) {
            i = space + 1
            if joinsNext(utf8, space: space) { return false }
            if space > 0 && utf8[space - 1] >= 0x80 {
                let start = Bytes.scalarStart(utf8, before: space)
                if oneCharacter(UnsafeBufferPointer(rebasing: utf8[start...space])) { return false }
            }
        }
        return true
    }

    /// Whether the space at `space` and the scalar after it make one character.
    private static func joinsNext(_ utf8: UnsafeBufferPointer<UInt8>, space: Int) -> Bool {
        let next = space + 1
        guard next < utf8.count && utf8[next] >= 0x80 else { return false }
        let end = min(utf8.count, next + Bytes.scalarLength(lead: utf8[next]))
        return oneCharacter(UnsafeBufferPointer(rebasing: utf8[space..<end]))
    }

    private static func oneCharacter(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        String(decoding: utf8, as: UTF8.self).count == 1
    }

    /// The text up to its first whitespace character.
    package static func first(_ text: String) -> String {
        // Up to an ASCII space that stands alone, all ASCII before (nearly always): bytes. A
        // control character (a tab, a line break) never joins the one after it.
        var text = text
        let end = text.withUTF8 { utf8 -> Int? in
            for (i, b) in utf8.enumerated() {
                if b >= 0x80 { return nil }
                if b == 0x20 { return joinsNext(utf8, space: i) ? nil : i }
                if b >= 0x09 && b <= 0x0D { return i }
            }
            return utf8.count
        }
        guard let end else { return String(text.prefix(while: { !$0.isWhitespace })) }
        return String(text.utf8.prefix(end))!
    }

    /// An id as words on a page: each `_` a space (`economic_buyer` → "economic buyer"). By
    /// bytes: a brief says a dozen of them per account, and Foundation's replacing costs a
    /// thousand times more.
    package static func spaced(_ id: String) -> String {
        guard id.utf8.contains(UInt8(ascii: "_")) else { return id }
        return String(decoding: id.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
