import FieldnotesSupport

/// A `##` section of an account's body.
public struct Section: Sendable {
    public var title: String
    /// Lowercased, spaces collapsed, trailing `:`/`?` removed: what checklist titles match.
    public var key: String
    /// The heading line.
    public var headingRange: SourceRange
    /// The title text on the heading line.
    public var titleRange: SourceRange
    /// 0-based lines of the section's content (after the heading, up to the next `##`).
    public var lines: Range<Int>
    /// Lines with visible text that is more than a placeholder.
    public var contentLines: [Int]
    /// Lines that hold only a placeholder (TBD, TODO, ?, ...).
    public var placeholderLines: [Int]
    public var assumptions: [Assumption]

    public enum Status: Sendable { case empty, answered, partial, assumed }

    public var status: Status {
        if contentLines.isEmpty { return .empty }
        if !assumptions.isEmpty { return .assumed }
        if !placeholderLines.isEmpty { return .partial }
        return .answered
    }
}

/// A statement the rep marked as not yet verified (`Assumption:` or `(assumed)`), or hedged
/// ("probably", "I think"): not the customer's word either way.
public struct Assumption: Sendable {
    public var text: String
    /// The marker, or the hedging words.
    public var range: SourceRange
    /// The 0-based line.
    public var line: Int
    /// The hedging words ("probably", "I think") when the line hedges rather than being marked.
    public var hedge: String? = nil
}

/// A `### YYYY-MM-DD …` entry under `## Log`.
public struct LogEntry: Sendable {
    public var date: Day?
    public var title: String
    public var headingRange: SourceRange
    /// The date text at the start of the heading.
    public var dateRange: SourceRange
}

/// A `###` (or deeper) heading outside the log: part of the section it is in, and a candidate
/// when a checklist title was meant ("### Decision process" for "## Decision process").
public struct Subheading: Sendable {
    public var level: Int
    public var title: String
    /// Normalized as `Section.key`.
    public var key: String
    public var headingRange: SourceRange
    public var titleRange: SourceRange
}

/// What the body scanner read from the Markdown after the front matter.
public struct Body: Sendable {
    public var title: String?
    public var sections: [Section] = []
    public var log: [LogEntry] = []
    /// `###` and deeper headings outside the log, in file order.
    public var subheadings: [Subheading] = []
    public var diagnostics: [Diagnostic] = []
    /// The lines of fenced code blocks, fences included (line indexes, in order): text, never
    /// headings or comments.
    public var fencedLines: [Range<Int>] = []

    public var assumptions: [Assumption] { sections.flatMap(\.assumptions) }

    /// The newest dated log entry on or before `day` (planned entries in the future do not count).
    public func newestLogEntry(onOrBefore day: Day) -> LogEntry? {
        log.filter { $0.date != nil && $0.date! <= day }.max { $0.date! < $1.date! }
    }
}
