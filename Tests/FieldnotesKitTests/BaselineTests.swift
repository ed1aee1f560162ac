import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// `check --write-baseline FILE` and `check --baseline FILE`: findings matched by file, rule and
/// subject, counted, never by line.
final class BaselineTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("accounts"), withIntermediateDirectories: true)
        try write("fieldnotes.yml", "accounts: accounts/*.md\n")
        try write("accounts/acme.md", Self.note(front: "regoin: west\n", sections: 2))
        try write("accounts/globex.md", Self.note(front: "segmnt: b\n", sections: 1))
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// A note with an unknown field in `front` and `sections` sections titled "What changed"
    /// (each after the first is a duplicate-section warning).
    static func note(front: String, sections: Int, before: String = "") -> String {
        "---\naccount: Acme\nowner: dana.reyes\nstage: prospecting\n\(front)---\n\(before)\n# Acme\n"
            + String(repeating: "\n## What changed\nA new buyer.\n", count: sections)
            + "\n## Current feedback\nSamples passed.\n"
    }

    func write(_ path: String, _ text: String) throws {
        try text.write(to: dir.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
    }

    func check(_ args: String...) -> Run { runCLI(["check"] + args, in: dir) }

    @Test func writingRecordsEveryFindingSortedAndVersioned() throws {
        let run = check("--write-baseline", "baseline.json")
        #expect(run.status == 0)
        #expect(run.stdout == "no problems in 2 files (3 findings hidden by the baseline)\n")
        #expect(run.stderr == "note: wrote the baseline 'baseline.json': 3 findings in 2 files\n")
        let expected = """
            {
              "version": 1,
              "findings": [
                {"path":"accounts/acme.md","rule":"duplicate-section","subject":"What changed","count":1},
                {"path":"accounts/acme.md","rule":"unknown-field","subject":"regoin","count":1},
                {"path":"accounts/globex.md","rule":"unknown-field","subject":"segmnt","count":1}
              ]
            }

            """
        #expect(try read("baseline.json") == expected)
        // Deterministic: the same findings give the same bytes.
        _ = check("--write-baseline", "baseline.json")
        #expect(try read("baseline.json") == expected)
    }

    @Test func editsAboveAFindingDoNotBringItBack() throws {
        _ = check("--write-baseline", "baseline.json")
        try write(
            "accounts/acme.md",
            Self.note(front: "last_contact: 2026-11-02\nregoin: west\n", sections: 2, before: "\nMet at the fair.\n"))
        let run = check("--baseline", "baseline.json")
        #expect(run.status == 0)
        #expect(run.stdout == "no problems in 2 files (3 findings hidden by the baseline)\n")
    }

    @Test func newFindingsShowAndDuplicatesAreCounted() throws {
        _ = check("--write-baseline", "baseline.json")
        // A third "What changed": the baseline holds one duplicate-section of that subject, now there are two.
        try write("accounts/acme.md", Self.note(front: "regoin: west\nsegmnt: b\n", sections: 3))
        let run = check("--baseline", "baseline.json", "--format", "json")
        let found = try JSONParser.parse(run.stdout)["diagnostics"]?.array ?? []
        let shown = found.map { "\($0["rule"]?.string ?? "") \($0["line"]?.int ?? 0)" }
        // The later duplicate is the one reported; the new unknown field too.
        #expect(shown == ["unknown-field 6", "duplicate-section 17"])
        let text = check("--baseline", "baseline.json")
        #expect(text.stdout.hasSuffix("0 errors, 2 warnings in 1 of 2 files (3 findings hidden by the baseline)\n"))
    }

    @Test func rewritingDropsFixedFindingsAndTakesInNoNewOnes() throws {
        _ = check("--write-baseline", "baseline.json")
        // Fixed: the unknown field of acme. New: one in globex.
        try write("accounts/acme.md", Self.note(front: "", sections: 2))
        try write("accounts/globex.md", Self.note(front: "segmnt: b\ntier: gold\n", sections: 1))
        let run = check("--baseline", "baseline.json", "--write-baseline", "baseline.json")
        #expect(run.status == 0)
        #expect(run.stdout.contains("unknown field 'tier'"))
        let text = try read("baseline.json")
        #expect(!text.contains("regoin"))
        #expect(!text.contains("tier"))
        #expect(text.contains("segmnt"))
        #expect(run.stderr == "note: wrote the baseline 'baseline.json': 2 findings in 2 files\n")
        // Recording everything again takes the new one in.
        _ = check("--write-baseline", "baseline.json")
        #expect(try read("baseline.json").contains("tier"))
    }

    @Test func aRunOverSomeFilesKeepsTheOthers() throws {
        _ = check("--write-baseline", "baseline.json")
        try write("accounts/acme.md", Self.note(front: "", sections: 1))
        _ = check("accounts/acme.md", "--write-baseline", "baseline.json")
        let text = try read("baseline.json")
        #expect(!text.contains("accounts/acme.md"))
        #expect(text.contains("segmnt"))
        // A whole run drops the files that are gone.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("accounts/globex.md"))
        _ = check("--write-baseline", "baseline.json")
        #expect(!(try read("baseline.json")).contains("globex"))
    }

    @Test func aMissingOrCorruptBaselineIsAUsageError() throws {
        let missing = check("--baseline", "nowhere.json")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error: cannot read the baseline 'nowhere.json': no such file"))
        #expect(missing.stdout.isEmpty)
        try write("broken.json", "{\n  \"version\": 1,\n  \"findings\": [\n    {\"path\": \"a\",}\n  ]\n}\n")
        let broken = check("--baseline", "broken.json")
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("broken.json:4:"))
        #expect(broken.stderr.contains("error: cannot read the baseline 'broken.json'"))
        try write("other.json", "{\"version\": 2, \"findings\": []}\n")
        let version = check("--baseline", "other.json")
        #expect(version.status == 2)
        #expect(version.stderr.contains("is version 2; this fieldnotes reads version 1"))
        try write("shape.json", "{\"version\": 1, \"findings\": [{\"path\": \"a\", \"rule\": \"x\", \"count\": 0}]}\n")
        #expect(check("--baseline", "shape.json").stderr.contains("finding 1 needs 'path', 'rule' and 'subject'"))
    }

    @Test func writingIsNotForTheStagedCheck() {
        let run = check("--staged", "--write-baseline", "baseline.json")
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot be used with --staged"))
    }

    /// The hook reads the baseline too: a commit that only keeps old findings goes ahead.
    @Test func theStagedCheckReadsTheBaseline() throws {
        let old = Self.note(front: "regoin: west\n", sections: 2).replacingOccurrences(
            of: "stage: prospecting", with: "stage: prospecting\nlast_contact: 2026-13-01")
        let repo = try GitRepo(["fieldnotes.yml": "accounts: accounts/*.md\n", "accounts/acme.md": old])
        #expect(runCLI(["check", "--write-baseline", "baseline.json"], in: repo.url).status == 0)
        try repo.write("accounts/acme.md", old + "\nMore.\n")
        try repo.git("add", "-A")
        let run = runCLI(["check", "--staged", "--baseline", "baseline.json"], in: repo.url)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("hidden by the baseline"))
        let without = runCLI(["check", "--staged"], in: repo.url)
        #expect(without.status == 1)
    }

    @Test func keysIgnoreLinesAndCount() {
        let source = SourceFile(path: "a.md", text: "one\ntwo\nthree\n")
        let d1 = Diagnostic(.logAhead, "no subject here", at: SourceRange(0, 1))
        var d2 = Diagnostic(.unknownField, "unknown field 'x'", at: SourceRange(4, 5))
        d2.subject = "x"
        var d3 = d2
        d3.range = SourceRange(8, 9)
        let file = FileDiagnostics(path: "a.md", source: source, diagnostics: [d1, d2, d3])
        let counts = Baseline.counts(of: file)
        #expect(counts[Baseline.Key(path: "a.md", rule: "log-ahead", subject: "no subject here")] == 1)
        #expect(counts[Baseline.Key(path: "a.md", rule: "unknown-field", subject: "x")] == 2)
        let held = Baseline(counts: [Baseline.Key(path: "a.md", rule: "unknown-field", subject: "x"): 1])
        let (kept, hidden) = held.filter(file)
        #expect(hidden == 1)
        #expect(kept.diagnostics.map(\.range) == [SourceRange(0, 1), SourceRange(8, 9)])
    }

    /// A finding whose words change with the day ("no contact for 104 days", "after today
    /// (2027-03-02)") is the same finding the next day: keys never hold the day.
    @Test func findingsWordedByTheDayStayHiddenTheNextDay() throws {
        let notes = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: notes) }
        let path = notes.appendingPathComponent("accounts/initech.md")
        var text = try String(contentsOf: path, encoding: .utf8)
        text += "\n### 2027-06-01 Visit planned\nA log entry dated after today.\n"
        try text.write(to: path, atomically: true, encoding: .utf8)
        let write = runCLI(["check", "--as-of", "2027-03-01", "--write-baseline", "b.json"], in: notes)
        #expect(write.status == 0)
        let written = try String(contentsOf: notes.appendingPathComponent("b.json"), encoding: .utf8)
        #expect(written.contains("\"rule\":\"stale-contact\""))
        #expect(written.contains("\"rule\":\"future-date\""))
        #expect(!written.contains("2027-03-01") && !written.contains(" days"))
        let next = runCLI(["check", "--as-of", "2027-03-02", "--baseline", "b.json", "--format", "json"], in: notes)
        #expect(next.status == 0)
        #expect(!next.stdout.contains("\"rule\": \"stale-contact\"") && !next.stdout.contains("future-date"))
    }

    /// Counts past what any file holds are refused, and sums of counts cannot overflow.
    @Test func hugeCountsAreRefusedNotATrap() throws {
        let key = #"{"path":"accounts/acme.md","rule":"unknown-field","subject":"regoin","count":"#
        try write("max.json", #"{"version": 1, "findings": ["# + key + "9223372036854775807}]}")
        let run = check("--baseline", "max.json")
        #expect(run.status == 2)
        #expect(run.stderr.contains("'count' (from 1 to"))
        let big = Baseline.maxCount
        try write("twice.json", #"{"version": 1, "findings": ["# + key + "\(big)}, " + key + "\(big)}]}")
        let twice = check("--baseline", "twice.json", "--write-baseline", "again.json", "accounts/globex.md")
        #expect(twice.status == 0)
        #expect(try read("again.json").contains("\"count\":\(big)"))
    }

    /// Rewriting a baseline keeps what the file is: its permissions, and a link stays a link.
    @Test func rewritingKeepsPermissionsAndLinks() throws {
        #expect(check("--write-baseline", "shared.json").status == 0)
        let shared = dir.appendingPathComponent("shared.json").path
        try FileManager.default.setAttributes([.posixPermissions: 0o664], ofItemAtPath: shared)
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("b.json").path, withDestinationPath: "shared.json")
        try write("accounts/globex.md", Self.note(front: "", sections: 1))
        #expect(check("--baseline", "b.json", "--write-baseline", "b.json").status == 0)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("b.json").path)
        #expect(link == "shared.json")
        let attributes = try FileManager.default.attributesOfItem(atPath: shared)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o664)
        #expect(try !read("shared.json").contains("segmnt"))
    }

    /// JSON says how many findings the baseline hid, in its summary; without any hidden, nothing.
    @Test func jsonSaysWhatTheBaselineHid() throws {
        #expect(check("--write-baseline", "b.json").status == 0)
        let hidden = check("--baseline", "b.json", "--format", "json")
        #expect(hidden.stdout.contains("\"hidden_by_baseline\": 3"), "\(hidden.stdout)")
        #expect(!check("--format", "json").stdout.contains("hidden_by_baseline"))
    }
}
