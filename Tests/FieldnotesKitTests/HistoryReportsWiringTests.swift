import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// The reports with the history in git: days at the stage, the movement since a day,
/// what_changed asked again, the history's flags, and the same output as before wherever the
/// history is not read (--no-history, outside git, a corrupt cache, git failing).
@Suite struct HistoryReportsWiringTests {
    static let binford = "accounts/binford-tools.md"

    /// The JSON object of the account at `path` in `summary --format json`.
    static func account(_ json: JSONValue, _ path: String) throws -> JSONValue {
        try #require(json["accounts"]?.array?.first { $0["path"]?.string == path })
    }

    /// A copy of the repository's notes outside git.
    static func copyOutsideGit(_ repo: GitRepo) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-nogit-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: repo.url, to: dir)
        try FileManager.default.removeItem(at: dir.appendingPathComponent(".git"))
        return dir
    }

    static let reports: [[String]] = [
        ["summary", "--format", "text"], ["summary", "--format", "markdown"], ["summary", "--format", "json"],
        ["summary", "--format", "html"], ["missing", "--format", "json"], ["brief", "--format", "json"],
        ["agenda", "--format", "json"], ["brief", binford],
    ]

    @Test func summaryJSONSaysSinceWhenAndHowLongAtTheStage() throws {
        let repo = try HistoryFixtures.binford()
        let run = runCLI(["summary", "--format", "json", "--as-of", "2026-11-30"], in: repo.url)
        let json = try JSONParser.parse(run.stdout)
        let binford = try Self.account(json, Self.binford)
        #expect(binford["stage_since"]?.string == "2026-10-10")
        #expect(binford["days_in_stage"]?.int == 51)
        let initech = try Self.account(json, "accounts/initech.md")
        #expect(initech["stage_since"]?.string == "2026-09-01" && initech["days_in_stage"]?.int == 90)
        // Without --as-of the day is known, not the days.
        let undated = try JSONParser.parse(runCLI(["summary", "--format", "json"], in: repo.url).stdout)
        #expect(try Self.account(undated, Self.binford)["stage_since"]?.string == "2026-10-10")
        #expect(try Self.account(undated, Self.binford)["days_in_stage"]?.isNull == true)
        #expect(undated["movement"] == nil)
        // Text, Markdown and the page show the days in a column of their own, only when known.
        let text = runCLI(["summary", "--format", "text", "--as-of", "2026-11-30"], in: repo.url).stdout
        #expect(text.contains("IN STAGE") && text.contains("51 d"))
        let markdown = runCLI(["summary", "--format", "markdown", "--as-of", "2026-11-30"], in: repo.url).stdout
        #expect(markdown.contains("| In stage |") && markdown.contains("| 51 d |"))
        let page = runCLI(["summary", "--format", "html", "--as-of", "2026-11-30"], in: repo.url).stdout
        #expect(page.contains("<th class=\"num\">In stage</th>") && page.contains(">51 d</td>"))
        #expect(!runCLI(["summary", "--format", "text"], in: repo.url).stdout.contains("IN STAGE"))
    }

    @Test func briefHeaderSaysSinceWhenAtTheStage() throws {
        let repo = try HistoryFixtures.binford()
        let brief = runCLI(["brief", Self.binford, "--as-of", "2026-11-30"], in: repo.url).stdout
        #expect(brief.contains("- **Stage:** Solution, at stage since 2026-10-10 (51 days)"))
        let html = runCLI(["brief", "--format", "html", Self.binford, "--as-of", "2026-11-30"], in: repo.url).stdout
        #expect(html.contains("Stage <b>Solution</b>, at stage since 2026-10-10 (51 days)"))
        let json = try JSONParser.parse(
            runCLI(["brief", "--format", "json", Self.binford, "--as-of", "2026-11-30"], in: repo.url).stdout)
        let first = try #require(json["briefs"]?.array?.first)
        #expect(first["stage_since"]?.string == "2026-10-10" && first["days_in_stage"]?.int == 51)
        // A shared brief says nothing of it.
        let shared = runCLI(["brief", "--share", Self.binford, "--as-of", "2026-11-30"], in: repo.url).stdout
        #expect(shared.contains("- **Stage:** Solution\n"))
    }

    @Test func movementSinceADayListsWhatMovedAfterIt() throws {
        let repo = try HistoryFixtures.binford()
        let args = ["summary", "--since", "2026-11-01", "--as-of", "2026-11-30"]
        let json = try JSONParser.parse(runCLI(args + ["--format", "json"], in: repo.url).stdout)
        let movement = try #require(json["movement"])
        #expect(movement["since"]?.string == "2026-11-01")
        let events = movement["events"]?.array ?? []
        let kinds = events.map {
            "\($0["date"]?.string ?? "") \($0["kind"]?.string ?? "") \($0["field"]?.string ?? "")"
        }
        #expect(
            kinds == [
                "2026-11-05 downgraded our_position", "2026-11-20 decision-date-pushed decision_date",
                "2026-11-20 downgraded budget",
            ])
        let push = try #require(events.first { $0["kind"]?.string == "decision-date-pushed" })
        #expect(push["path"]?.string == Self.binford && push["account"]?.string == "Binford Tools")
        #expect(push["old"]?.string == "2027-01-15" && push["new"]?.string == "2027-02-15")
        #expect(push["text"]?.string == "decision date: 2027-01-15 → 2027-02-15 (+31 days)")
        // Every format says it.
        let text = runCLI(args + ["--format", "text"], in: repo.url).stdout
        #expect(text.contains("Movement since 2026-11-01:\nDATE") && text.contains("(+31 days)"))
        #expect(!text.contains("2026-12-15"))
        let markdown = runCLI(args + ["--format", "markdown"], in: repo.url).stdout
        #expect(markdown.contains("## Movement since 2026-11-01") && markdown.contains("budget: approved → planned"))
        let page = runCLI(args + ["--format", "html"], in: repo.url).stdout
        #expect(page.contains("<h2>Movement since 2026-11-01</h2>") && page.contains("our position: preferred"))
        // From September: every push, the stage going back, the new accounts.
        let all = try JSONParser.parse(
            runCLI(["summary", "--since", "2026-09-01", "--format", "json"], in: repo.url).stdout)
        let allKinds = all["movement"]?["events"]?.array?.compactMap { $0["kind"]?.string } ?? []
        #expect(allKinds.filter { $0 == "decision-date-pushed" }.count == 3)
        #expect(allKinds.contains("stage-back") && allKinds.filter { $0 == "account-added" }.count == 3)
    }

    @Test func movementByDefaultIsTheWeekBeforeAsOf() throws {
        let repo = try HistoryFixtures.binford()
        let page = runCLI(["summary", "--format", "html", "--as-of", "2026-11-25"], in: repo.url).stdout
        #expect(page.contains("<h2>Movement since 2026-11-18</h2>") && page.contains("(+31 days)"))
        let quiet = runCLI(["summary", "--format", "text", "--as-of", "2026-12-30"], in: repo.url).stdout
        #expect(quiet.contains("Movement since 2026-12-23:\nNothing moved.\n"))
        // Without --as-of or --since, no movement: the page depends on the notes and their history only.
        #expect(!runCLI(["summary", "--format", "html"], in: repo.url).stdout.contains("Movement"))
        // --since without the history says why there is none.
        let without = runCLI(["summary", "--since", "2026-11-01", "--no-history"], in: repo.url)
        #expect(!without.stdout.contains("Movement") && without.stderr.contains("note: --since:"))
        let bad = runCLI(["summary", "--since", "2026-13-01"], in: repo.url)
        #expect(bad.status == 2 && bad.stderr.contains("invalid date '2026-13-01' for '--since'"))
    }

    /// The coverage of Binford in summary, missing and brief, and its what_changed status in missing.
    static func whatChanged(
        _ repo: GitRepo, asOf: String = "2026-11-30"
    ) throws -> (
        answered: Int, status: String?, gaps: [String]
    ) {
        let scope = ["--format", "json", "--as-of", asOf, binford]
        let summary = try account(try JSONParser.parse(runCLI(["summary"] + scope, in: repo.url).stdout), binford)
        let missing = try #require(
            try JSONParser.parse(runCLI(["missing"] + scope, in: repo.url).stdout)["accounts"]?.array?.first)
        let brief = try #require(
            try JSONParser.parse(runCLI(["brief"] + scope, in: repo.url).stdout)["briefs"]?.array?.first)
        let answered = try #require(summary["answered"]?.int)
        #expect(missing["answered"]?.int == answered && brief["answered"]?.int == answered)
        #expect(summary["open"]?.int == missing["open"]?.array?.count)
        let change = summary["categories"]?.array?.first { $0["category"]?.string == "Change" }
        let changeOpen = missing["open"]?.array?.filter { $0["category"]?.string == "Change" }.count ?? 0
        #expect(change?["answered"]?.int == (change?["due"]?.int ?? 0) - changeOpen)
        let question = missing["open"]?.array?.first { $0["id"]?.string == "what_changed" }
        return (answered, question?["status"]?.string, question?["gaps"]?.array?.compactMap(\.string) ?? [])
    }

    @Test func whatChangedIsAskedAgainAfterEachMeeting() throws {
        let repo = try HistoryFixtures.binford()
        let notes = try Self.copyOutsideGit(repo)
        defer { try? FileManager.default.removeItem(at: notes) }
        let outside = try #require(
            try JSONParser.parse(
                runCLI(["missing", "--format", "json", "--as-of", "2026-11-30", Self.binford], in: notes).stdout
            )["accounts"]?.array?.first)
        // Outside git the section answers it; in git, it was written on 2026-09-01, before the call of 2026-11-18.
        #expect(outside["open"]?.array?.contains { $0["id"]?.string == "what_changed" } == false)
        let before = try Self.whatChanged(repo)
        #expect(before.answered == (outside["answered"]?.int ?? 0) - 1)
        #expect(before.status == "partial")
        #expect(before.gaps == ["not updated since the meeting on 2026-11-18 (last changed 2026-09-01)"])
        // The section edited after the meeting: answered.
        var b = try repo.read(Self.binford)
        b = b.replacingOccurrences(of: "## What changed\n", with: "## What changed\nTom now chairs the board.\n\n")
        try repo.write(Self.binford, b)
        try HistoryFixtures.commit(repo, "2026-11-25", "Binford: what changed")
        let edited = try Self.whatChanged(repo)
        #expect(edited.status == nil && edited.answered == before.answered + 1)
        // A meeting logged after it (not yet committed, dated by --as-of): asked again.
        b = b.replacingOccurrences(of: "## Log\n", with: "## Log\n### 2026-11-28 — Call with Tom\nThe trial is on.\n\n")
        try repo.write(Self.binford, b)
        let met = try Self.whatChanged(repo)
        #expect(met.status == "partial" && met.answered == before.answered)
        #expect(met.gaps == ["not updated since the meeting on 2026-11-28 (last changed 2026-11-25)"])
        // A log entry after --as-of is not a meeting yet.
        #expect(try Self.whatChanged(repo, asOf: "2026-11-27").status == nil)
        try HistoryFixtures.commit(repo, "2026-11-28", "Binford: call")
        #expect(try Self.whatChanged(repo).status == "partial")
        // The section edited in a later commit: answered again.
        b = b.replacingOccurrences(of: "Tom now chairs the board.\n", with: "Tom chairs the board; Raj left.\n")
        try repo.write(Self.binford, b)
        try HistoryFixtures.commit(repo, "2026-11-29", "Binford: what changed since the call")
        #expect(try Self.whatChanged(repo).status == nil)
    }

    @Test func withoutTheHistoryTheReportsAreWhatTheNotesAloneSay() throws {
        let repo = try HistoryFixtures.binford()
        let notes = try Self.copyOutsideGit(repo)
        defer { try? FileManager.default.removeItem(at: notes) }
        for args in Self.reports {
            for asOf in [[], ["--as-of", "2026-11-30"]] {
                let outside = runCLI(args + asOf, in: notes)
                let noHistory = runCLI(args + asOf + ["--no-history"], in: repo.url)
                #expect(noHistory.stdout == outside.stdout, "\(args + asOf)")
                #expect(noHistory.status == outside.status, "\(args + asOf)")
                // Outside git, --no-history changes nothing and nothing is said about the history.
                let both = runCLI(args + asOf + ["--no-history"], in: notes)
                #expect(both.stdout == outside.stdout && both.stderr == outside.stderr, "\(args + asOf)")
                #expect(!outside.stderr.contains("history"), "\(args + asOf)")
            }
        }
        // Today's output: no column, no key of the history's beyond nulls.
        let text = runCLI(["summary", "--format", "text", "--as-of", "2026-11-30"], in: notes).stdout
        #expect(!text.contains("IN STAGE") && !text.contains("Movement"))
        let json = try JSONParser.parse(runCLI(["summary", "--format", "json"], in: notes).stdout)
        #expect(try Self.account(json, Self.binford)["stage_since"]?.isNull == true)
    }

    @Test func aCorruptOrMissingCacheChangesNoOutput() throws {
        let repo = try HistoryFixtures.binford()
        let args = ["summary", "--format", "json", "--as-of", "2026-11-30", "--since", "2026-09-01"]
        let first = runCLI(args, in: repo.url)
        let cache = repo.url.appendingPathComponent(".git/fieldnotes/facts.cache")
        #expect(FileManager.default.fileExists(atPath: cache.path))
        #expect(first.stdout.contains("\"days_in_stage\": 51"))
        #expect(runCLI(args, in: repo.url).stdout == first.stdout)
        try Data("not a cache\u{0}\u{1}".utf8).write(to: cache)
        let corrupt = runCLI(args, in: repo.url)
        #expect(corrupt.stdout == first.stdout && corrupt.status == first.status)
        try FileManager.default.removeItem(at: cache)
        #expect(runCLI(args, in: repo.url).stdout == first.stdout)
    }

    @Test func gitFailingIsANoteAndTheReportGoesOnWithout() throws {
        let repo = try HistoryFixtures.binford()
        // A tree of an older commit lost: `git log --raw` cannot read the history.
        let tree = try repo.git("rev-parse", "HEAD~3^{tree}").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let object = repo.url.appendingPathComponent(".git/objects/\(tree.prefix(2))/\(tree.dropFirst(2))")
        try FileManager.default.removeItem(at: object)
        let args = ["summary", "--format", "json", "--as-of", "2026-11-30"]
        let run = runCLI(args, in: repo.url)
        #expect(run.stderr.contains("note: the history in git could not be read ("))
        #expect(run.stderr.contains("the report goes on without it"))
        let without = runCLI(args + ["--no-history"], in: repo.url)
        #expect(run.stdout == without.stdout && run.status == without.status)
    }

    @Test func theHistorysNoticesAreSaidOnceAsNotes() throws {
        let repo = try HistoryFixtures.binford()
        let clone = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-shallow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        try repo.git("clone", "-q", "--depth", "2", "file://" + repo.url.path, clone.path)
        for args in [
            ["summary"], ["missing"], ["agenda"], ["brief", "--format", "html", "--out", "--as-of", "2026-11-30"],
        ] {
            let run = runCLI(args, in: clone)
            let notes = run.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("note: the history is shallow") }
            #expect(notes.count == 1, "\(args): \(run.stderr)")
        }
        #expect(runCLI(["summary", "--quiet"], in: clone).stderr.isEmpty)
    }

    /// A shallow clone does not know when a stage began before its first commit: no stage_since
    /// rather than a wrong one; its first day still bounds when a section last changed.
    @Test func aShallowCloneClaimsNoStageSinceItCannotSee() throws {
        let repo = try HistoryFixtures.binford()
        let clone = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-shallow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        try repo.git("clone", "-q", "--depth", "2", "file://" + repo.url.path, clone.path)
        let args = ["summary", "--format", "json", "--as-of", "2026-11-30"]
        let shallow = try JSONParser.parse(runCLI(args, in: clone).stdout)
        let full = try JSONParser.parse(runCLI(args, in: repo.url).stdout)
        // Binford has been at solution since 2026-10-10, before the clone's first commit (2026-11-10).
        #expect(try Self.account(full, Self.binford)["stage_since"]?.string == "2026-10-10")
        #expect(try Self.account(shallow, Self.binford)["stage_since"]?.isNull == true)
        #expect(try Self.account(shallow, Self.binford)["days_in_stage"]?.isNull == true)
        // Initech's what_changed: unchanged since 2026-09-01 in the whole history, before its newest
        // meeting (2026-11-10): asked again. The clone starts on the meeting's day: it cannot tell.
        for (dir, asked) in [(repo.url, true), (clone, false)] {
            let missing = try JSONParser.parse(
                runCLI(["missing", "accounts/initech.md", "--format", "json", "--as-of", "2026-11-30"], in: dir).stdout)
            let initech = try #require(missing["accounts"]?.array?.first)
            #expect(initech["open"]?.array?.contains { $0["id"]?.string == "what_changed" } == asked, "\(dir)")
        }
    }

    @Test func theHistorysFlagsJoinTheNotesInEveryReport() throws {
        let repo = try HistoryFixtures.binford()
        var pipeline = try ReportPipeline(
            paths: [], cwd: repo.url, configPath: nil, asOf: Day(year: 2026, month: 11, day: 30), today: testDay)
        #expect(pipeline.readHistory(allAccounts: true).isEmpty)
        HistoryEngine.finishWriting()
        // What the history says of Binford, with two flags of its own: one critical, one a warning.
        var history = try #require(pipeline.history?[Self.binford])
        let pushed = Risk(flag: .opposed, severity: .critical, why: "from the history")
        let stalled = Risk(flag: .noEconomicBuyer, severity: .warning, why: "also from the history")
        history.risks = [pushed, stalled]
        pipeline.history?[Self.binford] = history
        let facts = try #require(pipeline.facts().first { $0.path == Self.binford })
        let notes = try #require(
            try ReportPipeline(
                paths: [], cwd: repo.url, configPath: nil, asOf: Day(year: 2026, month: 11, day: 30), today: testDay
            ).facts().first { $0.path == Self.binford })
        #expect(facts.risks.count == notes.risks.count + 2)
        #expect(facts.risks.contains(pushed) && facts.risks.contains(stalled) && facts.isAtRisk)
        // Critical first, then in the order of the flags.
        let criticals = facts.risks.prefix { $0.isCritical }
        #expect(criticals.count == facts.risks.filter(\.isCritical).count)
        let order = RiskFlag.allCases
        #expect(
            criticals.map { order.firstIndex(of: $0.flag)! }
                == criticals.map { order.firstIndex(of: $0.flag)! }.sorted())
        // The summary and the brief read them.
        let summary = Summary(accounts: [facts], checklist: pipeline.workspace.checklist).document()
        #expect(summary.rows.first?.risks?.contains(pushed) == true)
        let json = SummaryJSONWriter.json(summary)
        #expect(json.contains("\"why\": \"from the history\""))
        let brief = BriefCommand.briefs(pipeline.workspace, share: false)(facts)
        #expect(BriefDocument(brief).risks?.contains(stalled) == true)
    }

    @Test func helpSaysNoHistoryAndSince() throws {
        for command in ["summary", "brief", "missing", "agenda"] {
            #expect(runCLI([command, "--help"]).stdout.contains("--no-history"), "\(command)")
        }
        #expect(runCLI(["summary", "--help"]).stdout.contains("--since"))
    }
}
