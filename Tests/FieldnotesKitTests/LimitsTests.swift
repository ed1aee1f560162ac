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

/// Over-limit and hostile inputs: each gets a located diagnostic, in bounded time, and the
/// other files are still checked.
struct LimitsTests {
    func firstIssue(_ yaml: String) -> YAMLIssue? { parseYAML(yaml).1.issues.first }

    @Test func longLinesAreRefused() throws {
        let issue = try #require(
            firstIssue("a: b\nc: " + String(repeating: "x", count: YAMLParser.maxLineLength) + "\n"))
        #expect(issue.kind == .limit)
        #expect(issue.range.start == 5)
        #expect(firstIssue("a: " + String(repeating: "x", count: YAMLParser.maxLineLength - 10) + "\n") == nil)
    }

    @Test func manyKeysAreRefused() throws {
        let block = (0...YAMLParser.maxKeys).map { "k\($0): v" }.joined(separator: "\n") + "\n"
        #expect(firstIssue(block)?.kind == .limit)
        let flow = "a: {" + (0...YAMLParser.maxKeys).map { "k\($0): v" }.joined(separator: ", ") + "}\n"
        #expect(firstIssue(flow)?.kind == .limit)
        #expect(firstIssue((0..<100).map { "k\($0): v" }.joined(separator: "\n")) == nil)
    }

    @Test func deepNestingIsLocated() throws {
        let (file, document) = parseYAML("a:\n  b: " + String(repeating: "[", count: 100_000) + "\n")
        let issue = try #require(document.issues.first)
        #expect(issue.kind == .limit)
        #expect(file.location(of: issue.range.start).line == 2)
        let report = checkText("---\n" + String(repeating: "- ", count: 20_000) + "x\n---\n")
        #expect(report.diagnostics.first?.rule == .yamlSyntax)
        #expect(report.diagnostics.first?.message.contains("nesting deeper than") == true)
    }

    @Test func aTenMegabyteLine() throws {
        let line = String(repeating: "word ", count: 2_000_000)  // 10,000,000 bytes, under the 10 MB limit
        let body = checkText("---\naccount: A\nowner: o\nstage: prospecting\n---\n## What changed\n" + line + "\n")
        #expect(body.errorCount == 0)
        let front = checkText("---\naccount: " + line + "\n---\n")
        #expect(front.diagnostics.first?.message.contains("line longer than") == true)
    }

    @Test func filesThatAreNotNotes() throws {
        let repo = try TempRepo(["accounts/good.md": validNote, "accounts/empty.md": ""])
        let fm = FileManager.default
        let accounts = repo.url.appendingPathComponent("accounts")
        // A folder named like a note, a symbolic link loop, a link to a folder, a file over 10 MB.
        try fm.createDirectory(at: accounts.appendingPathComponent("folder.md"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(
            atPath: accounts.appendingPathComponent("loop").path, withDestinationPath: accounts.path)
        try fm.createSymbolicLink(
            atPath: accounts.appendingPathComponent("self.md").path, withDestinationPath: "self.md")
        try Data(count: FileReader.maxSize + 1).write(to: accounts.appendingPathComponent("huge.md"))
        let run = runCLI(["check", "--format", "json"], in: repo.url)
        #expect(run.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let diagnostics = json["diagnostics"] as! [[String: Any]]
        func rules(_ path: String) -> [String] {
            diagnostics.filter { $0["path"] as? String == path }.map { $0["rule"] as! String }
        }
        #expect(rules("accounts/empty.md") == ["front-matter-missing"])
        #expect(rules("accounts/huge.md") == ["encoding"])
        #expect(rules("accounts/self.md") == ["encoding"])
        #expect(rules("accounts/good.md") == [])
        #expect((json["summary"] as! [String: Int])["files"] == 4)
        // Named explicitly, a folder is searched and a missing file is a usage error.
        #expect(runCLI(["check", "accounts/folder.md"], in: repo.url).stdout.hasSuffix("no files checked\n"))
        #expect(runCLI(["check", "accounts/missing.md"], in: repo.url).status == 2)
    }

    @Test(.canDropPrivileges) func unreadableFile() throws {
        let repo = try TempRepo(["accounts/a.md": validNote, "accounts/secret.md": validNote])
        let fm = FileManager.default
        let secret = repo.url.appendingPathComponent("accounts/secret.md").path
        try fm.setAttributes([.posixPermissions: 0], ofItemAtPath: secret)
        for dir in [repo.url.path, repo.url.appendingPathComponent("accounts").path] {
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir)
        }
        defer { try? fm.setAttributes([.posixPermissions: 0o644], ofItemAtPath: secret) }
        var arguments = ["check"]
        var launcher: [String] = []
        if getuid() == 0 {
            // root reads any file: run the check as an unprivileged user, which real reps are.
            launcher = ["/usr/sbin/runuser", "-u", "nobody", "--", Project.binary.path]
        }
        let run: Run
        if launcher.isEmpty {
            run = try runBinary(arguments, in: repo.url)
        } else {
            arguments = Array(launcher.dropFirst()) + arguments
            run = try runProgram(launcher[0], arguments, in: repo.url)
        }
        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            run.stdout.contains("accounts/secret.md:1:1: error[encoding]: cannot read the file: permission denied"),
            "\(run.stdout)")
        #expect(run.stdout.hasSuffix("1 error, 0 warnings in 1 of 2 files\n"))
    }

    @Test func aNamedPipeIsNotReadForever() throws {
        let repo = try TempRepo(["accounts/a.md": validNote])
        let fifo = repo.url.appendingPathComponent("accounts/pipe.md").path
        try #require(mkfifo(fifo, 0o644) == 0, "a named pipe can be made in a temporary folder")
        let run = runCLI(["check", "accounts/pipe.md", "accounts/a.md"], in: repo.url)
        #expect(run.status == 1)
        #expect(
            run.stdout.contains("accounts/pipe.md:1:1: error[encoding]: cannot read the file: it is not a regular file")
        )
        // A full check reports it too: nothing named like an account is skipped.
        let all = runCLI(["check"], in: repo.url)
        #expect(all.status == 1)
        #expect(
            all.stdout.contains("accounts/pipe.md:1:1: error[encoding]: cannot read the file: it is not a regular file")
        )
    }

    /// Nothing is lost: checking never writes to the notes.
    @Test func checkNeverModifiesAccountFiles() throws {
        func snapshot(_ root: URL) throws -> [String: Data] {
            var out: [String: Data] = [:]
            let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            for case let url as URL in e where !url.hasDirectoryPath {
                out[url.path] = try Data(contentsOf: url)
            }
            return out
        }
        let before = try snapshot(Project.template)
        for args in [
            ["check"], ["check", "--format", "json"], ["check", "--strict"], ["parse", "accounts/initech.md"],
        ] {
            _ = try runBinary(args + [], in: Project.template)
        }
        let after = try snapshot(Project.template)
        #expect(before == after)
        #expect(before.count >= 7)
    }
}
