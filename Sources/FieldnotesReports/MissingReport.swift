import FieldnotesCore
import FieldnotesSupport

/// `fieldnotes missing`: per account, the questions still open for its stage (the agenda for
/// the next meeting) and the assumptions to verify.
public struct MissingReport {
    public var accounts: [AccountFacts]
    public var checklist: Checklist
    /// Also list the questions of the next stage.
    public var includeNext: Bool

    public init(accounts: [AccountFacts], checklist: Checklist, includeNext: Bool) {
        self.accounts = accounts
        self.checklist = checklist
        self.includeNext = includeNext
    }

    package static func statusText(_ s: QuestionStatus) -> String {
        switch s {
        case .missing: return "missing"
        case .partial: return "partly answered"
        case .assumed: return "assumed: verify it"
        case .answered: return "answered"
        case .upcoming: return "upcoming"
        }
    }

    /// The next stage's questions not yet answered.
    package func nextQuestions(_ a: AccountFacts) -> (Stage, [QuestionResult])? {
        guard includeNext, let stage = a.stage, let next = stage.next else { return nil }
        let results = a.report.results.filter { $0.status == .upcoming && next.reached($0.question.from) }
        return (next, results)
    }

    package static func grouped<T>(_ items: [T], category: (T) -> String) -> [(String, [T])] {
        var out: [(String, [T])] = []
        for item in items {
            let c = category(item)
            if let i = out.firstIndex(where: { $0.0 == c }) { out[i].1.append(item) } else { out.append((c, [item])) }
        }
        return out
    }

    package func header(_ a: AccountFacts) -> (title: String, details: String) {
        let stage = a.stage?.rawValue ?? "stage unknown"
        var details = [TerminalText.escaped(a.path)]
        if let owner = a.owner { details.append("owner \(TerminalText.escaped(owner))") }
        if let next = a.report.fields.nextMeeting { details.append("next meeting \(next.value)") }
        if let last = a.lastContact {
            details.append("last contact \(last)" + (a.daysSinceContact.map { " (\($0) days ago)" } ?? ""))
        }
        return (
            "\(TerminalText.escaped(a.name)) · \(stage) · \(a.answered) of \(a.due) \(a.due == 1 ? "question" : "questions") answered",
            details.joined(separator: " · ")
        )
    }

    // MARK: - Text

    public func text() -> String {
        var out = ""
        var wrapped = WrappedQuestions()
        for (index, a) in accounts.enumerated() {
            if index > 0 { out += "\n" }
            let h = header(a)
            out += h.title + "\n" + h.details + "\n"
            for e in a.errorLines { out += "  ! \(TerminalText.escaped(e))\n" }
            if a.stage == nil {
                out += "\n  The stage is missing or not valid: fix it to see which questions are due.\n"
                continue
            }
            if a.open.isEmpty {
                out += "\n  Every question due at \(a.stage!.rawValue) is answered.\n"
            }
            for (category, items) in Self.grouped(a.open, category: { $0.question.category }) {
                out += "\n  \(category)\n"
                for item in items {
                    out += textItem(item.question, status: item.status, gaps: item.gaps, wrapped: &wrapped)
                }
            }
            if !a.assumptions.isEmpty {
                out += "\n  Assumptions to verify\n"
                for item in a.assumptions {
                    let label = "    line \(item.line)  "
                    let lines = TextWrap.lines(TerminalText.escaped(item.text), width: 78 - label.count)
                    out += label + lines.joined(separator: "\n" + String(repeating: " ", count: label.count)) + "\n"
                }
            }
            if let (next, results) = nextQuestions(a), results.isEmpty {
                out += "\n  Next stage (\(next.rawValue)): no new questions\n"
            }
            if let (next, results) = nextQuestions(a), !results.isEmpty {
                out += "\n  Next stage (\(next.rawValue))\n"
                for (category, items) in Self.grouped(results, category: { $0.question.category }) {
                    out += "    \(category)\n"
                    for item in items { out += textItem(item.question, status: nil, indent: "  ", wrapped: &wrapped) }
                }
            }
        }
        return TerminalText.escapedKeepingLines(out)
    }

    /// A question's text and hint as wrapped lines, by indent and question: the same questions
    /// come back for most accounts, so each is wrapped once.
    private typealias WrappedQuestions = [String: (ask: String, hint: String)]

    private func textItem(
        _ q: Question, status: QuestionStatus?, gaps: [String] = [], indent: String = "",
        wrapped: inout WrappedQuestions
    ) -> String {
        let mark: String
        switch status {
        case .partial: mark = "~"
        case .assumed: mark = "?"
        default: mark = "-"
        }
        let key = indent + "\u{0}" + q.id
        let text =
            wrapped[key]
            ?? {
                let ask =
                    TextWrap.lines(q.ask, width: 72 - indent.count).joined(separator: "\n\(indent)      ") + "\n"
                let hint =
                    q.hint.map {
                        TextWrap.lines($0, width: 72 - indent.count).map { "\(indent)      \($0)\n" }.joined()
                    } ?? ""
                wrapped[key] = (ask, hint)
                return (ask, hint)
            }()
        var out = "\(indent)    \(mark) " + text.ask
        var detail = q.id
        if let status { detail = "\(Self.statusText(status)) · \(q.id)" }
        out += "\(indent)      \(detail)\n"
        for gap in gaps { out += "\(indent)      · \(gap)\n" }
        out += text.hint
        return out
    }

    // MARK: - Markdown

    public func markdown() -> String {
        var out = "# Open questions\n"
        for a in accounts {
            let stage = a.stage?.rawValue ?? "stage unknown"
            out += "\n## \(MarkdownText.inline(a.name)) — \(stage), \(a.answered)/\(a.due) answered\n\n"
            out += MarkdownText.inline(header(a).details) + "\n"
            let errs = a.errorLines
            if !errs.isEmpty {
                out += "\n**Errors in the notes:**\n\n"
                for e in errs { out += "- `\(TerminalText.escaped(e))`\n" }
            }
            guard let stage = a.stage else {
                out += "\nThe stage is missing or not valid: fix it to see which questions are due.\n"
                continue
            }
            if a.open.isEmpty { out += "\nEvery question due at \(stage.rawValue) is answered.\n" }
            for (category, items) in Self.grouped(a.open, category: { $0.question.category }) {
                out += "\n### \(MarkdownText.inline(category))\n"
                for item in items { out += "\n" + markdownItem(item.question, status: item.status, gaps: item.gaps) }
            }
            if !a.assumptions.isEmpty {
                out += "\n### Assumptions to verify\n\n"
                for item in a.assumptions { out += "- Line \(item.line): \(MarkdownText.inline(item.text))\n" }
            }
            if let (next, results) = nextQuestions(a), !results.isEmpty {
                out += "\n### Next stage (\(next.rawValue))\n"
                for item in results { out += "\n" + markdownItem(item.question, status: nil) }
            }
        }
        return TerminalText.escapedKeepingLines(out)
    }

    private func markdownItem(_ q: Question, status: QuestionStatus?, gaps: [String] = []) -> String {
        var out = "- [ ] **\(MarkdownText.inline(q.ask))**"
        if let status, status != .missing {
            out +=
                " _(\(Self.statusText(status))"
                + (gaps.isEmpty ? "" : MarkdownText.inline(": " + gaps.joined(separator: "; "))) + ")_"
        }
        out += "\n"
        if let hint = q.hint { out += "\n  \(MarkdownText.inline(hint))\n" }
        return out
    }

    // MARK: - JSON

    public func json() -> String {
        let items: [JSONValue] = accounts.map { a in
            var members: [(String, JSONValue)] = [
                ("path", .string(a.path)), ("account", .string(a.name)),
                ("owner", a.owner.map(JSONValue.string) ?? .null),
                ("stage", a.stage.map { .string($0.rawValue) } ?? .null),
                ("last_contact", a.lastContact.map { .string($0.description) } ?? .null),
                ("next_meeting", a.report.fields.nextMeeting.map { .string($0.value.description) } ?? .null),
                ("due", .int(a.due)), ("answered", .int(a.answered)),
                ("open", .array(a.open.map { question($0.question, status: $0.status, gaps: $0.gaps) })),
                (
                    "assumptions",
                    .array(
                        a.assumptions.map {
                            .object([
                                ("id", $0.id.map(JSONValue.string) ?? .null), ("line", .int($0.line)),
                                ("text", .string($0.text)),
                            ])
                        })
                ),
            ]
            if includeNext {
                let next = nextQuestions(a)
                members.append(("next_stage", next.map { .string($0.0.rawValue) } ?? .null))
                members.append(("next", .array((next?.1 ?? []).map { question($0.question, status: .upcoming) })))
            }
            members.append(("errors", .array(a.errorLines.map(JSONValue.string))))
            return .object(members)
        }
        return JSONWriter.pretty(.object([("version", .int(1)), ("accounts", .array(items))])) + "\n"
    }

    private func question(_ q: Question, status: QuestionStatus, gaps: [String] = []) -> JSONValue {
        .object([
            ("id", .string(q.id)), ("ask", .string(q.ask)), ("category", .string(q.category)),
            ("status", .string(status.rawValue)), ("hint", q.hint.map(JSONValue.string) ?? .null),
            ("gaps", .array(gaps.map(JSONValue.string))),
        ])
    }
}

/// Escaping for text from the notes placed in generated Markdown.
public enum MarkdownText {
    private static let special = Array("\n\r|<>".utf8)

    /// Text for one line of Markdown (a cell, a list item): line breaks become spaces, and
    /// characters that would change the structure (`|`, `<`, a leading `#`) are escaped.
    public static func inline(_ s: String) -> String {
        // Nearly always nothing to change: check the bytes first.
        guard Bytes.contains(anyOf: special, in: s) else { return s }
        var out = ""
        for c in s {
            switch c {
            case "\n", "\r", "\r\n": out += " "
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
