import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// The history's risk flags: on the Binford test history, and on small scripted histories for each
/// flag at its threshold, raised and not, with and without --as-of. Serialized: each test runs
/// git in this process, one history at a time.
@Suite(.serialized) struct HistorySignalTests {
    static let asOf = Day(year: 2026, month: 11, day: 30)!

    static func day(_ text: String) -> Day { try! Day.parse(text).get() }

    static func assess(_ repo: GitRepo, asOf: Day? = asOf) throws -> [String: AccountHistoryFacts] {
        let (workspace, history) = try HistoryEngineTests.load(repo, asOf: asOf)
        return HistorySignals.assess(history, checklist: workspace.checklist, config: workspace.config, asOf: asOf)
    }

    /// The flags come from each account's digest, cached with the day left out: a run that reads
    /// the digests from the cache says, on any day asked, what a run that reads every version says.
    @Test func cachedDigestsGiveTheFlagsOfAFreshReadOnAnyDay() throws {
        let repo = try HistoryFixtures.binford()
        func said(_ history: History, _ workspace: Workspace, _ asOf: Day?) -> [String] {
            let facts = HistorySignals.assess(
                history, checklist: workspace.checklist, config: workspace.config, asOf: asOf, events: .flags)
            return facts.keys.sorted().map { path in
                let f = facts[path]!
                let risks = f.risks.map { "\($0.flag) \($0.severity) \($0.why)" }.joined(separator: " | ")
                return "\(path) \(String(describing: f.stageSince)) \(String(describing: f.daysInStage)) "
                    + "\(String(describing: f.whatChangedOn)) \(f.events.count) \(risks)"
            }
        }
        _ = try HistoryEngineTests.load(repo, asOf: Self.asOf)
        for asOf in [nil, Self.day("2026-10-15"), Self.day("2026-11-12"), Self.asOf, Self.day("2027-03-01")] {
            let (workspace, fresh) = try HistoryEngineTests.load(repo, asOf: asOf, useCache: false)
            let (_, cached) = try HistoryEngineTests.load(repo, asOf: asOf)
            #expect(cached.blobsRead == 0)
            let expected = said(fresh, workspace, asOf)
            #expect(said(cached, workspace, asOf) == expected)
            #expect(expected.contains { $0.hasPrefix("accounts/binford-tools.md") && $0.contains("|") })
        }
    }

    @Test func binfordSaysEverySlipAsOfTheLastDayOfNovember() throws {
        let repo = try HistoryFixtures.binford()
        let facts = try #require(try Self.assess(repo)["accounts/binford-tools.md"])
        let risks = facts.risks
        func risk(_ flag: RiskFlag) -> Risk? { risks.first { $0.flag == flag } }
        let pushed = try #require(risk(.decisionDatePushed))
        #expect(pushed.severity == .critical)
        #expect(pushed.why == "decision date pushed 3 times: 2026-11-15 → 2027-02-15 (+92 days)")
        #expect(try #require(risk(.stageRegressed)).why == "stage moved back: proposal → solution on 2026-10-10")
        let removed = try #require(risk(.keyContactRemoved))
        #expect(removed.severity == .critical)
        #expect(removed.why == "Raj Patel (champion) removed on 2026-11-10, and no active contact holds the role")
        #expect(
            try #require(risk(.lateDecisionMaker)).why == "Susan Ng became economic buyer at solution on 2026-11-10")
        let down = try #require(risk(.downgraded))
        #expect(down.why.contains("our position: preferred → contender (down) on 2026-11-05"))
        #expect(down.why.contains("budget: approved → planned (down) on 2026-11-20"))
        // 51 days at solution is under the default 60; the next step changed ten days ago.
        #expect(facts.daysInStage == 51)
        #expect(risk(.stalled) == nil && risk(.nextStepUnchanged) == nil)
        // Critical first, then in the order of the flags.
        #expect(
            risks.map(\.flag) == [
                .decisionDatePushed, .keyContactRemoved, .stageRegressed, .lateDecisionMaker, .downgraded,
            ])
        // The other accounts never changed: nothing but time.
        let initech = try #require(try Self.assess(repo)["accounts/initech.md"])
        #expect(!initech.risks.contains { $0.flag == .decisionDatePushed || $0.flag == .downgraded })
    }

    @Test func binfordWithoutAsOfKeepsOnlyWhatNeedsNoToday() throws {
        let repo = try HistoryFixtures.binford()
        let risks = try #require(try Self.assess(repo, asOf: nil)["accounts/binford-tools.md"]).risks
        #expect(risks.map(\.flag) == [.decisionDatePushed, .keyContactRemoved, .lateDecisionMaker])
    }

    // MARK: - Scripted histories, one flag at a time

    /// An open deal at solution, with a met economic buyer and a warm champion, every dated field
    /// on its own line for `Script.set`.
    static func note(_ name: String = "Acme Tools", stage: String = "solution") -> String {
        """
        ---
        account: \(name)
        owner: dana.reyes
        stage: \(stage)
        last_contact: 2026-06-20
        next_step: Review the sample plan together with Raj on Dec 4
        decision_date: 2027-01-15
        our_position: contender
        budget: approved
        pain: confirmed
        contacts:
          - name: Marta Kowalski
            roles: [economic_buyer]
            last_met: 2026-06-02
          - name: Raj Patel
            roles: [champion, technical_buyer]
            relationship: warm
            last_met: 2026-06-20
        ---
        # \(name)

        ## Why they are buying

        Scrap on line 3 costs them a shift a week.

        ## Log

        """
    }

    /// One account's notes, changed and committed on given days.
    final class Script {
        let repo: GitRepo
        var text: String
        let path: String

        init(
            _ text: String = HistorySignalTests.note(), path: String = "accounts/acme.md", config: String = ""
        )
            throws
        {
            repo = try GitRepo([:])
            self.text = text
            self.path = path
            try repo.write("fieldnotes.yml", config)
        }

        func set(_ prefix: String, _ line: String) { HistoryFixtures.setLine(&text, prefix, line) }

        func replace(_ old: String, _ new: String) {
            #expect(text.contains(old), "no '\(old)'")
            text = text.replacingOccurrences(of: old, with: new)
        }

        func commit(_ day: String) throws {
            try repo.write(path, text)
            try HistoryFixtures.commit(repo, day, "notes")
        }

        func risk(_ flag: RiskFlag, asOf: Day? = HistorySignalTests.asOf) throws -> Risk? {
            try HistorySignalTests.assess(repo, asOf: asOf)[path]?.risks.first { $0.flag == flag }
        }
    }

    /// Commits the notes with `decision_date` at each date, on each day.
    static func dates(_ moves: [(day: String, date: String)], stage: String = "solution") throws -> Script {
        let s = try Script(note(stage: stage))
        for (day, date) in moves {
            s.set("decision_date: ", "decision_date: \(date)")
            try s.commit(day)
        }
        return s
    }

    @Test func decisionDatePushedTwiceIn90DaysOrByMoreThan30() throws {
        let twice = try Self.dates([
            ("2026-11-01", "2026-12-01"), ("2026-11-10", "2026-12-10"), ("2026-11-20", "2026-12-20"),
        ])
        let risk = try #require(try twice.risk(.decisionDatePushed))
        #expect(risk.severity == .critical)
        #expect(risk.why == "decision date pushed twice: 2026-12-01 → 2026-12-20 (+19 days)")
        // Without --as-of only the total counts, and +19 days is not more than 30.
        #expect(try twice.risk(.decisionDatePushed, asOf: nil) == nil)
        // Twice, but more than 90 days ago.
        let long = try Self.dates([
            ("2026-06-01", "2026-12-01"), ("2026-06-10", "2026-12-10"), ("2026-06-20", "2026-12-20"),
        ])
        #expect(try long.risk(.decisionDatePushed) == nil)
        // A push exactly 90 days before --as-of counts; 91 days does not.
        func pushes(first day: String) throws -> Script {
            try Self.dates([("2026-06-01", "2026-12-01"), (day, "2026-12-10"), ("2026-10-01", "2026-12-20")])
        }
        #expect(try pushes(first: "2026-09-01").risk(.decisionDatePushed) != nil)
        #expect(try pushes(first: "2026-08-31").risk(.decisionDatePushed) == nil)
    }

    @Test func decisionDatePushedByMoreThan30DaysInTotal() throws {
        let once = try Self.dates([("2026-06-01", "2026-12-01"), ("2026-06-10", "2027-01-01")])
        #expect(
            try once.risk(.decisionDatePushed)?.why == "decision date pushed once: 2026-12-01 → 2027-01-01 (+31 days)")
        #expect(try once.risk(.decisionDatePushed, asOf: nil) != nil)
        let thirty = try Self.dates([("2026-06-01", "2026-12-01"), ("2026-06-10", "2026-12-31")])
        #expect(try thirty.risk(.decisionDatePushed, asOf: nil) == nil)
        // Reopened, the deal starts a new run: the dates before it do not count.
        let reopened = try Self.dates([("2026-06-01", "2026-09-01")])
        reopened.set("stage: ", "stage: closed_lost")
        reopened.set("decision_date: ", "decision_date: 2026-09-15")
        try reopened.commit("2026-09-15")
        reopened.set("stage: ", "stage: discovery")
        reopened.set("decision_date: ", "decision_date: 2027-03-01")
        try reopened.commit("2026-11-01")
        #expect(try reopened.risk(.decisionDatePushed) == nil)
        // A closed deal carries no flag.
        let lost = try Self.dates([("2026-06-01", "2026-12-01"), ("2026-06-10", "2027-03-01")])
        lost.set("stage: ", "stage: closed_lost")
        try lost.commit("2026-11-01")
        #expect(try lost.risk(.decisionDatePushed) == nil)
    }

    @Test func anOpenOpportunitysDecisionDateCountsToo() throws {
        let s = try Script(Self.note().replacingOccurrences(of: "decision_date: 2027-01-15\n", with: ""))
        s.replace(
            "contacts:\n",
            "opportunities:\n  - name: Line 2\n    stage: discovery\n    decision_date: 2026-12-01\ncontacts:\n")
        try s.commit("2026-09-01")
        s.replace("    decision_date: 2026-12-01\n", "    decision_date: 2027-01-10\n")
        try s.commit("2026-10-01")
        let why = "Line 2 decision date pushed once: 2026-12-01 → 2027-01-10 (+40 days)"
        #expect(try s.risk(.decisionDatePushed)?.why == why)
        // A won account keeps it for the opportunity still open, and no other history flag.
        s.set("stage: ", "stage: closed_won")
        try s.commit("2026-10-02")
        let won = try Self.assess(s.repo)[s.path]?.risks ?? []
        #expect(won.map(\.flag) == [.decisionDatePushed] && won.first?.why == why)
    }

    @Test func stageRegressedIn90Days() throws {
        func back(on day: String) throws -> Script {
            let s = try Script(Self.note(stage: "proposal"))
            try s.commit("2026-06-01")
            s.set("stage: ", "stage: solution")
            try s.commit(day)
            return s
        }
        let risk = try #require(try back(on: "2026-09-01").risk(.stageRegressed))
        #expect(risk.severity == .warning && risk.why == "stage moved back: proposal → solution on 2026-09-01")
        #expect(try back(on: "2026-08-31").risk(.stageRegressed) == nil)
        #expect(try back(on: "2026-11-01").risk(.stageRegressed, asOf: nil) == nil)
        // Forward is no regression.
        let forward = try Script(Self.note(stage: "discovery"))
        try forward.commit("2026-11-01")
        forward.set("stage: ", "stage: solution")
        try forward.commit("2026-11-10")
        #expect(try forward.risk(.stageRegressed) == nil)
    }

    /// `count` accounts at discovery on 2026-11-01, of which `moved` move to solution on 2026-11-11
    /// (a stay of 10 days each): the team's median at discovery is 10 once 10 accounts left it.
    static func team(_ count: Int, moved: Int, config: String = "") throws -> GitRepo {
        let repo = try GitRepo([:])
        try repo.write("fieldnotes.yml", config)
        for i in 0..<count { try repo.write("accounts/a\(i).md", note("Account \(i)", stage: "discovery")) }
        try HistoryFixtures.commit(repo, "2026-11-01", "notes")
        for i in 0..<moved { try repo.write("accounts/a\(i).md", note("Account \(i)", stage: "solution")) }
        try HistoryFixtures.commit(repo, "2026-11-11", "moves")
        return repo
    }

    @Test func stalledGoesByTheTeamsMedianOnceTenAccountsLeftTheStage() throws {
        let repo = try Self.team(11, moved: 10)
        func stalled(_ asOf: String) throws -> Risk? {
            try Self.assess(repo, asOf: Self.day(asOf))["accounts/a10.md"]?.risks.first { $0.flag == .stalled }
        }
        // Median 10 days: stalled after 15.
        #expect(try stalled("2026-11-16") == nil)
        let risk = try #require(try stalled("2026-11-17"))
        #expect(risk.severity == .warning)
        #expect(
            risk.why
                == "at discovery for 16 days, since 2026-11-01 (stalled after 15: 1.5 × the team's median of 10 days, "
                + "over 10 accounts)")
        // Those that moved have been at solution 6 days: no stay at solution has ended yet, 60 applies.
        #expect(try Self.assess(repo, asOf: Self.day("2026-11-17"))["accounts/a0.md"]?.risks.isEmpty == true)
        #expect(try Self.assess(repo, asOf: nil)["accounts/a10.md"]?.risks.contains { $0.flag == .stalled } == false)
        // Nine accounts are too few: 60 days.
        let few = try Self.team(10, moved: 9)
        let facts = try #require(try Self.assess(few, asOf: Self.day("2026-11-30"))["accounts/a9.md"])
        #expect(facts.daysInStage == 29 && !facts.risks.contains { $0.flag == .stalled })
    }

    @Test func stalledAfterDaysSetsTheThresholdByStage() throws {
        let s = try Script(config: "stalled_after_days: { default: 90, solution: 30 }\n")
        try s.commit("2026-10-31")
        #expect(try s.risk(.stalled) == nil)  // 30 days
        #expect(
            try s.risk(.stalled, asOf: Self.day("2026-12-01"))?.why.hasSuffix("(stalled after 30: stalled_after_days)")
                == true)
        #expect(try s.risk(.stalled, asOf: nil) == nil)
        // The default: 90 at discovery.
        let d = try Script(Self.note(stage: "discovery"), config: "stalled_after_days: { default: 90, solution: 30 }\n")
        try d.commit("2026-09-01")
        #expect(try d.risk(.stalled) == nil)  // 90 days
        #expect(try d.risk(.stalled, asOf: Self.day("2026-12-01")) != nil)
        // Without the setting and without 10 accounts, 60 days.
        let plain = try Script()
        try plain.commit("2026-10-01")
        #expect(try plain.risk(.stalled) == nil)  // 60 days
        #expect(
            try plain.risk(.stalled, asOf: Self.day("2026-12-01"))?.why.contains("stalled after 60: the default")
                == true)
        // A closed deal never stalls.
        plain.set("stage: ", "stage: closed_lost")
        try plain.commit("2026-10-01")
        #expect(try plain.risk(.stalled, asOf: Self.day("2027-03-01")) == nil)
    }

    @Test func keyContactRemovedOrRoleLostWhileNobodyHoldsIt() throws {
        let removed = try Script()
        try removed.commit("2026-10-01")
        HistoryFixtures.removeContact(&removed.text, "Raj Patel")
        try removed.commit("2026-10-15")
        let risk = try #require(try removed.risk(.keyContactRemoved, asOf: nil))
        #expect(risk.severity == .critical)
        #expect(risk.why == "Raj Patel (champion) removed on 2026-10-15, and no active contact holds the role")
        // Someone else took the role: no risk.
        HistoryFixtures.addContact(&removed.text, "  - name: Jenny Wu\n    roles: [champion]\n    relationship: warm\n")
        try removed.commit("2026-10-20")
        #expect(try removed.risk(.keyContactRemoved) == nil)
        // The role lost, the person kept.
        let lost = try Script()
        try lost.commit("2026-10-01")
        lost.replace("roles: [economic_buyer]", "roles: [technical_buyer]")
        try lost.commit("2026-10-15")
        #expect(
            try lost.risk(.keyContactRemoved)?.why
                == "Marta Kowalski (economic buyer) lost the role on 2026-10-15, and no active contact holds the role")
        // Left, and still in the notes: key-contact-left's, not this flag.
        let left = try Script()
        try left.commit("2026-10-01")
        left.replace("    relationship: warm\n", "    relationship: warm\n    status: left\n")
        try left.commit("2026-10-15")
        #expect(try left.risk(.keyContactRemoved) == nil)
        // Someone without a key role removed: no risk.
        let plain = try Script()
        HistoryFixtures.addContact(&plain.text, "  - name: Jenny Wu\n    roles: [user_buyer]\n")
        try plain.commit("2026-10-01")
        HistoryFixtures.removeContact(&plain.text, "Jenny Wu")
        try plain.commit("2026-10-15")
        #expect(try plain.risk(.keyContactRemoved) == nil)
    }

    @Test func lateDecisionMakerFromSolutionOn() throws {
        func added(at stage: String) throws -> Script {
            let s = try Script(Self.note(stage: stage))
            try s.commit("2026-10-01")
            HistoryFixtures.addContact(&s.text, "  - name: Susan Ng\n    title: CFO\n    roles: [decision_maker]\n")
            try s.commit("2026-10-15")
            return s
        }
        let risk = try #require(try added(at: "solution").risk(.lateDecisionMaker, asOf: nil))
        #expect(risk.severity == .warning && risk.why == "Susan Ng became decision maker at solution on 2026-10-15")
        #expect(try added(at: "discovery").risk(.lateDecisionMaker) == nil)
        // Written in the account's first version, even at proposal: not late.
        let first = try Script(Self.note(stage: "proposal"))
        HistoryFixtures.addContact(&first.text, "  - name: Susan Ng\n    roles: [decision_maker]\n")
        try first.commit("2026-10-01")
        #expect(try first.risk(.lateDecisionMaker) == nil)
        // The role given to a contact already there counts too.
        let gained = try Script()
        try gained.commit("2026-10-01")
        gained.replace("roles: [champion, technical_buyer]", "roles: [champion, economic_buyer]")
        try gained.commit("2026-10-15")
        #expect(try gained.risk(.lateDecisionMaker)?.why == "Raj Patel became economic buyer at solution on 2026-10-15")
    }

    @Test func downgradedInTheLast30Days() throws {
        func budget(_ value: String, on day: String) throws -> Script {
            let s = try Script()
            try s.commit("2026-06-01")
            s.set("budget: ", "budget: \(value)")
            try s.commit(day)
            return s
        }
        let risk = try #require(try budget("planned", on: "2026-10-31").risk(.downgraded))
        #expect(risk.severity == .warning && risk.why == "budget: approved → planned (down) on 2026-10-31")
        #expect(try budget("planned", on: "2026-10-30").risk(.downgraded) == nil)
        #expect(try budget("planned", on: "2026-11-20").risk(.downgraded, asOf: nil) == nil)
        // Up is no downgrade; pain down is.
        let up = try Script()
        up.set("budget: ", "budget: planned")
        try up.commit("2026-06-01")
        up.set("budget: ", "budget: approved")
        up.set("pain: ", "pain: assumed")
        try up.commit("2026-11-20")
        #expect(try up.risk(.downgraded)?.why == "pain: confirmed → assumed (down) on 2026-11-20")
    }

    @Test func nextStepUnchangedFor21DaysAtOneStage() throws {
        func step(on day: String) throws -> Script {
            let s = try Script()
            try s.commit("2026-06-01")
            s.set("next_step: ", "next_step: Walk the line with Raj and agree the sample plan together")
            try s.commit(day)
            return s
        }
        let risk = try #require(try step(on: "2026-11-09").risk(.nextStepUnchanged))
        #expect(
            risk.severity == .warning
                && risk.why == "the same next step since 2026-11-09 (21 days), at solution all that time")
        #expect(try step(on: "2026-11-10").risk(.nextStepUnchanged) == nil)
        #expect(try step(on: "2026-06-01").risk(.nextStepUnchanged, asOf: nil) == nil)
        // Other edits do not reset it; a stage move does.
        let edited = try step(on: "2026-10-01")
        edited.set("budget: ", "budget: planned")
        try edited.commit("2026-11-20")
        #expect(
            try edited.risk(.nextStepUnchanged)?.why.hasPrefix("the same next step since 2026-10-01 (60 days)") == true)
        edited.set("stage: ", "stage: proposal")
        try edited.commit("2026-11-25")
        #expect(try edited.risk(.nextStepUnchanged) == nil)
    }

    @Test func oldAssumptionUnchangedForMoreThan21Days() throws {
        func assumed(on day: String) throws -> Script {
            let s = try Script()
            try s.commit("2026-06-01")
            s.replace("a shift a week.\n", "a shift a week.\nAssumption: the plant manager signs off on tooling.\n")
            try s.commit(day)
            return s
        }
        let risk = try #require(try assumed(on: "2026-11-08").risk(.oldAssumption))
        #expect(risk.severity == .warning)
        #expect(
            risk.why == "“Assumption: the plant manager signs off on tooling.” unchanged since 2026-11-08 (22 days)")
        #expect(try assumed(on: "2026-11-09").risk(.oldAssumption) == nil)
        #expect(try assumed(on: "2026-06-01").risk(.oldAssumption, asOf: nil) == nil)
        // Reworded, it is a new assumption: the clock starts again.
        let reworded = try assumed(on: "2026-10-01")
        reworded.replace("signs off on tooling", "signs off on all tooling")
        try reworded.commit("2026-11-20")
        #expect(try reworded.risk(.oldAssumption) == nil)
    }
}
