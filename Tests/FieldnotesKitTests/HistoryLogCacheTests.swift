import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesSupport

/// The log cache (`.git/fieldnotes/log.cache`): the timelines as the log made them, by the commit
/// they end at. Used (no `git log` when HEAD did not move, only the new commits when it moved on)
/// and harmless (a rewritten history, a merge, a damaged file: what a run without it gives).
@Suite struct HistoryLogCacheTests {
    static func logFile(_ repo: GitRepo) -> URL { repo.url.appendingPathComponent(".git/fieldnotes/log.cache") }

    /// The events of every account, read without any cache.
    static func reference(_ repo: GitRepo) throws -> [String: [HistoryEvent]] {
        let (workspace, history) = try HistoryEngineTests.load(repo, useCache: false)
        return HistoryFixtures.events(history, checklist: workspace.checklist)
    }

    static func commits(_ repo: GitRepo) throws -> Int {
        Int(
            try repo.git("rev-list", "--count", "--first-parent", "HEAD").stdout.trimmingCharacters(
                in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func theLogIsReadOnceThenOnlyWhatCameSince() throws {
        let repo = try HistoryFixtures.binford()
        let all = try Self.commits(repo)
        let (first, firstEvents) = try HistoryCacheTests.run(repo)
        #expect(first.commitsRead == all && all > 3)
        #expect(FileManager.default.fileExists(atPath: Self.logFile(repo).path))
        #expect(firstEvents == (try Self.reference(repo)))

        let (second, secondEvents) = try HistoryCacheTests.run(repo)
        #expect(second.commitsRead == 0)
        #expect(secondEvents == firstEvents)

        // One more commit of an account: that commit alone is read.
        var b = try repo.read("accounts/binford-tools.md")
        HistoryFixtures.setLine(&b, "decision_date: ", "decision_date: 2027-03-31")
        try repo.write("accounts/binford-tools.md", b)
        try HistoryFixtures.commit(repo, "2026-11-25", "Binford: March")
        let (third, thirdEvents) = try HistoryCacheTests.run(repo)
        #expect(third.commitsRead == 1)
        #expect(thirdEvents == (try Self.reference(repo)))
        #expect(thirdEvents["accounts/binford-tools.md"]?.contains { $0.new == "2027-03-31" } == true)

        // A commit outside the accounts: nothing to read, and nothing changes.
        try repo.write("README.md", "The team's notes.\n")
        try HistoryFixtures.commit(repo, "2026-11-26", "readme")
        let (fourth, fourthEvents) = try HistoryCacheTests.run(repo)
        #expect(fourth.commitsRead == 0)
        #expect(fourthEvents == thirdEvents)
        #expect(try repo.git("status", "--porcelain", "--ignored").stdout == "")
    }

    /// HEAD no longer goes on from where the stored log ends: amended, reset back, or a branch
    /// merged in (its tip is a second parent): the whole log is read again.
    @Test(arguments: ["amend", "reset", "merge"]) func aHistoryThatDoesNotGoOnIsReadAgain(_ move: String) throws {
        let repo = try HistoryFixtures.binford()
        switch move {
        case "amend":
            _ = try HistoryCacheTests.run(repo)
            var b = try repo.read("accounts/binford-tools.md")
            HistoryFixtures.setLine(&b, "stage: ", "stage: proposal")
            try repo.write("accounts/binford-tools.md", b)
            repo.environment = ["GIT_COMMITTER_DATE": "2026-11-21T10:00:00Z"]
            try repo.git("commit", "-q", "-a", "--amend", "-m", "Binford: at proposal")
        case "reset":
            _ = try HistoryCacheTests.run(repo)
            try repo.git("reset", "-q", "--hard", "HEAD~2")
        default:
            // The stored log ends at a side branch's tip, merged into main afterwards.
            try repo.git("checkout", "-q", "-b", "side")
            try repo.write("accounts/initech.md", HistoryFixtures.account("Initech", stage: "solution"))
            try HistoryFixtures.commit(repo, "2026-11-23", "Initech: solution")
            _ = try HistoryCacheTests.run(repo)
            try repo.git("checkout", "-q", "main")
            try repo.write("accounts/ridgeline.md", HistoryFixtures.account("Ridgeline", stage: "proposal"))
            try HistoryFixtures.commit(repo, "2026-11-24", "Ridgeline: proposal")
            try repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
        }
        let (history, events) = try HistoryCacheTests.run(repo)
        #expect(history.commitsRead == (try Self.commits(repo)))
        #expect(events == (try Self.reference(repo)))
        let (again, eventsAgain) = try HistoryCacheTests.run(repo)
        #expect(again.commitsRead == 0 && eventsAgain == events)
    }

    @Test(arguments: HistoryCacheTests.Damage.allCases)
    func aDamagedLogCacheChangesNothing(_ damage: HistoryCacheTests.Damage) throws {
        let repo = try HistoryFixtures.binford()
        _ = try HistoryCacheTests.run(repo)
        try HistoryCacheTests.damage(Self.logFile(repo), damage, repo)
        let (history, events) = try HistoryCacheTests.run(repo)
        // The log does not depend on the settings other than the accounts' glob.
        #expect(history.commitsRead == (damage == .anotherConfig ? 0 : try Self.commits(repo)))
        #expect(events == (try Self.reference(repo)))
        let (again, _) = try HistoryCacheTests.run(repo)
        #expect(again.commitsRead == 0)
    }

    /// A shallow clone's boundary moves with each fetch: its log is never kept.
    @Test func aShallowCloneKeepsNoLog() throws {
        let repo = try HistoryFixtures.binford()
        let clone = try HistoryFixtures.clone(repo, "--depth", "2")
        let (first, _) = try HistoryCacheTests.run(clone)
        let (second, _) = try HistoryCacheTests.run(clone)
        #expect(first.commitsRead > 0 && second.commitsRead == first.commitsRead)
        #expect(!FileManager.default.fileExists(atPath: Self.logFile(clone).path))
    }

    /// The stored form gives back the builder it was made of.
    @Test func aBuilderRoundTrips() throws {
        let repo = try HistoryFixtures.binford()
        _ = try HistoryCacheTests.run(repo)
        let glob = Glob("accounts/**/*.md")
        let cache = LogCache(path: Self.logFile(repo).path, scope: "accounts", prefix: "", glob: glob.pattern)
        let stored = try #require(cache.stored(prefix: "", glob: glob))
        #expect(
            stored.head == (try repo.git("rev-parse", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        var w = ByteWriter()
        stored.builder.encode(into: &w)
        var r = ByteReader(w.bytes)
        let back = try TimelineBuilder(from: &r, prefix: "", glob: glob)
        var again = ByteWriter()
        back.encode(into: &again)
        #expect(again.bytes == w.bytes)
        #expect(back.timelines.map(\.path) == stored.builder.timelines.map(\.path))
        #expect(back.byPath == stored.builder.byPath && back.commits == stored.builder.commits)
        // Another glob, another scope: the file is not read.
        let other = LogCache(path: Self.logFile(repo).path, scope: "notes", prefix: "", glob: "notes/*.md")
        #expect(other.stored(prefix: "", glob: Glob("notes/*.md")) == nil)
    }

    @Test func onlyAnObjectIDIsTakenForAStoredHead() {
        #expect(LogCache.isObjectID(String(repeating: "a1", count: 20)))
        #expect(!LogCache.isObjectID("--output=/tmp/x" + String(repeating: "0", count: 25)))
        #expect(!LogCache.isObjectID(String(repeating: "A", count: 40)))
        #expect(!LogCache.isObjectID("HEAD"))
    }
}
