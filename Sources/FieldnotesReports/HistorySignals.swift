import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport

/// What an account's history in git says, for reports: how long it has been at its stage, when
/// its what_changed section last changed, what happened (the events) and the history's risk flags.
public struct AccountHistoryFacts: Sendable {
    /// The day the account reached its current stage (the first version of the latest run of
    /// versions at that stage), when the history tells.
    public var stageSince: Day?
    /// Days from `stageSince` to --as-of (nil without --as-of).
    public var daysInStage: Int?
    /// The newest day the what_changed section changed (appeared or was edited), when it did.
    public var whatChangedOn: Day?
    /// Every event, oldest first.
    public var events: [HistoryEvent]
    /// The risk flags the history raises (`RiskFlag`'s history flags), critical first.
    public var risks: [Risk]
}

/// The history's facts of every account: one home for stage_since, days_in_stage, the
/// re-asking of what_changed and the flags decision-date-pushed, stage-regressed, stalled,
/// key-contact-removed, late-decision-maker, downgraded, next-step-unchanged, old-assumption.
package enum HistorySignals {
    /// The facts of each account of `history`, by its path now.
    package static func assess(
        _ history: History, checklist: Checklist, config: Config, asOf: Day?
    ) -> [String: AccountHistoryFacts] {
        var out: [String: AccountHistoryFacts] = [:]
        let whatChangedKeys = Set(checklist.questions.first { $0.id == "what_changed" }?.sectionKeys ?? [])
        for timeline in history.timelines {
            let events = TimelineEvents.events(timeline, in: history, checklist: checklist)
            let since = stageSince(timeline, history)
            var facts = AccountHistoryFacts(
                stageSince: since, daysInStage: nil,
                whatChangedOn: sectionChanged(timeline, history, keys: whatChangedKeys), events: events, risks: [])
            if let asOf, let since { facts.daysInStage = max(0, since.days(until: asOf)) }
            out[timeline.path] = facts
        }
        return out
    }

    /// The day of the first version of the latest run of versions at the current stage.
    static func stageSince(_ timeline: AccountTimeline, _ history: History) -> Day? {
        var since: Day?
        var stage: Stage?
        for version in timeline.versions.reversed() {
            guard let s = history.snapshot(version) else {
                if case .removed = version.state, stage == nil { return nil }
                break
            }
            guard let current = s.stage else { break }
            if stage == nil { stage = current }
            guard current == stage else { break }
            since = version.day
        }
        return since
    }

    /// The newest day a section with one of `keys` appeared or changed.
    static func sectionChanged(_ timeline: AccountTimeline, _ history: History, keys: Set<String>) -> Day? {
        var previous: UInt64?
        var changed: Day?
        for version in timeline.versions {
            guard let s = history.snapshot(version) else {
                previous = nil
                continue
            }
            let hash = s.sections.first { keys.contains($0.key) }?.hash
            if let hash, hash != previous { changed = version.day }
            previous = hash
        }
        return changed
    }
}
