import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesSupport

/// The history engine on real git repositories: versions, renames, merges, shallow clones.
@Suite struct HistoryEngineTests {
    static func load(
        _ repo: GitRepo, asOf: Day? = nil, useCache: Bool = true, sub: String = "", only: [String]? = nil,
        maxSize: Int = FileReader.maxSize
    ) throws -> (Workspace, History) {
        let root = sub.isEmpty ? repo.url : repo.url.appendingPathComponent(sub)
        let workspace = try Workspace.open(paths: [], cwd: root, configPath: nil)
        let files = try workspace.accountFiles(paths: only ?? [], cwd: root)
        let history = try HistoryEngine.load(
            workspace: workspace, files: files, allAccounts: only == nil, asOf: asOf, useCache: useCache,
            maxSize: maxSize)
        // The caches are written before the test looks at them (or removes the repository).
        HistoryEngine.finishWriting()
        return (workspace, history)
    }

    static func events(_ repo: GitRepo, _ path: String, asOf: Day? = nil) throws -> [HistoryEvent] {
        let (workspace, history) = try load(repo, asOf: asOf)
        let timeline = try #require(history.timeline(path))
        return TimelineEvents.events(timeline, in: history, checklist: workspace.checklist)
    }

    /// A repository with Acme and Globex committed on 2026-09-01.
    static func twoAccounts() throws -> GitRepo {
        let repo = try GitRepo([:])
        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme"))
        try repo.write("accounts/globex.md", HistoryFixtures.account("Globex"))
        try HistoryFixtures.commit(repo, "2026-09-01", "notes")
        return repo
    }

    static func sha(_ repo: GitRepo, _ rev: String = "HEAD") throws -> String {
        try repo.git("rev-parse", rev).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func binfordTimelineSaysEverySlip() throws {
        let repo = try HistoryFixtures.binford()
        let events = try Self.events(repo, "accounts/binford-tools.md")
        let pushes = events.filter { $0.kind == .decisionDatePushed && $0.field == "decision_date" }
        #expect(pushes.map(\.new) == ["2026-12-15", "2027-01-15", "2027-02-15"])
        #expect(events.contains { $0.kind == .stageBack && $0.old == "proposal" && $0.new == "solution" })
        #expect(events.contains { $0.kind == .downgraded && $0.field == "our_position" })
        #expect(events.contains { $0.kind == .downgraded && $0.field == "budget" })
        #expect(events.contains { $0.kind == .contactRemoved && $0.old == "Raj Patel" })
        #expect(events.contains { $0.kind == .contactAdded && $0.new == "Susan Ng" })
    }

    /// Git run from many threads at once, each feeding its standard input (as two histories read at
    /// once do): no git may inherit another's pipes, or each waits for the other's input to end.
    @Test func gitRunsFromManyThreadsAtOnce() throws {
        let repo = try Self.twoAccounts()
        let blob = try Self.sha(repo, "HEAD:accounts/acme.md")
        let git = Git(directory: repo.url)
        let done = DispatchSemaphore(value: 0)
        let failures = Counter()
        Thread.detachNewThread {
            DispatchQueue.concurrentPerform(iterations: 64) { _ in
                let read = try? git.blobs([blob], maxSize: FileReader.maxSize)
                if read?.first != .content(Array(HistoryFixtures.account("Acme").utf8)) { failures.add() }
            }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 60) == .success, "git runs waited on each other")
        #expect(failures.value == 0)
    }

    /// One `cat-file --batch` pass answers every kind of id in the order asked, in chunks: a
    /// content over the limit (larger than a pipe's buffer, so it comes over several reads) and a
    /// tree are passed over as they come, and what follows them is read whole.
    @Test func streamedBlobsComeInOrderWithEveryKindOfAnswer() throws {
        let repo = try Self.twoAccounts()
        let large = String(repeating: "A long meeting note, kept for the record.\n", count: 8_000)
        try repo.write("accounts/large.md", large)
        try HistoryFixtures.commit(repo, "2026-09-02", "a long one")
        let acme = try Self.sha(repo, "HEAD:accounts/acme.md")
        let globex = try Self.sha(repo, "HEAD:accounts/globex.md")
        let big = try Self.sha(repo, "HEAD:accounts/large.md")
        let tree = try Self.sha(repo, "HEAD:accounts")
        let absent = String(repeating: "0", count: acme.count - 1) + "1"
        let ids = [acme, big, globex, "", tree, absent, "a\nb", acme]
        var chunks: [[(id: String, blob: Git.Blob)]] = []
        try Git(directory: repo.url).streamBlobs(ids, maxSize: 100_000, chunk: 3, chunkBytes: .max) {
            chunks.append($0)
        }
        let answers = chunks.flatMap { $0 }
        #expect(answers.map(\.id) == ids)
        #expect(chunks.map(\.count) == [3, 3, 2])
        let acmeText = Array(HistoryFixtures.account("Acme").utf8)
        #expect(
            answers.map(\.blob) == [
                .content(acmeText), .tooLarge(large.utf8.count),
                .content(Array(HistoryFixtures.account("Globex").utf8)),
                .missing, .notABlob("tree"), .missing, .missing, .content(acmeText),
            ])
    }

    /// The first chunks are small and double up to the size asked: the first contents are
    /// handed over while git is still reading, and every id is answered once, in order.
    @Test func streamedChunksStartSmallAndGrowToTheSizeAsked() throws {
        let repo = try Self.twoAccounts()
        let acme = try Self.sha(repo, "HEAD:accounts/acme.md")
        let globex = try Self.sha(repo, "HEAD:accounts/globex.md")
        let ids = (0..<300).map { $0 % 3 == 0 ? globex : acme }
        var chunks: [[(id: String, blob: Git.Blob)]] = []
        try Git(directory: repo.url).streamBlobs(ids, maxSize: 100_000, chunk: 100, chunkBytes: .max) {
            chunks.append($0)
        }
        #expect(chunks.map(\.count) == [32, 64, 100, 100, 4])
        #expect(chunks.flatMap { $0 }.map(\.id) == ids)
        #expect(chunks.flatMap { $0 }.allSatisfy { if case .content = $0.blob { true } else { false } })
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    // MARK: Shallow clones, missing contents

    @Test func aShallowCloneStartsAtItsBoundaryAndSaysSo() throws {
        let repo = try Self.twoAccounts()
        for (i, day) in ["2026-09-10", "2026-09-20", "2026-09-30", "2026-10-10"].enumerated() {
            try repo.write("accounts/acme.md", HistoryFixtures.account("Acme", decision: "2026-12-1\(i)"))
            try HistoryFixtures.commit(repo, day, "Acme \(i)")
        }
        let clone = try HistoryFixtures.clone(repo, "--depth", "3")
        let (workspace, history) = try Self.load(clone)
        #expect(history.shallowSince == HistoryFixtures.day("2026-09-20"))
        #expect(history.notices.contains { $0.contains("shallow") && $0.contains("2026-09-20") })
        let acme = try #require(history.timeline("accounts/acme.md"))
        #expect(acme.versions.map(\.atBoundary) == [true, false, false])
        #expect(history.timeline("accounts/globex.md")?.versions.map(\.atBoundary) == [true])
        let events = TimelineEvents.events(acme, in: history, checklist: workspace.checklist)
        #expect(events.first?.kind == .historyStarts)
        #expect(!events.contains { $0.kind == .accountAdded })
        #expect(events.filter { $0.kind == .decisionDatePushed }.map(\.new) == ["2026-12-12", "2026-12-13"])
    }

    /// The boundary commit of a shallow clone holds no account: those added after it are new, and
    /// the history starts on the boundary's day.
    @Test func aShallowBoundaryWithoutAccountsMarksNone() throws {
        let repo = try GitRepo([:])
        for day in ["2026-09-01", "2026-09-05", "2026-09-10"] {
            try repo.write("README.md", "notes as of \(day)\n")
            try HistoryFixtures.commit(repo, day, "readme")
        }
        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme"))
        try HistoryFixtures.commit(repo, "2026-09-20", "Acme")
        let clone = try HistoryFixtures.clone(repo, "--depth", "2")
        let (workspace, history) = try Self.load(clone)
        #expect(history.shallowSince == HistoryFixtures.day("2026-09-10"))
        let acme = try #require(history.timeline("accounts/acme.md"))
        #expect(acme.versions.map(\.atBoundary) == [false])
        let events = TimelineEvents.events(acme, in: history, checklist: workspace.checklist)
        #expect(events.first?.kind == .accountAdded)
    }

    @Test func aMissingContentIsSaidNotACrash() throws {
        let repo = try Self.twoAccounts()
        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme", stage: "solution"))
        try HistoryFixtures.commit(repo, "2026-09-10", "Acme: solution")
        let blob = try Self.sha(repo, "HEAD~1:accounts/acme.md")
        let object = repo.url.appendingPathComponent(".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
        try FileManager.default.removeItem(at: object)
        let (workspace, history) = try Self.load(repo, useCache: false)
        let acme = try #require(history.timeline("accounts/acme.md"))
        #expect(acme.versions.count == 2)
        guard case .unavailable = history.facts(acme.versions[0]) else {
            Issue.record("the missing content is not said unavailable")
            return
        }
        let events = TimelineEvents.events(acme, in: history, checklist: workspace.checklist)
        #expect(events.first?.kind == .unreadable)
        #expect(history.snapshot(acme.versions[1])?.stage == .solution)
    }

    // MARK: Renames, moves, templates

    @Test func aRenamePlusEditIsOneTimeline() throws {
        let repo = try Self.twoAccounts()
        try repo.git("mv", "accounts/acme.md", "accounts/acme-corp.md")
        try repo.write("accounts/acme-corp.md", HistoryFixtures.account("Acme", stage: "solution"))
        try HistoryFixtures.commit(repo, "2026-09-10", "Acme renamed, at solution")
        let (workspace, history) = try Self.load(repo)
        #expect(history.timeline("accounts/acme.md") == nil)
        let acme = try #require(history.timeline("accounts/acme-corp.md"))
        #expect(acme.versions.map(\.renamedFrom) == [nil, "accounts/acme.md"])
        let kinds = TimelineEvents.events(acme, in: history, checklist: workspace.checklist).map(\.kind)
        #expect(kinds.filter { $0 == .accountAdded }.count == 1)
        #expect(kinds.contains(.renamed) && kinds.contains(.stageForward))
    }

    @Test func aStagedRenameInTheWorkTreeIsFollowed() throws {
        let repo = try Self.twoAccounts()
        try repo.git("mv", "accounts/acme.md", "accounts/acme-corp.md")
        try repo.write("accounts/acme-corp.md", HistoryFixtures.account("Acme", stage: "solution"))
        try repo.git("add", "accounts/acme-corp.md")
        try Self.expectWorkTreeRename(repo)
    }

    @Test func anUnstagedRenameInTheWorkTreeIsFollowed() throws {
        let repo = try Self.twoAccounts()
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent("accounts/acme.md"))
        try repo.write("accounts/acme-corp.md", HistoryFixtures.account("Acme", stage: "solution"))
        try Self.expectWorkTreeRename(repo)
        // Nothing was staged to find it.
        #expect(try repo.git("status", "--porcelain").stdout == " D accounts/acme.md\n?? accounts/acme-corp.md\n")
    }

    static func expectWorkTreeRename(_ repo: GitRepo) throws {
        let asOf = HistoryFixtures.day("2026-09-30")
        let (workspace, history) = try load(repo, asOf: asOf)
        #expect(history.timeline("accounts/acme.md") == nil)
        let acme = try #require(history.timeline("accounts/acme-corp.md"))
        #expect(acme.versions.map(\.renamedFrom) == [nil, "accounts/acme.md"])
        #expect(acme.versions.last?.state == .workTree)
        #expect(acme.versions.last?.day == asOf)
        let events = TimelineEvents.events(acme, in: history, checklist: workspace.checklist)
        #expect(events.map(\.kind) == [.accountAdded, .renamed, .stageForward])
    }

    @Test func movedOutOfTheAccountsIsRemovedAndMovedInIsAdded() throws {
        let repo = try Self.twoAccounts()
        // Another account than Acme (git would pair two near-identical files as a rename).
        let initech = try String(
            contentsOf: Project.template.appendingPathComponent("accounts/initech.md"), encoding: .utf8)
        try repo.write("drafts/initech.md", initech)
        try HistoryFixtures.commit(repo, "2026-09-05", "a draft")
        try FileManager.default.createDirectory(
            at: repo.url.appendingPathComponent("archive"), withIntermediateDirectories: true)
        try repo.git("mv", "accounts/acme.md", "archive/acme.md")
        try repo.git("mv", "drafts/initech.md", "accounts/initech.md")
        try HistoryFixtures.commit(repo, "2026-09-10", "Acme archived, Initech an account")
        let (workspace, history) = try Self.load(repo)
        let events = HistoryFixtures.events(history, checklist: workspace.checklist)
        #expect(events["accounts/acme.md"]?.map(\.kind) == [.accountAdded, .accountRemoved])
        #expect(events["accounts/acme.md"]?.last?.date == HistoryFixtures.day("2026-09-10"))
        #expect(events["accounts/initech.md"]?.map(\.kind) == [.accountAdded])
        #expect(events["accounts/initech.md"]?.first?.date == HistoryFixtures.day("2026-09-10"))
        #expect(history.timelines.allSatisfy { $0.path.hasPrefix("accounts/") })
    }

    @Test func theTemplateIsNeverAnAccount() throws {
        let repo = try Self.twoAccounts()
        try repo.write("accounts/_template.md", HistoryFixtures.account("Template"))
        try repo.write("accounts/old/_template.md", HistoryFixtures.account("Template"))
        try HistoryFixtures.commit(repo, "2026-09-05", "templates")
        try repo.write("accounts/_template.md", HistoryFixtures.account("Template", stage: "solution"))
        try repo.git("mv", "accounts/globex.md", "accounts/_globex.md")
        try HistoryFixtures.commit(repo, "2026-09-10", "template changed, Globex set aside")
        let (_, history) = try Self.load(repo)
        #expect(history.timelines.map(\.path) == ["accounts/acme.md", "accounts/globex.md"])
        #expect(history.timeline("accounts/globex.md")?.versions.last?.state == .removed)
    }

    // MARK: Merges

    /// A branch with changes merged with --no-ff: they appear at the merge commit, on its day.
    @Test(arguments: [false, true]) func aMergeBringsTheBranchsChangesOnItsDay(mainMovedOn: Bool) throws {
        let repo = try Self.twoAccounts()
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme", stage: "solution"))
        try HistoryFixtures.commit(repo, "2026-09-05", "Acme: solution")
        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme", stage: "solution", decision: "2027-01-10"))
        try HistoryFixtures.commit(repo, "2026-09-06", "Acme: January")
        try repo.git("checkout", "-q", "main")
        if mainMovedOn {
            try repo.write("accounts/globex.md", HistoryFixtures.account("Globex", stage: "proposal"))
            try HistoryFixtures.commit(repo, "2026-09-07", "Globex: proposal")
        }
        try HistoryFixtures.merge(repo, "2026-09-10", "feature", "--no-ff")
        let merge = try Self.sha(repo)
        let events = try Self.events(repo, "accounts/acme.md")
        #expect(events.map(\.kind) == [.accountAdded, .stageForward, .decisionDatePushed])
        #expect(events.dropFirst().allSatisfy { $0.commit == merge && $0.date == HistoryFixtures.day("2026-09-10") })
        let globex = try Self.events(repo, "accounts/globex.md")
        #expect(globex.map(\.kind) == (mainMovedOn ? [.accountAdded, .stageForward] : [.accountAdded]))
    }

    @Test func aFastForwardKeepsTheBranchsCommits() throws {
        let repo = try Self.twoAccounts()
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme", stage: "solution"))
        try HistoryFixtures.commit(repo, "2026-09-05", "Acme: solution")
        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme", stage: "solution", decision: "2027-01-10"))
        try HistoryFixtures.commit(repo, "2026-09-06", "Acme: January")
        try repo.git("checkout", "-q", "main")
        try HistoryFixtures.merge(repo, "2026-09-10", "feature", "--ff-only")
        let events = try Self.events(repo, "accounts/acme.md")
        #expect(events.map(\.kind) == [.accountAdded, .stageForward, .decisionDatePushed])
        #expect(events.map(\.date) == ["2026-09-01", "2026-09-05", "2026-09-06"].map(HistoryFixtures.day))
    }

    // MARK: Deleted, re-added, too large, not yet an account

    @Test func deletedAndReAddedIsOneTimeline() throws {
        let repo = try Self.twoAccounts()
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent("accounts/acme.md"))
        try HistoryFixtures.commit(repo, "2026-09-10", "Acme lost")
        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme", stage: "prospecting"))
        try HistoryFixtures.commit(repo, "2026-10-01", "Acme is back")
        let (workspace, history) = try Self.load(repo)
        let acme = try #require(history.timeline("accounts/acme.md"))
        #expect(acme.versions.map { $0.state == .removed } == [false, true, false])
        let events = TimelineEvents.events(acme, in: history, checklist: workspace.checklist)
        #expect(events.map(\.kind) == [.accountAdded, .accountRemoved, .accountAdded])
        #expect(events.last?.new == "prospecting")
    }

    @Test func aVersionOverTheSizeLimitIsSaidPlainly() throws {
        let repo = try Self.twoAccounts()
        let small = HistoryFixtures.account("Acme")
        let limit = small.utf8.count + 100
        try repo.write("accounts/acme.md", small + String(repeating: "More notes.\n", count: 20))
        try HistoryFixtures.commit(repo, "2026-09-10", "Acme: long notes")
        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme", stage: "solution"))
        try HistoryFixtures.commit(repo, "2026-09-20", "Acme: solution")
        let (workspace, history) = try Self.load(repo, useCache: false, maxSize: limit)
        let acme = try #require(history.timeline("accounts/acme.md"))
        guard case .tooLarge(let size) = history.facts(acme.versions[1]) else {
            Issue.record("the large version is not said too large")
            return
        }
        #expect(size == small.utf8.count + 240)
        let notice = history.notices.first { $0.hasPrefix("accounts/acme.md ") }
        #expect(notice?.contains("2026-09-10") == true)
        #expect(notice?.contains("\(limit) bytes") == true)
        #expect(notice?.contains("not read") == true)
        let events = TimelineEvents.events(acme, in: history, checklist: workspace.checklist)
        // No change is claimed across a version that was not read.
        #expect(events.map(\.kind) == [.accountAdded, .unreadable])
        #expect(history.blobsRead == 3)
        // Said again by a run that reads only the accounts' stored digests.
        let first = try Self.load(repo, maxSize: limit).1
        let cached = try Self.load(repo, maxSize: limit).1
        #expect(cached.blobsRead == 0 && cached.digests.isFromFile(cached.keys[0]))
        #expect(cached.notices == first.notices && first.notices.contains { $0.hasPrefix("accounts/acme.md ") })
    }

    @Test func aVersionNotYetAnAccountHasErrors() throws {
        let repo = try GitRepo([:])
        try repo.write("accounts/acme.md", "Acme: met them at the fair, call back in May.\n")
        try HistoryFixtures.commit(repo, "2026-09-01", "Acme: a first note")
        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme"))
        try HistoryFixtures.commit(repo, "2026-09-10", "Acme: an account")
        let (workspace, history) = try Self.load(repo)
        let acme = try #require(history.timeline("accounts/acme.md"))
        let first = try #require(history.snapshot(acme.versions[0]))
        #expect(first.errors > 0 && first.stage == nil)
        #expect(history.snapshot(acme.versions[1])?.stage == .discovery)
        let events = TimelineEvents.events(acme, in: history, checklist: workspace.checklist)
        let errors = events.filter { $0.kind == .errors }
        #expect(errors.count == 1 && errors.first?.date == HistoryFixtures.day("2026-09-01"))
    }

    // MARK: Notes in a subfolder, another glob, the work tree

    @Test func notesInASubfolderWithTheirOwnGlob() throws {
        let repo = try GitRepo([:])
        try repo.write("notes/fieldnotes.yml", "accounts: customers/*.md\n")
        try repo.write("notes/customers/acme.md", HistoryFixtures.account("Acme"))
        try repo.write("notes/customers/eu/globex.md", HistoryFixtures.account("Globex"))
        try repo.write("notes/accounts/initech.md", HistoryFixtures.account("Initech"))
        try repo.write("customers/hooli.md", HistoryFixtures.account("Hooli"))
        try HistoryFixtures.commit(repo, "2026-09-01", "notes")
        try repo.write("notes/customers/acme.md", HistoryFixtures.account("Acme", stage: "solution"))
        try repo.write("customers/hooli.md", HistoryFixtures.account("Hooli", stage: "solution"))
        try HistoryFixtures.commit(repo, "2026-09-10", "Acme: solution")
        try repo.write("notes/customers/acme.md", HistoryFixtures.account("Acme", stage: "proposal"))
        let asOf = HistoryFixtures.day("2026-09-30")
        let (workspace, history) = try Self.load(repo, asOf: asOf, sub: "notes")
        #expect(history.timelines.map(\.path) == ["customers/acme.md"])
        let acme = try #require(history.timeline("customers/acme.md"))
        let events = TimelineEvents.events(acme, in: history, checklist: workspace.checklist)
        #expect(events.map(\.kind) == [.accountAdded, .stageForward, .stageForward])
        #expect(events.map(\.date) == ["2026-09-01", "2026-09-10", "2026-09-30"].map(HistoryFixtures.day))
        #expect(events.last?.commit == nil)
    }

    /// Only the accounts asked for are read.
    @Test func onlyTheAccountsAskedForAreRead() throws {
        let repo = try HistoryFixtures.binford()
        let (_, history) = try Self.load(repo, useCache: false, only: ["accounts/initech.md"])
        #expect(history.timelines.map(\.path) == ["accounts/initech.md"])
        #expect(history.blobsRead == 1)
    }

    /// A version's errors are counted as `check` counts them: a finding its suppression comment
    /// silences, or the team turned into a warning, is no error of that version.
    @Test func aVersionsErrorsAreThoseCheckReports() throws {
        let repo = try Self.twoAccounts()
        var acme = HistoryFixtures.account("Acme")
        HistoryFixtures.setLine(&acme, "stage: ", "stage: soluton # fieldnotes-disable-line invalid-value: CRM import")
        try repo.write("accounts/acme.md", acme)
        var globex = HistoryFixtures.account("Globex")
        HistoryFixtures.setLine(&globex, "stage: ", "stage: soluton")
        try repo.write("accounts/globex.md", globex)
        try HistoryFixtures.commit(repo, "2026-09-02", "stages")
        let (_, history) = try Self.load(repo)
        let errors = try ["accounts/acme.md", "accounts/globex.md"].map { path in
            try #require(history.timeline(path).flatMap { $0.versions.last }.flatMap(history.snapshot)).errors
        }
        #expect(errors == [0, 1])
        let check = runCLI(["check", "--format", "json"], in: repo.url)
        #expect(check.stdout.components(separatedBy: "\"severity\": \"error\"").count - 1 == 1)
    }

    // MARK: What git is asked

    /// One `git rev-parse` answers the four questions the engine asks of a repository, as four
    /// separate runs would: before the first commit, from a subfolder, in a shallow clone, in a
    /// folder whose name holds a line break, and outside git.
    @Test func oneRunTellsWhatFourDid() throws {
        func separately(_ git: Git) throws -> Git.Repository {
            let top = try #require(git.topLevel())
            let common = try git.string(["rev-parse", "--path-format=absolute", "--git-common-dir"])
            return Git.Repository(
                top: top, commonDirectory: common, isShallow: git.isShallow(), head: git.commit("HEAD"))
        }
        let empty = try GitRepo([:])  // nothing to commit: no commit yet
        #expect(Git(directory: empty.url).repository()?.head == nil)
        #expect(try Git(directory: empty.url).repository() == separately(Git(directory: empty.url)))

        let repo = try Self.twoAccounts()
        let sub = Git(directory: repo.url.appendingPathComponent("accounts"))
        let asked = try #require(sub.repository())
        #expect(asked == (try separately(sub)))
        #expect(asked.head == (try Self.sha(repo)) && !asked.isShallow)
        #expect(asked.top.standardizedFileURL.path == repo.url.standardizedFileURL.path)

        try repo.write("accounts/acme.md", HistoryFixtures.account("Acme", stage: "solution"))
        try HistoryFixtures.commit(repo, "2026-09-10", "Acme: solution")
        let clone = try HistoryFixtures.clone(repo, "--depth", "1")
        #expect(Git(directory: clone.url).repository()?.isShallow == true)

        // A linked work tree: its own top, the repository's shared folder.
        let linked = repo.url.deletingLastPathComponent().appendingPathComponent("linked-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: linked) }
        try repo.git("worktree", "add", "-q", "--detach", linked.path)
        let other = Git(directory: linked)
        let linkedAnswer = try #require(other.repository())
        #expect(linkedAnswer == (try separately(other)))
        #expect(linkedAnswer.commonDirectory == (try separately(sub)).commonDirectory)

        let odd = try GitRepo([:])
        let folder = odd.url.appendingPathComponent("notes\nof the team")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let inner = Git(directory: folder)
        try inner.run(["init", "-q"])
        try inner.run([
            "-c", "user.email=rep@example.com", "-c", "user.name=Rep", "-c", "commit.gpgsign=false", "commit", "-q",
            "--allow-empty", "-m", "x",
        ])
        let oddAnswer = try #require(inner.repository())
        #expect(oddAnswer == (try separately(inner)))
        #expect(oddAnswer.top.lastPathComponent == "notes\nof the team")

        let outside = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-nogit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        #expect((Git(directory: outside).repository() == nil) == (Git(directory: outside).topLevel() == nil))
    }

    /// The log's records read in place: headers after a blank line, renames with their two paths,
    /// a path that is not UTF-8 shown with its bad byte, a record cut short at the end dropped.
    @Test func theLogIsParsedFieldByField() {
        let blob = String(repeating: "b", count: 40)
        var data: [UInt8] = Array("\u{1}\(String(repeating: "a", count: 40)) 1790000000 2026-09-01".utf8) + [0]
        data += Array("\n:000000 100644 \(String(repeating: "0", count: 40)) \(blob) A".utf8) + [0]
        data += Array("accounts/acme.md".utf8) + [0]
        data += Array(":100644 100644 \(blob) \(blob) R087".utf8) + [0]
        data += Array("accounts/old.md".utf8) + [0] + Array("accounts/new.md".utf8) + [0]
        data += Array(":100644 000000 \(blob) \(String(repeating: "0", count: 40)) D".utf8) + [0]
        data += Array("accounts/caf".utf8) + [0xFF] + Array(".md".utf8) + [0]
        data += Array("\n\u{1}\(String(repeating: "c", count: 40)) 1790086400 2026-09-02".utf8) + [0]
        data += Array(":100644 100644 \(blob) \(blob) M".utf8)
        let commits = Git.parseLog(data)
        #expect(commits.map(\.sha) == [String(repeating: "a", count: 40), String(repeating: "c", count: 40)])
        #expect(commits.map(\.time) == [1_790_000_000, 1_790_086_400])
        let changes = commits.first?.changes ?? []
        #expect(changes.map(\.path) == ["accounts/acme.md", "accounts/new.md", "accounts/caf\\xFF.md"])
        #expect(changes.map(\.from) == [nil, "accounts/old.md", nil])
        #expect(changes.map(\.status) == ["A", "R", "D"])
        #expect(changes.map(\.mode) == ["100644", "100644", "100644"])
        #expect(changes.allSatisfy { $0.blob == blob || $0.status == "D" })
        #expect(commits.last?.changes.isEmpty == true)
        #expect(Git.parseLog([]).isEmpty)
        #expect(Git.parseLog(Array("garbage without a header".utf8) + [0, 0, 0]).isEmpty)
    }
}
