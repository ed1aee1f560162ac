import FieldnotesSupport

extension Contact {
    /// Whether they still take part (`status` is not `left`): only active contacts count for
    /// roles, coverage and risks.
    public var isActive: Bool { !left }
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
    /// Entries are read newest first, so a contact named often costs one match.
    package static func resolve(_ fields: inout AccountFields, body: Body, source: SourceFile, asOf: Day) {
        guard !fields.contacts.isEmpty else { return }
        let entries = entryTexts(body, source).filter { $0.day <= asOf }.sorted { $0.day > $1.day }
        let firstNames = fields.contacts.map { firstName($0.name.value) }
        for i in fields.contacts.indices {
            let lastMet = fields.contacts[i].lastMet?.value
            fields.contacts[i].met = lastMet
            let name = Array(fields.contacts[i].name.value.trimmingSpaces().utf8)
            guard !name.isEmpty else { continue }
            var first: [UInt8]?
            if let f = firstNames[i], f.utf8.count >= 2, firstNames.filter({ $0 == f }).count == 1 {
                first = Array(f.utf8)
            }
            for entry in entries {
                if let lastMet, entry.day <= lastMet { break }
                if Bytes.containsWord(name, in: entry.text)
                    || first.map({ Bytes.containsWord($0, in: entry.heading) }) == true
                {
                    fields.contacts[i].met = entry.day
                    break
                }
            }
        }
    }

    /// The first word of a name, when it has more than one.
    private static func firstName(_ name: String) -> String? {
        let words = name.trimmingSpaces().split(separator: " ")
        return words.count > 1 ? String(words[0]) : nil
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
