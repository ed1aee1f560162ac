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

/// Dates at the ends of the calendar, the pre-commit hook's path holding something else, and
/// `new` / `init` writing files: nothing traps, nothing of the user's is replaced or followed.
@Suite(.serialized) struct CreateHardeningTests {
    // MARK: - Dates

    /// Whether a run ended by itself (not by a signal such as SIGILL from a trap).
    func endedNormally(_ run: Run) -> Bool {
        (run.status == 0 || run.status == 1 || run.status == 2) && !run.stderr.contains("Fatal error")
    }

    @Test func asOfOutsideItsRangeIsAUsageError() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        let outside = (1...7).map { "0001-01-0\($0)" } + ["1899-12-31"]
        for date in outside {
            for command in [["changes"], ["summary", "--format", "html"], ["check"], ["missing"], ["new", "Acme"]] {
                let run = try runBinary(command + ["--as-of", date], in: repo.url)
                #expect(run.status == 2, "\(command) --as-of \(date): \(run.stderr)")
                #expect(
                    run.stderr.contains("error: the date '\(date)' for '--as-of' is out of range"), "\(command) \(date)"
                )
                #expect(run.stderr.contains("write a date from 1900-01-01 to 9999-12-31"), "\(command) \(date)")
            }
        }
        for date in ["1900-01-01", "1900-01-07", "9999-12-31"] {
            for command in [["changes"], ["summary", "--format", "html"], ["check"], ["missing"]] {
                let run = try runBinary(command + ["--as-of", date], in: repo.url)
                #expect(run.status == 0 || run.status == 1, "\(command) --as-of \(date): \(run.stderr)")
                #expect(endedNormally(run), "\(command) --as-of \(date)")
            }
        }
    }

    @Test func dayArithmeticStopsAtTheEndsOfTheCalendar() {
        #expect(Day.first.description == "0001-01-01")
        #expect(Day.last.description == "9999-12-31")
        #expect(Day.first.adding(days: -7) == Day.first)
        #expect(Day.first.adding(days: Int.min) == Day.first)
        #expect(Day.last.adding(days: 1) == Day.last)
        #expect(Day.last.adding(days: Int.max) == Day.last)
        #expect(Day.last.adding(days: Int.min) == Day.first)
        // Inside the range, day by day from both ends, the arithmetic is exact.
        var day = Day.first
        for _ in 0..<800 {
            let next = day.adding(days: 1)
            #expect(day.days(until: next) == 1)
            #expect(next.adding(days: -1) == day)
            day = next
        }
        #expect(day.description == "0003-03-12")
        #expect(Day.last.adding(days: -365).description == "9998-12-31")
        #expect(Day.first.days(until: Day.last) == 3_652_058)
        // A date with digits too big for a day suggests nothing, without trapping.
        #expect(Day.suggestion(for: "99999999999999999999/1/1") == nil)
    }

    @Test func notesDatedAtTheEndsOfTheCalendarGiveDiagnostics() throws {
        var files = GitWorkflowTests.notes()
        files["accounts/ends.md"] = """
            ---
            account: Ends of Time
            owner: dana.reyes
            stage: discovery
            last_contact: 0001-01-01
            last_visit: 9999-12-31
            next_meeting: 9999-12-31
            decision_date: 0001-01-01
            ---

            # Ends of Time

            ## Log

            ### 0001-01-01 — First call
            Talked.

            ### 9999-12-31 — Last call
            Talked again.

            """
        let repo = try GitRepo(files)
        for date in ["1900-01-01", "2026-11-20", "9999-12-31"] {
            let check = try runBinary(["check", "accounts/ends.md", "--as-of", date], in: repo.url)
            #expect(endedNormally(check), "check --as-of \(date): \(check.stderr)")
            #expect(check.stdout.contains("accounts/ends.md:"), "diagnostics for the dates, as of \(date)")
            for command in [["changes"], ["summary", "--format", "html"], ["missing"], ["brief", "accounts/ends.md"]] {
                let run = try runBinary(command + ["--as-of", date], in: repo.url)
                #expect(endedNormally(run), "\(command) --as-of \(date): \(run.stderr)")
            }
        }
        let plain = try runBinary(["check", "accounts/ends.md"], in: repo.url)
        #expect(endedNormally(plain))
    }

    // MARK: - The pre-commit hook

    /// Runs the binary as an unprivileged user: as "nobody" under root (root reads and writes
    /// anything, reps do not), else as is. Nil when that is not possible here.
    func runUnprivileged(_ arguments: [String], in directory: URL) throws -> Run? {
        guard getuid() == 0 else { return try runBinary(arguments, in: directory) }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
            Issue.record("running as root without runuser: the test needs the trait 'canDropPrivileges'")
            return nil
        }
        // git refuses a repository another user owns unless told it is safe.
        return try runProgram(
            "/usr/sbin/runuser", ["-u", "nobody", "--", Project.binary.path] + arguments, in: directory,
            environment: [
                "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "safe.directory", "GIT_CONFIG_VALUE_0": "*",
                "HOME": "/tmp",
            ])
    }

    func hookPath(_ repo: GitRepo) -> String { repo.url.appendingPathComponent(".git/hooks/pre-commit").path }

    /// `install` and `uninstall` both refuse, and the hook is left exactly as it was.
    func expectRefused(
        _ repo: GitRepo, because reason: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let install = try runBinary(["hook", "install"], in: repo.url)
        #expect(install.status == 2, "\(install.stdout)", sourceLocation: sourceLocation)
        #expect(
            install.stderr.contains("a pre-commit hook already exists at '.git/hooks/pre-commit' and \(reason)"),
            "\(install.stderr)", sourceLocation: sourceLocation)
        #expect(
            install.stderr.contains("(cd \"$(git rev-parse --show-toplevel)\" && fieldnotes check --staged) || exit 1"),
            sourceLocation: sourceLocation)
        let uninstall = try runBinary(["hook", "uninstall"], in: repo.url)
        #expect(uninstall.status == 2, sourceLocation: sourceLocation)
        #expect(uninstall.stderr.contains("is left as it is"), "\(uninstall.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aDanglingLinkAsTheHookIsRefused() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        #expect(symlink("../../my-hooks/pre-commit", hookPath(repo)) == 0)
        try expectRefused(repo, because: "it is a symbolic link")
        #expect(FileSystem.kindOfLink(hookPath(repo)) == .symbolicLink)
        #expect(
            !FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("my-hooks").path),
            "the link is not followed")
        // A link to a hook fieldnotes wrote is refused too: the link is the user's.
        try repo.write("my-hooks/pre-commit", Hook.script(binary: "/usr/local/bin/fieldnotes", notesFolder: ""))
        try expectRefused(repo, because: "it is a symbolic link")
        #expect(
            try repo.read("my-hooks/pre-commit") == Hook.script(binary: "/usr/local/bin/fieldnotes", notesFolder: ""))
    }

    @Test func aFIFOAsTheHookIsRefusedWithoutBlocking() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        #expect(mkfifo(hookPath(repo), 0o644) == 0)
        try expectRefused(repo, because: "it is not a regular file")
        #expect(FileSystem.kindOfLink(hookPath(repo)) == .other)
    }

    @Test func aHookThatOnlyContainsTheMarkerIsNotOurs() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        let mine = "#!/bin/sh\n\(Hook.marker): checks the staged notes before each commit.\n./run-my-linter || exit 1\n"
        try repo.write(".git/hooks/pre-commit", mine)
        try expectRefused(repo, because: "was not written by fieldnotes")
        #expect(try repo.read(".git/hooks/pre-commit") == mine)
        // Our own hook with one more line is the user's now.
        let edited = Hook.script(binary: "/usr/local/bin/fieldnotes", notesFolder: "") + "echo done\n"
        try repo.write(".git/hooks/pre-commit", edited)
        try expectRefused(repo, because: "was not written by fieldnotes")
        #expect(try repo.read(".git/hooks/pre-commit") == edited)
    }

    @Test(.canDropPrivileges) func anUnreadableHookIsRefused() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        let ours = Hook.script(binary: "/usr/local/bin/fieldnotes", notesFolder: "")
        try repo.write(".git/hooks/pre-commit", ours)
        #expect(chmod(hookPath(repo), 0) == 0)
        defer { chmod(hookPath(repo), 0o644) }
        guard let install = try runUnprivileged(["hook", "install"], in: repo.url) else { return }
        #expect(install.status == 2, "\(install.stdout)")
        #expect(
            install.stderr.contains(
                "a pre-commit hook already exists at '.git/hooks/pre-commit' and cannot be read, "
                    + "so fieldnotes cannot tell whether it wrote it"
            ), "\(install.stderr)")
        let uninstall = try runUnprivileged(["hook", "uninstall"], in: repo.url)
        #expect(uninstall?.status == 2)
        #expect(FileSystem.kindOfLink(hookPath(repo)) == .regular)
        chmod(hookPath(repo), 0o644)
        #expect(try repo.read(".git/hooks/pre-commit") == ours)
    }

    @Test func aHugeHookIsNotRead() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        let path = hookPath(repo)
        #expect(
            FileManager.default.createFile(
                atPath: path, contents: Data(Hook.script(binary: "/usr/local/bin/fieldnotes", notesFolder: "").utf8)))
        #expect(truncate(path, 3 << 30) == 0)  // sparse: 3 GiB that take no room
        try expectRefused(repo, because: "was not written by fieldnotes (it is larger than any hook fieldnotes writes)")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 3 << 30)
    }

    @Test func ourHookOfAnotherBinaryOrFolderIsReplaced() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        for version in Hook.versions {
            for (binary, folder) in [("/opt/old fieldnotes/it's/fieldnotes", ""), ("fieldnotes", "notes/o'neil & co")] {
                try repo.write(".git/hooks/pre-commit", version(binary, folder))
                #expect(Hook.isOurs(Array(version(binary, folder).utf8)))
                let run = try runBinary(["hook", "install"], in: repo.url)
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.stdout.hasPrefix("updated the pre-commit hook: .git/hooks/pre-commit\n"))
                let text = try repo.read(".git/hooks/pre-commit")
                #expect(text.contains("FIELDNOTES='\(Project.binary.resolvingSymlinksInPath().path)'"))
                #expect(!text.contains("cd '"), "the notes are at the top of this repository")
            }
        }
        #expect(!Hook.isOurs(Array("#!/bin/sh\n".utf8)))
        #expect(!Hook.isOurs(Array((Hook.script(binary: "fieldnotes", notesFolder: "") + "\n").utf8)))
        #expect(
            !Hook.isOurs(
                Array(
                    Hook.script(binary: "fieldnotes", notesFolder: "").replacingOccurrences(
                        of: "'fieldnotes'", with: "fieldnotes"
                    ).utf8)))
        #expect(!Hook.isOurs([0xFF] + Array(Hook.script(binary: "fieldnotes", notesFolder: "").utf8)))
    }

    @Test func installingOurHookAgainChangesNothing() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        let first = try runBinary(["hook", "install"], in: repo.url)
        #expect(first.stdout.hasPrefix("installed the pre-commit hook"))
        let text = try repo.read(".git/hooks/pre-commit")
        let again = try runBinary(["hook", "install"], in: repo.url)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("updated the pre-commit hook"))
        #expect(try repo.read(".git/hooks/pre-commit") == text)
        let mode = try FileManager.default.attributesOfItem(atPath: hookPath(repo))[.posixPermissions] as? Int
        #expect(mode == 0o755)
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: repo.url.appendingPathComponent(".git/hooks").path
        ).filter { $0.hasPrefix(".fieldnotes-") }
        #expect(leftovers.isEmpty)
        #expect(try runBinary(["hook", "uninstall"], in: repo.url).stdout.hasPrefix("removed the pre-commit hook"))
        #expect(FileSystem.kindOfLink(hookPath(repo)) == nil)
    }

    @Test func aHookFolderThatIsAFileIsAClearError() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        try repo.git("config", "core.hooksPath", "githooks")
        try repo.write("githooks", "not a folder\n")
        let run = try runBinary(["hook", "install"], in: repo.url)
        #expect(run.status == 2)
        #expect(
            run.stderr.contains("error: cannot create 'githooks': a file is in the way of one of its folders"),
            "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
    }

    // MARK: - new and init

    func emptyFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-create-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func notesRepository() throws -> URL {
        let base = try emptyFolder()
        let run = try runBinary(["init"], in: base)
        #expect(run.status == 0, "\(run.stderr)")
        return base
    }

    @Test func concurrentNewOfOneNameCreatesItOnce() throws {
        let base = try notesRepository()
        defer { try? FileManager.default.removeItem(at: base) }
        let count = 20
        var processes: [(Process, Pipe)] = []
        for _ in 0..<count {
            let process = Process()
            process.executableURL = Project.binary
            process.arguments = ["new", "Acme", "--owner", "dana.reyes", "--as-of", "2026-11-20"]
            process.currentDirectoryURL = base
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            processes.append((process, err))
        }
        for (process, _) in processes { try process.run() }
        var succeeded = 0
        for (process, err) in processes {
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if process.terminationStatus == 0 {
                succeeded += 1
            } else {
                #expect(process.terminationStatus == 2)
                #expect(message.contains("error: 'accounts/acme.md' already exists"), "\(message)")
            }
        }
        #expect(succeeded == 1)
        // The file is whole: exactly what one `new` writes.
        let other = try notesRepository()
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(
            try runBinary(["new", "Acme", "--owner", "dana.reyes", "--as-of", "2026-11-20"], in: other).status == 0)
        let written = try Data(contentsOf: base.appendingPathComponent("accounts/acme.md"))
        #expect(written == (try Data(contentsOf: other.appendingPathComponent("accounts/acme.md"))))
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: base.appendingPathComponent("accounts").path
        ).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary files are left")
    }

    @Test func aDanglingLinkAtTheNewAccountIsNotFollowed() throws {
        let base = try notesRepository()
        defer { try? FileManager.default.removeItem(at: base) }
        let link = base.appendingPathComponent("accounts/acme.md").path
        #expect(symlink("../elsewhere/acme.md", link) == 0)
        let run = try runBinary(["new", "Acme"], in: base)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: 'accounts/acme.md' already exists"), "\(run.stderr)")
        #expect(FileSystem.kindOfLink(link) == .symbolicLink)
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("elsewhere").path))
    }

    @Test func initWithAFileInTheWayWritesNothing() throws {
        let base = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        try "my accounts\n".write(to: base.appendingPathComponent("accounts"), atomically: false, encoding: .utf8)
        let run = try runBinary(["init"], in: base)
        #expect(run.status == 2)
        #expect(
            run.stderr.contains("error: cannot create the notes repository in '.': 'accounts' is a file, not a folder"),
            "\(run.stderr)")
        #expect(run.stderr.contains("nothing was written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["accounts"])
        #expect(try String(contentsOf: base.appendingPathComponent("accounts"), encoding: .utf8) == "my accounts\n")
        // A dangling link where a file goes is in the way too, and is left alone.
        try FileManager.default.removeItem(at: base.appendingPathComponent("accounts"))
        #expect(symlink("nowhere.yml", base.appendingPathComponent("fieldnotes.yml").path) == 0)
        let again = try runBinary(["init"], in: base)
        #expect(again.status == 2)
        #expect(again.stderr.contains("these files already exist in '.': fieldnotes.yml"), "\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["fieldnotes.yml"])
    }

    @Test(.canDropPrivileges) func initInAReadOnlyFolderSaysSoWithThePath() throws {
        let base = try emptyFolder()
        defer {
            chmod(base.path, 0o755)
            try? FileManager.default.removeItem(at: base)
        }
        #expect(chmod(base.path, 0o555) == 0)
        guard let run = try runUnprivileged(["init"], in: base) else { return }
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: cannot create '"), "\(run.stderr)")
        #expect(run.stderr.contains("': permission denied"))
        #expect(run.stderr.contains("nothing was written"))
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
    }

    @Test func aTemplateLargerThanANoteIsRefused() throws {
        let base = try notesRepository()
        defer { try? FileManager.default.removeItem(at: base) }
        let template = base.appendingPathComponent("accounts/_template.md").path
        #expect(truncate(template, 3 << 30) == 0)  // sparse
        let run = try runBinary(["new", "Acme"], in: base)
        #expect(run.status == 2)
        #expect(
            run.stderr.contains(
                "error: the template 'accounts/_template.md' is too large (3221225472 bytes; "
                    + "an account may have at most \(FileReader.maxSize) bytes)"
            ), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("accounts/acme.md").path))
        #expect(truncate(template, off_t(FileReader.maxSize + 1)) == 0)
        #expect(try runBinary(["new", "Acme"], in: base).stderr.contains("is too large"))
    }

    /// Names that are hard to write as YAML: each is created with `new`, then checked and parsed.
    static func hostileNames() -> [String] {
        var cores: [String] = []
        let controls = Array(0x01...0x1F) + [0x7F, 0x80, 0x85, 0x9B, 0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE]
        for value in controls { cores.append("Acme\(Character(Unicode.Scalar(value)!))Corp") }
        cores.append("Acme\u{0}Corp")
        for piece in [
            "\"", "'", ": ", " #", "#", "\\", "\\u0041", "\\n", "{", "}", "[", "]", ",", "|", ">", "~", "=", "<",
        ] {
            cores.append("Acme\(piece)Corp")
            cores.append("\(piece)Acme Corp")
            cores.append("Acme Corp\(piece)")
        }
        for lead in [
            "-", "- ", "--- ", "? ", "?", "*", "&", "!", "%", "@", "`", "...", ":", ".5", "null", "true", "0x1F",
        ] {
            cores.append("\(lead)Acme")
        }
        cores += [
            "  Acme  ", "\tAcme\t", "\u{A0}Acme\u{A0}Corp", "Acme\u{3000}Corp", "Zoë", "Zoe\u{301} & Co",
            "株式会社トヨタ", "Ａｃｍｅ",
            "Acme 🏭 Corp", "Acme\u{200B}Corp", "Acme\u{202E}Corp", "Ac\u{301}\u{302}\u{303}\u{304}\u{305}me",
            "Acme:", "Acme:Corp",
            "Acme\r\nCorp", "Acme\n---\nstage: closed_won", "Acme\n# Title",
        ]
        // A number after each name keeps the file names apart.
        return cores.enumerated().map { "\($0.element) \($0.offset)" }
    }

    @Test func hostileNamesRoundTripThroughNewCheckAndParse() throws {
        let repo = try TempRepo(["fieldnotes.yml": "accounts: accounts/*.md\n"])
        var paths: Set<String> = []
        for name in Self.hostileNames() {
            let new = runCLI(["new", "--owner", "dana.reyes", "--as-of", "2026-11-20", "--", name], in: repo.url)
            #expect(new.status == 0, "\(name.debugDescription): \(new.stderr)")
            let path = new.stdout.trimmingCharacters(in: .newlines)
            #expect(paths.insert(path).inserted, "\(name.debugDescription) → \(path)")
            let check = runCLI(["check", path, "--as-of", "2026-11-20", "--format", "json"], in: repo.url)
            #expect(check.status == 0, "\(name.debugDescription): \(check.stdout)")
            #expect(
                !check.stdout.contains("\"severity\" : \"error\"") && !check.stdout.contains("\"severity\":\"error\""),
                "\(name.debugDescription): \(check.stdout)")
            let parse = runCLI(["parse", path], in: repo.url)
            let tree = try JSONSerialization.jsonObject(with: Data(parse.stdout.utf8)) as? [String: Any]
            let expected = name.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(tree?["account"] as? String == expected, "\(name.debugDescription): \(parse.stdout.prefix(200))")
            #expect(tree?["stage"] as? String == "prospecting", "\(name.debugDescription)")
            // The title is one line: the name cannot add lines (or headings) to the notes.
            let text = try String(contentsOf: repo.url.appendingPathComponent(path), encoding: .utf8)
            let titles = text.split(separator: "\n").filter { $0.hasPrefix("# ") && !$0.hasPrefix("# Copy") }
            #expect(titles.count >= 1)
        }
    }

    @Test func namesThatMakeNoFileNameAreUsageErrors() throws {
        let repo = try TempRepo(["fieldnotes.yml": "accounts: accounts/*.md\n"])
        for name in ["!!!", "/", "..", "../..", "-", "\u{1}\u{2}", "🏭", "\u{301}"] {
            let run = runCLI(["new", "--", name], in: repo.url)
            #expect(run.status == 2, "\(name.debugDescription)")
            #expect(
                run.stderr.contains("has no letter or digit to make a file name from"),
                "\(name.debugDescription): \(run.stderr)")
            #expect(!run.stderr.contains("\u{1}"))
        }
        #expect(runCLI(["new", "   "], in: repo.url).stderr.contains("the account name is empty"))
        // Very long names make a bounded file name.
        for name in [
            String(repeating: "a", count: 10_000), String(repeating: "ü", count: 5_000),
            String(repeating: "株", count: 5_000),
            "a" + String(repeating: "\u{20DD}", count: 5_000) + " b",
        ] {
            let run = runCLI(["new", "--", name], in: repo.url)
            #expect(run.status == 0, "\(run.stderr)")
            let file = run.stdout.trimmingCharacters(in: .newlines).split(separator: "/").last.map(String.init) ?? ""
            #expect(file.utf8.count <= AccountFile.maxFileNameBytes + 3)
            #expect(file.hasSuffix(".md"))
        }
    }

    @Test func fileSystemErrorsAreNamed() {
        #expect(FileSystem.reason(ENAMETOOLONG) == "the name is too long for the file system")
        #expect(FileSystem.reason(ENOSPC) == "no space left on the device")
        #expect(FileSystem.remedy(ENOSPC, path: "x") == "free some space and run the command again")
        #expect(FileSystem.remedy(ENAMETOOLONG, path: "x")?.contains("writable") == false)
        let tooLong = FileManager.default.temporaryDirectory.appendingPathComponent(String(repeating: "n", count: 300))
            .path
        do {
            try FileSystem.createNew(tooLong, bytes: [1], shown: "long")
            Issue.record("a 300-byte name was created")
        } catch let failure as FileSystem.CreateFailure {
            #expect(failure.code == ENAMETOOLONG)
            #expect(failure.toolError.message == "cannot create 'long': the name is too long for the file system")
        } catch {
            Issue.record("\(error)")
        }
    }
}
