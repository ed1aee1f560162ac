import FieldnotesCore
import FieldnotesSupport

/// What an account's whole history says, whatever the day a report is for: its name, every
/// event, the day it reached its stage, when its what_changed section last changed, its completed
/// stays at each stage (the team's pace) and what the history's risk flags read of an open deal.
/// Made once from the versions' facts and cached by the versions (`DigestCache`), so that a run
/// over a history that did not change decodes no version; the flags, which depend on the day
/// asked, are made from it (`HistorySignals`).
public struct TimelineDigest: Sendable, Equatable {
    /// The account's name in its newest version that has one.
    public var name: String?
    /// Every event, oldest first.
    public var events: [HistoryEvent] = []
    /// The index of the version each event happened at (same order as `events`).
    public var eventVersions: [Int] = []
    /// The day of the first version of the latest run of versions at the current stage; nil when
    /// that run reaches back to where a shallow history starts (it may be older).
    public var stageSince: Day?
    /// The newest day the what_changed section appeared or changed.
    public var whatChangedOn: Day?
    /// Each stay at an open stage that ended (entering it to leaving it), oldest first.
    public var stays: [Stay] = []
    /// The errors of the last version, when it was read, and the first of them (`line:column: message`).
    public var errors = 0
    public var firstError: String?
    /// The versions too large to read, and their sizes.
    public var tooLarge: [TooLarge] = []
    /// What the flags read, when the account is an open deal now (or won with open opportunities).
    public var deal: Deal?

    public struct Stay: Sendable, Equatable {
        public var stage: Stage
        public var days: Int
    }

    public struct TooLarge: Sendable, Equatable {
        public var version: Int
        public var size: Int
    }

    /// An open deal's history as the flags read it: the versions since the file was last added.
    public struct Deal: Sendable, Equatable {
        /// The stage now.
        public var stage: Stage
        /// Each decision date's current run (the account's while it is open, then each open
        /// opportunity's): its first and last date and the days it was moved later.
        public var dates: [DateRun] = []
        /// The moves from an open stage back to an earlier one, oldest first.
        public var backMoves: [BackMove] = []
        /// Holders of a key role (economic_buyer, champion, decision_maker) that nobody holds now,
        /// who were removed or lost it, by role, in that order.
        public var keyContactsGone: [Gone] = []
        /// People who became economic buyer or decision maker at solution or later.
        public var lateDecisionMakers: [Late] = []
        /// The first day of the current next step, when it has one and the stage did not move since.
        public var nextStepSince: Day?
        /// Each assumption line now, with the first day of its current run (nil: not known).
        public var assumptions: [Assumed] = []
    }

    public struct DateRun: Sendable, Equatable {
        /// "decision date", or "Line 2 decision date" for an opportunity.
        public var label: String
        public var first: Day
        public var last: Day
        /// The days of the versions where the date moved later.
        public var pushedOn: [Day?]
    }

    public struct BackMove: Sendable, Equatable {
        public var from: Stage
        public var to: Stage
        public var day: Day?
    }

    public struct Gone: Sendable, Equatable {
        public var role: String
        public var name: String
        /// Removed from the contacts (else: lost the role).
        public var removed: Bool
        public var day: Day?
    }

    public struct Late: Sendable, Equatable {
        public var name: String
        public var role: String
        public var stage: Stage
        public var day: Day?
    }

    public struct Assumed: Sendable, Equatable {
        public var text: String
        public var since: Day?
    }

    public init() {}

    /// The digest of `timeline` from its versions' facts (`History.facts(of:)`).
    /// - Parameter whatChanged: the section keys of the what_changed question.
    public init(_ timeline: AccountTimeline, facts: [VersionFacts], checklist: Checklist, whatChanged: Set<String>) {
        let all = TimelineEvents.indexedEvents(timeline, facts: facts, checklist: checklist)
        events = all.map(\.event)
        eventVersions = all.map(\.version)
        name =
            zip(timeline.versions, facts).reversed().lazy.compactMap { _, fact -> String? in
                if case .snapshot(let s) = fact, let name = s.name, !name.isEmpty { return name }
                return nil
            }.first
        stageSince = Self.stageSince(timeline, facts)
        whatChangedOn = Self.sectionChanged(timeline, facts, keys: whatChanged)
        let steps = Step.all(timeline, facts)
        stays = Self.stays(steps)
        if case .snapshot(let last)? = facts.last {
            (errors, firstError) = (last.errors, last.firstError)
        }
        for (i, fact) in facts.enumerated() {
            if case .tooLarge(let size) = fact, case .content = timeline.versions[i].state {
                tooLarge.append(TooLarge(version: i, size: size))
            }
        }
        deal = Deal(steps)
    }

    /// One readable version: its day and facts; `snap` is nil where the file was removed.
    struct Step {
        var day: Day?
        var snap: AccountSnapshot?
        var atBoundary: Bool

        /// The versions of `timeline`; versions that could not be read are left out.
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

    /// The completed stays at open stages. A removal ends a stay without completing it; a
    /// shallow history's first stay is not known whole; a stay of negative days (commits dated
    /// out of order) tells nothing.
    static func stays(_ steps: [Step]) -> [Stay] {
        var out: [Stay] = []
        var current: (stage: Stage, since: Day, known: Bool)?
        for step in steps {
            guard let snap = step.snap else {
                current = nil
                continue
            }
            guard let stage = snap.stage, let day = step.day, current?.stage != stage else { continue }
            if let c = current, c.known, !c.stage.isClosed, c.since <= day {
                out.append(Stay(stage: c.stage, days: c.since.days(until: day)))
            }
            current = (stage, day, !step.atBoundary)
        }
        return out
    }
}
