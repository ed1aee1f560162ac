import FieldnotesCore
import FieldnotesSupport

/// A brief as a self-contained HTML page, printable on one page for a meeting (a long account
/// may take two). Printed, it shows what the screen shows but the log entries beyond the
/// newest `Brief.printedLogEntries`, with a line saying how many more the notes hold.
/// Everything from the notes goes through `HTML.escape`.
package enum BriefHTMLWriter {
    /// The order of the facts grid, which puts what a meeting weighs first; owner, stage and
    /// coverage go in the line under the title.
    package static let gridOrder: [BriefDocument.Fact.Kind] = [
        .lastContact, .nextMeeting, .decisionDate, .budget, .pain, .ourPosition, .meetingGoal, .nextStep,
        .compellingEvent, .outcome,
    ]

    /// - Parameter pipeline: a link back to the pipeline page, when the brief is written next to it.
    package static func page(_ doc: BriefDocument, pipeline: String? = nil) -> String {
        var out = ""
        if let pipeline { out += "<p class=\"noprint\"><a href=\"\(HTML.href(pipeline))\">← Pipeline</a></p>\n" }
        out += "<h1>\(HTML.escape(doc.name))</h1>\n"
        header(doc, &out)
        people(doc, &out)
        sections(doc, &out)
        competition(doc, &out)
        questions(doc, &out)
        log(doc, &out)
        return HTML.page(title: "\(doc.name) — brief", mark: Brief.mark(for: doc.source), body: out)
    }

    static func block(_ text: [UInt8]) -> String { HTML.block(String(decoding: text, as: UTF8.self)) }

    /// The line under the title, what a shared brief leaves out, the errors, the text before
    /// the first section, the facts and the risks.
    package static func header(_ doc: BriefDocument, _ out: inout String) {
        let e = HTML.escape
        let facts = doc.facts
        var meta: [String] = []
        for fact in facts {
            switch fact.kind {
            case .owner: meta.append("Owner \(e(fact.value))")
            case .stage: meta.append("Stage <b>\(e(doc.stage?.label ?? fact.value))</b>\(e(doc.stageSinceText))")
            case .coverage: meta.append(e(fact.value))
            default: break
            }
        }
        if doc.share { meta.append("shareable version") }
        out += "<div class=\"meta\">" + meta.joined(separator: " · ") + "</div>\n"
        if doc.share { out += "<p class=\"note\">\(e(doc.shareNote))</p>\n" }
        if !doc.errors.isEmpty {
            out += "<div class=\"errors\"><b>The notes have errors; this brief shows what could be read.</b><ul>\n"
            for line in doc.errors { out += "<li><code>\(e(line))</code></li>\n" }
            out += "</ul></div>\n"
        }
        if let intro = doc.intro { out += "<div class=\"lead\">\n" + block(intro) + "</div>\n" }
        // The facts at a glance.
        out += "<div class=\"facts\">"
        for kind in gridOrder {
            guard let fact = facts.first(where: { $0.kind == kind }) else { continue }
            out += "<div><span>\(e(fact.label))</span>\(e(fact.value))</div>"
        }
        out += "</div>\n"
        guard doc.showsRisks else { return }
        if let risks = doc.risks {
            out +=
                risks.isEmpty
                ? "<p class=\"risks\"><span class=\"badge none\">no risk flagged</span></p>\n"
                : "<ul class=\"risks\">\n"
                    + risks.map {
                        "<li>\(HTML.badge($0)) \(e($0.why)) <small>— what to do: \(HTML.inlineCode($0.flag.action))</small></li>\n"
                    }
                    .joined() + "</ul>\n"
        } else {
            out += "<p class=\"note\">Risks not evaluated: the stage is missing or not valid.</p>\n"
        }
    }

    /// A table, escaped; a marked row's first cell gets `mark` (HTML); a struck row's first cell is
    /// struck through (`<s>`) and followed by `struckMark` (HTML).
    static func table(_ table: BriefTable, mark: String = "", struckMark: String = "") -> String {
        let td = table.short.map { $0 ? "<td class=\"short\">" : "<td>" }
        var out = "<table><tr>"
        for (i, column) in table.columns.enumerated() {
            out += (table.short[i] ? "<th class=\"short\">" : "<th>") + HTML.escape(column) + "</th>"
        }
        out += "</tr>\n"
        for (r, cells) in table.rows.enumerated() {
            let struck = table.struck[r]
            out += "<tr>"
            for (i, cell) in cells.enumerated() {
                var text = HTML.escape(cell)
                if i == 0 && struck { text = "<s>" + text + "</s>" + struckMark }
                out += td[i] + text + (i == 0 && table.marked[r] ? mark : "") + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    package static func people(_ doc: BriefDocument, _ out: inout String) {
        out += "<h2>Contacts</h2>\n"
        guard !doc.people.isEmpty else { out += "<p class=\"note\">Nobody recorded yet.</p>\n"; return }
        out += table(doc.peopleTable, struckMark: " (left)")
        let notes = doc.peopleNotes
        if !notes.isEmpty {
            out +=
                "<ul class=\"people-notes\">"
                + notes.map { "<li><b>\(HTML.escape($0.name))</b>: \(HTML.escape($0.notes))</li>" }.joined()
                + "</ul>\n"
        }
    }

    /// The sections with text, in columns: a heading per category, the rep's own sections last.
    package static func sections(_ doc: BriefDocument, _ out: inout String) {
        guard !doc.sections.isEmpty else { return }
        out += "<div class=\"sections\">\n"
        var category: String?? = .none
        for section in doc.sections {
            if category != .some(section.category) {
                category = .some(section.category)
                out += "<h2>\(HTML.escape(section.category ?? "Other notes"))</h2>\n"
            }
            out += "<section><h3>\(HTML.escape(section.heading))</h3>\n" + block(section.text) + "</section>\n"
        }
        out += "</div>\n"
    }

    /// Competition, then the opportunities.
    package static func competition(_ doc: BriefDocument, _ out: inout String) {
        out += "<h2>Competitors</h2>\n"
        if doc.competitors.isEmpty {
            out += "<p class=\"note\">None recorded.</p>\n"
        } else {
            out += table(doc.competitorTable, mark: " <span class=\"badge\">incumbent</span>")
        }
        guard !doc.opportunities.isEmpty else { return }
        out += "<h2>Opportunities</h2>\n" + table(doc.opportunityTable)
    }

    /// The open questions and the unverified assumptions, side by side. A shared brief has no
    /// assumptions, and open questions only when some are worded for the customer: those,
    /// without how far each is answered.
    package static func questions(_ doc: BriefDocument, _ out: inout String) {
        let e = HTML.escape
        if doc.share {
            guard doc.stage != nil, !doc.open.isEmpty else { return }
            out += "<section><h2>Open questions for the next meeting</h2>\n<ul class=\"open\">\n"
            out += doc.open.map { "<li>\(e(doc.wording($0)))</li>\n" }.joined() + "</ul>\n</section>\n"
            return
        }
        // Nothing open and nothing assumed: the header's count says so, and a printed page keeps the room.
        let nothing = doc.stage != nil && doc.open.isEmpty && doc.assumptions.isEmpty
        out +=
            "<div class=\"cols two\(nothing ? " noprint" : "")\">\n<section><h2>Open questions for the next meeting</h2>\n"
        if doc.stage == nil {
            out += "<p class=\"note\">The stage is missing or not valid: fix it to see which questions are due.</p>\n"
        } else if doc.open.isEmpty {
            out += "<p class=\"note\">Every question due at this stage is answered.</p>\n"
        } else {
            out += "<ul class=\"open\">\n"
            for q in doc.open {
                let status = BriefDocument.note(q)
                out +=
                    "<li>\(e(q.question.ask))" + (status.isEmpty ? "" : " <span class=\"status\">(\(e(status)))</span>")
                    + "</li>\n"
            }
            out += "</ul>\n"
        }
        out += "</section>\n<section><h2>Unverified assumptions</h2>\n"
        out +=
            doc.assumptions.isEmpty
            ? "<p class=\"note\">None.</p>\n"
            : "<ul>\n" + doc.assumptions.map { "<li>\(e($0.text))</li>\n" }.joined() + "</ul>\n"
        out += "</section>\n</div>\n"
    }

    /// Every log entry, newest first; those beyond the newest `Brief.printedLogEntries` are
    /// marked `older` (not printed), and a line that only prints says how many they are.
    package static func log(_ doc: BriefDocument, _ out: inout String) {
        guard !doc.log.isEmpty || doc.logIntro != nil else { return }
        out += "<section class=\"log\"><h2>Log</h2>\n"
        if let text = doc.logIntro { out += block(text) }
        out += "<div class=\"entries\">\n"
        for (i, item) in doc.log.enumerated() {
            out += i < Brief.printedLogEntries ? "<div class=\"entry\">" : "<div class=\"entry older\">"
            out += "<h3>\(HTML.escape(item.entry.title))</h3>\n" + block(item.text) + "</div>\n"
        }
        out += "</div>\n"
        let older = doc.log.count - Brief.printedLogEntries
        if older > 0 {
            out +=
                "<p class=\"note print-only\">"
                + (older == 1 ? "1 older entry is" : "\(older) older entries are") + " in the notes.</p>\n"
        }
        out += "</section>\n"
    }
}
