import FieldnotesCore
import FieldnotesSupport

/// A brief as a self-contained HTML page, printable on one page for a meeting. Everything from
/// the notes goes through `HTML.escape`.
package enum BriefHTMLWriter {
    /// The order of the facts grid, which puts what a meeting weighs first; owner, stage and
    /// coverage go in the line under the title.
    package static let gridOrder: [BriefDocument.Fact.Kind] = [
        .lastContact, .nextMeeting, .decisionDate, .budget, .pain, .ourPosition, .nextStep, .compellingEvent,
        .outcome,
    ]

    /// - Parameter pipeline: a link back to the pipeline page, when the brief is written next to it.
    package static func page(_ doc: BriefDocument, pipeline: String? = nil) -> String {
        let e = HTML.escape
        var out = ""
        if let pipeline { out += "<p class=\"noprint\"><a href=\"\(HTML.href(pipeline))\">← Pipeline</a></p>\n" }
        out += "<h1>\(e(doc.name))</h1>\n"
        header(doc, &out)
        people(doc, &out)
        // The notes' own sections, two columns.
        out += "<div class=\"cols\">\n"
        for section in doc.sections {
            out += "<section><h2>\(e(section.heading))</h2>\n"
            out +=
                section.text.map { HTML.block(String(decoding: $0, as: UTF8.self)) }
                ?? "<p class=\"note\">Not known yet.</p>\n"
            out += "</section>\n"
        }
        out += "</div>\n"
        competition(doc, &out)
        questions(doc, &out)
        if !doc.log.isEmpty {
            // On screen only: the printed page keeps to what the meeting needs.
            out += "<section class=\"log\"><h2>Latest log entries</h2>\n"
            for item in doc.log {
                out += "<h3>\(e(item.entry.title))</h3>\n" + HTML.block(String(decoding: item.text, as: UTF8.self))
            }
            out += "</section>\n"
        }
        return HTML.page(title: "\(doc.name) — brief", mark: Brief.mark(for: doc.source), body: out)
    }

    /// The line under the title, what a shared brief leaves out, the errors, the facts and the risks.
    package static func header(_ doc: BriefDocument, _ out: inout String) {
        let e = HTML.escape
        let facts = doc.facts
        var meta: [String] = []
        for fact in facts {
            switch fact.kind {
            case .owner: meta.append("Owner \(e(fact.value))")
            case .stage: meta.append("Stage <b>\(e(fact.value))</b>")
            case .coverage: meta.append(e(fact.value))
            default: break
            }
        }
        if doc.share { meta.append("shareable version") }
        out += "<div class=\"meta\">" + meta.joined(separator: " · ") + "</div>\n"
        if doc.share {
            let sections = doc.leftOut.isEmpty ? "" : " (\(doc.leftOut.joined(separator: ", ")))"
            out +=
                "<p class=\"note\">Left out: the internal sections\(e(sections)), how we rate each person, "
                + "and the log.</p>\n"
        }
        if !doc.errors.isEmpty {
            out += "<div class=\"errors\"><b>The notes have errors; this brief shows what could be read.</b><ul>\n"
            for line in doc.errors { out += "<li><code>\(e(line))</code></li>\n" }
            out += "</ul></div>\n"
        }
        // The facts at a glance.
        out += "<div class=\"facts\">"
        for kind in gridOrder {
            guard let fact = facts.first(where: { $0.kind == kind }) else { continue }
            out += "<div><span>\(e(fact.label))</span>\(e(fact.value))</div>"
        }
        out += "</div>\n"
        out += "<div>"
        if let risks = doc.risks {
            out +=
                risks.isEmpty
                ? "<span class=\"badge none\">no risk flagged</span>"
                : risks.map { "<span class=\"badge\" title=\"\(e($0.explanation))\">\(e($0.rawValue))</span>" }
                    .joined()
        } else {
            out += "<span class=\"note\">Risks not evaluated: the stage is missing or not valid.</span>"
        }
        out += "</div>\n"
    }

    package static func row(_ cells: [String]) -> String {
        "<tr>" + cells.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
    }

    package static func people(_ doc: BriefDocument, _ out: inout String) {
        out += "<h2>People</h2>\n"
        guard !doc.people.isEmpty else { out += "<p class=\"note\">Nobody recorded yet.</p>\n"; return }
        let rates = doc.ratesPeople
        out +=
            "<table><tr><th>Name</th><th>Title</th><th>Roles</th>"
            + (rates ? "<th>Reports to</th><th>Relationship</th><th>Influence</th>" : "") + "</tr>\n"
        for c in doc.people {
            var cells = [c.name.value, c.title ?? "", c.roles.joined(separator: ", ")]
            if rates { cells += [c.reportsTo?.value ?? "", c.relationship ?? "", c.influence ?? ""] }
            out += row(cells)
        }
        out += "</table>\n"
        // What each person does, in the rep's words: below the table, which stays narrow.
        let notes = rates ? doc.people.filter { $0.notes != nil } : []
        if !notes.isEmpty {
            out +=
                "<ul class=\"people-notes\">"
                + notes.map { "<li><b>\(HTML.escape($0.name.value))</b>: \(HTML.escape($0.notes ?? ""))</li>" }
                .joined() + "</ul>\n"
        }
    }

    /// Competition, then the opportunities.
    package static func competition(_ doc: BriefDocument, _ out: inout String) {
        let e = HTML.escape
        out += "<h2>Competition</h2>\n"
        if doc.competitors.isEmpty {
            out += "<p class=\"note\">None recorded.</p>\n"
        } else {
            out +=
                "<table><tr><th>Competitor</th><th>Value proposition</th><th>Strengths</th><th>Weaknesses</th></tr>\n"
            for c in doc.competitors {
                out +=
                    "<tr><td>\(e(c.name.value))" + (c.incumbent ? " <span class=\"badge\">incumbent</span>" : "")
                    + "</td>"
                out +=
                    [c.valueProposition, c.strengths, c.weaknesses].map { "<td>\(e($0 ?? ""))</td>" }.joined()
                    + "</tr>\n"
            }
            out += "</table>\n"
        }
        guard !doc.opportunities.isEmpty else { return }
        out +=
            "<h2>Opportunities</h2>\n<table><tr><th>Opportunity</th><th>Stage</th><th>Value</th>"
            + "<th>Decision date</th><th>Next step</th></tr>\n"
        for o in doc.opportunities {
            out += row([
                o.name.value, o.stage?.rawValue ?? "", BriefDocument.value(o), o.decisionDate.map { "\($0)" } ?? "",
                o.nextStep?.value ?? "",
            ])
        }
        out += "</table>\n"
    }

    /// The open questions and the unverified assumptions, side by side.
    package static func questions(_ doc: BriefDocument, _ out: inout String) {
        let e = HTML.escape
        out += "<div class=\"cols two\">\n<section><h2>Open questions for the next meeting</h2>\n"
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
}
