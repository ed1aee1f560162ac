import FieldnotesCore
import FieldnotesSupport

/// Self-contained HTML pages: inline CSS, no scripts, no network. Everything from the notes
/// goes through `HTML.escape`, so a note containing `<script>` shows as text.
public enum HTML {
    private static let special = Array("&<>\"'".utf8)

    /// A risk as a badge: red and bold when critical, amber when a warning; why it is raised on hover.
    package static func badge(_ risk: Risk) -> String {
        "<span class=\"badge \(risk.severity.rawValue)\" title=\"\(escape(risk.why))\">"
            + "\(escape(risk.flag.rawValue))</span>"
    }

    /// Text of ours (not from the notes) with `code` spans: escaped, each span as `<code>`.
    package static func inlineCode(_ s: String) -> String {
        let parts = s.split(separator: "`", omittingEmptySubsequences: false).map { escape(String($0)) }
        return parts.enumerated().map { i, part in
            i % 2 == 1 && i < parts.count - 1 ? "<code>\(part)</code>" : part
        }.joined()
    }

    public static func escape(_ s: String) -> String {
        guard Bytes.contains(anyOf: special, in: s) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A path for an `href`, each segment percent-encoded (spaces, accents, `#`, `?` stay in the path).
    public static func href(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { Bytes.percentEncoded(String($0), keeping: "-._~") }.joined(separator: "/")
    }

    /// Markdown text from the notes as HTML: paragraphs and bullet lists, everything else as text.
    public static func block(_ markdown: String) -> String {
        var out = ""
        var paragraph: [String] = []
        var list: [String] = []
        var ordered = false
        func flush() {
            if !paragraph.isEmpty {
                out += "<p>" + paragraph.map(escape).joined(separator: " ") + "</p>\n"; paragraph = []
            }
            let tag = ordered ? "ol" : "ul"
            if !list.isEmpty {
                out += "<\(tag)>\n" + list.map { "<li>" + escape($0) + "</li>\n" }.joined() + "</\(tag)>\n"; list = []
            }
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingSpaces()
            if line.isEmpty { flush(); continue }
            if let marker = Bytes.listMarkerLength(ArraySlice(line.utf8)) {
                let numbered = Bytes.isDigit(line.utf8.first!)
                if !paragraph.isEmpty || (!list.isEmpty && ordered != numbered) { flush() }
                ordered = numbered
                list.append(String(decoding: line.utf8.dropFirst(marker), as: UTF8.self))
            } else if !list.isEmpty && raw.hasPrefix("  ") {
                list[list.count - 1] += " " + line  // a list item's continuation line
            } else {
                if !list.isEmpty { flush() }
                paragraph.append(line.drop { $0 == "#" }.trimmingSpaces())
            }
        }
        flush()
        return out
    }

    package static func page(title: String, mark: String?, body: String) -> String {
        var out = mark.map { $0 + "\n" } ?? ""
        out += """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="fieldnotes">
            <title>\(escape(title))</title>
            <style>
            \(css)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
        return out
    }

    package static let css = """
        :root { --ink: #1d2430; --muted: #5b6575; --line: #d9dee6; --accent: #1f5fbf; --risk: #b3261e; \
        --warn: #8a5a00; --ok: #1e6b3a; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; \
        color: var(--ink); margin: 0 auto; padding: 24px; max-width: 1100px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 15px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); \
        border-bottom: 1px solid var(--line); padding-bottom: 3px; margin: 18px 0 8px; }
        p, ul, ol { margin: 0 0 8px; }
        ul, ol { padding-left: 20px; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
        th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
        th { font-weight: 600; color: var(--muted); font-size: 12px; }
        .meta { color: var(--muted); margin-bottom: 12px; }
        .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 4px 16px; \
        margin: 12px 0; }
        .facts div span { display: block; font-size: 11px; color: var(--muted); text-transform: uppercase; \
        letter-spacing: .04em; }
        .badge { display: inline-block; font-size: 11px; padding: 1px 7px; border-radius: 9px; margin: 0 4px 3px 0; \
        background: #fbe9e7; color: var(--risk); border: 1px solid #f3c3bd; white-space: nowrap; }
        .badge.none { background: #e8f3ec; color: var(--ok); border-color: #bfdcc8; }
        .badge.critical { font-weight: 600; }
        .badge.warning { background: #fdf5e3; color: #8a5a00; border-color: #ecd7a8; }
        .errors { border: 1px solid #f3c3bd; background: #fdf1ef; padding: 8px 12px; margin: 8px 0; }
        .errors code { font-size: 12px; }
        .note { color: var(--muted); font-style: italic; }
        .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 24px; }
        .open li { list-style: "☐  "; }
        h3 { font-size: 13px; margin: 8px 0 2px; }
        .status { color: var(--warn); font-size: 12px; }
        .lead { border-left: 3px solid var(--line); padding-left: 10px; margin: 8px 0; }
        .risks { list-style: none; padding: 0; margin: 0 0 8px; }
        .sections { columns: 2; column-gap: 24px; margin-top: 18px; }
        .sections h2 { break-after: avoid; }
        .sections > h2:first-child { margin-top: 0; }
        .sections section, .log .entry { break-inside: avoid; }
        .print-only { display: none; }
        th.short, td.short { white-space: nowrap; }
        .board { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
        .stage { background: #f5f7fa; border-radius: 6px; padding: 8px; }
        .stage h3 { font-size: 12px; margin: 0 0 6px; color: var(--muted); text-transform: uppercase; \
        letter-spacing: .04em; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 5px; padding: 6px 8px; \
        margin-bottom: 6px; }
        .card b { display: block; }
        .card small { color: var(--muted); display: block; margin-bottom: 3px; }
        .heat td.c { text-align: center; font-variant-numeric: tabular-nums; font-size: 12px; }
        .heat td.na { color: #aab2bf; }
        .legend { font-size: 12px; color: var(--muted); }
        .legend i { display: inline-block; width: 14px; height: 10px; margin: 0 4px 0 10px; vertical-align: middle; }
        @page { margin: 10mm; }
        @media print {
          body { padding: 0; font-size: 9px; line-height: 1.25; max-width: none; }
          th, .status { font-size: 1em; }
          .facts div span { font-size: .85em; }
          .badge { font-size: .9em; padding: 0 5px; margin-bottom: 1px; }
          h1 { font-size: 16px; }
          h2 { font-size: 9px; margin: 6px 0 3px; padding-bottom: 1px; }
          h3 { font-size: 9px; margin: 4px 0 1px; }
          p, ul, ol { margin-bottom: 3px; }
          th, td { padding: 1px 5px; }
          .facts { margin: 6px 0; grid-template-columns: repeat(5, 1fr); }
          .meta { margin-bottom: 4px; }
          a { color: var(--ink); }
          .cols { gap: 0 12px; }
          .sections, .log .entries { columns: 3; column-gap: 12px; }
          .sections { margin-top: 6px; }
          .risks { margin-bottom: 3px; }
          .print-only { display: block; }
          /* Printed, the log keeps its newest entries; the line after them says how many more the notes hold. */
          .noprint, .log .older { display: none; }
        }
        /* pipeline page */
        th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
        .pipeline th, td.nowrap { white-space: nowrap; }
        .pipeline td:first-child { min-width: 150px; }
        .pipeline td small { display: block; color: var(--muted); font-size: 12px; }
        .pipeline tr.account td { border-top: 1px solid var(--line); }
        .pipeline tr.opp td { color: var(--muted); font-size: 12px; padding-top: 1px; padding-bottom: 3px; \
        border-bottom: none; }
        .pipeline tr.opp td:first-child { padding-left: 22px; }
        .pipeline tr.opp td:first-child::before { content: "↳ "; }
        .totals { width: auto; min-width: 50%; }
        """

    /// The heatmap colour of a coverage ratio: red (nothing answered) to green (all answered).
    package static func heat(_ answered: Int, _ due: Int) -> String {
        guard due > 0 else { return "" }
        let ratio = Double(answered) / Double(due)
        let hue = Int((ratio * 120).rounded())
        return "background: hsl(\(hue), 65%, \(88 - Int((ratio * 10).rounded()))%)"
    }
}
