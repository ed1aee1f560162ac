import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesSupport

/// The cache of facts under `.git/fieldnotes/`: used (no content read again), harmless (a
/// damaged, stale or missing cache changes no output) and never in the way.
@Suite struct HistoryCacheTests {
    /// Binford's history: 9 contents (7 of Binford, Initech, Ridgeline).
    static let contents = 9

    static func cacheFile(_ repo: GitRepo) -> URL { repo.url.appendingPathComponent(".git/fieldnotes/facts.cache") }
    static func digestFile(_ repo: GitRepo) -> URL {
        repo.url.appendingPathComponent(".git/fieldnotes/accounts.cache")
    }

    /// The events of every account, read without the cache.
    static func reference(_ repo: GitRepo) throws -> [String: [HistoryEvent]] {
        let (workspace, history) = try HistoryEngineTests.load(repo, useCache: false)
        #expect(history.blobsRead == contents)
        return HistoryFixtures.events(history, checklist: workspace.checklist)
    }

    static func run(_ repo: GitRepo, from root: URL? = nil) throws -> (History, [String: [HistoryEvent]]) {
        let root = root ?? repo.url
        let workspace = try Workspace.open(paths: [], cwd: root, configPath: nil)
        let files = try workspace.accountFiles(paths: [], cwd: root)
        let history = try HistoryEngine.load(workspace: workspace, files: files, allAccounts: true, asOf: nil)
        HistoryEngine.finishWriting()
        return (history, HistoryFixtures.events(history, checklist: workspace.checklist))
    }

    @Test func theSecondRunReadsNoContent() throws {
        let repo = try HistoryFixtures.binford()
        let reference = try Self.reference(repo)
        let (first, firstEvents) = try Self.run(repo)
        #expect(first.blobsRead == Self.contents && first.fromCache == 0 && first.cacheRefused == "absent")
        #expect(FileManager.default.fileExists(atPath: Self.cacheFile(repo).path))
        let (second, secondEvents) = try Self.run(repo)
        #expect(second.blobsRead == 0 && second.fromCache == Self.contents && second.cacheRefused == nil)
        #expect(firstEvents == reference && secondEvents == reference)
        #expect(try repo.git("status", "--porcelain", "--ignored").stdout == "")
    }

    /// Versions whose facts came from the cache file: the same content twice counts twice.
    @Test func fromCacheCountsVersions() throws {
        let repo = try HistoryEngineTests.twoAccounts()
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent("accounts/acme.md"))
        try HistoryFixtures.commit(repo, "2026-09-10", "Acme lost")
        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme"))
        try HistoryFixtures.commit(repo, "2026-10-01", "Acme is back")
        let (first, _) = try Self.run(repo)
        #expect(first.blobsRead == 2 && first.fromCache == 0)
        try repo.write("accounts/initech.md", HistoryFixtures.account("Initech"))
        try HistoryFixtures.commit(repo, "2026-10-02", "Initech")
        let (second, _) = try Self.run(repo)
        #expect(second.blobsRead == 1 && second.fromCache == 3)
    }

    enum Damage: String, CaseIterable {
        case deleted, empty, truncated, flippedByte, flippedChecksum, anotherFingerprint, anotherConfig, garbage
    }

    @Test(arguments: Damage.allCases) func aDamagedCacheChangesNothingAndIsRewritten(_ damage: Damage) throws {
        let repo = try HistoryFixtures.binford()
        _ = try Self.run(repo)
        // Every file damaged alike: the versions' facts, the accounts' digests, the log.
        for file in [Self.cacheFile(repo), Self.digestFile(repo), HistoryLogCacheTests.logFile(repo)] {
            try Self.damage(file, damage, repo)
        }
        let reference = try Self.reference(repo)
        let (history, events) = try Self.run(repo)
        #expect(events == reference)
        #expect(history.blobsRead == Self.contents && history.fromCache == 0)
        #expect(history.cacheRefused != nil)
        let (again, eventsAgain) = try Self.run(repo)
        #expect(again.blobsRead == 0 && again.fromCache == Self.contents && again.cacheRefused == nil)
        #expect(eventsAgain == reference)
    }

    static func damage(_ file: URL, _ damage: Damage, _ repo: GitRepo) throws {
        var bytes = [UInt8](try Data(contentsOf: file))
        switch damage {
        case .deleted: try FileManager.default.removeItem(at: file)
        case .empty: bytes = []
        case .truncated: bytes = Array(bytes.prefix(bytes.count / 2))
        case .flippedByte: bytes[bytes.count / 2] ^= 0x20
        case .flippedChecksum: bytes[bytes.count - 1] ^= 0x01
        case .garbage: bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }
        case .anotherFingerprint:
            var other = CacheFile(path: file.path, fingerprint: "fieldnotes 0.0.1 1 0")
            other.add(String(repeating: "0", count: 40), [1, 1, 1])
            other.save()
        case .anotherConfig:
            let config = try repo.read("fieldnotes.yml")
            try repo.write(
                "fieldnotes.yml", config.replacingOccurrences(of: "stale_after_days: 30", with: "stale_after_days: 31"))
        }
        if [.empty, .truncated, .flippedByte, .flippedChecksum, .garbage].contains(damage) {
            try Data(bytes).write(to: file)
        }
    }

    /// The accounts' digests damaged alone: the versions' facts come from their cache, no
    /// content is read, and the digests are made again from them.
    @Test func aDamagedDigestFileIsMadeAgainFromTheFacts() throws {
        let repo = try HistoryFixtures.binford()
        let reference = try Self.reference(repo)
        _ = try Self.run(repo)
        try Self.damage(Self.digestFile(repo), .flippedByte, repo)
        let (history, events) = try Self.run(repo)
        #expect(events == reference)
        #expect(history.blobsRead == 0 && history.fromCache == Self.contents)
        let (again, eventsAgain) = try Self.run(repo)
        #expect(again.blobsRead == 0 && again.cacheRefused == nil && eventsAgain == reference)
    }

    /// After a rewritten history the cache holds contents no commit has: harmless.
    @Test func aRewrittenHistoryGivesWhatAFreshRunGives() throws {
        let repo = try HistoryFixtures.binford()
        _ = try Self.run(repo)
        var b = try repo.read("accounts/binford-tools.md")
        HistoryFixtures.setLine(&b, "stage: ", "stage: proposal")
        try repo.write("accounts/binford-tools.md", b)
        repo.environment = ["GIT_COMMITTER_DATE": "2026-11-21T10:00:00Z"]
        try repo.git("commit", "-q", "-a", "--amend", "-m", "Binford: February, budget planned, at proposal")
        try repo.git("reset", "-q", "--hard", "HEAD~3")
        try repo.write("accounts/initech.md", HistoryFixtures.account("Initech", stage: "negotiation"))
        try HistoryFixtures.commit(repo, "2026-11-22", "Initech lost")
        let reference = try HistoryEngineTests.load(repo, useCache: false)
        let (history, events) = try Self.run(repo)
        #expect(events == HistoryFixtures.events(reference.1, checklist: reference.0.checklist))
        #expect(history.blobsRead == 1 && history.fromCache == 6)
        #expect(events["accounts/initech.md"]?.contains { $0.kind == .stageForward && $0.new == "negotiation" } == true)
        #expect(events["accounts/binford-tools.md"]?.contains { $0.new == "2027-02-15" } == false)
    }

    /// The cache is the repository's: a linked work tree writes and reads the same file.
    @Test func aLinkedWorkTreeSharesTheCache() throws {
        let repo = try HistoryFixtures.binford()
        let holder = try GitRepo([:])
        let linked = holder.url.appendingPathComponent("linked")
        try repo.git("worktree", "add", "-q", linked.path)
        let (first, _) = try Self.run(repo, from: linked)
        #expect(first.blobsRead == Self.contents)
        #expect(FileManager.default.fileExists(atPath: Self.cacheFile(repo).path))
        let (second, _) = try Self.run(repo)
        #expect(second.blobsRead == 0 && second.fromCache == Self.contents)
        let status = try runProgram("/usr/bin/env", ["git", "status", "--porcelain", "--ignored"], in: linked)
        #expect(status.stdout == "")
    }

    /// A cache that cannot be written is no failure: the run reads everything.
    @Test func aCacheThatCannotBeWrittenIsNoFailure() throws {
        let repo = try HistoryFixtures.binford()
        let reference = try Self.reference(repo)
        // A file where the cache's folder would be (root may write anywhere).
        try Data("in the way".utf8).write(to: repo.url.appendingPathComponent(".git/fieldnotes"))
        let git = repo.url.appendingPathComponent(".git")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: git.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: git.path) }
        for _ in 0..<2 {
            let (history, events) = try Self.run(repo)
            #expect(events == reference)
            #expect(history.blobsRead == Self.contents)
        }
    }

    /// A change to the checklist that changes which questions are answered, or how one is
    /// worded, changes the fingerprint.
    @Test func theFingerprintFollowsWhatTheFactsDependOn() throws {
        let context = CheckContext(config: Config(), checklist: Checklist.builtIn, asOf: .last)
        let base = SnapshotCache.fingerprint(context, maxSize: FileReader.maxSize)
        #expect(base == SnapshotCache.fingerprint(context, maxSize: FileReader.maxSize))
        #expect(base != SnapshotCache.fingerprint(context, maxSize: 1000))
        let contactQuestion = try #require(Checklist.builtIn.questions.first { $0.relationships.isEmpty })
        for variant in [
            Self.question(contactQuestion, requiresMet: !contactQuestion.requiresMet),
            Self.question(contactQuestion, relationships: ["champion"]),
            // The history's events say a question in its words ("answered: What factors…").
            Self.question(contactQuestion, ask: contactQuestion.ask + " (reworded)"),
        ] {
            let questions = Checklist.builtIn.questions.map { $0.id == contactQuestion.id ? variant : $0 }
            let checklist = Checklist(questions: questions, origin: "test")
            let other = CheckContext(config: Config(), checklist: checklist, asOf: .last)
            #expect(SnapshotCache.fingerprint(other, maxSize: FileReader.maxSize) != base)
        }
    }

    static func question(
        _ q: Question, requiresMet: Bool? = nil, relationships: [String]? = nil, ask: String? = nil
    ) -> Question {
        Question(
            id: q.id, ask: ask ?? q.ask, category: q.category, from: q.from, hint: q.hint, answer: q.answer,
            range: q.range,
            say: q.say, priority: q.priority, who: q.who, dueWhenWon: q.dueWhenWon,
            requiresMet: requiresMet ?? q.requiresMet, relationships: relationships ?? q.relationships)
    }

    // MARK: Bytes the reader did not write

    /// Bytes of a real cache flipped (each of the header and first entries, then a sample), its
    /// checksum made right again: the loader and each entry's decoder refuse or read, never trap.
    @Test func everyFlippedByteOfARealCacheIsReadOrRefused() throws {
        let repo = try HistoryFixtures.binford()
        _ = try Self.run(repo)
        let bytes = [UInt8](try Data(contentsOf: Self.cacheFile(repo)))
        let workspace = try Workspace.open(paths: [], cwd: repo.url, configPath: nil)
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: .last)
        let fingerprint = SnapshotCache.fingerprint(context, maxSize: FileReader.maxSize)
        #expect(SnapshotCache(bytes: bytes, fingerprint: fingerprint).storedIDs.count == Self.contents)
        var refused = 0
        let body = bytes.count - 8
        let positions = Array(0..<min(body, 200)) + Array(stride(from: 200, to: body, by: max(1, body / 200)))
        for i in positions {
            for flip: UInt8 in i < 200 ? [0x01, 0x80] : [0x80] {
                var damaged = Array(bytes.prefix(bytes.count - 8))
                damaged[i] ^= flip
                var sum = ByteWriter()
                sum.word(StableHash.of(damaged))
                let cache = SnapshotCache(bytes: damaged + sum.bytes, fingerprint: fingerprint)
                if cache.refused != nil { refused += 1 }
                for id in cache.storedIDs { _ = cache.fact(id) }
            }
        }
        #expect(refused > 0)
    }

    /// A cache of several megabytes goes out a block at a time, the same block filled again:
    /// every entry comes back as written, those before a flush, across it, one larger than a
    /// block, and those kept from the file when it is written again.
    @Test func aCacheOfManyBlocksRoundTrips() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-blocks-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("facts.cache").path
        func payload(_ i: Int) -> [UInt8] {
            let size = i == 7 ? 3 << 20 : 1000 + (i * 7919) % 90_000
            return (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) }
        }
        var first = CacheFile(path: path, fingerprint: "f")
        for i in 0..<60 { first.add("key \(i)", payload(i)) }
        first.save()
        var second = CacheFile(path: path, fingerprint: "f")
        #expect(second.refused == nil)
        #expect(Set(second.storedKeys) == Set((0..<60).map { "key \($0)" }))
        for i in 60..<70 { second.add("key \(i)", payload(i)) }
        second.save(keeping: { $0 != "key 3" })
        let third = CacheFile(path: path, fingerprint: "f")
        #expect(third.refused == nil)
        #expect(third.storedKeys.count == 69)
        #expect(!third.contains("key 3"))
        for i in 0..<70 where i != 3 {
            // The reader stands at the payload, its length read.
            var r = try #require(third.payload("key \(i)"))
            let expected = payload(i)
            #expect(try r.raw(expected.count) == expected[...], "key \(i)")
        }
    }

    @Test func randomBytesNeverTrap() {
        var rng = SplitMix(seed: 19)
        for round in 0..<3000 {
            let count = Int(rng.next() % 300)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if round % 2 == 0 { bytes = [UInt8](repeating: 0x81, count: round % 40) + bytes }
            var reader = ByteReader(bytes)
            _ = try? AccountSnapshot(from: &reader)
            var sum = ByteWriter()
            // The magic and an empty fingerprint: what follows is read as entries.
            let body = SnapshotCache.magic + [0] + bytes
            sum.word(CacheFile.checksum(body[...]))
            let cache = SnapshotCache(bytes: body + sum.bytes, fingerprint: "")
            for id in cache.storedIDs { _ = cache.fact(id) }
        }
        var reader = ByteReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(throws: ByteReader.Corrupt.self) { try reader.count() }
    }

    /// Every input the cache fuzzer crashed on stays a regression test (Fuzz/crashers/cache-*).
    @Test func cacheFuzzerCrashersStayFixed() throws {
        let dir = Project.root.appendingPathComponent("Fuzz/crashers")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for name in names where name.hasPrefix("cache-") {
            let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            var reader = ByteReader(bytes)
            _ = try? AccountSnapshot(from: &reader)
            let body = SnapshotCache.magic + [0] + bytes
            var sum = ByteWriter()
            sum.word(CacheFile.checksum(body[...]))
            let cache = SnapshotCache(bytes: body + sum.bytes, fingerprint: "")
            for id in cache.storedIDs { _ = cache.fact(id) }
        }
    }

    /// A snapshot written and read back is the same snapshot.
    @Test func aSnapshotRoundTrips() throws {
        let context = CheckContext(config: Config(), checklist: Checklist.builtIn, asOf: .last)
        for name in ["binford-tools", "initech", "ridgeline-pumps", "_template"] {
            let url = Project.template.appendingPathComponent("accounts/\(name).md")
            guard case .snapshot(let s) = HistoryEngine.fact(of: [UInt8](try Data(contentsOf: url)), context: context)
            else {
                Issue.record("\(name) gave no snapshot")
                continue
            }
            #expect(name == "_template" || !s.contacts.isEmpty && !s.sections.isEmpty)
            var w = ByteWriter()
            s.encode(into: &w)
            var r = ByteReader(w.bytes)
            #expect(try AccountSnapshot(from: &r) == s)
            #expect(r.atEnd)
        }
    }
}

/// A small seeded generator: the same bytes on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
