import FieldnotesSupport

/// future-date: last_contact, last_visit, a contact's last_met or a log entry dated after today
/// (`--as-of`).
package enum FutureDate: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        /// A field's date; the subject is the field.
        case field
        case logEntry
        /// A contact's `last_met`; the subject is the contact's name.
        case lastMet
        package static let rule = Rule.futureDate
    }

    package static let info = Rule.Info(
        severity: .error,
        summary: "last_contact, last_visit, a contact's last_met or a log entry dated after today",
        tableSummary: "last_contact, last_visit, a contact's last_met or a log entry after today",
        rationale:
            "A contact that has not happened yet is a typo in the date, and it would hide a stale account. Planned "
            + "meetings go in next_meeting.",
        fix: "Correct the date; put planned meetings in next_meeting.",
        bad: exampleNote("stage: prospecting\nlast_contact: 2027-11-18\n"),
        good: exampleNote("stage: prospecting\nlast_contact: 2026-11-18\n"))

    package static func check(_ fields: AccountFields, body: Body, asOf: Day) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (name, date) in [("last_contact", fields.lastContact), ("last_visit", fields.lastVisit)] {
            guard let date, date.value > asOf else { continue }
            out.append(
                Diagnostic(
                    Message.field, "'\(name)' \(date.value) is after today (\(asOf))", at: date.range, subject: name,
                    help: "correct the date; a meeting that is planned goes in 'next_meeting'"))
        }
        for contact in fields.contacts {
            guard let met = contact.lastMet, met.value > asOf else { continue }
            out.append(
                Diagnostic(
                    Message.lastMet, "'\(contact.name.value)' last met \(met.value), after today (\(asOf))",
                    at: met.range, subject: contact.name.value,
                    help: "correct the date: 'last_met' is when we last spoke with them"))
        }
        for entry in body.log {
            guard let date = entry.date, date > asOf else { continue }
            out.append(
                Diagnostic(
                    Message.logEntry, "log entry dated \(date), after today (\(asOf))", at: entry.dateRange,
                    subject: "log \(date)",
                    help: "log what happened once it has happened; a planned meeting goes in 'next_meeting'"))
        }
        return out
    }
}
