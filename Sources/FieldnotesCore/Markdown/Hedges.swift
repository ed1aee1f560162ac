import FieldnotesSupport

/// Words that hedge ("probably", "I think"): a line with one says what the rep supposes, not
/// what the customer said, and counts as an assumption. Whole words, in any case; words inside
/// quotation marks ("…", “…”) are the customer's own and do not count.
package enum Hedges {
    /// The hedging words, as messages quote them.
    package static let phrases = [
        "I think", "probably", "seems", "seemed", "seem", "as I understand it", "should be", "I believe", "I guess",
        "I assume", "presumably", "apparently",
    ]
    private static let lowered = phrases.map { String(decoding: $0.utf8.map(Bytes.lower), as: UTF8.self) }
    private static let words = ASCIIWords(lowered, ignoreCase: true, wholeWord: true)
    private static let byLowered = Dictionary(uniqueKeysWithValues: zip(lowered, phrases))

    /// The first hedge of `line` outside quotation marks: where it is (in `line`'s indices) and
    /// the phrase as listed.
    package static func find(in line: ArraySlice<UInt8>) -> (range: Range<Int>, phrase: String)? {
        var from = line.startIndex
        // The quotation state is carried forward from match to match: one pass over the line.
        var quoted = false, scanned = line.startIndex
        while from < line.endIndex, let r = words.firstMatch(in: line[from...]) {
            quoted = quotation(line, from: scanned, to: r.lowerBound, quoted: quoted)
            scanned = r.lowerBound
            if !quoted {
                let text = String(decoding: line[r].map(Bytes.lower), as: UTF8.self)
                return (r, byLowered[text] ?? text)
            }
            from = r.upperBound
        }
        return nil
    }

    /// Whether a quotation is open at `end`, given the state at `start`: `"` opens and closes,
    /// `“` opens and `”` closes.
    private static func quotation(_ line: ArraySlice<UInt8>, from start: Int, to end: Int, quoted: Bool) -> Bool {
        var quoted = quoted
        var p = start
        while p < end {
            let b = line[p]
            if b == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if b == 0xE2, p + 2 < end, line[p + 1] == 0x80, line[p + 2] == 0x9C || line[p + 2] == 0x9D {
                quoted = line[p + 2] == 0x9C
                p += 2
            }
            p += 1
        }
        return quoted
    }
}
