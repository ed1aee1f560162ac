import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// `fieldnotes history` (and the window `--since` shared with `changes`) on scripted git histories.
@Suite struct HistoryReportTests {
    /// `output` with each commit of `repo` named by its place in the history ("commit3"), in
    /// full or abbreviated: the same width as an abbreviated id, the same text on every machine.
    static func stable(_ output: String, _ repo: GitRepo) throws -> String {
        let shas = try repo.git("log", "--format=%H", "--reverse").stdout.split(separator: "\n")
        var out = output
        for (i, sha) in shas.enumerated() {
            out = out.replacingOccurrences(of: String(sha), with: "commit\(i + 1)")
            out = out.replacingOccurrences(of: String(sha.prefix(7)), with: "commit\(i + 1)")
        }
        return out
    }

    @Test func binfordInEveryFormat() throws {
        let repo = try HistoryFixtures.binford()
        for (format, ext) in [("text", "txt"), ("markdown", "md"), ("json", "json")] {
            let run = runCLI(["history", "--as-of", "2026-11-30", "--format", format], in: repo.url)
            #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
            try assertGolden(try Self.stable(run.stdout, repo), "history/binford.\(ext)")
        }
        // Same notes, same bytes; the second run reads its facts from the cache and says the same.
        #expect(runCLI(["history"], in: repo.url).stdout == runCLI(["history"], in: repo.url).stdout)
        let text = runCLI(["history"], in: repo.url).stdout
        // A manager sees the slips marked, and the rest not.
        #expect(text.contains("  ! stage: proposal → solution (back)\n"), "\(text)")
        #expect(text.contains("    contact added: Susan Ng (CFO; economic buyer)\n"))
        #expect(text.contains("  ! contact removed: Raj Patel (champion, technical buyer)\n"))
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }

    /// JSON: each event's values as data, null where absent, commits in full.
    @Test func jsonCarriesOldAndNewValues() throws {
        let repo = try HistoryFixtures.binford()
        let json = try JSONParser.parse(runCLI(["history", "--format", "json"], in: repo.url).stdout)
        #expect(json["version"]?.int == 1 && json["notices"]?.array?.isEmpty == true)
        let accounts = try #require(json["accounts"]?.array)
        #expect(
            accounts.compactMap { $0["path"]?.string } == [
                "accounts/binford-tools.md", "accounts/initech.md", "accounts/ridgeline-pumps.md",
            ])
        let binford = try #require(accounts.first)
        #expect(binford["account"]?.string == "Binford Tools")
        let events = try #require(binford["events"]?.array)
        let pushes = events.filter { $0["kind"]?.string == "decision-date-pushed" }
        #expect(pushes.compactMap { $0["old"]?.string } == ["2026-11-15", "2026-12-15", "2027-01-15"])
        #expect(pushes.compactMap { $0["new"]?.string } == ["2026-12-15", "2027-01-15", "2027-02-15"])
        #expect(pushes.compactMap { $0["date"]?.string } == ["2026-09-20", "2026-10-25", "2026-11-20"])
        #expect(pushes.allSatisfy { $0["field"]?.string == "decision_date" && $0["commit"]?.string?.count == 40 })
        let back = try #require(events.first { $0["kind"]?.string == "stage-back" })
        #expect(back["old"]?.string == "proposal" && back["new"]?.string == "solution")
        let removed = try #require(events.first { $0["kind"]?.string == "contact-removed" })
        #expect(removed["old"]?.string == "Raj Patel" && removed["new"]?.isNull == true)
        let kinds = events.compactMap { $0["kind"]?.string }
        #expect(kinds.filter { $0 == "downgraded" }.count == 2 && kinds.first == "account-added")
    }

    @Test func sinceADateARevisionAndOnePath() throws {
        let repo = try HistoryFixtures.binford()
        // A date: its events on or after it.
        let date = runCLI(["history", "--since", "2026-11-05"], in: repo.url)
        #expect(date.stdout.hasPrefix("History since 2026-11-05\n"), "\(date.stdout)")
        #expect(date.stdout.contains("  2026-11-05  ") && !date.stdout.contains("2026-10-25"))
        #expect(!date.stdout.contains("Initech"), "no events since: not listed")
        // A revision: the commits after it (HEAD~2 is 2026-11-05's commit).
        let rev = runCLI(["history", "--since", "HEAD~2", "--format", "json"], in: repo.url)
        let json = try JSONParser.parse(rev.stdout)
        let days = Set(json["accounts"]?.array?.first?["events"]?.array?.compactMap { $0["date"]?.string } ?? [])
        #expect(days == ["2026-11-10", "2026-11-20"], "\(rev.stdout)")
        let nothing = runCLI(["history", "--since", "HEAD"], in: repo.url)
        #expect(nothing.stdout == "History since HEAD\nNo events since HEAD.\n", "\(nothing.stdout)")
        // One account.
        let one = runCLI(["history", "accounts/initech.md"], in: repo.url)
        #expect(one.stdout.contains("Initech Hydraulics (accounts/initech.md)\n"))
        #expect(!one.stdout.contains("Binford") && !one.stdout.contains("Ridgeline"), "\(one.stdout)")
        #expect(one.stdout.hasSuffix("\n1 account, 1 event, 0 slips\n"), "\(one.stdout)")
    }

    /// A revision off the first-parent line (a branch merged since): the first-parent commits it
    /// contains are left out, whichever parent they came through; the merge, which it does not
    /// contain, is shown with what it brought.
    @Test func sinceARevisionOnAMergedBranch() throws {
        let repo = try HistoryFixtures.binford()
        try repo.git("checkout", "-q", "-b", "side", "HEAD~1")
        var b = try repo.read("accounts/initech.md")
        HistoryFixtures.setLine(&b, "stage: ", "stage: solution")
        try repo.write("accounts/initech.md", b)
        try HistoryFixtures.commit(repo, "2026-11-21", "Initech: solution")
        try repo.git("checkout", "-q", "main")
        repo.environment = ["GIT_AUTHOR_DATE": "2026-11-22T10:00:00Z", "GIT_COMMITTER_DATE": "2026-11-22T10:00:00Z"]
        try repo.git("merge", "-q", "--no-ff", "-m", "merge", "side")
        let run = runCLI(["history", "--since", "side"], in: repo.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("2026-11-10") && run.stdout.contains("2026-11-20  "), "\(run.stdout)")
        #expect(run.stdout.contains("\n  2026-11-22  "), "\(run.stdout)")
        #expect(run.stdout.contains("    stage: discovery → solution (forward)\n"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("\n2 accounts, 4 events, 2 slips\n"), "\(run.stdout)")
    }

    /// A file renamed and edited in one commit keeps one timeline: the rename and the edit are
    /// both said, at the same commit.
    @Test func aFileRenamedAndEditedInOneCommit() throws {
        let repo = try HistoryFixtures.binford()
        try repo.git("mv", "accounts/binford-tools.md", "accounts/binford.md")
        var b = try repo.read("accounts/binford.md")
        HistoryFixtures.setLine(&b, "our_position: ", "our_position: preferred")
        try repo.write("accounts/binford.md", b)
        try HistoryFixtures.commit(repo, "2026-11-25", "Binford renamed, preferred again")
        let run = runCLI(["history", "--since", "2026-11-25"], in: repo.url)
        #expect(
            run.stdout.hasSuffix(
                """
                Binford Tools (accounts/binford.md)
                  2026-11-25  \(try Self.short(repo))    renamed from accounts/binford-tools.md to
                                         accounts/binford.md
                  2026-11-25  \(try Self.short(repo))    our position: contender → preferred (up)

                1 account, 2 events, 0 slips

                """), "\(run.stdout)")
        let all = runCLI(["history", "accounts/binford.md"], in: repo.url).stdout
        #expect(all.contains("new account at proposal") && all.contains("2026-10-10"), "one timeline: \(all)")
    }

    static func short(_ repo: GitRepo) throws -> String {
        String(try repo.git("rev-parse", "HEAD").stdout.prefix(7))
    }

    /// The work tree is the last version: dated --as-of, undated without it, and named "work tree".
    @Test func workTreeEditsAndAShallowClone() throws {
        let repo = try HistoryFixtures.binford()
        var b = try repo.read("accounts/binford-tools.md")
        HistoryFixtures.setLine(&b, "stage: ", "stage: proposal")
        try repo.write("accounts/binford-tools.md", b)
        let undated = runCLI(["history", "--since", "HEAD"], in: repo.url).stdout
        #expect(undated.contains("\n  not dated   work tree    stage: solution → proposal (forward)\n"), "\(undated)")
        let dated = runCLI(["history", "--since", "HEAD", "--as-of", "2026-11-30"], in: repo.url).stdout
        #expect(dated.contains("\n  2026-11-30  work tree    stage: solution → proposal (forward)\n"), "\(dated)")
        // A shallow clone says once, at the top, where its history starts.
        let clone = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-shallow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        _ = try runProgram(
            "/usr/bin/env", ["git", "clone", "-q", "--depth", "2", "file://" + repo.url.path, clone.path])
        let shallow = runCLI(["history"], in: clone)
        #expect(shallow.stdout.hasPrefix("note: the history is shallow and starts on 2026-11-10"), "\(shallow.stdout)")
        #expect(shallow.stdout.contains("history starts (shallow clone) at solution"))
        #expect(!shallow.stdout.contains("new account at"), "\(shallow.stdout)")
    }

    @Test func outsideGitAndABadSince() throws {
        let plain = try TempRepo([:])
        try plain.write("fieldnotes.yml", "accounts: accounts/**/*.md\n")
        let outside = runCLI(["history"], in: plain.url)
        #expect(outside.status == 2 && outside.stdout.isEmpty)
        #expect(
            outside.stderr.hasPrefix(
                "error: 'fieldnotes history' reads the history of the notes, and '.' is not in a git repository"),
            "\(outside.stderr)")
        let repo = try HistoryFixtures.binford()
        let bad = runCLI(["history", "--since", "last-tuesday"], in: repo.url)
        #expect(bad.status == 2 && bad.stderr.contains("neither a date (YYYY-MM-DD) nor a commit"))
        #expect(bad.stderr.contains("See 'fieldnotes history --help'."))
        let impossible = runCLI(["history", "--since", "2026-02-30"], in: repo.url)
        #expect(impossible.status == 2 && impossible.stderr.contains("February 2026 has 28 days"))
    }

    @Test func helpAndTheCommandList() {
        let help = runCLI(["history", "--help"])
        #expect(help.stdout.hasPrefix("OVERVIEW: Show each account's timeline from git:"))
        #expect(help.stdout.contains("--since <date|rev>") && help.stdout.contains("'!' (bold in markdown)"))
        #expect(runCLI(["--help"]).stdout.contains("  history "))
    }

    /// The window compares only the versions in it (and the one before): the same events as the
    /// whole timeline's, filtered, for every day of the history.
    @Test func theWindowGivesTheTimelinesEventsWhateverItsStart() throws {
        let repo = try HistoryFixtures.binford()
        let (workspace, history) = try HistoryEngineTests.load(repo)
        let timeline = try #require(history.timeline("accounts/binford-tools.md"))
        let all = TimelineEvents.events(timeline, in: history, checklist: workspace.checklist)
        var day = Day(year: 2026, month: 8, day: 30)!
        while day <= Day(year: 2026, month: 11, day: 22)! {
            let window = try HistoryWindow.resolve(.date(day), asOf: nil, git: Git(directory: repo.url))
            let shown = window.events(timeline, in: history, checklist: workspace.checklist)
            #expect(shown == all.filter { $0.date! >= day }, "\(day)")
            day = day.adding(days: 1)
        }
    }

    /// Errors are said when they appear or their number changes, not at every version; after a
    /// version that could not be read, no change is claimed.
    @Test func errorsAndUnreadableVersionsAreSaidOnce() throws {
        let repo = try HistoryFixtures.binford()
        var b = try repo.read("accounts/binford-tools.md")
        HistoryFixtures.setLine(&b, "stage: ", "stage: solutoin")
        try repo.write("accounts/binford-tools.md", b)
        try HistoryFixtures.commit(repo, "2026-11-21", "typo")
        HistoryFixtures.setLine(&b, "budget: ", "budget: approved")
        try repo.write("accounts/binford-tools.md", b)
        try HistoryFixtures.commit(repo, "2026-11-22", "budget")
        try repo.write("accounts/binford-tools.md", "\u{0}binary")
        try HistoryFixtures.commit(repo, "2026-11-23", "binary")
        HistoryFixtures.setLine(&b, "stage: ", "stage: negotiation")
        try repo.write("accounts/binford-tools.md", b)
        try HistoryFixtures.commit(repo, "2026-11-24", "back to text")
        let events = try HistoryEngineTests.events(repo, "accounts/binford-tools.md").filter {
            $0.date! >= Day(year: 2026, month: 11, day: 21)!
        }
        #expect(
            events.map(\.kind) == [.stageChanged, .errors, .upgraded, .unreadable],
            "\(events.map(\.text))")
        #expect(events.first?.text == "stage: solution → 'solutoin' (not a stage)")
        #expect(events.first?.new == "solutoin")
    }
}
