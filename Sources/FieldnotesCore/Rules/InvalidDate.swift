import FieldnotesSupport

/// invalid-date: a date that is not YYYY-MM-DD, or a day that does not exist, in a field or at
/// the start of a log entry. The decoder and the scanner parse dates; this says what is wrong.
package enum InvalidDate: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        /// A field's value is not in the form YYYY-MM-DD.
        case notADate
        /// A log entry's heading does not start with a date.
        case logEntryWithoutDate
        /// The form is right, the day does not exist.
        case noSuchDay
        package static let rule = Rule.invalidDate
    }

    package static let info = Rule.Info(
        severity: .error,
        summary: "a date that is not YYYY-MM-DD, or a day that does not exist",
        tableSummary: "not YYYY-MM-DD, or no such day",
        rationale:
            "Dates drive the stale-contact and past-meeting checks and the briefs. '18/11/2026' is read differently "
            + "in different countries, and 2026-02-30 does not exist.",
        fix: "Write dates as YYYY-MM-DD, e.g. 2026-11-18, and check the day exists.",
        bad: exampleNote("stage: prospecting\nlast_contact: 2026-02-30\n"),
        good: exampleNote("stage: prospecting\nlast_contact: 2026-02-28\n"))

    /// Where the date is written.
    package enum Place {
        case field(String)
        /// The start of a log entry's heading with this title.
        case logEntry(title: String)
    }

    /// `text` (at `range`), written at `place`, failed to parse with `error`.
    package static func diagnostic(
        _ error: Day.ParseError, _ text: String, in place: Place, at range: SourceRange
    ) -> Diagnostic {
        func suggestion() -> String? {
            Day.suggestion(for: text).map { "write dates as YYYY-MM-DD: did you mean '\($0)'?" }
        }
        switch (error, place) {
        case (.format, .field(let field)):
            return Diagnostic(
                Message.notADate, "'\(field)' is not a date in the form YYYY-MM-DD: '\(text)'", at: range,
                subject: field, help: suggestion() ?? "write the date as YYYY-MM-DD, e.g. 2026-11-18",
                fix: fix(text, at: range))
        case (.format, .logEntry(let title)):
            return Diagnostic(
                Message.logEntryWithoutDate, "log entry does not start with a date: '\(text.isEmpty ? title : text)'",
                at: range,
                help: suggestion() ?? "start each log entry with its date: '### YYYY-MM-DD — what happened'",
                fix: text.isEmpty ? nil : fix(text, at: range))
        case (.noSuchDay(let why), .field(let field)):
            return Diagnostic(
                Message.noSuchDay, "no such day '\(text)': \(why)", at: range, subject: field,
                help: "correct the day; dates are YYYY-MM-DD")
        case (.noSuchDay(let why), .logEntry):
            return Diagnostic(
                Message.noSuchDay, "no such day '\(text)': \(why)", at: range, help: "check the date of this log entry")
        }
    }

    /// The fix of a date not written YYYY-MM-DD that reads as a day: safe when it reads as one
    /// day (`2026-9-5`, `2026/11/18`, `18/11/2026`); unsafe when the year comes last and both
    /// orders are days (`10/11/2026` is read day first, as most of the world writes it, and the
    /// title says so) or when a time is dropped (`2026-11-10T10:00`).
    package static func fix(_ text: String, at range: SourceRange) -> Diagnostic.Fix? {
        switch Day.reading(of: text) {
        case .day(let day)?:
            return Diagnostic.Fix(range, day.description)
        case .withTime(let day)?:
            return Diagnostic.Fix(
                "Replace with '\(day)' (the time is dropped)", edits: [.init(range, day.description)],
                applicability: .unsafe)
        case .either(let dayFirst, _)?:
            return Diagnostic.Fix(
                "Replace with '\(dayFirst)' (read as day/month/year)", edits: [.init(range, dayFirst.description)],
                applicability: .unsafe)
        case nil:
            return nil
        }
    }
}
