import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// What a second reading and a rep's first week found after the hardening: each with the case
/// that showed it.
struct ReviewFindingsTests {
    /// "Days ago" counts from the date shown next to it: a log entry newer than `last_contact`
    /// is the last contact, in the brief, `missing` and the summary alike.
    @Test func theLastContactShownIsTheOneDaysAreCountedFrom() {
        let note = """
            ---
            account: Northwind
            owner: dana
            stage: discovery
            last_contact: 2026-09-05
            ---

            # Northwind

            ## Log
            ### 2026-11-15 — Call with Ana
            Talked.
            ### 2026-12-01 — Planned visit
            Not yet.
            """
        let report = checkText(note)
        let facts = AccountFacts(report, checklist: .builtIn, staleAfterDays: 30, asOf: testDay)
        #expect(facts.lastContact == Day(year: 2026, month: 11, day: 15), "the newest entry on or before --as-of")
        #expect(facts.daysSinceContact == 5)
        let undated = AccountFacts(report, checklist: .builtIn, staleAfterDays: 30, asOf: nil)
        #expect(
            undated.lastContact == Day(year: 2026, month: 12, day: 1), "without --as-of, the newest date the notes tell"
        )
        let header = MissingReport(accounts: [facts], checklist: .builtIn, includeNext: false).text()
        #expect(header.contains("last contact 2026-11-15 (5 days ago)"), "\(header.prefix(300))")
    }

    /// A notice of `changes` names paths: on one line, escaped, whatever the file name holds.
    @Test func aChangesNoticeStaysOnOneLine() {
        let report = ChangesReport(
            since: "2026-11-01", sinceCommit: nil,
            notice: "accounts/big\n::error title=x::pwned.md was larger than 10 MB (11.3 MB) at that commit",
            changes: [])
        let text = report.text()
        #expect(text.hasPrefix("note: accounts/big\\u{0A}::error title=x::pwned.md was larger"), "\(text)")
        #expect(!text.split(separator: "\n").contains { $0.drop(while: \.isWhitespace).hasPrefix("::") })
    }

    /// `--out` takes the next word as its folder: an account's path there is a folder refused,
    /// with the command the rep meant.
    @Test func anAccountAfterOutIsExplained() throws {
        let repo = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = runCLI(["brief", "--out", "accounts/initech.md"], in: repo)
        #expect(run.status == 2)
        #expect(
            run.stderr.contains(
                "help: '--out accounts/initech.md' takes 'accounts/initech.md' as the briefs folder; "
                    + "to brief that account, write 'fieldnotes brief --out=briefs accounts/initech.md'"
            ), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent("briefs").path), "nothing written")
    }

    /// git's input, output and errors flow together on the calling thread: a megabyte in while
    /// a megabyte comes out, with no thread of Dispatch's pool held by a blocked read.
    @Test func gitGetsItsInputWhileItsOutputIsRead() throws {
        let repo = try GitRepo(["a.md": "a\n"])
        let lines = (0..<40_000).map { "HEAD:missing-\($0)-" + String(repeating: "x", count: 20) + "\n" }.joined()
        let out = try Git(directory: repo.url).run(["cat-file", "--batch-check"], input: Data(lines.utf8))
        let answers = String(decoding: out, as: UTF8.self).split(separator: "\n")
        #expect(answers.count == 40_000)
        #expect(answers.allSatisfy { $0.hasSuffix(" missing") })
        // An error from git comes back whole, with the status.
        #expect(throws: Git.Failure.self) { try Git(directory: repo.url).run(["cat-file", "-p", "no-such-object"]) }
    }

    /// The placeholder test decides long text by its length first: the same answers as the plain
    /// definition (lower-cased, trailing `.`/`:` dropped, in the list).
    @Test func placeholdersByLengthFirstAgreeWithThePlainRule() {
        func plain(_ text: String) -> Bool {
            var word = Substring(text.lowercased())
            if BodyScanner.placeholders.contains(String(word)) { return true }
            while let last = word.last, last == "." || last == ":" { word = word.dropLast() }
            return !word.isEmpty && BodyScanner.placeholders.contains(String(word))
        }
        var cases = [
            "TBD", "tbd.", "TBD" + String(repeating: ".", count: 40), "TODO:::", "N/A", "?", "…", "--", "TBDX",
            "Walk through their sourcing steps", String(repeating: "?", count: 30), "\u{212A}", "T\u{212A}D", "",
        ]
        let pieces = ["t", "B", "d", "o", "?", ".", ":", "-", "/", "n", "a", "…", " ", "x", "\u{212A}"]
        var g = RobustnessTests.Generator(state: 7)
        for _ in 0..<5000 { cases.append((0..<g.below(16)).map { _ in pieces[g.below(pieces.count)] }.joined()) }
        for text in cases { #expect(BodyScanner.isPlaceholder(text) == plain(text), "\(text.debugDescription)") }
    }
}
