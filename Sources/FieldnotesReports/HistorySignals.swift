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
        let whatChangedKeys = Set(checklist.questions.first { $0.id == "what_changed" }?.sectionKeys ?? [])
        // Each account on every core, its versions decoded once; the team's stays after.
        let timelines = history.timelines
        let each = Batch.map(timelines.count) { i -> (AccountHistoryFacts, [Step], Stage?) in
            let timeline = timelines[i]
            let decoded = history.facts(of: timeline)
            let events = TimelineEvents.events(
                timeline, facts: decoded, checklist: checklist,
                fromVersion: firstVersion(timeline, window: window, asOf: asOf))
            let since = stageSince(timeline, decoded)
            var facts = AccountHistoryFacts(
                stageSince: since, daysInStage: nil,
                whatChangedOn: sectionChanged(timeline, decoded, keys: whatChangedKeys), events: events, risks: [])
            // A stage reached after --as-of (commits dated later than the day asked) is no day in it yet.
            if let asOf, let since, since <= asOf { facts.daysInStage = since.days(until: asOf) }
            let steps = Step.all(timeline, decoded)
            var open: Stage?
            if let account = Account(steps, events: events, asOf: asOf) {
                facts.risks = account.risks()
                if let stage = account.now.stage, !stage.isClosed { open = stage }
            }
            return (facts, steps, open)
        }
        for (timeline, (facts, steps, open)) in zip(timelines, each) {
            stays.add(steps)
            if let open { waiting.append((timeline.path, open)) }
            out[timeline.path] = facts
        }
        // Stalled compares each account with the team: it waits for every account's stays.
        for (path, stage) in waiting {
            guard var facts = out[path], let days = facts.daysInStage, let since = facts.stageSince else { continue }
            let threshold = stays.threshold(stage, config.stalledAfter)
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

    /// The day of the first version of the latest run of versions at the current stage; nil when
    /// that run reaches back to where a shallow history starts (it may be older).
    static func stageSince(_ timeline: AccountTimeline, _ facts: [VersionFacts]) -> Day? {
        var since: Day?
        var stage: Stage?
        for (version, fact) in zip(timeline.versions, facts).reversed() {
            guard case .snapshot(let s) = fact else {
                if case .removed = fact, stage == nil { return nil }
                break
            }
            guard let current = s.stage else { break }
            if stage == nil { stage = current }
            guard current == stage else { break }
            if version.atBoundary { return nil }
            since = version.day
        }
        return since
    }

    /// The newest day a section with one of `keys` appeared or changed. Where a shallow history
    /// starts, its first day stands for when the section last changed: the latest it can have been
    /// (what_changed is asked again only when that is before the newest meeting).
    static func sectionChanged(_ timeline: AccountTimeline, _ facts: [VersionFacts], keys: Set<String>) -> Day? {
        var previous: UInt64?
        var changed: Day?
        for (version, fact) in zip(timeline.versions, facts) {
            guard case .snapshot(let s) = fact else {
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

// MARK: - The history's risk flags

extension HistorySignals {
    /// One readable version: its day and facts; `snap` is nil where the file was removed.
    struct Step {
        var day: Day?
        var snap: AccountSnapshot?
        var atBoundary: Bool

        /// The versions of `timeline`, each decoded once; versions that could not be read are left out.
        static func all(_ timeline: AccountTimeline, _ facts: [VersionFacts]) -> [Step] {
            zip(timeline.versions, facts).compactMap { v, fact in
                switch fact {
                case .snapshot(let s): return Step(day: v.day, snap: s, atBoundary: v.atBoundary)
                case .removed: return Step(day: v.day, snap: nil, atBoundary: false)
                default: return nil
                }
            }
        }
    }

    /// An open deal's versions since the file was last added (oldest first), and what the flags read.
    struct Account {
        typealias Version = (day: Day?, snap: AccountSnapshot)
        let steps: [Version]
        let events: [HistoryEvent]
        let asOf: Day?
        var now: AccountSnapshot { steps[steps.count - 1].snap }
        /// The version pairs in order: (before, after).
        var moves: [(Version, Version)] { Array(zip(steps.dropLast(), steps.dropFirst())) }

        /// Nil when the account is gone, or is no open deal (`AccountFields.openDealStage`).
        init?(_ all: [Step], events: [HistoryEvent], asOf: Day?) {
            let present = all.reversed().prefix { $0.snap != nil }.reversed()
            guard let now = present.last?.snap, let stage = now.stage else { return nil }
            guard !stage.isClosed || (stage == .closedWon && !now.openDeals.isEmpty) else {
                return nil
            }
            steps = present.map { ($0.day, $0.snap!) }
            self.events = events
            self.asOf = asOf
        }

        /// Whether `day` is in the `days` days before --as-of (never without it).
        func recent(_ day: Day?, within days: Int) -> Bool {
            guard let asOf, let day else { return false }
            return (0...days).contains(day.days(until: asOf))
        }

        /// The flags, critical first. A won account with work open keeps only its open
        /// opportunities' decision-date-pushed; stalled is added by `assess`, with the team's stays.
        func risks() -> [Risk] {
            guard now.stage?.isClosed == false else { return [decisionDatePushed()].compactMap { $0 } }
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

extension AccountSnapshot {
    /// The opportunities not closed (one without a stage goes by the account's), as
    /// `AccountFields.openDealStage` counts them.
    fileprivate var openDeals: [Deal] { opportunities.filter { ($0.stage ?? stage)?.isClosed != true } }
}

extension HistorySignals.Account {
    /// decision-date-pushed: for the account's date while it is open, and each open opportunity's.
    func decisionDatePushed() -> Risk? {
        var whys: [String] = []
        if now.stage?.isClosed == false {
            whys +=
                pushed("decision date") { $0.stage?.isClosed == true ? nil : .some($0.decisionDate) }.map { [$0] } ?? []
        }
        for deal in now.openDeals {
            let why = pushed("\(deal.name) decision date") { s in
                s.openDeals.first { $0.name == deal.name }.map(\.decisionDate)
            }
            if let why { whys.append(why) }
        }
        return whys.isEmpty
            ? nil : Risk(flag: .decisionDatePushed, severity: .critical, why: whys.joined(separator: "; "))
    }

    /// How one decision date moved in its current run (`date` is nil where the deal is closed or
    /// absent: the run starts after it), when it was pushed at least twice in the last 90 days or
    /// is more than 30 days after its first date.
    private func pushed(_ label: String, _ date: (AccountSnapshot) -> Day??) -> String? {
        var written: [(day: Day?, date: Day)] = []
        for step in steps.reversed() {
            guard let d = date(step.snap) else { break }
            if let d { written.append((step.day, d)) }
        }
        written.reverse()
        guard let first = written.first?.date, let last = written.last?.date, date(now).flatMap({ $0 }) == last else {
            return nil
        }
        let moves = zip(written, written.dropFirst()).filter { $1.date > $0.date }
        let lately = moves.filter { recent($1.day, within: 90) }.count
        let total = first.days(until: last)
        guard total > 30 || lately >= 2 else { return nil }
        var times = moves.count == 1 ? "once" : moves.count == 2 ? "twice" : "\(moves.count) times"
        if lately >= 2 && lately < moves.count { times += " (\(lately) in the last 90 days)" }
        return "\(label) pushed \(times): \(first) → \(last) (\(days(total)))"
    }

    /// stage-regressed: the newest move back from an open stage to an earlier one in 90 days.
    func stageRegressed() -> Risk? {
        let back = moves.last { a, b in
            guard let x = a.snap.stage, let y = b.snap.stage else { return false }
            return !x.isClosed && !y.isClosed && y < x && recent(b.day, within: 90)
        }
        guard let back, let x = back.0.snap.stage, let y = back.1.snap.stage else { return nil }
        let why = "stage moved back: \(Words.spaced(x.rawValue)) → \(Words.spaced(y.rawValue)) \(on(back.1.day))"
        return Risk(flag: .stageRegressed, severity: .warning, why: why)
    }

    /// key-contact-removed: a key role nobody holds now, whose holder was removed or lost it.
    /// A role someone with status: left still holds in the notes is key-contact-left's.
    func keyContactRemoved() -> Risk? {
        var whys: [String] = []
        for role in ["economic_buyer", "champion", "decision_maker"] {
            guard !now.contacts.contains(where: { $0.roles.contains(role) }) else { continue }
            var gone: [(name: String, what: String)] = []
            for (a, b) in moves {
                for person in a.snap.contacts where person.roles.contains(role) {
                    let after = b.snap.contacts.first { $0.name == person.name }
                    guard after?.roles.contains(role) != true else { continue }
                    gone.removeAll { $0.name == person.name }
                    gone.append((person.name, after == nil ? "removed \(on(b.day))" : "lost the role \(on(b.day))"))
                }
            }
            guard !gone.isEmpty else { continue }
            let who = gone.map { "\($0.name) (\(Words.spaced(role))) \($0.what)" }.joined(separator: ", ")
            whys.append(who + ", and no active contact holds the role")
        }
        return whys.isEmpty
            ? nil : Risk(flag: .keyContactRemoved, severity: .critical, why: whys.joined(separator: "; "))
    }

    /// late-decision-maker: someone became economic buyer or decision maker at solution or later.
    func lateDecisionMaker() -> Risk? {
        var whys: [String] = []
        for (a, b) in moves {
            guard let stage = b.snap.stage, !stage.isClosed, stage >= .solution else { continue }
            let names = Set(b.snap.contacts.map(\.name))
            let removed = a.snap.contacts.filter { !names.contains($0.name) }
            for role in ["economic_buyer", "decision_maker"] {
                let before = Set(a.snap.active.filter { $0.roles.contains(role) }.map(\.name))
                for person in b.snap.active where person.roles.contains(role) && !before.contains(person.name) {
                    // Someone renamed (a contact with the same role and title gone in the same
                    // version: a spelling fixed) is no new decision maker.
                    if !a.snap.contacts.contains(where: { $0.name == person.name }),
                        removed.contains(where: { $0.roles.contains(role) && $0.title == person.title })
                    {
                        continue
                    }
                    whys.append(
                        "\(person.name) became \(Words.spaced(role)) at \(Words.spaced(stage.rawValue)) \(on(b.day))")
                }
            }
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
        guard let asOf, let step = now.nextStep else { return nil }
        let same = steps.reversed().prefix { $0.snap.nextStep == step }
        guard let since = same.last?.day, same.allSatisfy({ $0.snap.stage == now.stage }) else { return nil }
        let n = since.days(until: asOf)
        guard n >= 21 else { return nil }
        let stage = now.stage.map { Words.spaced($0.rawValue) } ?? ""
        let why = "the same next step since \(since) (\(n) days), at \(stage) all that time"
        return Risk(flag: .nextStepUnchanged, severity: .warning, why: why)
    }

    /// old-assumption: assumption lines present, unchanged, for more than 21 days (oldest first).
    func oldAssumption() -> Risk? {
        guard let asOf else { return nil }
        var old: [(since: Day, text: String)] = []
        for text in now.assumptions where !old.contains(where: { $0.text == text }) {
            let run = steps.reversed().prefix { $0.snap.assumptions.contains(text) }
            if let since = run.last?.day, since.days(until: asOf) > 21 { old.append((since, text)) }
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

    /// The stays of one account's versions. A removal ends a stay without completing it; a
    /// shallow history's first stay is not known whole.
    mutating func add(_ steps: [HistorySignals.Step]) {
        var current: (stage: Stage, since: Day, known: Bool)?
        var passed = Set<Stage>()
        for step in steps {
            guard let snap = step.snap else {
                current = nil
                continue
            }
            guard let stage = snap.stage, let day = step.day, current?.stage != stage else { continue }
            // A stay of negative days (commits dated out of order) tells nothing.
            if let c = current, c.known, !c.stage.isClosed, c.since <= day {
                days[c.stage, default: []].append(c.since.days(until: day))
                passed.insert(c.stage)
            }
            current = (stage, day, !step.atBoundary)
        }
        for stage in passed { accounts[stage, default: 0] += 1 }
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
