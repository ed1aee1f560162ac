import FieldnotesSupport

/// The rules that compare dates with each other and with `--as-of`, run in one step: future-date,
/// log-ahead, and for open deals stale-contact and past-meeting.
package enum DateRules {
    /// The latest contact of any kind that is not after `asOf` (what stale-contact measures from).
    package static func latestContact(_ fields: AccountFields, body: Body, asOf: Day) -> Located<Day>? {
        StaleContact.latestContact(fields, body: body, asOf: asOf)
    }

    /// Stale-contact and past-meeting apply to open deals: an open account, or a won one with an
    /// opportunity still open (`AccountFields.openDealStage`). `runs`: the rules run (default all).
    package static func check(
        _ fields: AccountFields, body: Body, asOf: Day, staleAfter: StaleAfter, runs: (Rule) -> Bool = { _ in true }
    ) -> [Diagnostic] {
        var out = runs(.futureDate) ? FutureDate.check(fields, body: body, asOf: asOf) : []
        if runs(.logAhead) { out += LogAhead.check(fields, body: body, asOf: asOf) }
        guard fields.stage == nil || fields.openDealStage != nil else { return out }
        if runs(.staleContact) {
            out += StaleContact.check(
                fields, body: body, asOf: asOf, staleAfterDays: staleAfter.days(at: fields.openDealStage))
        }
        if runs(.pastMeeting) { out += PastMeeting.check(fields, asOf: asOf) }
        return out
    }
}
