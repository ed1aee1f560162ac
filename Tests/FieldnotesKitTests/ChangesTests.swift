import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// `fieldnotes changes` on real git repositories with scripted, dated histories.
@Suite struct ChangesTests {
    /// The template committed on 2026-11-10, then a week of a rep's work.
    static func scriptedRepository() throws -> GitRepo {
        let repo = try GitRepo([:])
        func commit(_ day: String, _ message: String) throws {
            repo.environment = ["GIT_AUTHOR_DATE": "\(day)T10:00:00", "GIT_COMMITTER_DATE": "\(day)T10:00:00"]
            try repo.git("add", "-A")
            try repo.git("commit", "-q", "-m", message)
        }
        for name in [
            "fieldnotes.yml", "checklist.yml", "accounts/_template.md", "accounts/binford-tools.md",
            "accounts/initech.md", "accounts/ridgeline-pumps.md",
        ] {
            try repo.write(name, try String(contentsOf: Project.template.appendingPathComponent(name), encoding: .utf8))
        }
        try commit("2026-11-10", "notes")
        // Nov 16: Initech moves on: a new economic buyer, José becomes champion, a new competitor,
        // our position and decision date, an answered question, an assumption, a log entry.
        var initech = try repo.read("accounts/initech.md")
        let edits: [(String, String)] = [
            ("stage: discovery\n", "stage: solution\n"),
            ("our_position: data_point\n", "our_position: contender\ndecision_date: 2027-01-15\n"),
            ("    roles: [influencer, coach]\n", "    roles: [influencer, coach, champion]\n"),
            (
                "competitors:\n",
                "competitors:\n  - name: Orbit Tooling\n    value_proposition: Lowest price per fixture\n"
            ),
            (
                "contacts:\n",
                "contacts:\n  - name: Priya Raman\n    title: Plant Manager\n    roles: [economic_buyer]\n"
                    + "    reports_to: Zoë Brandt\n  - name: Zoë Brandt\n    title: VP Operations\n"
                    + "    roles: [executive_sponsor]\n"
            ),
            (
                "## Cost of inaction\nTBD\n",
                "## Cost of inaction\nEvery re-clamp costs 4 minutes a part: about 900 hours a year.\n"
            ),
            // the marker and its emphasis are not repeated
            ("## Politics\n", "## Politics\n**Assumption —** Priya signs alone below 100k.\n"),
            ("## Log\n", "## Log\n### 2026-11-16 — Call with Priya\nShe owns the cell budget.\n\n"),
        ]
        for (old, new) in edits {
            #expect(initech.contains(old), "the template changed: \(old)")
            initech = initech.replacingOccurrences(of: old, with: new)
        }
        try repo.write("accounts/initech.md", initech)
        try commit("2026-11-16", "Initech: solution")
        // Nov 18: a file renamed, an account closed and removed, a new account.
        try repo.git("mv", "accounts/binford-tools.md", "accounts/binford.md")
        try repo.git("rm", "-q", "accounts/ridgeline-pumps.md")
        try repo.write(
            "accounts/globex.md",
            "---\naccount: Globex Corporation\nowner: dana\nstage: prospecting\ncontacts:\n"
                + "  - name: Hank Scorpio\n    title: CEO\n    roles: [economic_buyer]\n---\n"
        )
        try commit("2026-11-18", "Binford renamed, Ridgeline gone, Globex new")
        return repo
    }

    @Test func aWeekOfChangesInEveryFormat() throws {
        let repo = try Self.scriptedRepository()
        for format in ["text", "markdown", "json"] {
            let run = runCLI(["changes", "--as-of", "2026-11-20", "--format", format], in: repo.url)
            #expect(run.status == 0, "\(run.stderr)")
            // The commit ids change with every run of the script: they are replaced in the golden files.
            let stable = run.stdout.replacingOccurrences(
                of: #"[0-9a-f]{40}|\b[0-9a-f]{7}\b"#, with: "COMMIT", options: .regularExpression)
            try assertGolden(stable, "changes/week.\(format == "markdown" ? "md" : format == "json" ? "json" : "txt")")
        }
        // Since a revision; and only some paths.
        let last = runCLI(["changes", "--since", "HEAD~1"], in: repo.url)
        #expect(last.stdout.contains("renamed from accounts/binford-tools.md"))
        #expect(!last.stdout.contains("Initech"))
        let one = runCLI(["changes", "--as-of", "2026-11-20", "accounts/initech.md"], in: repo.url)
        #expect(
            one.stdout.contains("stage: discovery → solution") && !one.stdout.contains("Globex")
                && !one.stdout.contains("Ridgeline"))
        // Same notes, same bytes.
        #expect(
            runCLI(["changes", "--as-of", "2026-11-20"], in: repo.url).stdout
                == runCLI(["changes", "--as-of", "2026-11-20"], in: repo.url).stdout)
        // Uncommitted edits count: the work tree is the last version, dated --as-of (here today).
        try repo.write(
            "accounts/globex.md",
            try repo.read("accounts/globex.md").replacingOccurrences(of: "stage: prospecting", with: "stage: discovery")
        )
        let edited = runCLI(["changes", "--since", "HEAD"], in: repo.url)
        #expect(
            edited.stdout.contains(
                "Globex Corporation (accounts/globex.md)\n"
                    + "  ! accounts/globex.md:4:8: missing field 'last_contact' (required from stage 'discovery')"
            ), "\(edited.stdout)")
        #expect(edited.stdout.contains("\n  2026-11-20    stage: prospecting → discovery (forward)\n"))
        // Notes that cannot be read whole: the error is listed, located, and a stage that is not
        // valid is said as written, not as gone.
        try repo.write(
            "accounts/globex.md",
            try repo.read("accounts/globex.md").replacingOccurrences(of: "stage: discovery", with: "stage: discovry"))
        let broken = runCLI(["changes", "--since", "HEAD"], in: repo.url)
        #expect(
            broken.stdout.contains(
                "Globex Corporation (accounts/globex.md)\n  ! accounts/globex.md:4:8: unknown stage 'discovry'\n"
                    + "  2026-11-20    stage: prospecting → 'discovry' (not a stage)\n"
            ), "\(broken.stdout)")
    }

    /// Every event in the window, not the difference between its ends: on the Binford history the
    /// first and last versions agree on the stage, yet the stage went back, and the date was pushed
    /// three times.
    @Test func everyEventInTheWindowNotJustTheEnds() throws {
        let repo = try HistoryFixtures.binford()
        let run = runCLI(["changes", "--since", "2026-09-02", "--as-of", "2026-11-30"], in: repo.url)
        #expect(run.status == 0, "\(run.stderr)")
        for line in [
            "  2026-09-20  ! decision date: 2026-11-15 → 2026-12-15 (+30 days)",
            "  2026-10-10  ! stage: proposal → solution (back)",
            "  2026-10-25  ! decision date: 2026-12-15 → 2027-01-15 (+31 days)",
            "  2026-11-05  ! our position: preferred → contender (down)",
            "  2026-11-10    contact added: Susan Ng (CFO; economic buyer)",
            "  2026-11-10  ! contact removed: Raj Patel (champion, technical buyer)",
            "  2026-11-20  ! decision date: 2027-01-15 → 2027-02-15 (+31 days)",
            "  2026-11-20  ! budget: approved → planned (down)",
        ] {
            #expect(run.stdout.contains(line + "\n"), "\(line)\n\(run.stdout)")
        }
        #expect(!run.stdout.contains("Initech") && run.stdout.hasSuffix("\n1 changed, 0 new, 0 removed\n"))
        // JSON: the same events, with their values as data.
        let json = try JSONParser.parse(
            runCLI(["changes", "--since", "2026-09-02", "--as-of", "2026-11-30", "--format", "json"], in: repo.url)
                .stdout)
        let account = try #require(json["accounts"]?.array?.first)
        #expect(account["kind"]?.string == "changed" && account["path"]?.string == "accounts/binford-tools.md")
        let events = try #require(account["changes"]?.array)
        let pushes = events.filter { $0["kind"]?.string == "decision-date-pushed" }
        #expect(pushes.compactMap { $0["new"]?.string } == ["2026-12-15", "2027-01-15", "2027-02-15"])
        let downgrades = events.filter { $0["kind"]?.string == "downgraded" }
        #expect(downgrades.compactMap { $0["field"]?.string } == ["our_position", "budget"])
        #expect(downgrades.compactMap { $0["old"]?.string } == ["preferred", "approved"])
        #expect(events.contains { $0["kind"]?.string == "contact-removed" && $0["old"]?.string == "Raj Patel" })
        #expect(events.contains { $0["kind"]?.string == "contact-added" && $0["new"]?.string == "Susan Ng" })
        // The default window is the 7 days before --as-of: the last commit's events only.
        let week = runCLI(["changes", "--as-of", "2026-11-22"], in: repo.url).stdout
        #expect(week.hasPrefix("Changes since 2026-11-15 (7 days before 2026-11-22), after commit "), "\(week)")
        #expect(week.contains("2026-11-20  ! budget") && !week.contains("2026-11-10"), "\(week)")
    }

    @Test func shallowEmptyAndMissingHistories() throws {
        let repo = try Self.scriptedRepository()
        // A shallow clone with only the last commit: counted from there, and said so.
        let clone = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-shallow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clone) }
        _ = try runProgram(
            "/usr/bin/env", ["git", "clone", "-q", "--depth", "1", "file://" + repo.url.path, clone.path])
        let shallow = runCLI(["changes", "--as-of", "2026-11-20"], in: clone)
        #expect(shallow.status == 0)
        #expect(shallow.stdout.hasPrefix("note: the history is shallow and starts on 2026-11-18"))
        // History that starts after --since: every account is new in the window, each with its
        // events since; a removed one added in the window is removed.
        let young = runCLI(["changes", "--since", "2026-11-01", "--as-of", "2026-11-20"], in: repo.url)
        #expect(young.stdout.contains("Initech Hydraulics (accounts/initech.md): new\n"), "\(young.stdout)")
        #expect(young.stdout.contains("  2026-11-10    new account at discovery\n  2026-11-16    stage: discovery"))
        #expect(young.stdout.contains("Ridgeline Pumps (accounts/ridgeline-pumps.md): removed\n"))
        #expect(young.stdout.hasSuffix("\n0 changed, 3 new, 1 removed\n"), "\(young.stdout)")
        // No commits at all.
        let empty = try GitRepo([:])
        try empty.write("fieldnotes.yml", "accounts: accounts/**/*.md\n")
        try empty.write("accounts/a.md", "---\naccount: A\nowner: o\nstage: prospecting\n---\n")
        let none = runCLI(["changes"], in: empty.url)
        #expect(none.status == 0 && none.stdout.hasPrefix("note: no commits of the accounts yet"), "\(none.stdout)")
        #expect(none.stdout.contains("A (accounts/a.md): new\n  2026-11-20    new account at prospecting\n"))
        // Not a git repository: a clear error.
        let plain = try TempRepo([:])
        try plain.write("fieldnotes.yml", "accounts: accounts/**/*.md\n")
        let outside = runCLI(["changes"], in: plain.url)
        #expect(outside.status == 2 && outside.stderr.contains("not in a git repository"))
        // A --since that is neither.
        let bad = runCLI(["changes", "--since", "last-tuesday"], in: repo.url)
        #expect(bad.status == 2 && bad.stderr.contains("neither a date (YYYY-MM-DD) nor a commit"))
        let impossible = runCLI(["changes", "--since", "2026-02-30"], in: repo.url)
        #expect(impossible.status == 2 && impossible.stderr.contains("February 2026 has 28 days"))
    }

    @Test func dayArithmetic() {
        let d = Day(year: 2026, month: 3, day: 1)!
        #expect(d.adding(days: -1).description == "2026-02-28")
        #expect(Day(year: 2024, month: 3, day: 1)!.adding(days: -1).description == "2024-02-29")
        #expect(Day(year: 2026, month: 12, day: 31)!.adding(days: 1).description == "2027-01-01")
        for n in stride(from: -800, through: 800, by: 37) { #expect(d.adding(days: n).ordinal == d.ordinal + n) }
    }
}
