import FieldnotesSupport

/// log-ahead: the newest log entry (not after today) is newer than last_contact.
package enum LogAhead: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case logNewer
        package static let rule = Rule.logAhead
    }

    package static let info = Rule.Info(
        severity: .warning,
        summary: "the newest log entry is newer than last_contact",
        tableSummary: "the newest log entry is newer than last_contact",
        rationale:
            "The log says you spoke to them more recently than last_contact does, so the front matter is out of date "
            + "and the summary shows the wrong date.",
        fix: "Set last_contact to the date of the newest log entry.",
        bad: exampleNote(
            "stage: prospecting\nlast_contact: 2026-11-02\n",
            body: "\n## Log\n\n### 2026-11-18 — Call with Jenny\nThey moved the trial.\n"),
        good: exampleNote(
            "stage: prospecting\nlast_contact: 2026-11-18\n",
            body: "\n## Log\n\n### 2026-11-18 — Call with Jenny\nThey moved the trial.\n"))

    package static func check(_ fields: AccountFields, body: Body, asOf: Day) -> [Diagnostic] {
        guard let log = body.newestLogEntry(onOrBefore: asOf), let logDate = log.date,
            let last = fields.lastContact, logDate > last.value
        else { return [] }
        return [
            Diagnostic(
                Message.logNewer, "the newest log entry (\(logDate)) is newer than 'last_contact' (\(last.value))",
                at: log.dateRange, subject: "last_contact", help: "set 'last_contact: \(logDate)'",
                notes: [.init("'last_contact' is set here", last.range)])
        ]
    }
}
