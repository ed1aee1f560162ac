import FieldnotesCore
import FieldnotesReports
import FieldnotesSupport
import Foundation
import Testing

/// Every risk flag, on notes that should raise it and notes that should not; its severity at the
/// stages the flag's table names; and the JSON form every report writes.
struct RiskFlagTests {
    static let asOf = Day(year: 2026, month: 11, day: 30)!

    /// An account with two met contacts (an economic buyer met, a warm champion) and a next step:
    /// no flag at any stage, until a test changes one thing.
    static func note(
        stage: String = "solution", top: String = "", contacts: String? = nil, log: String = ""
    ) -> String {
        let people = contacts ?? Self.people
        return """
            ---
            account: Acme Tools
            owner: dana.reyes
            stage: \(stage)
            last_contact: 2026-11-20
            next_step: Review the sample plan together with Raj on Dec 4
            \(top)contacts:
            \(people)---
            # Acme Tools

            ## Log

            \(log)
            """
    }

    /// An economic buyer met, and a warm champion met: the contacts of a healthy deal.
    static let people = """
          - name: Marta Kowalski
            roles: [economic_buyer]
            last_met: 2026-11-02
          - name: Raj Patel
            roles: [champion, technical_buyer]
            relationship: warm
            last_met: 2026-11-20

        """

    static func risks(_ text: String, asOf: Day? = asOf, staleAfter: StaleAfter = StaleAfter()) -> [Risk] {
        AccountFacts(checkText(text), checklist: .builtIn, staleAfter: staleAfter, asOf: asOf).risks
    }

    static func flag(_ id: RiskFlag, in text: String, asOf: Day? = asOf) -> Risk? {
        risks(text, asOf: asOf).first { $0.flag == id }
    }

    @Test func aHealthyDealRaisesNothing() {
        for stage in ["discovery", "solution", "proposal", "negotiation"] {
            #expect(Self.risks(Self.note(stage: stage)).isEmpty, "\(stage)")
        }
    }

    @Test func noEconomicBuyerCountsActiveContactsOnly() throws {
        let none = Self.note(
            contacts: """
                  - name: Raj Patel
                    roles: [champion]
                    relationship: warm
                    last_met: 2026-11-20
                  - name: Jenny Wu
                    last_met: 2026-11-20

                """)
        #expect(try #require(Self.flag(.noEconomicBuyer, in: none)).severity == .critical)
        let before = none.replacingOccurrences(of: "stage: solution", with: "stage: discovery")
        #expect(try #require(Self.flag(.noEconomicBuyer, in: before)).severity == .warning)
        #expect(Self.flag(.noEconomicBuyer, in: none.replacingOccurrences(of: "solution", with: "prospecting")) == nil)
        let left = Self.note().replacingOccurrences(
            of: "roles: [economic_buyer]\n", with: "roles: [economic_buyer]\n    status: left\n")
        #expect(Self.flag(.noEconomicBuyer, in: left) != nil)
        #expect(Self.flag(.noEconomicBuyer, in: Self.note()) == nil)
    }

    @Test func anEconomicBuyerNobodyMetIsFlaggedByStage() throws {
        let unmet = Self.note().replacingOccurrences(
            of: "    last_met: 2026-11-02\n", with: "    relationship: unknown\n")
        let risk = try #require(Self.flag(.economicBuyerNotMet, in: unmet))
        #expect(risk.severity == .warning)
        #expect(risk.why.contains("Marta Kowalski"))
        let proposal = unmet.replacingOccurrences(of: "stage: solution", with: "stage: proposal")
        #expect(try #require(Self.flag(.economicBuyerNotMet, in: proposal)).severity == .critical)
        // A dated log entry that names them counts as a meeting, by full or first name.
        for named in [
            "### 2026-11-12 Plant tour\nMarta Kowalski joined for the last hour.\n", "### 2026-11-12 Call with Marta\n",
        ] {
            #expect(Self.flag(.economicBuyerNotMet, in: unmet + named) == nil, "\(named)")
        }
        // A name inside a longer word is not a mention.
        #expect(Self.flag(.economicBuyerNotMet, in: unmet + "### 2026-11-12 Martalux fixtures\n") != nil)
    }

    @Test func singleThreadedCountsPeopleMet() throws {
        let oneMet = Self.note().replacingOccurrences(of: "    last_met: 2026-11-02\n", with: "")
        #expect(try #require(Self.flag(.singleThreaded, in: oneMet)).severity == .critical)
        let discovery = oneMet.replacingOccurrences(of: "stage: solution", with: "stage: discovery")
        #expect(try #require(Self.flag(.singleThreaded, in: discovery)).severity == .warning)
        #expect(Self.flag(.singleThreaded, in: Self.note()) == nil)
    }

    @Test func anUntestedChampionIsNoChampion() throws {
        let neutral = Self.note().replacingOccurrences(of: "relationship: warm", with: "relationship: neutral")
        let risk = try #require(Self.flag(.noChampion, in: neutral))
        #expect(risk.severity == .warning)
        #expect(risk.why.contains("Raj Patel: relationship neutral"))
        let proposal = neutral.replacingOccurrences(of: "stage: solution", with: "stage: proposal")
        #expect(try #require(Self.flag(.noChampion, in: proposal)).severity == .critical)
        let discovery = neutral.replacingOccurrences(of: "stage: solution", with: "stage: discovery")
        #expect(Self.flag(.noChampion, in: discovery) == nil)
        let strong = Self.note().replacingOccurrences(of: "relationship: warm", with: "relationship: strong")
        #expect(Self.flag(.noChampion, in: strong) == nil)
    }

    @Test func anIncumbentIsARiskOnlyWhileWeAreADataPoint() throws {
        let incumbent = "competitors:\n  - name: Kessler\n    incumbent: true\n"
        for position in ["", "our_position: unknown\n", "our_position: data_point\n"] {
            let risk = try #require(Self.flag(.incumbentCompetitor, in: Self.note(top: position + incumbent)))
            #expect(risk.severity == .warning)
        }
        for position in ["our_position: contender\n", "our_position: preferred\n"] {
            #expect(Self.flag(.incumbentCompetitor, in: Self.note(top: position + incumbent)) == nil)
        }
    }

    @Test func noNextStepIsCritical() throws {
        for step in ["next_step: \n", "next_step: TBD\n"] {
            let text = Self.note().replacingOccurrences(
                of: "next_step: Review the sample plan together with Raj on Dec 4\n", with: step)
            #expect(try #require(Self.flag(.noNextStep, in: text)).severity == .critical)
        }
    }

    @Test func aMeetingThatPassedWantsALogEntry() throws {
        let passed = Self.note(top: "next_meeting: 2026-11-25\n")
        #expect(try #require(Self.flag(.meetingNotLogged, in: passed)).severity == .warning)
        #expect(Self.flag(.meetingNotLogged, in: passed, asOf: nil) == nil)
        #expect(Self.flag(.meetingNotLogged, in: passed + "### 2026-11-25 Line walk\nWent well.\n") == nil)
        #expect(Self.flag(.meetingNotLogged, in: Self.note(top: "next_meeting: 2026-11-30\n")) == nil)
    }

    @Test func aDecisionDateThatPassedIsCritical() throws {
        let passed = Self.note(top: "decision_date: 2026-11-15\n")
        #expect(try #require(Self.flag(.decisionDatePassed, in: passed)).severity == .critical)
        #expect(Self.flag(.decisionDatePassed, in: passed, asOf: nil) == nil)
        #expect(Self.flag(.decisionDatePassed, in: Self.note(top: "decision_date: 2026-12-15\n")) == nil)
    }

    @Test func staleFollowsTheThresholdOfTheStage() throws {
        let quiet = Self.note().replacingOccurrences(of: "last_contact: 2026-11-20", with: "last_contact: 2026-10-20")
            .replacingOccurrences(of: "2026-11-20\n", with: "2026-10-20\n")
            .replacingOccurrences(of: "2026-11-02", with: "2026-10-02")
        #expect(try #require(Self.flag(.stale, in: quiet)).severity == .warning)
        let proposal = quiet.replacingOccurrences(of: "stage: solution", with: "stage: proposal")
        #expect(try #require(Self.flag(.stale, in: proposal)).severity == .critical)
        // A map by stage: 60 days at solution is patient enough; 14 at proposal is not.
        let map = StaleAfter(days: 30, byStage: [.solution: 60, .proposal: 14])
        #expect(!Self.risks(quiet, staleAfter: map).contains { $0.flag == .stale })
        let recent = proposal.replacingOccurrences(of: "last_contact: 2026-10-20", with: "last_contact: 2026-11-10")
        #expect(Self.risks(recent, staleAfter: map).contains { $0.flag == .stale })
        #expect(Self.flag(.stale, in: quiet, asOf: nil) == nil)
    }

    @Test func aKeyContactWhoLeftIsCriticalUntilSomeoneTakesTheRole() throws {
        // Raj, the champion, left; Jenny, met, keeps the deal two-threaded.
        let left = Self.note(
            contacts: Self.people.replacingOccurrences(
                of: "roles: [champion, technical_buyer]\n    relationship: warm\n    last_met: 2026-11-20\n",
                with: "roles: [champion]\n    relationship: warm\n    status: left\n")
                + "  - name: Jenny Wu\n    roles: [technical_buyer]\n    last_met: 2026-11-20\n")
        let risk = try #require(Self.flag(.keyContactLeft, in: left))
        #expect(risk.severity == .critical)
        #expect(risk.why.contains("Raj Patel (champion) left"))
        let replaced = left.replacingOccurrences(
            of: "roles: [technical_buyer]", with: "roles: [technical_buyer, champion]\n    relationship: strong")
        #expect(Self.flag(.keyContactLeft, in: replaced) == nil)
        // Someone who left without a key role is history, not a risk.
        let plain = left.replacingOccurrences(of: "roles: [champion]\n", with: "roles: [user_buyer]\n")
        #expect(Self.flag(.keyContactLeft, in: plain) == nil)
    }

    @Test func opposedNeedsInfluence() throws {
        func with(_ extra: String) -> String {
            Self.note().replacingOccurrences(
                of: "    last_met: 2026-11-20\n", with: "    last_met: 2026-11-20\n" + extra)
        }
        #expect(
            try #require(Self.flag(.opposed, in: with("    stance: against\n    influence: high\n"))).severity
                == .warning)
        #expect(Self.flag(.opposed, in: with("    stance: against\n    influence: low\n")) == nil)
        let blocker = Self.note(
            contacts: Self.people + "  - name: Kenji Sato\n    roles: [blocker]\n    influence: high\n")
        #expect(Self.flag(.opposed, in: blocker) != nil)
        let gone = blocker.replacingOccurrences(of: "influence: high\n", with: "influence: high\n    status: left\n")
        #expect(Self.flag(.opposed, in: gone) == nil)
    }

    @Test func anHonestAssumptionIsNoRisk() {
        let text = Self.note() + "\n## Why they are buying\nAssumption: scrap on line 3 drives it.\n"
        #expect(Self.risks(text).isEmpty)
    }

    @Test func aWonAccountWithWorkOpenKeepsTheFlagsOfKeepingInTouch() throws {
        let won = """
            ---
            account: Acme Tools
            owner: dana.reyes
            stage: closed_won
            last_contact: 2026-09-01
            next_meeting: 2026-11-10
            outcome:
              result: won
            opportunities:
              - name: Second line
                stage: discovery
            ---
            # Acme Tools

            """
        let ids = Self.risks(won).map(\.flag)
        #expect(ids == [.noNextStep, .meetingNotLogged, .stale])
        // Nothing open: a won account raises nothing.
        let done = won.replacingOccurrences(of: "    stage: discovery\n", with: "    stage: closed_won\n")
        #expect(Self.risks(done).isEmpty)
        // An open opportunity's next step is the account's next step.
        let step = won.replacingOccurrences(
            of: "stage: discovery\n", with: "stage: discovery\n    next_step: Scope it with Lena\n")
        #expect(!Self.risks(step).contains { $0.flag == .noNextStep })
    }

    @Test func criticalFlagsComeFirstAndMakeTheAccountAtRisk() throws {
        let text = Self.note(
            top: "decision_date: 2026-11-15\ncompetitors:\n  - name: Kessler\n    incumbent: true\n")
        let facts = AccountFacts(checkText(text), checklist: .builtIn, staleAfter: StaleAfter(), asOf: Self.asOf)
        #expect(facts.risks.map(\.flag) == [.decisionDatePassed, .incumbentCompetitor])
        #expect(facts.isAtRisk)
        let warningsOnly = Self.note(top: "competitors:\n  - name: Kessler\n    incumbent: true\n")
        #expect(
            !AccountFacts(checkText(warningsOnly), checklist: .builtIn, staleAfter: StaleAfter(), asOf: Self.asOf)
                .isAtRisk)
        let json = JSONWriter.compact(RiskJSON.array(facts.risks))
        #expect(
            json.hasPrefix(#"[{"id":"decision-date-passed","severity":"critical","why":"the decision date 2026-11-15"#))
    }

    @Test func staleAfterDaysReadsANumberOrAMapByStage() throws {
        func config(_ yaml: String) -> (Config, [String]) {
            switch Config.load(SourceFile(path: "fieldnotes.yml", text: yaml)) {
            case .success(let config): return (config, [])
            case .failure(let error): return (Config(), error.files.flatMap(\.diagnostics).map(\.message))
            }
        }
        #expect(config("stale_after_days: 21\n").0.staleAfter == StaleAfter(days: 21))
        let (map, none) = config("stale_after_days:\n  default: 45\n  proposal: 14\n")
        #expect(none.isEmpty)
        #expect(map.staleAfter.days(at: .proposal) == 14 && map.staleAfter.days(at: .discovery) == 45)
        let (_, errors) = config("stale_after_days:\n  propsal: 14\n  solution: soon\n")
        #expect(errors.contains { $0.contains("unknown key 'propsal'") })
        #expect(errors.contains { $0.contains("'stale_after_days.solution' should be a whole number") })
        let (_, closed) = config("stale_after_days:\n  closed_won: 90\n")
        #expect(closed == ["a closed deal is never stale: 'closed_won' takes no 'stale_after_days'"])
    }

    @Test func stalledAfterDaysReadsANumberOrAMapByOpenStage() throws {
        func config(_ yaml: String) -> (Config, [String]) {
            switch Config.load(SourceFile(path: "fieldnotes.yml", text: yaml)) {
            case .success(let config): return (config, [])
            case .failure(let error): return (Config(), error.files.flatMap(\.diagnostics).map(\.message))
            }
        }
        #expect(Config().stalledAfter == StalledAfter())
        #expect(Config().stalledAfter.days(at: .solution) == nil)
        #expect(config("stalled_after_days: 45\n").0.stalledAfter.days(at: .proposal) == 45)
        let (map, none) = config("stalled_after_days:\n  proposal: 30\n")
        #expect(none.isEmpty)
        #expect(map.stalledAfter.days(at: .proposal) == 30 && map.stalledAfter.days(at: .discovery) == nil)
        let (both, _) = config("stalled_after_days: { default: 90, negotiation: 20 }\n")
        #expect(both.stalledAfter == StalledAfter(days: 90, byStage: [.negotiation: 20]))
        let (_, errors) = config("stalled_after_days:\n  negotation: 14\n  solution: 0\n")
        #expect(errors.contains { $0.contains("unknown key 'negotation'") })
        #expect(errors.contains { $0.contains("'stalled_after_days.solution' should be a whole number") })
        let (_, closed) = config("stalled_after_days:\n  closed_lost: 90\n")
        #expect(closed == ["a closed deal never stalls: 'closed_lost' takes no 'stalled_after_days'"])
        // Located, with a did-you-mean, as every setting.
        guard
            case .failure(let error) = Config.load(
                SourceFile(path: "fieldnotes.yml", text: "stalled_after_days:\n  negotation: 14\n"))
        else {
            Issue.record("a misspelt stage is an error")
            return
        }
        let typo = try #require(error.files.first?.diagnostics.first)
        #expect(typo.help == "did you mean 'negotiation'?" && typo.range.start == "stalled_after_days:\n  ".utf8.count)
        guard case .failure(let top) = Config.load(SourceFile(path: "fieldnotes.yml", text: "stalled_after_dys: 40\n"))
        else {
            Issue.record("a misspelt setting is an error")
            return
        }
        #expect(top.files.first?.diagnostics.first?.help == "did you mean 'stalled_after_days'?")
    }

    @Test func explainRisksDocumentsEveryFlag() throws {
        let all = runCLI(["explain", "risks"], in: Project.template)
        #expect(all.status == 0)
        let flowing = all.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        for flag in RiskFlag.allCases {
            #expect(all.stdout.contains("\n" + flag.rawValue + "\n"), "\(flag.rawValue)")
            #expect(flowing.contains(flag.condition), "\(flag.rawValue)")
        }
        // The history's flags say they need git.
        #expect(flowing.contains("late-decision-maker, downgraded, next-step-unchanged and old-assumption need git"))
        for flag in RiskFlag.allCases where flag.needsHistory { #expect(flag.condition.hasPrefix("from git")) }
        let stalled = runCLI(["explain", "stalled"], in: Project.template)
        #expect(stalled.status == 0 && stalled.stdout.hasPrefix("RISK FLAG stalled\n    When: from git, with --as-of"))
        let one = runCLI(["explain", "economic-buyer-not-met"], in: Project.template)
        #expect(one.status == 0 && one.stdout.hasPrefix("RISK FLAG economic-buyer-not-met\n"))
        let typo = runCLI(["explain", "no-champoin"], in: Project.template)
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 'no-champion'?"))
        // The README's table names every flag.
        let readme = (try? String(contentsOf: Project.root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        for flag in RiskFlag.allCases { #expect(readme.contains("| `\(flag.rawValue)` |"), "\(flag.rawValue)") }
        // The rep guide's "what to do" is what briefs and explain say, word for word.
        let guide = try String(contentsOf: Project.template.appendingPathComponent("README.md"), encoding: .utf8)
        for flag in RiskFlag.allCases {
            let row = guide.split(separator: "\n").first { $0.hasPrefix("| `\(flag.rawValue)` |") }
            #expect(row?.hasSuffix(" | \(flag.action) |") == true, "\(flag.rawValue)")
            let explained = runCLI(["explain", flag.rawValue], in: Project.template).stdout
            #expect(explained.contains("What to do:"), "\(flag.rawValue)")
        }
    }

    /// A full name anywhere in an entry counts as a meeting; a first name only in its heading (in
    /// running text it is too often a word); punctuation around a name, ASCII or not, is a boundary.
    @Test func whatCountsAsMeetingSomeone() {
        let unmet = Self.note().replacingOccurrences(of: "    last_met: 2026-11-02\n", with: "")
            .replacingOccurrences(of: "name: Marta Kowalski", with: "name: Will Turner")
        func met(_ log: String) -> Bool { Self.flag(.economicBuyerNotMet, in: unmet + log) == nil }
        #expect(!met("### 2026-11-12 Call with Raj\nWill send the quote on Friday.\n"))
        #expect(met("### 2026-11-12 Call with Will\nQuote next.\n"))
        #expect(met("### 2026-11-12 Plant tour\nWe met “Will Turner” at the gate.\n"))
        #expect(met("### 2026-11-12 Plant tour\nWill Turner’s team joined.\n"))
        #expect(!met("### 2026-11-12 Plant tour\nWill Turnerová joined.\n"))
        // A planned entry (after today) is no meeting yet.
        #expect(!met("### 2026-12-12 Call with Will Turner\n"))
        // Nor is a last_met after today (an error of its own).
        let future = unmet.replacingOccurrences(
            of: "roles: [economic_buyer]\n", with: "roles: [economic_buyer]\n    last_met: 2026-12-20\n")
        #expect(Self.flag(.economicBuyerNotMet, in: future) != nil)
        // A name of spaces names nobody.
        let blank = unmet.replacingOccurrences(of: "name: Will Turner", with: "name: \"  \"")
        #expect(Self.flag(.economicBuyerNotMet, in: blank + "### 2026-11-12 May.  Signed\n") != nil)
    }

    @Test func whyIsEscapedForTheTerminal() throws {
        let text = Self.note().replacingOccurrences(of: "    last_met: 2026-11-02\n", with: "")
            .replacingOccurrences(of: "name: Marta Kowalski", with: "name: \"Ann \\e[31mRed\"")
        let repo = try TempRepo(["accounts/a.md": text])
        let brief = runCLI(["brief", "accounts/a.md"], in: repo.url).stdout
        #expect(brief.contains("economic-buyer-not-met"))
        #expect(!brief.contains("\u{1B}[31m") && brief.contains("\\u{1B}[31m"))
    }
}
