import FieldnotesSupport

extension Contact {
    /// Whether they still take part (`status` is not `left`): only active contacts count for
    /// roles, coverage and risks.
    public var isActive: Bool { !left }

    /// Whether a contact entry as written says they left (`status: left`): the one test the
    /// decoder (`left`) and the checklist's contact questions both apply.
    package static func hasLeft(_ entry: YAMLNode) -> Bool { entry["status"]?.scalar == "left" }
}

extension AccountFields {
    /// The stage whose open-deal rules apply (stale, next step, meetings): the account's stage
    /// while open; for a won account, the furthest stage of its opportunities still open (account
    /// management goes on); nil for a lost deal, a won one with nothing open, or no valid stage.
    public var openDealStage: Stage? {
        guard let stage = stage?.value else { return nil }
        guard stage.isClosed else { return stage }
        guard stage == .closedWon else { return nil }
        return opportunities.compactMap(\.stage).filter { !$0.isClosed }.max()
    }
}

/// When each contact was last met: their `last_met`, or the newest dated log entry whose heading
/// or text names them, whichever is later. Computed once per check, into `Contact.met`.
package enum ContactMeetings {
    /// Sets `met` on every contact from `last_met` and the log entries dated on or before `asOf`
    /// (a planned entry is no meeting yet). A contact is named by their full name in an entry's
    /// heading or text, or by their first name in its heading ("Call with Jenny") when no other
    /// contact shares it: a first name in running text is too often a word ("Will send…").
    /// One pass over the log: each word is looked up among the names' first words, so the cost
    /// is the log's length, however many contacts there are.
    /// `only`: the contacts whose meetings are looked for in the log (nil: all); the others keep
    /// their `last_met`.
    package static func resolve(
        _ fields: inout AccountFields, body: Body, source: SourceFile, asOf: Day, only: Set<Int>? = nil
    ) {
        guard !fields.contacts.isEmpty else { return }
        // A last_met after today is a future-date error, and no meeting yet.
        var met = fields.contacts.map { c in c.lastMet.map(\.value).flatMap { $0 <= asOf ? $0 : nil } }
        // Nobody to look for (the history's reading, when every contact it asks about has a
        // last_met already past): the log is not read.
        if only?.isEmpty != true {
            let names = Names(fields.contacts, only: only)
            for entry in entryTexts(body, source) where entry.day <= asOf {
                names.find(in: entry.text, headingEnd: entry.heading.endIndex) { i in
                    if met[i].map({ entry.day > $0 }) ?? true { met[i] = entry.day }
                }
            }
        }
        for i in fields.contacts.indices { fields.contacts[i].met = met[i] }
    }

    /// The names to look for, by their first word.
    private struct Names {
        /// First word → (contact, the whole name's bytes, whether it counts only in a heading).
        var byFirstWord: [ArraySlice<UInt8>: [(contact: Int, name: [UInt8], headingOnly: Bool)]] = [:]
        /// The first bytes of those words: most words of a log start with none of them and are
        /// not looked up.
        var starts = [Bool](repeating: false, count: 256)

        /// `only`: the contacts looked for (nil: all); a first name is unique among all of them.
        init(_ contacts: [Contact], only: Set<Int>?) {
            // Bytes throughout: this runs for every version of every account the history reads.
            let names = contacts.map { Array($0.name.value.trimmingSpaces().utf8) }
            let firstNames = names.map(ContactMeetings.firstName)
            var sharing: [ArraySlice<UInt8>: Int] = [:]
            for case let f? in firstNames { sharing[f, default: 0] += 1 }
            for (i, name) in names.enumerated() where !name.isEmpty && only?.contains(i) ?? true {
                add(i, name, headingOnly: false)
                if let f = firstNames[i], f.count >= 2, sharing[f] == 1 {
                    add(i, Array(f), headingOnly: true)
                }
            }
        }

        private mutating func add(_ i: Int, _ name: [UInt8], headingOnly: Bool) {
            var word: Range<Int>?
            ContactMeetings.forEachWord(name[...]) { if word == nil { word = $0 } }
            guard let word else { return }
            byFirstWord[name[word], default: []].append((i, name, headingOnly))
            starts[Int(name[word.lowerBound])] = true
        }

        /// Calls `found` with each contact `text` names (a contact may be reported more than once).
        func find(in text: ArraySlice<UInt8>, headingEnd: Int, _ found: (Int) -> Void) {
            ContactMeetings.forEachWord(text) { word in
                guard starts[Int(text[word.lowerBound])], let candidates = byFirstWord[text[word]] else { return }
                for c in candidates where !c.headingOnly || word.lowerBound < headingEnd {
                    let end = word.lowerBound + c.name.count
                    if end <= text.endIndex, text[word.lowerBound..<end].elementsEqual(c.name),
                        !Bytes.letterStarts(text, at: end)
                    {
                        found(c.contact)
                    }
                }
            }
        }
    }

    /// Calls `body` with each word of `text`, in order.
    fileprivate static func forEachWord(_ text: ArraySlice<UInt8>, _ body: (Range<Int>) -> Void) {
        var i = text.startIndex
        var start: Int?
        while i < text.endIndex {
            let b = text[i]
            let length = Bytes.scalarLength(lead: b)
            let letter = b < 0x80 ? (Bytes.isWordLetter(b) || Bytes.isDigit(b)) : Bytes.letterStarts(text, at: i)
            if letter {
                if start == nil { start = i }
            } else if let s = start {
                body(s..<i)
                start = nil
            }
            i = min(text.endIndex, i + length)
        }
        if let s = start { body(s..<text.endIndex) }
    }

    /// The first word of a name (trimmed), when it has more than one: words are separated by spaces.
    fileprivate static func firstName(_ name: [UInt8]) -> ArraySlice<UInt8>? {
        let words = name.split(separator: 0x20)
        return words.count > 1 ? words[0] : nil
    }

    /// Each dated log entry: its date, its heading's bytes, and its bytes, heading included, up
    /// to the next entry or the end of its section.
    private static func entryTexts(
        _ body: Body, _ source: SourceFile
    ) -> [(day: Day, heading: ArraySlice<UInt8>, text: ArraySlice<UInt8>)] {
        let logs = body.sections.filter { $0.key == "log" }
        guard !logs.isEmpty else { return [] }
        let ends = logs.map {
            $0.lines.isEmpty ? $0.headingRange.end : source.lineRange($0.lines.upperBound - 1).upperBound
        }
        var out: [(day: Day, heading: ArraySlice<UInt8>, text: ArraySlice<UInt8>)] = []
        for (k, entry) in body.log.enumerated() {
            guard let day = entry.date else { continue }
            let start = entry.headingRange.start
            let sectionEnd = ends.first { $0 >= start } ?? source.bytes.count
            let next = k + 1 < body.log.count ? body.log[k + 1].headingRange.start : sectionEnd
            let end = max(start, min(next, sectionEnd))
            out.append((day, source.bytes[start..<min(entry.headingRange.end, end)], source.bytes[start..<end]))
        }
        return out
    }
}
