import FieldnotesCore
import FieldnotesSupport

/// `changes` as a section of the pipeline page ("Recent changes").
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
            if !c.items.isEmpty {
                out += "<ul>\n" + c.items.map { "<li>\(e($0.text))</li>\n" }.joined() + "</ul>\n"
            }
        }
        return out
    }
}
