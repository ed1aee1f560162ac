import FieldnotesCore
import FieldnotesSupport

/// A brief as Markdown, written as UTF-8 bytes: what `brief` prints and `brief --out` compares
/// with the file and writes. Values from the notes go through `Brief.oneLine`, text copied from
/// them through `Brief.copiedLines`.
package enum BriefMarkdownWriter {
    package static func bytes(_ doc: BriefDocument) -> [UInt8] {
        var out = TextBuffer(capacity: 8192)
        out += Brief.mark(for: doc.source) + "\n\n"
        out += "# \(Brief.oneLine(doc.name))\n\n"
        if doc.share { out += "_\(Brief.oneLine(doc.shareNote))_\n\n" }
        if !doc.errors.isEmpty {
            out += "> **The notes have errors; this brief shows what could be read.**\n>\n"
            for line in doc.errors { out += "> - `\(TerminalText.escaped(line))`\n" }
            out += "\n"
        }
        if let intro = doc.intro { quoted(intro, &out) }
        for fact in doc.facts {
            out += "- **"
            out += fact.label
            out += ":** "
            out += Brief.oneLine(fact.value)
            out += "\n"
        }
        if doc.showsRisks { risks(doc, &out) }
        people(doc, &out)
        sections(doc, &out)
        competition(doc, &out)
        if !doc.opportunities.isEmpty {
            out += "\n## Opportunities\n\n"
            table(doc.opportunityTable, &out)
        }
        questions(doc, &out)
        log(doc, &out)
        // `brief --out` keeps every brief until it writes them: no spare capacity.
        return out.exactBytes
    }

    /// Text copied from the notes, its lines kept, then a line break.
    static func copied(_ text: [UInt8], _ out: inout TextBuffer) {
        out.write(Brief.copiedLines(text)[...])
        out += "\n"
    }

    /// The text before the first section as a quote, which a list before or after cannot run into.
    static func quoted(_ text: [UInt8], _ out: inout TextBuffer) {
        for line in Brief.copiedLines(text).split(separator: 0x0A, omittingEmptySubsequences: false) {
            out += line.isEmpty ? ">" : "> "
            out.write(line)
            out += "\n"
        }
        out += "\n"
    }

    /// A table row of cells already escaped.
    package static func row(_ cells: [String], _ out: inout TextBuffer) {
        out += "|"
        for cell in cells { out += " "; out += cell; out += " |" }
        out += "\n"
    }

    /// A table, its cells escaped, a marked row's first cell followed by `mark` (`(incumbent)`), a
    /// struck row's first cell struck through (`~~Ann Lee~~`) and followed by `struckMark`.
    static func table(_ table: BriefTable, mark: String = "", struckMark: String = "", _ out: inout TextBuffer) {
        row(table.columns, &out)
        out += "|" + String(repeating: "---|", count: table.columns.count) + "\n"
        for (i, cells) in table.rows.enumerated() {
            var escaped = cells.map(Brief.oneLine)
            if table.struck[i] { escaped[0] = "~~" + escaped[0] + "~~" + struckMark }
            if table.marked[i] { escaped[0] += mark }
            row(escaped, &out)
        }
    }

    package static func risks(_ doc: BriefDocument, _ out: inout TextBuffer) {
        out += "\n## Risks\n\n"
        if let risks = doc.risks {
            if risks.isEmpty { out += "None flagged.\n" }
            for r in risks {
                out += "- **\(r.flag.rawValue)** (\(r.severity.rawValue)): \(Brief.oneLine(r.why)) — "
                out += "what to do: " + r.flag.action + "\n"
            }
        } else {
            out += "Not evaluated: the stage is missing or not valid.\n"
        }
    }

    package static func people(_ doc: BriefDocument, _ out: inout TextBuffer) {
        out += "\n## Contacts\n\n"
        guard !doc.people.isEmpty else { out += "Nobody recorded yet.\n"; return }
        table(doc.peopleTable, struckMark: " (left)", &out)
        let notes = doc.peopleNotes
        if !notes.isEmpty { out += "\n" }
        for (name, text) in notes { out += "- **\(Brief.oneLine(name))**: \(Brief.oneLine(text))\n" }
    }

    /// The sections with text: a heading per category, the rep's own sections last.
    package static func sections(_ doc: BriefDocument, _ out: inout TextBuffer) {
        var category: String?? = .none
        for section in doc.sections {
            if category != .some(section.category) {
                category = .some(section.category)
                out += "\n## \(Brief.oneLine(section.category ?? "Other notes"))\n"
            }
            out += "\n### \(Brief.oneLine(section.heading))\n\n"
            copied(section.text, &out)
        }
    }

    package static func competition(_ doc: BriefDocument, _ out: inout TextBuffer) {
        out += "\n## Competitors\n\n"
        guard !doc.competitors.isEmpty else { out += "None recorded.\n"; return }
        table(doc.competitorTable, mark: " **(incumbent)**", &out)
    }

    /// Unverified assumptions, then the open questions. A shared brief has no assumptions, and
    /// open questions only when some are worded for the customer: those, without how far each
    /// is answered.
    package static func questions(_ doc: BriefDocument, _ out: inout TextBuffer) {
        if doc.share {
            guard doc.stage != nil, !doc.open.isEmpty else { return }
            out += "\n## Open questions for the next meeting\n\n"
            for q in doc.open { out += "- [ ] \(Brief.oneLine(doc.wording(q)))\n" }
            return
        }
        out += "\n## Unverified assumptions\n\n"
        if doc.assumptions.isEmpty { out += "None.\n" }
        // No line numbers: an edit elsewhere in the notes would change every one of them.
        for a in doc.assumptions { out += "- \(Brief.oneLine(a.text))\n" }

        out += "\n## Open questions for the next meeting\n\n"
        if doc.stage == nil {
            out += "The stage is missing or not valid: fix it to see which questions are due.\n"
        } else if doc.open.isEmpty {
            out += "Every question due at this stage is answered.\n"
        } else {
            for q in doc.open {
                let note = BriefDocument.note(q)
                let status = q.status == .missing ? note : " _(\(note))_"
                out += "- [ ] \(Brief.oneLine(q.question.ask))\(Brief.oneLine(status))\n"
            }
        }
    }

    /// Every log entry, newest first.
    package static func log(_ doc: BriefDocument, _ out: inout TextBuffer) {
        guard !doc.log.isEmpty || doc.logIntro != nil else { return }
        out += "\n## Log\n"
        if let text = doc.logIntro { out += "\n"; copied(text, &out) }
        for item in doc.log {
            out += "\n### \(Brief.oneLine(item.entry.title))\n"
            if !item.text.isEmpty { out += "\n"; copied(item.text, &out) }
        }
    }
}
