import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// `check --staged` (the pre-commit hook) and `changes`, reading git: nothing staged is skipped,
/// any path is checked, and no content over the size limit is read.
@Suite(.serialized) struct StagedHardeningTests {
    static let good = WalkHardeningTests.good
    static let broken = WalkHardeningTests.broken

    func staged(_ repo: GitRepo, _ extra: [String] = []) throws -> Run {
        try runBinary(["check", "--staged", "--as-of", "2026-11-20"] + extra, in: repo.url)
    }

    @Test func aPathWithALineBreakIsChecked() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        try repo.write("accounts/new\nline.md", Self.broken)
        try repo.git("add", "-A")
        let run = try staged(repo, ["--format", "json"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("\"accounts/new\\nline.md\""), "\(run.stdout)")
        #expect(run.stdout.contains("unknown stage 'discvery'"))
    }

    @Test(.keepsTwinNamesApart) func composedAndDecomposedTwinsAreCheckedBoth() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        let accounts = Array(repo.url.appendingPathComponent("accounts").path.utf8) + [UInt8(ascii: "/")]
        try writeFile(atBytes: accounts + composedName + Array(".md".utf8), Self.good)
        try writeFile(atBytes: accounts + decomposedName + Array(".md".utf8), Self.broken)
        try repo.git("add", "-A")
        let run = try staged(repo, ["--strict"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(
            run.stdout.components(separatedBy: "error[invalid-value]: unknown stage 'discvery'").count == 2,
            "\(run.stdout)")
        #expect(run.stdout.contains(" of 2 files\n"), "\(run.stdout)")
        // The same when every account is checked (the config is staged).
        try repo.write("fieldnotes.yml", try repo.read("fieldnotes.yml") + "\n")
        try repo.git("add", "fieldnotes.yml")
        let all = try staged(repo, ["--strict"])
        #expect(
            all.stdout.components(separatedBy: "error[invalid-value]: unknown stage 'discvery'").count == 2,
            "\(all.stdout)")
        #expect(all.stdout.contains(" of 5 files\n"), "\(all.stdout)")
    }

    @Test func anOversizedStagedAccountIsAnError() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        let big =
            Self.good + "\n## Log\n"
            + String(repeating: "- 2026-11-01: a long visit note line\n", count: 11 * 1_048_576 / 36)
        try repo.write("accounts/big.md", big)
        try repo.git("add", "accounts/big.md")
        try repo.write("accounts/big.md", Self.good)  // the working copy is small: the staged content counts
        let run = try staged(repo)
        #expect(run.status == 1)
        #expect(
            run.stdout.contains("accounts/big.md:1:1: error[encoding]: the file is larger than 10 MB (11."),
            "\(run.stdout)")
        // A staged settings file over the limit is not read either.
        try repo.write("checklist.yml", big)
        try repo.git("add", "checklist.yml")
        let settings = try staged(repo)
        #expect(settings.status == 2)
        #expect(
            settings.stdout.contains("larger than 10 MB") || settings.stderr.contains("larger than 10 MB"),
            "\(settings.stdout)\(settings.stderr)")
    }

    @Test func aStagedLinkIsAnErrorNotItsTarget() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        try FileManager.default.createSymbolicLink(
            atPath: repo.url.appendingPathComponent("accounts/link.md").path, withDestinationPath: "/etc/hostname")
        try repo.git("add", "accounts/link.md")
        let run = try staged(repo)
        #expect(run.status == 1)
        #expect(
            run.stdout.contains("accounts/link.md:1:1: error[encoding]: the staged file is a symbolic link"),
            "\(run.stdout)")
    }

    @Test func aMergeConflictNamesEachUnmergedAccount() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        try repo.git("checkout", "-q", "-b", "other")
        try repo.write(
            "accounts/initech.md", Self.good.replacingOccurrences(of: "stage: discovery", with: "stage: qualified"))
        try repo.git("commit", "-q", "-am", "other")
        try repo.git("checkout", "-q", "main")
        try repo.write(
            "accounts/initech.md", Self.good.replacingOccurrences(of: "stage: discovery", with: "stage: proposal"))
        try repo.git("commit", "-q", "-am", "main")
        let merge = try runProgram("/usr/bin/env", ["git", "merge", "other"], in: repo.url)
        #expect(merge.status != 0, "the merge should conflict")
        let run = try staged(repo)
        #expect(run.status == 1)
        #expect(
            run.stdout.contains("accounts/initech.md:1:1: error[encoding]: the file has an unresolved merge conflict"),
            "\(run.stdout)")
        #expect(!run.stdout.contains("0 files"))
    }

    @Test func aStagedNameThatIsNotUTF8IsCheckedUnderAnEscapedName() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        try writeFile(
            atBytes: Array(repo.url.appendingPathComponent("accounts").path.utf8) + Array("/caf".utf8) + [0xE9]
                + Array(".md".utf8), Self.broken)
        try repo.git("add", "-A")
        let run = try staged(repo)
        #expect(run.status == 1)
        #expect(
            run.stdout.contains("accounts/caf\\xE9.md:4:8: error[invalid-value]: unknown stage 'discvery'"),
            "\(run.stdout)")
    }

    @Test func changesDoesNotReadAnOldVersionOverTheLimit() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        let big = Self.good + String(repeating: "- 2026-11-01: a long visit note line\n", count: 11 * 1_048_576 / 36)
        try repo.write("accounts/initech.md", big)
        try repo.git("commit", "-q", "-am", "big")
        let base = try repo.git("rev-parse", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.write(
            "accounts/initech.md", Self.good.replacingOccurrences(of: "stage: discovery", with: "stage: proposal"))
        let run = try runBinary(["changes", "--since", base, "--as-of", "2026-11-20"], in: repo.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("accounts/initech.md was larger than 10 MB (11."), "\(run.stdout)")
        #expect(run.stdout.contains("MB) at \(base.prefix(7)) ("), "\(run.stdout)")
        #expect(run.stdout.contains("): that version is not read"), "\(run.stdout)")
        #expect(!run.stdout.contains("(accounts/initech.md)"), "no change is claimed for it: \(run.stdout)")
    }

    @Test func rawDiffKeepsEveryPathByItsBytes() {
        let id = String(repeating: "a", count: 40), zero = String(repeating: "0", count: 40)
        var data = Data()
        for field in [
            ":100644 000000 \(id) \(zero) D", "gone.md", ":100644 100644 \(id) \(id) R100", "old.md", "new\nname.md",
            ":100644 000000 \(id) \(zero) U", "conflict.md", ":000000 120000 \(zero) \(id) A", "link.md",
        ] {
            data.append(contentsOf: Array(field.utf8) + [0])
        }
        let entries = Git.rawDiff(data)
        #expect(entries.map(\.path) == ["gone.md", "new\nname.md", "conflict.md", "link.md"])
        #expect(entries.map(\.status) == ["D", "R", "U", "A"])
        #expect(entries.map(\.isFile) == [false, true, false, false])
        #expect(entries[1].id == id)
    }
}
