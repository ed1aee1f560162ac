import FieldnotesSupport

/// duplicate-section: two `##` sections with the same title. The scanner finds them.
package enum DuplicateSection: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case duplicate
        package static let rule = Rule.duplicateSection
    }

    package static let info = Rule.Info(
        severity: .warning,
        summary: "two sections with the same title",
        tableSummary: "two sections with the same title",
        rationale:
            "Only the first of two sections with one title answers its checklist question; what is written in the "
            + "second is easily missed.",
        fix: "Merge the two sections into one.",
        bad: exampleNote("stage: prospecting\n", body: "\n## What changed\nThey hired a new buyer.\n"),
        good: exampleNote(
            "stage: prospecting\n", body: "\n## Why they are buying\nThey are consolidating two lines.\n"))

    /// A second section titled `title` (at `range`); the first one's title is at `first`.
    package static func duplicate(_ title: String, at range: SourceRange, first: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.duplicate, "duplicate section '\(title)'", at: range, subject: title,
            help: "merge the two sections into one; only the first is read for the checklist",
            notes: [.init("first section with this title", first)])
    }
}
