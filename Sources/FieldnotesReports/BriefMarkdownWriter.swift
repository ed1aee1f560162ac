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
        if doc.share {
            out +=
                "_To share: left out are "
                + (doc.leftOut.isEmpty ? "" : "the internal sections (\(doc.leftOut.joined(separator: ", "))), ")
                + "how we rate each person, and the log._\n\n"
        }
        if !doc.errors.isEmpty {
            out += "> **The notes have errors; this brief shows what could be read.**\n>\n"
            for line in doc.errors { out += "> - `\(TerminalText.escaped(line))`\n" }
            out += "\n"
        }
        for fact in doc.facts {
            out += "- **"
            out += fact.label
            out += ":** "
            out += Brief.oneLine(fact.value)
            out += "\n"
        }
        risks(doc, &out)
        people(doc, &out)
        for section in doc.sections {
            out += "\n## \(section.heading)\n\n"
            if let text = section.text {
                out.write(Brief.copiedLines(text)[...])
            } else {
                out += "_Not known yet._"
            }
            out += "\n"
        }
        competition(doc, &out)
        opportunities(doc, &out)
        questions(doc, &out)
        if !doc.log.isEmpty {
            out += "\n## Latest log entries\n"
            for item in doc.log {
                out += "\n### \(Brief.oneLine(item.entry.title))\n"
                if !item.text.isEmpty { out += "\n"; out.write(Brief.copiedLines(item.text)[...]); out += "\n" }
            }
        }
        // `brief --out` keeps every brief until it writes them: no spare capacity.
        return out.exactBytes
    }

    /// A table row of cells already escaped.
    package static func row(_ cells: [String], _ out: inout TextBuffer) {
        out += "|"
        for cell in cells { out += " "; out += cell; out += " |" }
        out += "\n"
    }

    package static func risks(_ doc: BriefDocument, _ out: inout TextBuffer) {
        out += "\n## Risks\n\n"
        if let risks = doc.risks {
            if risks.isEmpty { out += "None flagged.\n" }
            for r in risks { out += "- **\(r.rawValue)**: \(r.explanation)\n" }
        } else {
            out += "Not evaluated: the stage is missing or not valid.\n"
        }
    }

    package static func people(_ doc: BriefDocument, _ out: inout TextBuffer) {
        out += "\n## People\n\n"
        guard !doc.people.isEmpty else { out += "Nobody recorded yet.\n"; return }
        let rates = doc.ratesPeople
        out +=
            rates
            ? "| Name | Title | Roles | Reports to | Relationship | Influence |\n|---|---|---|---|---|---|\n"
            : "| Name | Title | Roles |\n|---|---|---|\n"
        for c in doc.people {
            var cells = [c.name.value, c.title ?? "", c.roles.joined(separator: ", ")]
            if rates { cells += [c.reportsTo?.value ?? "", c.relationship ?? "", c.influence ?? ""] }
            row(cells.map(Brief.oneLine), &out)
        }
        // What each person does, in the rep's words: below the table, which stays narrow.
        let notes = rates ? doc.people.filter { $0.notes != nil } : []
        if !notes.isEmpty { out += "\n" }
        for c in notes { out += "- **\(Brief.oneLine(c.name.value))**: \(Brief.oneLine(c.notes ?? ""))\n" }
    }

    package static func competition(_ doc: BriefDocument, _ out: inout TextBuffer) {
        out += "\n## Competition\n\n"
        guard !doc.competitors.isEmpty else { out += "None recorded.\n"; return }
        let details = doc.competitors.contains { $0.strengths != nil || $0.weaknesses != nil }
        out +=
            details
            ? "| Competitor | Value proposition | Strengths | Weaknesses |\n|---|---|---|---|\n"
            : "| Competitor | Value proposition |\n|---|---|\n"
        for c in doc.competitors {
            let name = Brief.oneLine(c.name.value) + (c.incumbent ? " **(incumbent)**" : "")
            var cells = [name, Brief.oneLine(c.valueProposition ?? "")]
            if details { cells += [Brief.oneLine(c.strengths ?? ""), Brief.oneLine(c.weaknesses ?? "")] }
            row(cells, &out)
        }
    }

    package static func opportunities(_ doc: BriefDocument, _ out: inout TextBuffer) {
        guard !doc.opportunities.isEmpty else { return }
        out +=
            "\n## Opportunities\n\n| Opportunity | Stage | Value | Decision date | Next step |\n"
            + "|---|---|---|---|---|\n"
        for o in doc.opportunities {
            let cells = [
                o.name.value, o.stage?.rawValue ?? "", BriefDocument.value(o), o.decisionDate.map { "\($0)" } ?? "",
                o.nextStep?.value ?? "",
            ]
            row(cells.map(Brief.oneLine), &out)
        }
    }

    /// Unverified assumptions, then the open questions.
    package static func questions(_ doc: BriefDocument, _ out: inout TextBuffer) {
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
}
