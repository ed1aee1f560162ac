import FieldnotesSupport

/// future-date, stale-contact, past-meeting and log-ahead: the rules that compare dates with
/// each other and with `--as-of`.
package enum DateRules {
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

    package static func check(_ fields: AccountFields, body: Body, asOf: Day, staleAfterDays: Int) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let closed = fields.stage?.value.isClosed ?? false
        for (name, date) in [("last_contact", fields.lastContact), ("last_visit", fields.lastVisit)] {
            guard let date, date.value > asOf else { continue }
            out.append(
                Diagnostic(
                    .futureDate, "'\(name)' \(date.value) is after today (\(asOf))", at: date.range,
                    help: "correct the date; a meeting that is planned goes in 'next_meeting'"))
        }
        for entry in body.log {
            guard let date = entry.date, date > asOf else { continue }
            out.append(
                Diagnostic(
                    .futureDate, "log entry dated \(date), after today (\(asOf))", at: entry.dateRange,
                    help: "log what happened once it has happened; a planned meeting goes in 'next_meeting'"))
        }
        let newestLog = body.newestLogEntry(onOrBefore: asOf)
        if let log = newestLog, let logDate = log.date,
            let last = fields.lastContact, logDate > last.value
        {
            out.append(
                Diagnostic(
                    .logAhead, "the newest log entry (\(logDate)) is newer than 'last_contact' (\(last.value))",
                    at: log.dateRange, help: "set 'last_contact: \(logDate)'",
                    notes: [.init("'last_contact' is set here", last.range)]))
        }
        guard !closed else { return out }
        if let latest = latestContact(fields, body: body, asOf: asOf), latest.value.days(until: asOf) > staleAfterDays {
            let days = latest.value.days(until: asOf)
            out.append(
                Diagnostic(
                    .staleContact, "no contact for \(days) days (since \(latest.value))", at: latest.range,
                    help:
                        "get in touch and ask what has changed on their end; then update 'last_contact' (stale after \(staleAfterDays) days)"
                ))
        }
        if let meeting = fields.nextMeeting, meeting.value < asOf {
            out.append(
                Diagnostic(
                    .pastMeeting, "'next_meeting' \(meeting.value) is in the past", at: meeting.range,
                    help:
                        "write what happened in the log, then set 'next_meeting' to the next date agreed with the customer"
                ))
        }
        return out
    }
}
