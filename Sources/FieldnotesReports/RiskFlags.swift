import FieldnotesCore
import FieldnotesSupport

/// A risk on a deal. The ids are part of the contract (JSON, pages, `explain risks`). The flags
/// from `decisionDatePushed` on read the notes' history in git (`HistorySignals`).
public enum RiskFlag: String, CaseIterable, Sendable {
    case noEconomicBuyer = "no-economic-buyer"
    case economicBuyerNotMet = "economic-buyer-not-met"
    case singleThreaded = "single-threaded"
    case noChampion = "no-champion"
    case incumbentCompetitor = "incumbent-competitor"
    case noNextStep = "no-next-step"
    case meetingNotLogged = "meeting-not-logged"
    case decisionDatePassed = "decision-date-passed"
    case stale
    case keyContactLeft = "key-contact-left"
    case opposed
    case decisionDatePushed = "decision-date-pushed"
    case stageRegressed = "stage-regressed"
    case stalled
    case keyContactRemoved = "key-contact-removed"
    case lateDecisionMaker = "late-decision-maker"
    case downgraded
    case nextStepUnchanged = "next-step-unchanged"
    case oldAssumption = "old-assumption"

    /// The flags read from the history in git, not from the notes as they are.
    public var needsHistory: Bool {
        switch self {
        case .decisionDatePushed, .stageRegressed, .stalled, .keyContactRemoved, .lateDecisionMaker, .downgraded,
            .nextStepUnchanged, .oldAssumption:
            return true
        default: return false
        }
    }

    /// Why it matters, in a rep's words.
    public var explanation: String {
        switch self {
        case .noEconomicBuyer: return "nobody is known to release the money"
        case .economicBuyerNotMet: return "we know who releases the money but have never spoken with them"
        case .singleThreaded: return "if the one person we talk to leaves or goes quiet, the deal stalls"
        case .noChampion: return "nobody with a warm relationship sells for us when we are not in the room"
        case .incumbentCompetitor:
            return "they have a supplier already and we do not know we are more than a price check"
        case .noNextStep: return "no next step agreed with the customer"
        case .meetingNotLogged: return "a meeting has passed and the notes do not say what happened"
        case .decisionDatePassed: return "the decision date has passed: ask what happened and what changed"
        case .stale: return "no contact for too long: ask what has changed on their end"
        case .keyContactLeft: return "someone who held a key role has left and nobody has taken their place"
        case .opposed: return "someone with high influence is against the change or against us"
        case .decisionDatePushed: return "a date that keeps moving is a decision without a reason to decide now"
        case .stageRegressed: return "the deal went back a step: what we thought was settled is open again"
        case .stalled: return "the deal has sat at its stage longer than deals do: something is in the way"
        case .keyContactRemoved: return "someone who held a key role is gone from the notes and nobody has taken it"
        case .lateDecisionMaker:
            return "someone new decides late in the deal: their criteria are not in our proposal yet"
        case .downgraded:
            return "our position, the budget or the pain got worse lately: the deal is weaker than its stage"
        case .nextStepUnchanged: return "the same next step for weeks while the deal stands still: it is not happening"
        case .oldAssumption: return "a guess has stood unconfirmed for weeks: ask the customer"
        }
    }

    /// What to do about it, in a rep's words: what a brief, `explain` and the rep guide's table
    /// say (a test keeps the guide equal to this).
    public var action: String {
        switch self {
        case .noEconomicBuyer:
            return "ask who signs off on a spend this size, and for an introduction"
        case .economicBuyerNotMet:
            return "meet them with good questions; then write `last_met`, or log the meeting naming them"
        case .singleThreaded:
            return "ask your contact who else should join; meet them"
        case .noChampion:
            return "test your champion: do they share what they hear, open doors?"
        case .incumbentCompetitor:
            return "ask what a change would need to prove; set `our_position` when you know"
        case .noNextStep:
            return "agree one with them, with a date"
        case .meetingNotLogged:
            return "log what happened, and set the next meeting"
        case .decisionDatePassed:
            return "ask what happened and what changed"
        case .stale:
            return "call and ask what has changed on their end"
        case .keyContactLeft:
            return "find out who took over, and meet them"
        case .opposed:
            return "understand their concern; do not go around them"
        case .decisionDatePushed:
            return "ask what the date hangs on and what must happen before they decide; write the date they commit to"
        case .stageRegressed:
            return "find out what reopened it: a new requirement, a new person, the budget"
        case .stalled:
            return "agree with the customer what it takes to move on, and by when"
        case .keyContactRemoved:
            return
                "find out who holds it now and meet them; keep someone who left with `status: left` rather than deleting them"
        case .lateDecisionMaker:
            return "meet them soon: learn what they judge by, and take them through the business case"
        case .downgraded:
            return "ask what changed on their end, and what would win the ground back"
        case .nextStepUnchanged:
            return "do it, or agree a new one with them"
        case .oldAssumption:
            return "ask the customer, and write what they said"
        }
    }

    /// When it is raised and how severe, as the docs and `explain risks` say it.
    public var condition: String {
        switch self {
        case .noEconomicBuyer:
            return
                "from discovery, no active contact has the role economic_buyer; critical from solution, warning before"
        case .economicBuyerNotMet:
            return "from discovery, the economic buyer has no last_met and no dated log entry names them; "
                + "critical from proposal, warning before"
        case .singleThreaded:
            return "from discovery, fewer than two active contacts were met (by last_met or the log); "
                + "critical from solution, warning before"
        case .noChampion:
            return "from solution, no active champion whose relationship is warm or strong; "
                + "critical from proposal, warning before"
        case .incumbentCompetitor:
            return "a competitor is the incumbent and our_position is unknown, data_point or not written; warning"
        case .noNextStep: return "next_step is empty or a placeholder; critical"
        case .meetingNotLogged:
            return "with --as-of, next_meeting has passed and no log entry is dated on or after it; warning"
        case .decisionDatePassed: return "with --as-of, decision_date is before today; critical"
        case .stale:
            return "with --as-of, no contact for more than stale_after_days (a number, or a map by stage); "
                + "critical from proposal, warning before"
        case .keyContactLeft:
            return "a contact with status: left held economic_buyer, champion or decision_maker, "
                + "and no active contact holds it now; critical"
        case .opposed:
            return "an active contact with stance: against or the role blocker, and influence: high; warning"
        default: return historyCondition
        }
    }

    /// When a history flag is raised: each needs git, most also --as-of.
    private var historyCondition: String {
        switch self {
        case .decisionDatePushed:
            return "from git, the account's or an open opportunity's decision_date moved later at least twice "
                + "in the 90 days before --as-of, or is now more than 30 days after the first date written for "
                + "it since the account (or opportunity) was last added or reopened; without --as-of only the "
                + "30 days count; critical"
        case .stageRegressed:
            return "from git, with --as-of, the stage moved back to an earlier open stage in the last 90 days; warning"
        case .stalled:
            return "from git, with --as-of, days at the current stage over stalled_after_days (a number, or a map "
                + "by stage), else over 1.5 times the team's median stay at that stage when at least 10 accounts "
                + "have left it, else over 60; warning"
        case .keyContactRemoved:
            return "from git, a contact who held economic_buyer, champion or decision_maker was removed from "
                + "contacts or lost the role, and no active contact holds it now (one with status: left is "
                + "key-contact-left); critical"
        case .lateDecisionMaker:
            return "from git, someone became economic_buyer or decision_maker in a version at solution or later "
                + "(not the account's first version); warning"
        case .downgraded:
            return "from git, with --as-of, our_position, budget or pain moved down its scale in the last 30 days; "
                + "warning"
        case .nextStepUnchanged:
            return "from git, with --as-of, the same next_step for 21 days or more since the version that wrote it, "
                + "and the stage did not move in that time; warning"
        case .oldAssumption:
            return "from git, with --as-of, an assumption line unchanged for more than 21 days since the first "
                + "version that had it without a break; warning"
        default: return ""
        }
    }
}

/// How much a risk weighs: an account with a critical flag is **at risk**.
public enum RiskSeverity: String, CaseIterable, Sendable {
    case critical, warning
}

/// A risk raised on one account: which flag, how severe at the deal's stage, and why, in the
/// account's own terms ("Dana Whitfield (economic buyer) was never met").
public struct Risk: Sendable, Equatable {
    public var flag: RiskFlag
    public var severity: RiskSeverity
    public var why: String

    public var isCritical: Bool { severity == .critical }
}

/// The risk flags of one account, from its notes. One home: summary, briefs and the pipeline
/// page all read `AccountFacts.risks`, computed here.
package enum RiskFlags {
    /// What the flags read besides the front matter.
    package struct Inputs {
        var asOf: Day?
        var daysSinceContact: Int?
        var staleAfter: StaleAfter
        var log: [LogEntry]
    }

    /// The flags of an open deal (or a won account with an opportunity still open, for the flags
    /// about keeping in touch), critical first, then in the order of `RiskFlag`.
    package static func assess(_ f: AccountFields, _ inputs: Inputs) -> [Risk] {
        guard let stage = f.openDealStage else { return [] }
        var risks: [Risk] = []
        if f.stage?.value.isClosed == false {
            risks += people(f, stage: stage)
            risks += competition(f)
            if let asOf = inputs.asOf, let decision = f.decisionDate, decision.value < asOf {
                risks.append(
                    Risk(
                        flag: .decisionDatePassed, severity: .critical,
                        why: "the decision date \(decision.value) has passed"))
            }
        }
        risks += keepingInTouch(f, stage: stage, inputs)
        return ordered(risks)
    }

    /// `risks` critical first, then in the order of `RiskFlag`, each flag's risks in their order:
    /// the order of every list of risks, the notes' and the history's together.
    package static func ordered(_ risks: [Risk]) -> [Risk] {
        risks.enumerated().sorted { a, b in
            if a.element.isCritical != b.element.isCritical { return a.element.isCritical }
            let i = rank[a.element.flag]!, j = rank[b.element.flag]!
            return i != j ? i < j : a.offset < b.offset
        }.map(\.element)
    }

    private static let rank = Dictionary(uniqueKeysWithValues: RiskFlag.allCases.enumerated().map { ($1, $0) })

    private static func severity(_ stage: Stage, criticalFrom: Stage) -> RiskSeverity {
        stage >= criticalFrom ? .critical : .warning
    }

    /// Who is in the deal: economic buyer, threads, champion, people who left, opposition.
    private static func people(_ f: AccountFields, stage: Stage) -> [Risk] {
        var risks: [Risk] = []
        let active = f.contacts.filter(\.isActive)
        func holders(_ role: String) -> [Contact] { active.filter { $0.roles.contains(role) } }
        if stage >= .discovery {
            let buyers = holders("economic_buyer")
            if buyers.isEmpty {
                risks.append(
                    Risk(
                        flag: .noEconomicBuyer, severity: severity(stage, criticalFrom: .solution),
                        why: "no active contact has the role economic_buyer"))
            } else if buyers.allSatisfy({ $0.met == nil }) {
                risks.append(
                    Risk(
                        flag: .economicBuyerNotMet, severity: severity(stage, criticalFrom: .proposal),
                        why: names(buyers) + " (economic buyer): no last_met, and no dated log entry names them"))
            }
            let met = active.filter { $0.met != nil }
            if met.count < 2 {
                let who = met.isEmpty ? "no active contact was met" : "only \(names(met)) was met"
                risks.append(
                    Risk(
                        flag: .singleThreaded, severity: severity(stage, criticalFrom: .solution),
                        why: who + " (by last_met or a dated log entry naming them)"))
            }
        }
        if stage >= .solution {
            let champions = holders("champion")
            if !champions.contains(where: { ["warm", "strong"].contains($0.relationship ?? "") }) {
                let why =
                    champions.isEmpty
                    ? "no active contact has the role champion"
                    : champions.map { "\($0.name.value): relationship \($0.relationship ?? "not written")" }
                        .joined(separator: "; ") + " (an untested champion: warm or strong expected)"
                risks.append(Risk(flag: .noChampion, severity: severity(stage, criticalFrom: .proposal), why: why))
            }
        }
        for role in ["economic_buyer", "champion", "decision_maker"] where holders(role).isEmpty {
            let gone = f.contacts.filter { !$0.isActive && $0.roles.contains(role) }
            guard !gone.isEmpty else { continue }
            risks.append(
                Risk(
                    flag: .keyContactLeft, severity: .critical,
                    why: "\(names(gone)) (\(Words.spaced(role))) left, and no active contact holds the role"))
        }
        let opposed = active.filter {
            ($0.stance == "against" || $0.roles.contains("blocker")) && $0.influence == "high"
        }
        if !opposed.isEmpty {
            let why = opposed.map { c in
                "\(c.name.value) (\(c.stance == "against" ? "stance against" : "blocker"), influence high)"
            }.joined(separator: "; ")
            risks.append(Risk(flag: .opposed, severity: .warning, why: why))
        }
        return risks
    }

    private static func competition(_ f: AccountFields) -> [Risk] {
        let incumbents = f.competitors.filter(\.incumbent)
        let position = f.ourPosition?.value ?? "unknown"
        guard !incumbents.isEmpty, position == "unknown" || position == "data_point" else { return [] }
        let said = f.ourPosition == nil ? "our position is not written" : "our position is \(Words.spaced(position))"
        return [
            Risk(
                flag: .incumbentCompetitor, severity: .warning,
                why: "\(incumbents.map(\.name.value).joined(separator: ", ")) is the incumbent and \(said)")
        ]
    }

    /// Next step, meetings and contact: what an open deal, and a won account with work still
    /// open, both need.
    private static func keepingInTouch(_ f: AccountFields, stage: Stage, _ inputs: Inputs) -> [Risk] {
        var risks: [Risk] = []
        let won = f.stage?.value == .closedWon
        let openSteps = f.opportunities.filter { ($0.stage.map { !$0.isClosed } ?? false) && $0.nextStep != nil }
        if f.nextStep == nil && !(won && !openSteps.isEmpty) {
            risks.append(Risk(flag: .noNextStep, severity: .critical, why: "next_step is empty or a placeholder"))
        }
        guard let asOf = inputs.asOf else { return risks }
        if let meeting = f.nextMeeting?.value, meeting < asOf,
            !inputs.log.contains(where: { $0.date.map { $0 >= meeting } ?? false })
        {
            risks.append(
                Risk(
                    flag: .meetingNotLogged, severity: .warning,
                    why: "the meeting on \(meeting) has no log entry dated on or after it"))
        }
        let threshold = inputs.staleAfter.days(at: stage)
        if let days = inputs.daysSinceContact, days > threshold {
            risks.append(
                Risk(
                    flag: .stale, severity: won ? .warning : severity(stage, criticalFrom: .proposal),
                    why: "no contact for \(days) days (stale after \(threshold) at \(Words.spaced(stage.rawValue)))"))
        }
        return risks
    }

    private static func names(_ contacts: [Contact]) -> String {
        contacts.map(\.name.value).joined(separator: ", ")
    }
}

/// Risks in JSON, as every report writes them: `[{"id", "severity", "why"}]`.
package enum RiskJSON {
    package static func array(_ risks: [Risk]) -> JSONValue {
        .array(
            risks.map {
                .object([
                    ("id", .string($0.flag.rawValue)), ("severity", .string($0.severity.rawValue)),
                    ("why", .string($0.why)),
                ])
            })
    }
}
