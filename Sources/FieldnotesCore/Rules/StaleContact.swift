import FieldnotesSupport

/// stale-contact: no contact of any kind for more than `stale_after_days` (open deals only).
package enum StaleContact: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case stale
        package static let rule = Rule.staleContact
    }

    package static let info = Rule.Info(
        severity: .warning,
        summary: "no contact for more than stale_after_days (30 by default)",
        tableSummary: "no contact for more than stale_after_days",
        rationale:
            "Things change on the customer's side all the time: new people, new priorities, a competitor's visit. "
            + "After a month of silence, what you know may be out of date.",
        fix:
            "Get in touch and ask what has changed on their end since you last spoke; then update last_contact and "
            + "the log.",
        bad: exampleNote("stage: prospecting\nlast_contact: 2026-09-01\n"),
        good: exampleNote("stage: prospecting\nlast_contact: 2026-11-18\n"))

    /// The latest contact of any kind (last_contact, last_visit, the newest log entry) that is not after `asOf`.
    package static func latestContact(_ fields: AccountFields, body: Body, asOf: Day) -> Located<Day>? {
        var latest: Located<Day>?
        for candidate in [fields.lastContact, fields.lastVisit] {
            if let c = candidate, c.value <= asOf, latest == nil || c.value > latest!.value { latest = c }
        }
        if let log = body.newestLogEntry(onOrBefore: asOf), let d = log.date, latest == nil || d > latest!.value {
            latest = Located(value: d, range: log.dateRange)
        }
        return latest
    }

    /// Closed deals are not checked.
    package static func check(_ fields: AccountFields, body: Body, asOf: Day, staleAfterDays: Int) -> [Diagnostic] {
        guard let latest = latestContact(fields, body: body, asOf: asOf) else { return [] }
        let days = latest.value.days(until: asOf)
        guard days > staleAfterDays else { return [] }
        return [
            Diagnostic(
                Message.stale, "no contact for \(days) days (since \(latest.value))", at: latest.range,
                subject: "last_contact",
                help: "get in touch and ask what has changed on their end; then update 'last_contact' "
                    + "(stale after \(staleAfterDays) days)")
        ]
    }
}
