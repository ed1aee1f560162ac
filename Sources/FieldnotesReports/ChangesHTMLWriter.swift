import FieldnotesCore
import FieldnotesSupport

/// `changes` as a section of the pipeline page ("Recent changes"): each account's events, dated,
/// slips in bold.
package enum ChangesHTMLWriter {
    package static func section(_ changes: ChangesReport) -> String {
        let e = HTML.escape
        var out = ""
        out += "<h2>Recent changes</h2>\n<p class=\"meta\">Since \(e(changes.since)).</p>\n"
        if let notice = changes.notice { out += "<p class=\"note\">\(e(notice))</p>\n" }
        if changes.changes.isEmpty { out += "<p class=\"note\">No account changed.</p>\n" }
        for c in changes.changes {
            var head = "<b>\(e(c.name))</b>"
            switch c.kind {
            case .added: head += " <span class=\"badge none\">new</span>"
            case .removed: head += " <span class=\"badge\">removed</span>"
            case .changed: if let from = c.renamedFrom { head += " <small>(renamed from \(e(from)))</small>" }
            }
            out += "<p>\(head)</p>\n"
            if !c.events.isEmpty {
                out += "<ul>\n"
                for event in c.events {
                    let date = event.date.map { "<small>\($0)</small> " } ?? ""
                    out += "<li>\(date)" + (event.kind.isSlip ? "<b>\(e(event.text))</b>" : e(event.text)) + "</li>\n"
                }
                out += "</ul>\n"
            }
        }
        return out
    }
}
