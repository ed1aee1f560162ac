import FieldnotesCore
import FieldnotesSupport

/// The brief as a self-contained HTML page, printable on one page for a meeting.
extension Brief {
    /// - Parameter pipeline: a link back to the pipeline page, when the brief is written next to it.
    public func html(pipeline: String? = nil) -> String {
        let f = fields
        let e = HTML.escape
        var out = ""
        if let pipeline { out += "<p class=\"noprint\"><a href=\"\(HTML.href(pipeline))\">← Pipeline</a></p>\n" }
        out += "<h1>\(e(facts.name))</h1>\n"
        var meta = [
            facts.owner.map { "Owner \(e($0))" }, facts.stage.map { "Stage <b>\(e($0.rawValue))</b>" },
            "\(facts.answered) of \(facts.due) questions answered",
        ].compactMap { $0 }
        if share { meta.append("shareable version") }
        out += "<div class=\"meta\">" + meta.joined(separator: " · ") + "</div>\n"
        if share {
            out += "<p class=\"note\">Left out: the internal sections, how we rate each person, and the log.</p>\n"
        }
        if !facts.errorLines.isEmpty {
            out += "<div class=\"errors\"><b>The notes have errors; this brief shows what could be read.</b><ul>\n"
            for line in facts.errorLines { out += "<li><code>\(e(line))</code></li>\n" }
            out += "</ul></div>\n"
        }
        // The facts at a glance.
        var facts: [(String, String)] = []
        func add(_ label: String, _ value: String?) { if let value, !value.isEmpty { facts.append((label, value)) } }
        add(
            "Last contact",
            self.facts.lastContact.map { "\($0)" + (self.facts.daysSinceContact.map { " (\($0) days ago)" } ?? "") })
        add("Next meeting", f.nextMeeting.map { "\($0.value)" })
        add("Decision date", f.decisionDate.map { "\($0.value)" })
        add("Budget", f.budget?.value)
        add("Pain", f.pain?.value)
        add("Our position", f.ourPosition?.value)
        add("Next step", f.nextStep?.value)
        add("Compelling event", f.compellingEvent?.value)
        if let outcome = f.outcome {
            add("Outcome", [outcome.result, outcome.reason].compactMap { $0 }.joined(separator: " — "))
        }
        out +=
            "<div class=\"facts\">" + facts.map { "<div><span>\(e($0.0))</span>\(e($0.1))</div>" }.joined() + "</div>\n"
        // Risks.
        out += "<div>"
        if !self.facts.risksKnown {
            out += "<span class=\"note\">Risks not evaluated: the stage is missing or not valid.</span>"
        } else if self.facts.risks.isEmpty {
            out += "<span class=\"badge none\">no risk flagged</span>"
        } else {
            out += self.facts.risks.map {
                "<span class=\"badge\" title=\"\(e($0.explanation))\">\(e($0.rawValue))</span>"
            }.joined()
        }
        out += "</div>\n"
        // People.
        out += "<h2>People</h2>\n"
        if f.contacts.isEmpty {
            out += "<p class=\"note\">Nobody recorded yet.</p>\n"
        } else {
            out +=
                "<table><tr><th>Name</th><th>Title</th><th>Roles</th>"
                + (share ? "" : "<th>Reports to</th><th>Relationship</th><th>Influence</th>") + "</tr>\n"
            for c in f.contacts {
                var cells = [c.name.value, c.title ?? "", c.roles.joined(separator: ", ")]
                if !share { cells += [c.reportsTo?.value ?? "", c.relationship ?? "", c.influence ?? ""] }
                out += "<tr>" + cells.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
            }
            out += "</table>\n"
            // What each person does, in the rep's words: below the table, which stays narrow.
            let notes = share ? [] : f.contacts.filter { $0.notes != nil }
            if !notes.isEmpty {
                out +=
                    "<ul class=\"people-notes\">"
                    + notes.map { "<li><b>\(e($0.name.value))</b>: \(e($0.notes ?? ""))</li>" }.joined() + "</ul>\n"
            }
        }
        // The notes' own sections, two columns.
        out += "<div class=\"cols\">\n"
        for (id, heading) in shownSections {
            out += "<section><h2>\(e(heading))</h2>\n"
            out += sectionText(id).map { HTML.block($0.text) } ?? "<p class=\"note\">Not known yet.</p>\n"
            out += "</section>\n"
        }
        out += "</div>\n"
        // Competition.
        out += "<h2>Competition</h2>\n"
        if f.competitors.isEmpty {
            out += "<p class=\"note\">None recorded.</p>\n"
        } else {
            out +=
                "<table><tr><th>Competitor</th><th>Value proposition</th><th>Strengths</th><th>Weaknesses</th></tr>\n"
            for c in f.competitors {
                out +=
                    "<tr><td>\(e(c.name.value))" + (c.incumbent ? " <span class=\"badge\">incumbent</span>" : "")
                    + "</td>"
                out +=
                    [c.valueProposition, c.strengths, c.weaknesses].map { "<td>\(e($0 ?? ""))</td>" }.joined()
                    + "</tr>\n"
            }
            out += "</table>\n"
        }
        if !f.opportunities.isEmpty {
            out +=
                "<h2>Opportunities</h2>\n<table><tr><th>Opportunity</th><th>Stage</th><th>Value</th><th>Decision date</th><th>Next step</th></tr>\n"
            for o in f.opportunities {
                let value = o.value.map { [$0, o.currency].compactMap { $0 }.joined(separator: " ") } ?? ""
                let cells = [
                    o.name.value, o.stage?.rawValue ?? "", value, o.decisionDate.map { "\($0)" } ?? "",
                    o.nextStep?.value ?? "",
                ]
                out += "<tr>" + cells.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
            }
            out += "</table>\n"
        }
        out += "<div class=\"cols two\">\n<section><h2>Open questions for the next meeting</h2>\n"
        if self.facts.stage == nil {
            out += "<p class=\"note\">The stage is missing or not valid: fix it to see which questions are due.</p>\n"
        } else if shownOpen.isEmpty {
            out += "<p class=\"note\">Every question due at this stage is answered.</p>\n"
        } else {
            out += "<ul class=\"open\">\n"
            for q in shownOpen {
                var status = q.status == .missing ? "" : MissingReport.statusText(q.status)
                if !q.gaps.isEmpty { status += ": " + q.gaps.joined(separator: "; ") }
                out +=
                    "<li>\(e(q.question.ask))" + (status.isEmpty ? "" : " <span class=\"status\">(\(e(status)))</span>")
                    + "</li>\n"
            }
            out += "</ul>\n"
        }
        out += "</section>\n<section><h2>Unverified assumptions</h2>\n"
        let assumptions = shownAssumptions
        out +=
            assumptions.isEmpty
            ? "<p class=\"note\">None.</p>\n"
            : "<ul>\n" + assumptions.map { "<li>\(e($0.text))</li>\n" }.joined() + "</ul>\n"
        out += "</section>\n</div>\n"
        let log = latestLog()
        if !log.isEmpty {
            // On screen only: the printed page keeps to what the meeting needs.
            out += "<section class=\"log\"><h2>Latest log entries</h2>\n"
            for (entry, text) in log {
                out += "<h3>\(e(entry.title))</h3>\n" + HTML.block(text)
            }
            out += "</section>\n"
        }
        return HTML.page(title: "\(self.facts.name) — brief", mark: Self.mark(for: report.path), body: out)
    }
}
