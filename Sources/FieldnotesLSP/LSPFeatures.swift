import FieldnotesCore
import FieldnotesSupport

/// Completion, hover and code actions: what the editor offers while a rep writes notes.
package enum LSPFeatures {
    // MARK: - Reading the front matter under the cursor

    /// Where `offset` is in the front matter, closed or still being typed; nil outside it.
    package static func frontMatterLocation(_ source: SourceFile, offset: Int) -> YAMLLocation? {
        guard let lines = FrontMatterSplit.lines(of: source) else { return nil }
        return YAMLLocation.find(offset, in: source, lines: lines.yaml)
    }

    /// The schema of the mapping `path` leads to: the account's, a contact's, the outcome's…
    /// A list's items are its objects (`contacts` and `contacts[0]` lead to a contact).
    package static func objectSchema(at path: ArraySlice<YAMLLocation.Step>, account: ObjectSchema) -> ObjectSchema? {
        var schema = account
        for case .key(let key) in path {
            switch schema.field(key)?.type {
            case .list(.object(let nested)), .object(let nested): schema = nested
            default: return nil
            }
        }
        return schema
    }

    /// The field the last key of `path` names (for a list item, the list's field).
    package static func field(at path: [YAMLLocation.Step], account: ObjectSchema) -> FieldSpec? {
        guard let last = path.lastIndex(where: { if case .key = $0 { true } else { false } }),
            case .key(let key) = path[last]
        else { return nil }
        return objectSchema(at: path[..<last], account: account)?.field(key)
    }

    // MARK: - Completion

    package static func completions(
        _ a: LanguageServer.Analysis, offset: Int, today: Day, server: LanguageServer
    ) -> [JSONValue] {
        guard let report = a.report, a.workspace != nil else { return [] }
        let source = report.source
        let line = source.lineIndex(of: offset)
        let lineStart = source.lineRange(line).lowerBound
        let b = source.bytes
        // The word being typed: what the completion replaces.
        var wordStart = offset
        while wordStart > lineStart && !" [,:\t".utf8.contains(b[wordStart - 1]) { wordStart -= 1 }
        let replace = SourceRange(wordStart, offset)

        if let location = frontMatterLocation(source, offset: offset) {
            let context = Context(
                report: report, schema: a.workspace!.config.accountSchema, offset: offset, today: today,
                replace: replace, server: server)
            return frontMatterCompletions(location, context)
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

    /// What a completion in the front matter works with.
    private struct Context {
        var report: AccountReport
        var schema: ObjectSchema
        var offset: Int
        var today: Day
        var replace: SourceRange
        var server: LanguageServer
        var source: SourceFile { report.source }
    }

    private static func frontMatterCompletions(_ location: YAMLLocation, _ c: Context) -> [JSONValue] {
        switch location.place {
        case .key, .newKey:
            // A key being typed: the fields of its mapping (at the top, those not written yet).
            let mapping = location.place == .key ? location.path.dropLast() : location.path[...]
            guard let object = objectSchema(at: mapping, account: c.schema) else { return [] }
            return keyItems(object, skipping: mapping.isEmpty ? Set(location.mappingKeys) : [], c)
        case .item:
            // A list item: one of the list's values, or a key of the list's objects.
            guard let spec = field(at: location.path, account: c.schema) else { return [] }
            switch spec.type {
            case .list(.enumeration(let values)):
                return enumerationItems(values, of: spec.name, replace: c.replace, in: c.source, server: c.server)
            case .list(.object(let object)):
                return keyItems(object, skipping: [], c)
            case .list(.string) where spec.name == "next_meeting_with":
                return attendeeItems(from: location.valueStart ?? c.offset, bracketed: false, c)
            default:
                return []
            }
        case .value:
            return valueCompletions(location, c)
        }
    }

    private static func keyItems(_ object: ObjectSchema, skipping present: Set<String>, _ c: Context) -> [JSONValue] {
        object.fields.enumerated().filter { !present.contains($0.element.name) }.map { index, spec in
            keyItem(spec, order: index, replace: c.replace, in: c.source, server: c.server)
        }
    }

    /// The values a field takes, after `key: `.
    private static func valueCompletions(_ location: YAMLLocation, _ c: Context) -> [JSONValue] {
        guard let key = location.key, let spec = field(at: location.path, account: c.schema) else { return [] }
        let (report, source, replace, server) = (c.report, c.source, c.replace, c.server)
        // Names have spaces: a name completion replaces the whole value written so far.
        let wholeValue = SourceRange(min(location.valueStart ?? c.offset, c.offset), c.offset)
        switch spec.type {
        case .enumeration(let values):
            return enumerationItems(values, of: spec.name, replace: replace, in: source, server: server)
        case .list(.enumeration(let values)):
            return enumerationItems(
                values, of: spec.name, skipping: Set(location.listItems), bracketed: !location.inFlowList,
                replace: replace, in: source, server: server)
        case .boolean:
            return ["true", "false"].enumerated().map {
                valueItem($1, detail: spec.name, order: $0, replace: replace, in: source, server: server)
            }
        case .date:
            return [valueItem(c.today.description, detail: "today", replace: replace, in: source, server: server)]
        case .string where key == "reports_to":
            // Not the contact itself: the one whose item holds the cursor.
            let own = report.fields.contacts.first { $0.range.start <= c.offset && c.offset <= $0.range.end }?.name
                .value
            return report.fields.contacts.map(\.name.value).filter { $0 != own }.map {
                valueItem($0, detail: "contact", replace: wholeValue, in: source, server: server)
            }
        case .list(.string) where key == "next_meeting_with":
            // In a flow list, the name being typed starts after the last '[' or ','.
            var start = location.valueStart ?? c.offset
            if location.inFlowList {
                let bytes = source.bytes
                var i = c.offset
                while i > start && bytes[i - 1] != UInt8(ascii: "[") && bytes[i - 1] != UInt8(ascii: ",") { i -= 1 }
                while i < c.offset && bytes[i] == UInt8(ascii: " ") { i += 1 }
                start = i
            }
            return attendeeItems(from: min(start, c.offset), bracketed: !location.inFlowList, c)
        case .string where key == "competitor" && location.path.first == .key("outcome"):
            return report.fields.competitors.map(\.name.value).map {
                valueItem($0, detail: "competitor", replace: wholeValue, in: source, server: server)
            }
        default:
            return []
        }
    }

    /// The contacts who could attend the next meeting (`next_meeting_with`), those already
    /// named left out; a name replaces what was typed of it since `start` (names have spaces).
    private static func attendeeItems(from start: Int, bracketed: Bool, _ c: Context) -> [JSONValue] {
        let fields = c.report.fields
        let named = Set(
            fields.nextMeetingWith.filter { !($0.range.start <= c.offset && c.offset <= $0.range.end) }.map(\.value))
        let replace = SourceRange(start, c.offset)
        return fields.contacts.map(\.name.value).filter { !named.contains($0) }.enumerated().map { index, name in
            // Written so that it reads back as this one name, inside a list or not.
            let written = YAMLScalarWriter.scalar(name, inFlow: true)
            return valueItem(
                name, detail: "contact", order: index, insert: bracketed ? "[\(written)]" : written, replace: replace,
                in: c.source, server: c.server)
        }
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
                documentation: valueDocumentation(value, of: field),
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

    package static func requirementText(_ r: Requirement) -> String? {
        switch r {
        case .optional: return nil
        case .always: return "required"
        case .fromStage(let s): return "required from \(s.rawValue)"
        case .openFrom(let s): return "required from \(s.rawValue) while open"
        case .closed: return "required once closed"
        }
    }

    package static func fieldDocumentation(_ spec: FieldSpec) -> String {
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

    /// What the editor says of a value: "`champion` — sells for us on the inside", and a role's
    /// test; nil for a value without a description (a team's own field).
    package static func valueDocumentation(_ value: String, of field: String) -> String? {
        guard let description = BuiltinSchema.describe(value, of: field) else { return nil }
        return "`\(value)` — \(description)"
            + (BuiltinSchema.test(value, of: field).map { "\n\n**Test:** \($0)" } ?? "")
    }

    private static func markdown(_ text: String) -> JSONValue {
        .object([("kind", .string("markdown")), ("value", .string(text))])
    }

    // MARK: - Hover

    package static func hover(_ a: LanguageServer.Analysis, offset: Int, server: LanguageServer) -> JSONValue? {
        guard let report = a.report, let workspace = a.workspace else { return nil }
        let source = report.source
        let line = source.lineIndex(of: offset)
        let lineRange = source.lineRange(line)
        if let location = frontMatterLocation(source, offset: offset) {
            // A value of a field with a fixed set (a role, a stage): what it means, then the field.
            if let hover = valueHover(location, offset: offset, schema: workspace.config.accountSchema, source, server)
            {
                return hover
            }
            // A field: on its key, or anywhere on the key's line.
            guard let keyRange = location.keyRange, source.lineIndex(of: keyRange.start) == line,
                let spec = field(at: location.path, account: workspace.config.accountSchema)
            else { return nil }
            var text = fieldDocumentation(spec)
            if location.path == [.key("stage")], let stage = report.fields.stage?.value {
                text += stageDue(stage, report: report)
            }
            return .object([
                ("contents", markdown(text)),
                ("range", server.lspRange(keyRange, in: source)),
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
            let status = result.status == .upcoming ? "not due yet" : result.status.rawValue
            out += "\n\n`\(q.id)` · \(q.category) · from \(q.from.rawValue) · \(status)"
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

    /// The hover on an allowed value of an enumeration (`champion` in `roles: [champion]` or
    /// under `roles:` as `- champion`): the value's meaning (a role's test too), then its field's;
    /// nil when the word under the cursor is not such a value.
    private static func valueHover(
        _ location: YAMLLocation, offset: Int, schema: ObjectSchema, _ source: SourceFile, _ server: LanguageServer
    ) -> JSONValue? {
        guard location.place == .value || location.place == .item,
            let spec = field(at: location.path, account: schema)
        else { return nil }
        let values: [String]
        switch spec.type {
        case .enumeration(let v), .list(.enumeration(let v)): values = v
        default: return nil
        }
        let word = wordRange(at: offset, in: source)
        let text = String(decoding: source.bytes[word.start..<word.end], as: UTF8.self)
        guard values.contains(text), let doc = valueDocumentation(text, of: spec.name) else { return nil }
        return .object([
            ("contents", markdown(doc + "\n\n---\n\n" + fieldDocumentation(spec))),
            ("range", server.lspRange(word, in: source)),
        ])
    }

    /// The word of letters, digits and `_` around `offset` (empty when there is none).
    private static func wordRange(at offset: Int, in source: SourceFile) -> SourceRange {
        let b = source.bytes
        func isWord(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
        }
        var start = min(offset, b.count), end = start
        while start > 0 && isWord(b[start - 1]) { start -= 1 }
        while end < b.count && isWord(b[end]) { end += 1 }
        return SourceRange(start, end)
    }

    /// What a hover on `stage:` adds: the questions still due at the stage.
    private static func stageDue(_ stage: Stage, report: AccountReport) -> String {
        let open = report.results.filter { $0.status.isOpen }
        if open.isEmpty { return "\n\n---\n\nEverything due at `\(stage.rawValue)` is answered." }
        let due = report.results.filter { $0.status != .upcoming }.count
        var text = "\n\n---\n\n**Still due at `\(stage.rawValue)`** (\(open.count) of \(due)):\n"
        for r in open { text += "\n- \(r.question.ask) *(\(r.status.rawValue))*" }
        return text
    }

    // MARK: - Code actions

    /// The quick fixes of the findings in `range`: each finding's fix (`Diagnostic.Fix`, the one
    /// `fieldnotes fix` applies), safe ones preferred. One fix shared by several findings is one
    /// action naming them all; the one adding the missing sections is offered anywhere in the note
    /// (it is what the note lacks as a whole).
    package static func codeActions(
        _ a: LanguageServer.Analysis, range: SourceRange, server: LanguageServer
    ) -> [JSONValue] {
        guard let report = a.report else { return [] }
        let source = report.source
        let uri = a.document.uri
        let newline = usesCRLF(a.document.bytes) ? "\r\n" : "\n"
        var groups: [(fix: Diagnostic.Fix, diagnostics: [Diagnostic])] = []
        for d in report.diagnostics {
            guard let fix = d.fix else { continue }
            if let i = groups.firstIndex(where: { $0.fix == fix }) {
                groups[i].diagnostics.append(d)
            } else {
                groups.append((fix, [d]))
            }
        }
        return groups.filter { group in
            group.diagnostics.contains {
                // Adding the sections due is offered anywhere in the note.
                $0.is(UnansweredQuestion.Message.due) || $0.is(UnansweredQuestion.Message.dueAtStage)
                    || $0.range.start <= range.end && range.start <= $0.range.end
            }
        }.map { fix, diagnostics in
            let edits: [JSONValue] = fix.edits.map { edit in
                .object([
                    ("range", server.lspRange(edit.range, in: source)),
                    ("newText", .string(newline == "\n" ? edit.replacement : lineEndings(edit.replacement, newline))),
                ])
            }
            return .object([
                ("title", .string(fix.title)),
                ("kind", .string("quickfix")),
                ("diagnostics", .array(diagnostics.map { server.lspDiagnostic($0, in: source, uri: uri) })),
                ("isPreferred", .bool(fix.applicability == .safe)),
                ("edit", .object([("changes", .object([(uri, .array(edits))]))])),
            ])
        }
    }

    /// `text` with each LF written as `newline`.
    private static func lineEndings(_ text: String, _ newline: String) -> String {
        text.replacingOccurrences(of: "\n", with: newline)
    }

    /// Whether the editor's text ends its first line with CRLF.
    private static func usesCRLF(_ bytes: [UInt8]) -> Bool {
        guard let lf = bytes.firstIndex(of: 0x0A) else { return false }
        return lf > 0 && bytes[lf - 1] == 0x0D
    }
}

private extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
