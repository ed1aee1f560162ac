/// Completion, hover and code actions: what the editor offers while a rep writes notes.
enum LSPFeatures {
    // MARK: - Reading the line under the cursor

    /// The 0-based lines of the front matter's YAML (after the opening `---`, before the closing
    /// one; to the end while it is not closed), or nil without front matter.
    static func frontMatterLines(_ source: SourceFile) -> Range<Int>? {
        guard source.lineCount > 0, isMarker(source.lineText(0)) else { return nil }
        var i = 1
        while i < source.lineCount {
            let t = source.lineText(i)
            if isMarker(t) || t.trimmingSpaces() == "..." { return 1..<i }
            i += 1
        }
        return 1..<source.lineCount
    }

    private static func isMarker(_ line: String) -> Bool { line.trimmingSpaces() == "---" }

    /// A front-matter line taken apart: `  - key: value`.
    struct YAMLLine {
        var indent: Int
        var dash: Bool
        /// Byte offsets in the file.
        var keyRange: Range<Int>?
        var key: String?
        var valueStart: Int?
    }

    static func yamlLine(_ source: SourceFile, _ line: Int, upTo end: Int? = nil) -> YAMLLine {
        let range = source.lineRange(line)
        let stop = min(end ?? range.upperBound, range.upperBound)
        let b = source.bytes
        var i = range.lowerBound
        while i < stop && b[i] == 0x20 { i += 1 }
        let indent = i - range.lowerBound
        var dash = false
        if i < stop && b[i] == UInt8(ascii: "-") && (i + 1 == stop || b[i + 1] == 0x20) {
            dash = true
            i += 1
            while i < stop && b[i] == 0x20 { i += 1 }
        }
        let keyStart = i
        var j = i
        while j < stop && b[j] != UInt8(ascii: ":") && b[j] != UInt8(ascii: "#") { j += 1 }
        if j < stop && b[j] == UInt8(ascii: ":") && (j + 1 == range.upperBound || b[j + 1] == 0x20) {
            var keyEnd = j
            while keyEnd > keyStart && b[keyEnd - 1] == 0x20 { keyEnd -= 1 }
            let key = String(decoding: b[keyStart..<keyEnd], as: UTF8.self)
            var v = j + 1
            while v < stop && b[v] == 0x20 { v += 1 }
            return YAMLLine(indent: indent, dash: dash, keyRange: keyStart..<keyEnd, key: key, valueStart: v)
        }
        return YAMLLine(indent: indent, dash: dash, keyRange: nil, key: nil, valueStart: nil)
    }

    /// The top-level key a nested line belongs to (`contacts` for a contact's `roles:`), and the
    /// nearest enclosing key (`roles` for a `- champion` line below it).
    static func parents(
        _ source: SourceFile, line: Int, indent: Int, frontMatter: Range<Int>
    ) -> (top: String?, enclosing: String?) {
        var enclosing: String?
        var i = line - 1
        while i >= frontMatter.lowerBound {
            let l = yamlLine(source, i)
            let text = source.lineText(i).trimmingSpaces()
            if text.isEmpty || text.hasPrefix("#") { i -= 1; continue }
            let lineIndent = l.indent
            if enclosing == nil, lineIndent < indent, !l.dash, let key = l.key { enclosing = key }
            if lineIndent == 0 && !l.dash, let key = l.key { return (key, enclosing) }
            i -= 1
        }
        return (nil, enclosing)
    }

    /// The schema of the mapping a line is in: the account's, or a contact's, competitor's…
    static func objectSchema(top: String?, indent: Int, dash: Bool, account: ObjectSchema) -> ObjectSchema? {
        if indent == 0 && !dash { return account }
        guard let top, let spec = account.field(top) else { return nil }
        switch spec.type {
        case .list(.object(let schema)), .object(let schema): return schema
        default: return nil
        }
    }

    // MARK: - Completion

    static func completions(
        _ a: LanguageServer.Analysis, offset: Int, today: Day, server: LanguageServer
    ) -> [JSONValue] {
        guard let report = a.report, let workspace = a.workspace else { return [] }
        let source = report.source
        let schema = workspace.config.accountSchema
        let line = source.lineIndex(of: offset)
        let lineStart = source.lineRange(line).lowerBound
        let b = source.bytes
        // The word being typed: what the completion replaces.
        var wordStart = offset
        while wordStart > lineStart && !" [,:\t".utf8.contains(b[wordStart - 1]) { wordStart -= 1 }
        let replace = SourceRange(wordStart, offset)

        if let fm = frontMatterLines(source), fm.contains(line) {
            let l = yamlLine(source, line, upTo: offset)
            let (top, enclosing) = parents(source, line: line, indent: l.indent, frontMatter: fm)
            guard let key = l.key, let valueStart = l.valueStart else {
                // A key is being typed, or a list item under a key.
                if l.dash, let enclosing,
                    let spec = objectSchema(top: top, indent: l.indent, dash: false, account: schema)?.field(enclosing)
                        ?? (l.indent > 0 ? schema.field(enclosing) : nil),
                    case .list(.enumeration(let values)) = spec.type
                {
                    return enumerationItems(values, of: spec.name, replace: replace, in: source, server: server)
                }
                guard let object = objectSchema(top: top, indent: l.indent, dash: l.dash, account: schema) else {
                    return []
                }
                let present = l.indent == 0 ? Set(report.fields.keyRanges.keys) : []
                return object.fields.enumerated().filter { !present.contains($0.element.name) }.map { index, spec in
                    keyItem(spec, order: index, replace: replace, in: source, server: server)
                }
            }
            // Names have spaces: a name completion replaces the whole value written so far.
            let wholeValue = SourceRange(min(valueStart, offset), offset)
            guard let object = objectSchema(top: top, indent: l.indent, dash: l.dash, account: schema),
                let spec = object.field(key)
            else { return [] }
            let inBrackets = b[lineStart..<offset].contains(UInt8(ascii: "["))
            switch spec.type {
            case .enumeration(let values):
                return enumerationItems(values, of: spec.name, replace: replace, in: source, server: server)
            case .list(.enumeration(let values)):
                let written = Set(
                    String(decoding: b[lineStart..<source.lineRange(line).upperBound], as: UTF8.self)
                        .split(whereSeparator: { " [],:".contains($0) }).map(String.init))
                return enumerationItems(
                    values, of: spec.name, skipping: written, bracketed: !inBrackets,
                    replace: replace, in: source, server: server)
            case .boolean:
                return ["true", "false"].enumerated().map {
                    valueItem($1, detail: spec.name, order: $0, replace: replace, in: source, server: server)
                }
            case .date:
                return [valueItem(today.description, detail: "today", replace: replace, in: source, server: server)]
            case .string where key == "reports_to":
                // Not the contact itself: the one whose item holds the cursor.
                let own = report.fields.contacts.first { $0.range.start <= offset && offset <= $0.range.end }?.name
                    .value
                return report.fields.contacts.map(\.name.value).filter { $0 != own }.map {
                    valueItem($0, detail: "contact", replace: wholeValue, in: source, server: server)
                }
            case .string where key == "competitor" && top == "outcome":
                return report.fields.competitors.map(\.name.value).map {
                    valueItem($0, detail: "competitor", replace: wholeValue, in: source, server: server)
                }
            default:
                return []
            }
        }

        // In the body: a heading being typed gets the sections still missing.
        let typed = String(decoding: b[lineStart..<offset], as: UTF8.self)
        guard typed.hasPrefix("#") else { return [] }
        let hashes = typed.prefix { $0 == "#" }.count
        guard hashes <= 6 else { return [] }
        var titleStart = lineStart + hashes
        while titleStart < offset && b[titleStart] == 0x20 { titleStart += 1 }
        let needsSpace = titleStart == lineStart + hashes
        let lineEnd = source.lineRange(line).upperBound
        var items: [JSONValue] = []
        for (index, result) in report.results.enumerated() where result.status.isOpen {
            guard let title = result.question.primaryTitle, result.range == nil else { continue }
            var doc = result.question.ask
            if let hint = result.question.hint { doc += "\n\n" + hint }
            items.append(
                .object([
                    ("label", .string(title)),
                    ("kind", .int(17)),  // Reference: a section of the checklist
                    ("detail", .string("\(result.question.category) · \(result.status.rawValue)")),
                    ("documentation", markdown(doc)),
                    ("sortText", .string(String(format4(index)))),
                    ("filterText", .string(title)),
                    (
                        "textEdit",
                        .object([
                            ("range", server.lspRange(SourceRange(titleStart, lineEnd), in: source)),
                            ("newText", .string((needsSpace ? " " : "") + title)),
                        ])
                    ),
                ]))
        }
        return items
    }

    private static func format4(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    private static func keyItem(
        _ spec: FieldSpec, order: Int, replace: SourceRange, in source: SourceFile, server: LanguageServer
    ) -> JSONValue {
        let isBlock: Bool
        switch spec.type {
        case .list(.object), .object: isBlock = true
        default: isBlock = false
        }
        return .object([
            ("label", .string(spec.name)),
            ("kind", .int(10)),  // Property
            ("detail", .string(spec.type.name + requirementText(spec.requirement).map { " · \($0)" }.orEmpty)),
            ("documentation", markdown(fieldDocumentation(spec))),
            ("sortText", .string(format4(order))),
            (
                "textEdit",
                .object([
                    ("range", server.lspRange(replace, in: source)),
                    ("newText", .string(spec.name + (isBlock ? ":" : ": "))),
                ])
            ),
        ])
    }

    /// The allowed values of `field`, in the order the schema gives them (the pipeline's order for
    /// stages): editors sort by `sortText`, and by label without it, which would offer
    /// `closed_lost` first. Each value carries its short description, when the schema has one.
    private static func enumerationItems(
        _ values: [String], of field: String, skipping written: Set<String> = [],
        bracketed: Bool = false, replace: SourceRange,
        in source: SourceFile, server: LanguageServer
    ) -> [JSONValue] {
        values.enumerated().filter { !written.contains($0.element) }.map { index, value in
            let description = BuiltinSchema.describe(value, of: field)
            return valueItem(
                value, detail: description ?? field, order: index,
                documentation: description.map { "`\(value)` — \($0)" },
                insert: bracketed ? "[\(value)]" : nil, replace: replace, in: source, server: server)
        }
    }

    /// One value to complete; `order` is its place in the list the editor shows (kept as `sortText`).
    private static func valueItem(
        _ value: String, detail: String, order: Int? = nil, documentation: String? = nil,
        insert: String? = nil, replace: SourceRange,
        in source: SourceFile, server: LanguageServer
    ) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("label", .string(value)),
            ("kind", .int(20)),  // EnumMember
            ("detail", .string(detail)),
        ]
        if let documentation { fields.append(("documentation", markdown(documentation))) }
        if let order { fields.append(("sortText", .string(format4(order)))) }
        fields += [
            ("filterText", .string(value)),
            (
                "textEdit",
                .object([
                    ("range", server.lspRange(replace, in: source)),
                    ("newText", .string(insert ?? value)),
                ])
            ),
        ]
        return .object(fields)
    }

    static func requirementText(_ r: Requirement) -> String? {
        switch r {
        case .optional: return nil
        case .always: return "required"
        case .fromStage(let s): return "required from \(s.rawValue)"
        case .openFrom(let s): return "required from \(s.rawValue) while open"
        case .closed: return "required once closed"
        }
    }

    static func fieldDocumentation(_ spec: FieldSpec) -> String {
        var out = "**\(spec.name)** — \(spec.type.name)\n\n\(spec.description)"
        if let r = requirementText(spec.requirement) { out += "\n\n*\(r.prefix(1).uppercased() + r.dropFirst())*" }
        switch spec.type {
        case .enumeration(let values), .list(.enumeration(let values)):
            out += "\n\nValues: " + values.map { "`\($0)`" }.joined(separator: ", ")
        case .date:
            out += "\n\nWritten `YYYY-MM-DD`."
        case .list(.object(let schema)), .object(let schema):
            out += "\n\nEach \(schema.noun) has: " + schema.fields.map { "`\($0.name)`" }.joined(separator: ", ")
        default:
            break
        }
        return out
    }

    private static func markdown(_ text: String) -> JSONValue {
        .object([("kind", .string("markdown")), ("value", .string(text))])
    }

    // MARK: - Hover

    static func hover(_ a: LanguageServer.Analysis, offset: Int, server: LanguageServer) -> JSONValue? {
        guard let report = a.report, let workspace = a.workspace else { return nil }
        let source = report.source
        let line = source.lineIndex(of: offset)
        let lineRange = source.lineRange(line)
        if let fm = frontMatterLines(source), fm.contains(line) {
            let l = yamlLine(source, line)
            guard let key = l.key, let keyRange = l.keyRange else { return nil }
            let (top, _) = parents(source, line: line, indent: l.indent, frontMatter: fm)
            let schema = workspace.config.accountSchema
            guard let object = objectSchema(top: top, indent: l.indent, dash: l.dash, account: schema),
                let spec = object.field(key)
            else { return nil }
            var text = fieldDocumentation(spec)
            if key == "stage" && l.indent == 0, let stage = report.fields.stage?.value {
                let open = report.results.filter { $0.status.isOpen }
                if open.isEmpty {
                    text += "\n\n---\n\nEverything due at `\(stage.rawValue)` is answered."
                } else {
                    text +=
                        "\n\n---\n\n**Still due at `\(stage.rawValue)`** (\(open.count) of \(report.results.filter { $0.status != .upcoming }.count)):\n"
                    for r in open { text += "\n- \(r.question.ask) *(\(r.status.rawValue))*" }
                }
            }
            return .object([
                ("contents", markdown(text)),
                ("range", server.lspRange(SourceRange(keyRange.lowerBound, keyRange.upperBound), in: source)),
            ])
        }
        // A section heading, as the checker scanned it: the checklist question its section answers.
        guard let section = report.body.sections.first(where: { source.lineIndex(of: $0.headingRange.start) == line })
        else { return nil }
        let key = section.key
        let contents: String
        if let result = report.results.first(where: { $0.question.sectionKeys.contains(key) }) {
            let q = result.question
            var out = "**\(q.ask)**"
            if let hint = q.hint { out += "\n\n\(hint)" }
            out +=
                "\n\n`\(q.id)` · \(q.category) · from \(q.from.rawValue) · \(result.status == .upcoming ? "not due yet" : result.status.rawValue)"
            contents = out
        } else {
            contents =
                "This section answers no question of the checklist: briefs keep its text, the checklist ignores it."
        }
        return .object([
            ("contents", markdown(contents)),
            ("range", server.lspRange(SourceRange(lineRange.lowerBound, lineRange.upperBound), in: source)),
        ])
    }

    // MARK: - Code actions

    static func codeActions(_ a: LanguageServer.Analysis, range: SourceRange, server: LanguageServer) -> [JSONValue] {
        guard let report = a.report else { return [] }
        let source = report.source
        let uri = a.document.uri
        var actions: [JSONValue] = []
        func edit(_ edits: [(SourceRange, String)]) -> JSONValue {
            .object([
                (
                    "changes",
                    .object([
                        (
                            uri,
                            .array(
                                edits.map { r, text in
                                    .object([("range", server.lspRange(r, in: source)), ("newText", .string(text))])
                                })
                        )
                    ])
                )
            ])
        }
        for d in report.diagnostics {
            guard let fix = d.fix, d.range.start <= range.end && range.start <= d.range.end else { continue }
            actions.append(
                .object([
                    ("title", .string(quickFixTitle(d, fix))),
                    ("kind", .string("quickfix")),
                    ("diagnostics", .array([server.lspDiagnostic(d, in: source, uri: uri)])),
                    ("isPreferred", .bool(true)),
                    ("edit", edit([(fix.range, fix.replacement)])),
                ]))
        }
        // The sections of the questions due at this stage that have no section yet.
        let missing = report.results.filter { $0.status.isOpen && $0.range == nil && $0.question.primaryTitle != nil }
        if !missing.isEmpty, let stage = report.fields.stage?.value {
            let (at, text) = missingSectionsInsertion(
                missing.compactMap(\.question.primaryTitle), report: report,
                newline: usesCRLF(a.document.bytes) ? "\r\n" : "\n")
            // Their unanswered-question diagnostics: those saying the question is due, by its id.
            let ids = Set(missing.map(\.question.id))
            let related = report.diagnostics.filter {
                $0.is(UnansweredQuestion.Message.due) && ids.contains($0.subject ?? "")
            }
            let count = missing.count
            actions.append(
                .object([
                    (
                        "title",
                        .string(
                            "Add the \(count) missing \(count == 1 ? "section" : "sections") due at \(stage.rawValue)")
                    ),
                    ("kind", .string("quickfix")),
                    ("diagnostics", .array(related.map { server.lspDiagnostic($0, in: source, uri: uri) })),
                    ("edit", edit([(SourceRange(at, at), text)])),
                ]))
        }
        return actions
    }

    /// Where the headings of the missing sections go, and their text: in the order given (the
    /// checklist's), before the log (which stays the last section, as the template has it), or at
    /// the end of a note without one. `newline` is the note's own line ending (the checked text has LF).
    static func missingSectionsInsertion(
        _ titles: [String], report: AccountReport, newline: String
    ) -> (offset: Int, text: String) {
        let b = report.source.bytes
        let headings = titles.map { "## \($0)" + newline + newline }.joined()
        if let log = report.body.sections.first(where: { $0.key == "log" }) {
            let at = report.source.lineRange(report.source.lineIndex(of: log.headingRange.start)).lowerBound
            // A blank line between the text above and the first new heading.
            let line = report.source.lineIndex(of: at)
            let blankAbove = line == 0 || report.source.lineText(line - 1).trimmingSpaces().isEmpty
            return (at, (blankAbove ? "" : newline) + headings)
        }
        let end = b.count
        return (end, (b.last == 0x0A || b.isEmpty ? "" : newline) + newline + headings)
    }

    /// Whether the editor's text ends its first line with CRLF.
    private static func usesCRLF(_ bytes: [UInt8]) -> Bool {
        guard let lf = bytes.firstIndex(of: 0x0A) else { return false }
        return lf > 0 && bytes[lf - 1] == 0x0D
    }
}

extension LSPFeatures {
    /// The title of a diagnostic's quick fix. An unanswered question's fix renames a heading
    /// that nearly names its section (`## Why are they buying?`); the others replace a word.
    static func quickFixTitle(_ d: Diagnostic, _ fix: Diagnostic.Fix) -> String {
        d.is(UnansweredQuestion.Message.nearMissHeading)
            ? "Rename the heading to '\(fix.replacement)'" : "Replace with '\(fix.replacement)'"
    }
}

private extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
