import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// The report commands (missing, summary, brief): a folder the walk cannot enter is no account,
/// and a run that fails because of the notes says why.
@Suite struct ReportRunReviewTests {
    /// Makes the folder `path` (its bytes: the name need not be UTF-8).
    static func makeFolder(atBytes path: [UInt8]) throws {
        let made = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { mkdir($0, 0o755) }
        }
        guard made == 0 else { throw ToolError("cannot create a test folder: \(String(cString: strerror(errno)))") }
    }

    /// The template with a folder named `accounts/caf\xE9` (not UTF-8) holding a good note.
    static func repoWithAFolderNotUTF8() throws -> URL {
        let repo = try copyOfTemplate()
        let folder = Array(repo.appendingPathComponent("accounts").path.utf8) + Array("/caf".utf8) + [0xE9]
        try makeFolder(atBytes: folder)
        try writeFile(atBytes: folder + Array("/hidden.md".utf8), WalkHardeningTests.good)
        return repo
    }

    @Test func theWalkMarksAFolderItCannotEnter() throws {
        let repo = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.createDirectory(
            at: repo.appendingPathComponent("accounts/secret"), withIntermediateDirectories: true)
        let secret = repo.appendingPathComponent("accounts/secret").path
        let found = Workspace.scan(repo, glob: Glob("accounts/**/*.md")) { path in
            path == secret ? .failed(EACCES) : FileSystem.listing(path)
        }
        #expect(found.filter { $0.unreadableFolder != nil }.map(\.path) == ["accounts/secret"])
        #expect(found.first { $0.path == "accounts/secret" }?.unreadableFolder == "permission denied")
        // Still refused, for `check` to report.
        #expect(
            found.first { $0.path == "accounts/secret" }?.refusal?.message
                == "cannot read the folder: permission denied")
        #expect(found.allSatisfy { $0.path == "accounts/secret" || $0.unreadableFolder == nil })
    }

    @Test func aFolderThatCannotBeReadIsNoAccountOfTheReports() throws {
        let repo = try Self.repoWithAFolderNotUTF8()
        defer { try? FileManager.default.removeItem(at: repo) }
        let said =
            "error: cannot read the folder 'accounts/caf\\xE9': its name is not valid UTF-8\n"
            + "  = help: rename it with a UTF-8 name\n"
        // `check` still fails on it, located.
        let check = runCLI(["check", "--as-of", "2026-11-20"], in: repo)
        #expect(check.status == 1)
        #expect(check.stdout.contains("accounts/caf\\xE9:1:1: error"), "\(check.stdout)")
        for args in [
            ["summary", "--format", "text"], ["summary", "--format", "json"], ["missing"], ["missing", "--quiet"],
            ["brief"],
        ] {
            let run = runCLI(args, in: repo)
            #expect(run.status == 1, "\(args)")
            #expect(!run.stdout.contains("caf"), "\(args): \(run.stdout)")
            #expect(run.stderr == said, "\(args): \(run.stderr)")
        }
        let summary = runCLI(["summary", "--no-history", "--format", "json"], in: repo)
        let clean = runCLI(["summary", "--no-history", "--format", "json"], in: Project.template)
        #expect(summary.stdout == clean.stdout)
        // No brief is written for it.
        let out = runCLI(["brief", "--out"], in: repo)
        #expect(out.status == 1)
        #expect(out.stderr == said, "\(out.stderr)")
        let briefs = try FileManager.default.contentsOfDirectory(atPath: repo.appendingPathComponent("briefs").path)
            .sorted()
        #expect(briefs == ["binford-tools.md", "initech.md", "ridgeline-pumps.md"], "\(briefs)")
    }

    /// With real permissions (an unprivileged user: root reads every folder).
    @Test(.enabled(if: getuid() != 0, "root reads every folder")) func anUnreadableFolderIsSaidByTheReports() throws {
        let repo = try copyOfTemplate()
        let secret = repo.appendingPathComponent("accounts/secret")
        defer {
            chmod(secret.path, 0o755)
            try? FileManager.default.removeItem(at: repo)
        }
        try FileManager.default.createDirectory(at: secret, withIntermediateDirectories: true)
        try WalkHardeningTests.good.write(
            to: secret.appendingPathComponent("hidden.md"), atomically: true, encoding: .utf8)
        chmod(secret.path, 0)
        for args in [["summary", "--format", "text"], ["missing"], ["brief"]] {
            let run = runCLI(args, in: repo)
            #expect(run.status == 1, "\(args)")
            #expect(!run.stdout.contains("secret"), "\(args): \(run.stdout)")
            #expect(
                run.stderr.hasPrefix("error: cannot read the folder 'accounts/secret': permission denied\n"),
                "\(args): \(run.stderr)")
        }
    }

    // MARK: Why the run fails

    static let line = "error: 1 account has errors in its notes (accounts/initech.md); 'fieldnotes check' shows them\n"

    @Test func aRunFailedByTheNotesSaysWhy() throws {
        let repo = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: repo) }
        try WalkHardeningTests.broken.write(
            to: repo.appendingPathComponent("accounts/initech.md"), atomically: true, encoding: .utf8)
        for args in [
            ["missing"], ["missing", "--quiet"], ["summary", "--format", "text"], ["brief"], ["brief", "--out"],
            ["brief", "--out", "-q"],
        ] {
            let run = runCLI(args, in: repo)
            #expect(run.status == 1, "\(args)")
            #expect(run.stderr.hasSuffix(Self.line), "\(args): \(run.stderr)")
            #expect(
                run.stderr.components(separatedBy: "errors in its notes").count == 2,
                "\(args): said once: \(run.stderr)")
        }
        // Not for the accounts left out by --owner.
        let other = runCLI(["summary", "--owner", "dana.reyes", "--format", "text"], in: repo)
        #expect(other.status == 0)
        #expect(!other.stderr.contains("errors in"), "\(other.stderr)")
    }

    @Test func aRunThatSucceedsSaysNothing() {
        for args in [["missing"], ["summary", "--format", "text"], ["brief", "accounts/initech.md"]] {
            let run = runCLI(args + ["--no-history"], in: Project.template)
            #expect(run.status == 0, "\(args)")
            #expect(!run.stderr.contains("errors in"), "\(args): \(run.stderr)")
        }
    }

    @Test func theLineNamesThreePathsThenHowManyMore() {
        #expect(
            ReportRun.errorsLine(["a.md", "b.md"])
                == "error: 2 accounts have errors in their notes (a.md, b.md); 'fieldnotes check' shows them")
        #expect(
            ReportRun.errorsLine(["a.md", "b\u{1B}[2J.md", "c.md", "d.md", "e.md"])
                == "error: 5 accounts have errors in their notes (a.md, b\\u{1B}[2J.md, c.md and 2 more); "
                + "'fieldnotes check' shows them"
        )
    }
}
