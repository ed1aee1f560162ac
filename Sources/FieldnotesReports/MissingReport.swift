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

    /// What the report says, for the writers of each format.
    package func document() -> MissingDocument { MissingDocument(self) }

    public func text() -> String { MissingTextWriter.text(document()) }

    public func markdown() -> String { MissingMarkdownWriter.markdown(document()) }

    public func json() -> String { MissingJSONWriter.json(document()) }
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
