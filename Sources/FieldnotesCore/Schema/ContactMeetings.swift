import FieldnotesSupport

extension Contact {
    /// Whether they still take part (`status` is not `left`): only active contacts count for
    /// roles, coverage and risks.
    public var isActive: Bool { !left }
}

/// When each contact was last met: their `last_met`, or the newest dated log entry whose heading
/// or text names them, whichever is later. Computed once per check, into `Contact.met`.
package enum ContactMeetings {
    /// Sets `met` on every contact from `last_met` and the log. A contact is named by their full
    /// name, or by their first name when no other contact shares it (as notes say "Jenny").
    package static func resolve(_ fields: inout AccountFields, body: Body, source: SourceFile) {
        guard !fields.contacts.isEmpty else { return }
        let texts = entryTexts(body, source)
        let firstNames = fields.contacts.map { firstName($0.name.value) }
        for i in fields.contacts.indices {
            var met = fields.contacts[i].lastMet?.value
            let name = fields.contacts[i].name.value
            var names = [name]
            if let first = firstNames[i], first != name, first.utf8.count >= 3,
                firstNames.filter({ $0 == first }).count == 1
            {
                names.append(first)
            }
            let needles = names.map { Array($0.utf8) }
            for (day, text) in texts where met.map({ day > $0 }) ?? true {
                if needles.contains(where: { Bytes.containsWord($0, in: text) }) { met = day }
            }
            fields.contacts[i].met = met
        }
    }

    /// The first word of a name, when it has more than one.
    private static func firstName(_ name: String) -> String? {
        let words = name.split(separator: " ")
        return words.count > 1 ? String(words[0]) : nil
    }

    /// Each dated log entry: its date and its bytes, heading included, up to the next entry or
    /// the end of its section.
    private static func entryTexts(_ body: Body, _ source: SourceFile) -> [(Day, ArraySlice<UInt8>)] {
        let logs = body.sections.filter { $0.key == "log" }
        guard !logs.isEmpty else { return [] }
        let ends = logs.map {
            $0.lines.isEmpty ? $0.headingRange.end : source.lineRange($0.lines.upperBound - 1).upperBound
        }
        var out: [(Day, ArraySlice<UInt8>)] = []
        for (k, entry) in body.log.enumerated() {
            guard let day = entry.date else { continue }
            let start = entry.headingRange.start
            let sectionEnd = ends.first { $0 >= start } ?? source.bytes.count
            let next = k + 1 < body.log.count ? body.log[k + 1].headingRange.start : sectionEnd
            out.append((day, source.bytes[start..<max(start, min(next, sectionEnd))]))
        }
        return out
    }
}
