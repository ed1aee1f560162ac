import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `brief --out` writing like every other writer, orphans that are not accounts, signals that
/// were ignored, and two brief paths that a file system takes for one file.
struct BriefWriterReviewTests {
    func repo(_ extra: [String: String] = [:]) throws -> TempRepo {
        var files: [String: String] = ["fieldnotes.yml": "briefs: briefs\n"]
        for file in EmbeddedTemplate.files where file.path.hasPrefix("accounts/") { files[file.path] = file.contents }
        for (path, text) in extra { files[path] = text }
        return try TempRepo(files)
    }

    // MARK: - Orphans

    @Test func aFolderWhereTheAccountWasDoesNotKeepItsBrief() throws {
        let r = try repo(["accounts/secret.md": validNote])
        #expect(runCLI(["brief", "--out"], in: r.url).status == 0)
        let brief = r.url.appendingPathComponent("briefs/secret.md")
        #expect(FileManager.default.fileExists(atPath: brief.path))
        // The account is replaced by a folder of the same name (with a file the glob does not take).
        try FileManager.default.removeItem(at: r.url.appendingPathComponent("accounts/secret.md"))
        try r.write("accounts/secret.md/readme.txt", "moved\n")
        let check = runCLI(["brief", "--check"], in: r.url)
        #expect(check.status == 1)
        #expect(check.stdout == "orphaned: briefs/secret.md (its account no longer exists)\n", "\(check.stdout)")
        let run = runCLI(["brief", "--out"], in: r.url)
        #expect(run.stdout.contains("removed briefs/secret.md\n"), "\(run.stdout)")
        #expect(!FileManager.default.fileExists(atPath: brief.path))
        #expect(runCLI(["brief", "--check"], in: r.url).status == 0)
    }

    @Test func aFileTheGlobNoLongerTakesDoesNotKeepItsBrief() throws {
        let r = try repo(["accounts/acme.md": validNote])
        #expect(runCLI(["brief", "--out"], in: r.url).status == 0)
        // Renamed into a template: still a regular file, no longer an account.
        try FileManager.default.moveItem(
            at: r.url.appendingPathComponent("accounts/acme.md"), to: r.url.appendingPathComponent("accounts/_acme.md"))
        try FileManager.default.createSymbolicLink(
            atPath: r.url.appendingPathComponent("accounts/acme.md").path, withDestinationPath: "/")
        let check = runCLI(["brief", "--check"], in: r.url)
        #expect(check.stdout.contains("orphaned: briefs/acme.md (its account no longer exists)\n"), "\(check.stdout)")
        let writer = BriefWriter(
            directory: r.url.appendingPathComponent("briefs"), root: r.url, accounts: Glob("accounts/**/*.md"))
        #expect(!writer.accountExists("accounts/acme.md") && !writer.accountExists("accounts/_acme.md"))
        #expect(writer.accountExists("accounts/initech.md"))
    }

    // MARK: - One temporary-file scheme

    @Test func replaceWritesUnderTheSharedTemporaryNameAndLeavesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-replace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileSystem.replace(dir.path + "/a.md", bytes: Array("one".utf8), shown: "a.md")
        try FileSystem.replace(dir.path + "/a.md", bytes: Array("two".utf8), shown: "a.md")
        try FileSystem.createNew(dir.path + "/b.md", bytes: Array("new".utf8), shown: "b.md")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["a.md", "b.md"])
        #expect(try String(contentsOfFile: dir.path + "/a.md", encoding: .utf8) == "two")
        // A leftover of `new`, `init` or `hook install` killed mid-write is a stray of the briefs folder too.
        let writer = BriefWriter(directory: dir, root: dir)
        let leftover = ".fieldnotes-\(BriefOutHardeningTests.deadProcess)-z9.tmp"
        try Data("half".utf8).write(to: dir.appendingPathComponent(leftover))
        #expect(writer.leftovers(skipping: []).strays == [leftover])
    }

    /// A report and the history's caches are written at once, on threads of their own: a signal
    /// removes every temporary file in flight, and one written no longer.
    @Test func twoTemporaryFilesInFlightAreBothRemovedBySignal() {
        InterruptCleanup.during {
            InterruptCleanup.writing("/tmp/fieldnotes-test-cache.tmp")
            InterruptCleanup.writing("/tmp/fieldnotes-test-brief.tmp")
            #expect(InterruptCleanup.isInFlight("/tmp/fieldnotes-test-cache.tmp"))
            #expect(InterruptCleanup.isInFlight("/tmp/fieldnotes-test-brief.tmp"))
            InterruptCleanup.written("/tmp/fieldnotes-test-brief.tmp")
            #expect(InterruptCleanup.isInFlight("/tmp/fieldnotes-test-cache.tmp"), "the cache is still being written")
            #expect(!InterruptCleanup.isInFlight("/tmp/fieldnotes-test-brief.tmp"))
            InterruptCleanup.written("/tmp/fieldnotes-test-cache.tmp")
            #expect(!InterruptCleanup.isInFlight("/tmp/fieldnotes-test-cache.tmp"))
        }
    }

    @Test func theHandlersArePutBackAndAnIgnoredSignalStaysIgnored() {
        var before = sigaction(), during = sigaction(), after = sigaction()
        let ignore = sigaction()
        var ignoring = ignore
        #if canImport(Darwin)
            ignoring.__sigaction_u.__sa_handler = SIG_IGN
        #else
            ignoring.__sigaction_handler.sa_handler = SIG_IGN
        #endif
        var saved = sigaction()
        sigaction(SIGINT, &ignoring, &saved)
        defer { sigaction(SIGINT, &saved, nil) }
        sigaction(SIGTERM, nil, &before)
        InterruptCleanup.during {
            var intNow = sigaction()
            sigaction(SIGINT, nil, &intNow)
            #expect(InterruptCleanup.isIgnored(intNow), "an ignored SIGINT stays ignored")
            sigaction(SIGTERM, nil, &during)
            #expect(!InterruptCleanup.isIgnored(during))
        }
        sigaction(SIGTERM, nil, &after)
        var intAfter = sigaction()
        sigaction(SIGINT, nil, &intAfter)
        #expect(InterruptCleanup.isIgnored(intAfter))
        #if canImport(Darwin)
            #expect(
                unsafeBitCast(after.__sigaction_u.__sa_handler, to: Int.self)
                    == unsafeBitCast(before.__sigaction_u.__sa_handler, to: Int.self))
        #else
            #expect(
                unsafeBitCast(after.__sigaction_handler.sa_handler, to: Int.self)
                    == unsafeBitCast(before.__sigaction_handler.sa_handler, to: Int.self))
        #endif
    }

    @Test func aRunStartedWithSIGINTIgnoredIsNotStoppedByIt() throws {
        var files: [String: String] = ["fieldnotes.yml": "briefs: briefs\n"]
        for i in 0..<1500 {
            files["accounts/a\(i).md"] = validNote.replacingOccurrences(of: "Binford Tools", with: "Account \(i)")
        }
        let r = try TempRepo(files)
        let briefs = r.url.appendingPathComponent("briefs")
        var caught = 0
        for _ in 0..<4 where caught == 0 {
            try? FileManager.default.removeItem(at: briefs)
            let pid = try BriefOutHardeningTests.spawn(
                ["brief", "--config", r.url.path + "/fieldnotes.yml", "--out"], ignoring: [SIGINT])
            let (sent, status) = BriefOutHardeningTests.signalWhileWriting(pid, in: briefs, signal: SIGINT)
            #expect(status == 0, "SIGINT was ignored when the run started: it must not end it")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: briefs.path)) ?? []
            #expect(left.count == 1500, "\(left.count) briefs")
            #expect(!left.contains { FileSystem.temporaryOwner($0) != nil })
            if sent { caught += 1 }
        }
        #expect(caught > 0, "no run was caught while writing")
    }

    // MARK: - Names a file system folds

    /// The identity of a path on a file system that folds case: that of the path with its file name lowercased.
    static let foldingCase: @Sendable (String) -> FileSystem.FileIdentity? = { path in
        FileSystem.identity(FileSystem.parent(of: path) + "/" + (path as NSString).lastPathComponent.lowercased())
    }

    @Test func twoBriefsThatAreOneFileAreAConflictNotAnOverwrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-fold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("accounts"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var writer = BriefWriter(directory: dir.appendingPathComponent("briefs"), root: dir)
        writer.identity = Self.foldingCase
        let lower = Array((Brief.mark(for: "accounts/acme.md") + "\n# acme\n").utf8)
        let upper = Array((Brief.mark(for: "accounts/Acme.md") + "\n# Acme\n").utf8)
        let plan = BriefWriter.Plan(files: [(path: "acme.md", contents: lower), (path: "Acme.md", contents: upper)])
        // Writing: the second lands on the first one's file, and is not written.
        let changes = try writer.write(plan)
        #expect(changes == [.created("acme.md"), .sameFile("Acme.md", as: "acme.md")])
        #expect(try Data(contentsOf: dir.appendingPathComponent("briefs/acme.md")) == Data(lower))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("briefs/Acme.md").path))
        // Checking or writing again: found among the existing files, before anything is written.
        #expect(try writer.changes(plan) == [.unchanged("acme.md"), .sameFile("Acme.md", as: "acme.md")])
        #expect(try writer.write(plan) == [.unchanged("acme.md"), .sameFile("Acme.md", as: "acme.md")])
        #expect(try Data(contentsOf: dir.appendingPathComponent("briefs/acme.md")) == Data(lower))
        // Without folding, two files.
        writer.identity = FileSystem.identity
        #expect(try writer.write(plan) == [.unchanged("acme.md"), .created("Acme.md")])
    }

    @Test func theCommandNamesBothAccountsOfOneFile() throws {
        // Two hard links are one file on any file system: the same check reports them.
        let r = try repo([
            "accounts/acme.md": validNote,
            "accounts/Acme.md": validNote.replacingOccurrences(of: "Binford Tools", with: "Acme Upper"),
        ])
        #expect(runCLI(["brief", "--out"], in: r.url).status == 0)
        let briefs = r.url.appendingPathComponent("briefs")
        try FileManager.default.removeItem(at: briefs.appendingPathComponent("Acme.md"))
        #expect(link(briefs.appendingPathComponent("acme.md").path, briefs.appendingPathComponent("Acme.md").path) == 0)
        let check = runCLI(["brief", "--check"], in: r.url)
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "conflict: briefs/acme.md is briefs/Acme.md on this file system (it folds case or accents): "
                    + "the briefs of 'accounts/acme.md' and 'accounts/Acme.md' would be one file"
            ), "\(check.stdout)")
        let run = runCLI(["brief", "--out"], in: r.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: briefs/acme.md is briefs/Acme.md on this file system"), "\(run.stderr)")
        #expect(run.stderr.contains("help: rename one of the two account files"))
    }
}
