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

/// Writes `text` to a file named by raw bytes (no normalisation, any bytes but NUL and "/").
func writeFile(atBytes path: [UInt8], _ text: String) throws {
    let fd = (path + [0]).withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
            open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
    }
    guard fd >= 0 else { throw ToolError("cannot create a test file: \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress!, $0.count) }) == bytes.count else {
        throw ToolError("cannot write a test file")
    }
}

/// `zoë` composed (NFC) and decomposed (NFD): two files for git and Linux, one string for Swift.
let composedName: [UInt8] = Array("zo".utf8) + [0xC3, 0xAB]
let decomposedName: [UInt8] = Array("zoe".utf8) + [0xCC, 0x88]

/// Walking the notes: nothing under the accounts folder is skipped without a word.
@Suite struct WalkHardeningTests {
    static let good = EmbeddedTemplate.files.first { $0.path == "accounts/initech.md" }!.contents
    /// The note with one error: an unknown stage (line 4).
    static let broken = good.replacingOccurrences(of: "\nstage: discovery\n", with: "\nstage: discvery\n")

    @Test func pipesAndSocketsNamedLikeAccountsAreReported() throws {
        let repo = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: repo) }
        let fifo = repo.appendingPathComponent("accounts/pipe.md").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // A Unix socket bound at accounts/sock.md.
        let socketPath = Array(repo.appendingPathComponent("accounts/sock.md").path.utf8)
        #if os(Linux)
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        #expect(fd >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let fits = withUnsafeMutableBytes(of: &address.sun_path) { raw -> Bool in
            guard socketPath.count < raw.count else { return false }
            raw.copyBytes(from: socketPath)
            return true
        }
        if fits {
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            #expect(bound == 0)
        }
        close(fd)
        let run = try runBinary(["check", "--as-of", "2026-11-20"], in: repo)
        #expect(run.status == 1)
        #expect(
            run.stdout.contains(
                "accounts/pipe.md:1:1: error[encoding]: cannot read the file: it is not a regular file"),
            "\(run.stdout)")
        if fits {
            #expect(
                run.stdout.contains(
                    "accounts/sock.md:1:1: error[encoding]: cannot read the file: it is not a regular file"),
                "\(run.stdout)")
            #expect(run.stdout.contains(" of 5 files\n"))
        }
    }

    /// Through a seam: tests may run as root, for whom no folder is unreadable.
    @Test func anUnreadableFolderIsListedWithTheReason() throws {
        let repo = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.createDirectory(
            at: repo.appendingPathComponent("accounts/secret"), withIntermediateDirectories: true)
        let secret = repo.appendingPathComponent("accounts/secret").path
        let found = Workspace.scan(repo, glob: Glob("accounts/**/*.md")) { path in
            path == secret ? .failed(EACCES) : FileSystem.listing(path)
        }
        let refused = found.filter { $0.refusal != nil }
        #expect(refused.map(\.path) == ["accounts/secret"])
        #expect(refused.first?.refusal?.message == "cannot read the folder: permission denied")
        #expect(
            found.filter { $0.refusal == nil }.map(\.path) == [
                "accounts/binford-tools.md", "accounts/initech.md", "accounts/ridgeline-pumps.md",
            ])
        // The accounts folder missing altogether is no account, not an error.
        #expect(Workspace.scan(repo, glob: Glob("elsewhere/*.md")).isEmpty)
    }

    /// The same with real permissions, as the unprivileged user reps are.
    @Test(.canDropPrivileges) func anUnreadableFolderFailsTheCheck() throws {
        let repo = try copyOfTemplate()
        let fm = FileManager.default
        defer { try? fm.removeItem(at: repo) }
        let secret = repo.appendingPathComponent("accounts/secret")
        try fm.createDirectory(at: secret, withIntermediateDirectories: true)
        try Self.good.write(to: secret.appendingPathComponent("hidden.md"), atomically: true, encoding: .utf8)
        var launcher: [String] = []
        if getuid() == 0 {
            launcher = ["/usr/sbin/runuser", "-u", "nobody", "--"]
            // nobody must reach the notes: the temporary folder and its parents are open to all.
            var dir = repo
            while dir.path != "/" {
                let mode = ((try? fm.attributesOfItem(atPath: dir.path)[.posixPermissions]) as? Int) ?? 0
                try #require(mode & 0o005 == 0o005, "\(dir.path) is closed to other users")
                dir = dir.deletingLastPathComponent()
            }
        }
        for item in try fm.subpathsOfDirectory(atPath: repo.path) {
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.appendingPathComponent(item).path)
        }
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.path)
        try fm.setAttributes([.posixPermissions: 0], ofItemAtPath: secret.path)
        defer { try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: secret.path) }
        func check(_ args: [String]) throws -> Run {
            let all = launcher + [Project.binary.path] + args
            return try runProgram(all[0], Array(all.dropFirst()), in: repo)
        }
        let full = try check(["check", "--as-of", "2026-11-20"])
        #expect(full.status == 1)
        #expect(
            full.stdout.contains("accounts/secret:1:1: error[encoding]: cannot read the folder: permission denied"),
            "\(full.stdout)\(full.stderr)")
        let named = try check(["check", "--as-of", "2026-11-20", "accounts/secret"])
        #expect(named.status == 1)
        #expect(!named.stderr.contains("no account files match"), "\(named.stderr)")
        #expect(
            named.stdout.contains("accounts/secret:1:1: error[encoding]: cannot read the folder: permission denied"),
            "\(named.stdout)")
    }

    @Test func aLinkOutOfTheNotesRepositoryIsRefusedWithoutShowingItsTarget() throws {
        let repo = try copyOfTemplate()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-outside-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: repo)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let secret = "TOP-SECRET-LINE: not for the notes\n"
        try secret.write(to: outside.appendingPathComponent("secret.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: repo.appendingPathComponent("accounts/evil.md").path,
            withDestinationPath: outside.appendingPathComponent("secret.md").path)
        // A link that stays inside the notes repository is read as before.
        try FileManager.default.createDirectory(
            at: repo.appendingPathComponent("shared"), withIntermediateDirectories: true)
        try Self.good.write(
            to: repo.appendingPathComponent("shared/initech-copy.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: repo.appendingPathComponent("accounts/alias.md").path,
            withDestinationPath: "../shared/initech-copy.txt")
        for args in [["check"], ["check", "accounts/evil.md", "accounts/alias.md"]] {
            let run = try runBinary(args + ["--as-of", "2026-11-20"], in: repo)
            #expect(run.status == 1)
            #expect(
                run.stdout.contains(
                    "accounts/evil.md:1:1: error[encoding]: "
                        + "the file is a link to a place outside the notes repository"),
                "\(run.stdout)")
            #expect(!run.stdout.contains("TOP-SECRET"))
            #expect(!run.stdout.contains("accounts/alias.md:1:1: error"), "\(run.stdout)")
        }
    }

    @Test func aNameThatIsNotUTF8IsReportedEscaped() throws {
        let repo = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: repo) }
        try writeFile(
            atBytes: Array(repo.appendingPathComponent("accounts").path.utf8) + Array("/caf".utf8) + [0xE9]
                + Array(".md".utf8), Self.good)
        let run = try runBinary(["check", "--as-of", "2026-11-20"], in: repo)
        #expect(run.status == 1)
        #expect(
            run.stdout.contains(
                "accounts/caf\\xE9.md:1:1: error[encoding]: the name is not valid UTF-8, so it cannot be read"),
            "\(run.stdout)")
        #expect(FileSystem.displayName([0x61, 0xFF, 0x62, 0xC3]).text == "a\\xFFb\\xC3")
        #expect(FileSystem.displayName(Array("zoë".utf8)) == ("zoë", true))
    }

    @Test(.keepsTwinNamesApart) func composedAndDecomposedTwinsAreTwoAccounts() throws {
        let repo = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: repo) }
        let accounts = Array(repo.appendingPathComponent("accounts").path.utf8) + [UInt8(ascii: "/")]
        try writeFile(atBytes: accounts + composedName + Array(".md".utf8), Self.good)
        try writeFile(atBytes: accounts + decomposedName + Array(".md".utf8), Self.broken)
        for args in [["check"], ["check", "accounts/"], ["check", "accounts"]] {
            let run = try runBinary(args + ["--as-of", "2026-11-20"], in: repo)
            #expect(run.status == 1, "\(args)")
            #expect(
                run.stdout.components(separatedBy: "error[invalid-value]: unknown stage 'discvery'").count == 2,
                "\(args): \(run.stdout)")
            #expect(run.stdout.contains(" of 5 files\n"), "\(args): \(run.stdout)")
        }
        // Twins are ordered by their bytes, whatever the order the folder lists them in.
        let files = try Workspace.open(paths: [], cwd: repo, configPath: nil).accountFiles(
            paths: ["accounts"], cwd: repo)
        let twins = files.filter { $0.path.hasPrefix("accounts/zo") }.map { Array($0.path.utf8) }
        #expect(
            twins == [
                Array("accounts/".utf8) + decomposedName + Array(".md".utf8),
                Array("accounts/".utf8) + composedName + Array(".md".utf8),
            ])
    }

    @Test func sizesOverTheLimitAreShownTruthfully() {
        #expect(FileReader.describeSize(11 * 1_048_576) == "11.0 MB")
        #expect(FileReader.describeSize(11 * 1_048_576 + 600_000) == "11.5 MB")
        #expect(FileReader.describeSize(FileReader.maxSize + 1) == "10485761 bytes")
        #expect(FileReader.Refusal.tooLarge(11 * 1_048_576).message == "the file is larger than 10 MB (11.0 MB)")
    }
}
