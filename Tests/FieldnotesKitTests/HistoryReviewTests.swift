import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Histories that once gave wrong answers: a path re-used by a rename, commits dated out of
/// order, --as-of before the last commits, a contact whose name was corrected.
@Suite struct HistoryReviewTests {
    static func summary(_ repo: GitRepo, _ asOf: String, _ more: [String] = []) throws -> JSONValue {
        let run = runCLI(["summary", "--format", "json", "--as-of", asOf] + more, in: repo.url)
        return try JSONParser.parse(run.stdout)
    }

    static func account(_ json: JSONValue, _ path: String) throws -> JSONValue {
        try #require(json["accounts"]?.array?.first { $0["path"]?.string == path })
    }

    static func flags(_ account: JSONValue) -> [String] {
        account["risks"]?.array?.compactMap { $0["id"]?.string } ?? []
    }

    @Test func anAccountRenamedOntoARemovedOnesPathKeepsItsOwnHistory() throws {
        let repo = try GitRepo([:])
        try repo.write("accounts/x.md", HistoryFixtures.account("Xylo", stage: "proposal"))
        try repo.write("accounts/a.md", HistoryFixtures.account("Acme", stage: "proposal"))
        try HistoryFixtures.commit(repo, "2026-09-01", "two accounts")
        try repo.git("rm", "-q", "accounts/x.md")
        try HistoryFixtures.commit(repo, "2026-09-05", "Xylo lost")
        try repo.git("mv", "accounts/a.md", "accounts/x.md")
        try HistoryFixtures.commit(repo, "2026-09-08", "Acme renamed")
        try repo.write("accounts/x.md", HistoryFixtures.account("Acme", stage: "solution"))
        try HistoryFixtures.commit(repo, "2026-09-10", "Acme back to solution")
        let acme = try Self.account(try Self.summary(repo, "2026-09-20"), "accounts/x.md")
        #expect(acme["stage_since"]?.string == "2026-09-10")
        #expect(Self.flags(acme).contains("stage-regressed"))
    }

    @Test func commitsDatedOutOfOrderMakeNothingStalled() throws {
        let repo = try GitRepo([:])
        for i in 1...11 { try repo.write("accounts/c\(i).md", HistoryFixtures.account("C\(i)")) }
        try HistoryFixtures.commit(repo, "2026-09-01", "eleven accounts")
        for i in 1...10 { try repo.write("accounts/c\(i).md", HistoryFixtures.account("C\(i)", stage: "solution")) }
        // A clock set wrong: the move is dated before the accounts were written.
        try HistoryFixtures.commit(repo, "2026-08-25", "ten move on")
        let c11 = try Self.account(try Self.summary(repo, "2026-09-03"), "accounts/c11.md")
        #expect(!Self.flags(c11).contains("stalled"))
    }

    @Test func asOfBeforeTheLastCommitsCountsNothingAfterIt() throws {
        let repo = try GitRepo([:])
        try repo.write("accounts/a.md", HistoryFixtures.account("Acme"))
        try HistoryFixtures.commit(repo, "2026-09-01", "Acme")
        try repo.write("accounts/a.md", HistoryFixtures.account("Acme", stage: "solution"))
        try HistoryFixtures.commit(repo, "2026-10-05", "Acme: solution")
        let json = try Self.summary(repo, "2026-09-20", ["--since", "2026-09-13"])
        let events = json["movement"]?["events"]?.array ?? []
        #expect(events.allSatisfy { ($0["date"]?.string ?? "") <= "2026-09-20" }, "\(events)")
        #expect(try Self.account(json, "accounts/a.md")["days_in_stage"]?.isNull == true)
    }

    @Test func aNameCorrectedIsNoLateDecisionMaker() throws {
        let repo = try GitRepo([:])
        try repo.write("accounts/a.md", HistoryFixtures.account("Acme", stage: "solution"))
        try HistoryFixtures.commit(repo, "2026-09-01", "Acme")
        try repo.write(
            "accounts/a.md",
            HistoryFixtures.account("Acme", stage: "solution").replacingOccurrences(
                of: "Jenny Park", with: "Jenny Parks"))
        try HistoryFixtures.commit(repo, "2026-09-10", "Acme: her name")
        let acme = try Self.account(try Self.summary(repo, "2026-09-20"), "accounts/a.md")
        #expect(!Self.flags(acme).contains("late-decision-maker"))
        // A new person with the role is one.
        var text = HistoryFixtures.account("Acme", stage: "solution").replacingOccurrences(
            of: "Jenny Park", with: "Jenny Parks")
        HistoryFixtures.addContact(&text, "  - name: Omar Haddad\n    title: CFO\n    roles: [economic_buyer]\n")
        try repo.write("accounts/a.md", text)
        try HistoryFixtures.commit(repo, "2026-09-12", "Acme: the CFO")
        let later = try Self.account(try Self.summary(repo, "2026-09-20"), "accounts/a.md")
        #expect(Self.flags(later).contains("late-decision-maker"))
    }

    @Test func gitsErrorsAreSaidInWords() {
        let failure = Git.Failure(status: 128, stderr: "fatal: bad object HEAD\nmore\n")
        #expect("\(failure)" == "git failed (exit 128): fatal: bad object HEAD")
    }
}

/// JSON strings: every character that must be escaped is, and nothing else changes.
@Suite struct JSONQuoteTests {
    @Test func escapesWhatJSONAndJavaScriptNeed() throws {
        let text = "a\"b\\c\nd\re\tf\u{08}g\u{0C}h\u{01}i\u{7F}j\u{2028}k\u{2029}l zoë 🙂 —"
        let quoted = JSONWriter.quote(text)
        #expect(
            quoted
                == "\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u007fj\\u2028k\\u2029l zoë 🙂 —\"")
        #expect(try JSONParser.parse(quoted).string == text)
        #expect(JSONWriter.quote("") == "\"\"")
    }
}

/// `changes --since DATE` counts days as the events do: by the committer's own date.
@Suite struct ChangesWindowTests {
    @Test func aCommitAfterMidnightElsewhereIsOnItsOwnDay() throws {
        let repo = try GitRepo([:])
        try repo.write("accounts/a.md", HistoryFixtures.account("Acme"))
        try HistoryFixtures.commit(repo, "2026-11-20", "Acme")
        let before = try repo.git("rev-parse", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.write("accounts/a.md", HistoryFixtures.account("Acme", stage: "solution"))
        // 01:00 in UTC+2 on the 22nd: still the 21st in UTC.
        repo.environment = [
            "GIT_AUTHOR_DATE": "2026-11-22T01:00:00+02:00", "GIT_COMMITTER_DATE": "2026-11-22T01:00:00+02:00",
        ]
        try repo.git("commit", "-q", "-am", "Acme: solution")
        let run = runCLI(
            ["changes", "--since", "2026-11-22", "--as-of", "2026-11-30", "--format", "json"], in: repo.url)
        let json = try JSONParser.parse(run.stdout)
        #expect(json["since_commit"]?.string == before)
        let kinds = json["accounts"]?.array?.first?["changes"]?.array?.compactMap { $0["kind"]?.string } ?? []
        #expect(kinds == ["stage-forward"])
    }
}

/// A value mistyped in a version is said as written, never as removed.
@Suite struct MistypedValueTests {
    @Test func aMistypedDecisionDateIsNotARemovedOne() throws {
        let repo = try GitRepo([:])
        try repo.write("accounts/a.md", HistoryFixtures.account("Acme", decision: "2027-02-15"))
        try HistoryFixtures.commit(repo, "2026-11-01", "Acme")
        try repo.write("accounts/a.md", HistoryFixtures.account("Acme", decision: "2027-02-30"))
        try HistoryFixtures.commit(repo, "2026-11-10", "Acme: a typo")
        let run = runCLI(["history", "--format", "json"], in: repo.url)
        let events = try JSONParser.parse(run.stdout)["accounts"]?.array?.first?["events"]?.array ?? []
        let date = try #require(events.first { $0["field"]?.string == "decision_date" })
        #expect(date["kind"]?.string == "changed")
        #expect(date["text"]?.string == "decision date: 2027-02-15 → '2027-02-30' (not a date)")
        #expect(!events.contains { $0["kind"]?.string == "decision-date-cleared" })
    }
}
