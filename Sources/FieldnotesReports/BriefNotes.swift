import FieldnotesCore
import FieldnotesSupport

/// What the rep wrote below the front matter, as a brief shows it: nothing with text is left
/// out (but the internal sections of a shared brief, and in a shared brief the log).
extension Brief {
    /// Every section with text: the checklist's in the outline's order (the text of every
    /// section answering a question, in the notes' order), then the rep's own sections (those
    /// no question's titles match) in the notes' order; never the log. A section a shared brief
    /// leaves out is left out whatever its title, and so is every paragraph that marks an
    /// assumption (our judgement, not the customer's word).
    package func noteSections() -> [BriefDocument.Section] {
        let body = report.body, source = report.source
        var byQuestion: [Int: [UInt8]] = [:]
        var own: [BriefDocument.Section] = []
        for section in body.sections where section.key != "log" && section.status != .empty {
            let skipped = share ? Self.assumptionParagraphs(section, source) : []
            let text = Self.bytes(of: section.lines, in: source, skipping: skipped)
            guard !text.isEmpty else { continue }
            guard let q = checklist.questionsBySectionKey[section.key]?.first else {
                own.append(.init(id: nil, category: nil, heading: section.title, text: text))
                continue
            }
            // In place: many sections answering one question stay linear.
            if byQuestion[q] != nil { byQuestion[q, default: []].append(contentsOf: [0x0A, 0x0A]) }
            byQuestion[q, default: []].append(contentsOf: text)
        }
        var out: [BriefDocument.Section] = []
        out.reserveCapacity(byQuestion.count + own.count)
        for entry in outline.sections {
            guard let text = byQuestion[entry.question] else { continue }
            out.append(.init(id: entry.id, category: entry.category, heading: entry.heading, text: text))
        }
        return out + own
    }

    /// The lines of every paragraph of `section` that marks an assumption (a run of lines
    /// without a blank one).
    package static func assumptionParagraphs(_ section: Section, _ source: SourceFile) -> Set<Int> {
        var out = Set<Int>()
        func blank(_ i: Int) -> Bool { Bytes.isBlank(source.bytes[source.lineRange(i)]) }
        for a in section.assumptions where !out.contains(a.line) {
            var low = a.line, high = a.line + 1
            while low > section.lines.lowerBound && !blank(low - 1) { low -= 1 }
            while high < section.lines.upperBound && !blank(high) { high += 1 }
            out.formUnion(low..<high)
        }
        return out
    }

    /// The text between the front matter and the first section, without the `# title` line
    /// (an introduction the rep wrote); nil when there is none.
    package func introBytes() -> [UInt8]? {
        let source = report.source
        let start: Int
        switch FrontMatterSplit.split(source) {
        case .success(let split): start = split.bodyStart
        case .failure(let d): guard d.rule == .frontMatterMissing else { return nil }; start = 0
        }
        let end = report.body.sections.first.map { source.lineIndex(of: $0.headingRange.start) } ?? source.lineCount
        guard start < end else { return nil }
        let title = report.body.title == nil ? nil : Self.titleLine(in: start..<end, source)
        let before = Self.bytes(of: start..<(title ?? start), in: source)
        let after = Self.bytes(of: (title.map { $0 + 1 } ?? start)..<end, in: source)
        let text = before.isEmpty || after.isEmpty ? before + after : before + [0x0A, 0x0A] + after
        return text.isEmpty ? nil : text
    }

    /// The line of the account's `# title`: the first level-1 heading outside code and
    /// comments, as the body scanner reads it.
    package static func titleLine(in lines: Range<Int>, _ source: SourceFile) -> Int? {
        var inComment = false
        var fence: (char: UInt8, length: Int)?
        for i in lines {
            let raw = source.bytes[source.lineRange(i)]
            var p = raw.startIndex, indent = 0
            while p < raw.endIndex && raw[p] == 0x20 && indent < 4 { p += 1; indent += 1 }
            if !inComment, indent < 4, p < raw.endIndex, raw[p] == UInt8(ascii: "`") || raw[p] == UInt8(ascii: "~") {
                let c = raw[p]
                let n = raw[p...].prefix { $0 == c }.count
                if let open = fence {
                    if c == open.char && n >= open.length && Bytes.isBlank(raw[(p + n)...]) { fence = nil }
                    continue
                } else if n >= 3 {
                    fence = (c, n)
                    continue
                }
            }
            if fence != nil { continue }
            let startsInComment = inComment
            let visible = Bytes.trim(Bytes.stripComments(raw, inComment: &inComment))
            if !startsInComment, indent < 4, visible.first == UInt8(ascii: "#"),
                BodyScanner.parseHeading(visible)?.level == 1
            {
                return i
            }
        }
        return nil
    }

    /// The log: its text before the first entry, and every entry with the lines of its text,
    /// newest first (entries without a date last); nothing in a shared brief.
    package func logLines() -> (preamble: Range<Int>?, entries: [(entry: LogEntry, lines: Range<Int>)]) {
        guard !share, let logSection = report.body.sections.first(where: { $0.key == "log" }) else { return (nil, []) }
        let source = report.source
        let headingLines = report.body.log.map { source.lineIndex(of: $0.headingRange.start) }
        let firstEntry = headingLines.first.map { max(logSection.lines.lowerBound, $0) } ?? logSection.lines.upperBound
        var entries: [(entry: LogEntry, lines: Range<Int>)] = []
        for (i, entry) in report.body.log.enumerated() {
            let start = headingLines[i] + 1
            let end = i + 1 < headingLines.count ? headingLines[i + 1] : logSection.lines.upperBound
            entries.append((entry, start..<max(start, end)))
        }
        let noDate = Day(year: 1, month: 1, day: 1)!
        let sorted = entries.enumerated().sorted { a, b in
            let da = a.element.entry.date ?? noDate, db = b.element.entry.date ?? noDate
            return da != db ? da > db : a.offset < b.offset
        }.map(\.element)
        return (logSection.lines.lowerBound..<firstEntry, sorted)
    }
}
