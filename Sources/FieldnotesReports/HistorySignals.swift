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
    /// Which events `assess` keeps in `AccountHistoryFacts.events`: the flags need the last 30
    /// days' (with --as-of); a report may want more.
    package enum EventWindow: Sendable {
        /// Every event (the history's own reports).
        case all
        /// Those on or after a day (a summary's movement), besides what the flags need.
        case since(Day)
        /// Only what the flags need (missing, brief, agenda).
        case flags
    }

    package static func assess(
        _ history: History, checklist: Checklist, config: Config, asOf: Day?, events window: EventWindow = .all
    ) -> [String: AccountHistoryFacts] {
        var out: [String: AccountHistoryFacts] = [:]
        var stays = StageStays()
        var waiting: [(path: String, stage: Stage)] = []
        // Each account on every core, from its digest (made once, cached); the team's stays after.
        let timelines = history.timelines
        let each = Batch.map(timelines.count) { i -> (AccountHistoryFacts, [TimelineDigest.Stay], Stage?)? in
            let first = firstVersion(timelines[i], window: window, asOf: asOf)
            guard let digest = history.digest(at: i, fromVersion: first) else { return nil }
            var facts = AccountHistoryFacts(
                stageSince: digest.stageSince, daysInStage: nil, whatChangedOn: digest.whatChangedOn,
                events: digest.events, risks: [])
            // A stage reached after --as-of (commits dated later than the day asked) is no day in it yet.
            if let asOf, let since = digest.stageSince, since <= asOf { facts.daysInStage = since.days(until: asOf) }
            var open: Stage?
            if let deal = digest.deal {
                facts.risks = Flags(deal: deal, events: digest.events, asOf: asOf).risks()
                if !deal.stage.isClosed { open = deal.stage }
            }
            return (facts, digest.stays, open)
        }
        for (timeline, result) in zip(timelines, each) {
            guard let (facts, accountStays, open) = result else { continue }
            stays.add(accountStays)
            if let open { waiting.append((timeline.path, open)) }
            out[timeline.path] = facts
        }
        // Stalled compares each account with the team: it waits for every account's stays. The
        // team's threshold at a stage is worked out once (a median sorts every stay).
        var thresholds: [Stage: (days: Int, source: String)] = [:]
        for (path, stage) in waiting {
            guard var facts = out[path], let days = facts.daysInStage, let since = facts.stageSince else { continue }
            let threshold = thresholds[stage] ?? stays.threshold(stage, config.stalledAfter)
            thresholds[stage] = threshold
            guard days > threshold.days else { continue }
            let why =
                "at \(Words.spaced(stage.rawValue)) for \(days) days, since \(since) (stalled after \(threshold.days): "
                + threshold.source + ")"
            facts.risks = RiskFlags.ordered(facts.risks + [Risk(flag: .stalled, severity: .warning, why: why)])
            out[path] = facts
        }
        return out
    }

    /// The first version whose events `window` wants: from the day it names or the flags' 30 days,
    /// whichever is earlier (the work tree's version, undated without --as-of, is the latest).
    static func firstVersion(_ timeline: AccountTimeline, window: EventWindow, asOf: Day?) -> Int {
        let flags = asOf?.adding(days: -30)
        let from: Day?
        switch window {
        case .all: return 0
        case .since(let day): from = min(day, flags ?? day)
        case .flags: from = flags
        }
        guard let from else { return timeline.versions.firstIndex { $0.day == nil } ?? timeline.versions.count }
        return timeline.versions.firstIndex { ($0.day ?? .last) >= from } ?? timeline.versions.count
    }
}

// MARK: - The history's risk flags

extension HistorySignals {
    /// An open deal's flags on the day asked, from what its history says (`TimelineDigest.Deal`).
    struct Flags {
        let deal: TimelineDigest.Deal
        let events: [HistoryEvent]
        let asOf: Day?

        /// Whether `day` is in the `days` days before --as-of (never without it).
        func recent(_ day: Day?, within days: Int) -> Bool {
            guard let asOf, let day else { return false }
            return (0...days).contains(day.days(until: asOf))
        }

        /// The flags, critical first. A won account with work open keeps only its open
        /// opportunities' decision-date-pushed; stalled is added by `assess`, with the team's stays.
        func risks() -> [Risk] {
            guard !deal.stage.isClosed else { return [decisionDatePushed()].compactMap { $0 } }
            let risks = [
                decisionDatePushed(), stageRegressed(), keyContactRemoved(), lateDecisionMaker(), downgraded(),
                nextStepUnchanged(), oldAssumption(),
            ]
            return RiskFlags.ordered(risks.compactMap { $0 })
        }
    }
}

/// "on 2026-11-10", or "in the work tree" for a version without a day.
private func on(_ day: Day?) -> String { day.map { "on \($0)" } ?? "in the work tree" }

private func days(_ n: Int) -> String { "\(n >= 0 ? "+" : "−")\(abs(n)) days" }

extension HistorySignals.Flags {
    /// decision-date-pushed: a decision date (the account's while it is open, each open
    /// opportunity's) pushed at least twice in the last 90 days, or more than 30 days after its
    /// first date, in its current run.
    func decisionDatePushed() -> Risk? {
        let whys = deal.dates.compactMap { run -> String? in
            let moves = run.pushedOn.count
            let lately = run.pushedOn.filter { recent($0, within: 90) }.count
            let total = run.first.days(until: run.last)
            guard total > 30 || lately >= 2 else { return nil }
            var times = moves == 1 ? "once" : moves == 2 ? "twice" : "\(moves) times"
            if lately >= 2 && lately < moves { times += " (\(lately) in the last 90 days)" }
            return "\(run.label) pushed \(times): \(run.first) → \(run.last) (\(days(total)))"
        }
        return whys.isEmpty
            ? nil : Risk(flag: .decisionDatePushed, severity: .critical, why: whys.joined(separator: "; "))
    }

    /// stage-regressed: the newest move back from an open stage to an earlier one in 90 days.
    func stageRegressed() -> Risk? {
        guard let back = deal.backMoves.last(where: { recent($0.day, within: 90) }) else { return nil }
        let why =
            "stage moved back: \(Words.spaced(back.from.rawValue)) → \(Words.spaced(back.to.rawValue)) \(on(back.day))"
        return Risk(flag: .stageRegressed, severity: .warning, why: why)
    }

    /// key-contact-removed: a key role nobody holds now, whose holder was removed or lost it.
    /// A role someone with status: left still holds in the notes is key-contact-left's.
    func keyContactRemoved() -> Risk? {
        var whys: [String] = []
        for role in ["economic_buyer", "champion", "decision_maker"] {
            let gone = deal.keyContactsGone.filter { $0.role == role }
            guard !gone.isEmpty else { continue }
            let who = gone.map {
                "\($0.name) (\(Words.spaced(role))) \($0.removed ? "removed" : "lost the role") \(on($0.day))"
            }
            whys.append(who.joined(separator: ", ") + ", and no active contact holds the role")
        }
        return whys.isEmpty
            ? nil : Risk(flag: .keyContactRemoved, severity: .critical, why: whys.joined(separator: "; "))
    }

    /// late-decision-maker: someone became economic buyer or decision maker at solution or later.
    func lateDecisionMaker() -> Risk? {
        let whys = deal.lateDecisionMakers.map {
            "\($0.name) became \(Words.spaced($0.role)) at \(Words.spaced($0.stage.rawValue)) \(on($0.day))"
        }
        return whys.isEmpty
            ? nil : Risk(flag: .lateDecisionMaker, severity: .warning, why: whys.joined(separator: "; "))
    }

    /// downgraded: our position, budget or pain moved down in the last 30 days.
    func downgraded() -> Risk? {
        let down = events.filter {
            $0.kind == .downgraded && Scales.scale($0.field ?? "") != nil && recent($0.date, within: 30)
        }
        guard !down.isEmpty else { return nil }
        let why = down.map { "\($0.text) \(on($0.date))" }.joined(separator: "; ")
        return Risk(flag: .downgraded, severity: .warning, why: why)
    }

    /// next-step-unchanged: the same next step, at the same stage, for 21 days or more.
    func nextStepUnchanged() -> Risk? {
        guard let asOf, let since = deal.nextStepSince else { return nil }
        let n = since.days(until: asOf)
        guard n >= 21 else { return nil }
        let why = "the same next step since \(since) (\(n) days), at \(Words.spaced(deal.stage.rawValue)) all that time"
        return Risk(flag: .nextStepUnchanged, severity: .warning, why: why)
    }

    /// old-assumption: assumption lines present, unchanged, for more than 21 days (oldest first).
    func oldAssumption() -> Risk? {
        guard let asOf else { return nil }
        var old = deal.assumptions.compactMap { a -> (since: Day, text: String)? in
            guard let since = a.since, since.days(until: asOf) > 21 else { return nil }
            return (since, a.text)
        }
        guard !old.isEmpty else { return nil }
        old.sort { $0.since < $1.since }
        var shown = old.prefix(3).map {
            "“\($0.text)” unchanged since \($0.since) (\($0.since.days(until: asOf)) days)"
        }
        if old.count > 3 { shown.append("and \(old.count - 3) more") }
        return Risk(flag: .oldAssumption, severity: .warning, why: shown.joined(separator: "; "))
    }
}

/// Each open stage's completed stays across every account (entering to leaving it), for the
/// team's pace: how long deals usually sit at a stage before they move.
struct StageStays {
    private var days: [Stage: [Int]] = [:]
    private var accounts: [Stage: Int] = [:]

    /// The completed stays of one account (`TimelineDigest.stays`).
    mutating func add(_ stays: [TimelineDigest.Stay]) {
        for stay in stays { days[stay.stage, default: []].append(stay.days) }
        for stage in Set(stays.map(\.stage)) { accounts[stage, default: 0] += 1 }
    }

    /// The days at `stage` after which a deal has stalled, and where the number comes from.
    func threshold(_ stage: Stage, _ settings: StalledAfter) -> (days: Int, source: String) {
        if let n = settings.days(at: stage) { return (n, "stalled_after_days") }
        guard let stays = days[stage], let count = accounts[stage], count >= 10 else {
            return (60, "the default, until 10 accounts have left the stage")
        }
        let sorted = stays.sorted()
        let m = sorted.count / 2
        let median = sorted.count % 2 == 1 ? Double(sorted[m]) : Double(sorted[m - 1] + sorted[m]) / 2
        let n = max(1, Int((median * 1.5).rounded()))
        let shown = median == median.rounded() ? "\(Int(median))" : "\(median)"
        return (n, "1.5 × the team's median of \(shown) days, over \(count) accounts")
    }
}
