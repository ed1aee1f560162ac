import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// `check --staged` and the pre-commit hook, in real temporary git repositories.
@Suite(.serialized) struct GitWorkflowTests {
    static func notes() -> [String: String] {
        var files: [String: String] = [:]
        for file in EmbeddedTemplate.files where !file.path.hasPrefix(".") { files[file.path] = file.contents }
        return files
    }

    func commit(_ repo: GitRepo, in sub: String = "") throws -> Run {
        try repo.git("commit", "-q", "-m", "change", in: sub)
    }

    @Test func stagedContentNotTheWorkingCopy() throws {
        let repo = try GitRepo(Self.notes())
        let good = try repo.read("accounts/initech.md")
        try repo.write(
            "accounts/initech.md", good.replacingOccurrences(of: "stage: discovery", with: "stage: discvery"))
        try repo.git("add", "accounts/initech.md")
        try repo.write("accounts/initech.md", good)  // fixed, but not staged
        let run = try runBinary(["check", "--staged", "--as-of", "2026-11-20"], in: repo.url)
        #expect(run.status == 1)
        #expect(run.stdout.contains("accounts/initech.md:4:8: error[invalid-value]: unknown stage 'discvery'"))
        #expect(run.stdout.contains("in 1 file\n"), "only the staged file is checked")
        #expect(
            run.stdout.hasSuffix(
                "The commit was stopped: fix the errors above, 'git add' the files, and commit again.\n"))
        try repo.git("add", "accounts/initech.md")
        let fixed = try runBinary(["check", "--staged", "--as-of", "2026-11-20"], in: repo.url)
        #expect(fixed.status == 0)
    }

    @Test func hookRefusesABadCommitAndPassesAGoodOne() throws {
        let repo = try GitRepo(Self.notes())
        let install = try runBinary(["hook", "install"], in: repo.url)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.hasPrefix("installed the pre-commit hook: .git/hooks/pre-commit\n"))
        let good = try repo.read("accounts/binford-tools.md")
        try repo.write(
            "accounts/binford-tools.md",
            good.replacingOccurrences(of: "last_visit: 2026-11-02", with: "last_visit: 2026-02-30"))
        try repo.git("add", "-A")
        let refused = try commit(repo)
        #expect(refused.status != 0)
        #expect(
            refused.stdout.contains("error[invalid-date]: no such day '2026-02-30'")
                || refused.stderr.contains("error[invalid-date]"))
        // Fixed but not staged: still refused.
        try repo.write("accounts/binford-tools.md", good)
        #expect(try commit(repo).status != 0)
        // --no-verify works as git users expect.
        let skipped = try repo.git("commit", "-q", "--no-verify", "-m", "anyway")
        #expect(skipped.status == 0)
        try repo.git("add", "-A")
        let passed = try commit(repo)
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        // A warning does not stop a commit, and says so.
        try repo.write("accounts/binford-tools.md", good + "\n## What changed\nAgain.\n")
        try repo.git("add", "-A")
        let warned = try commit(repo)
        #expect(warned.status == 0)
        let said = warned.stdout + warned.stderr
        // The hook uses the system date, so the count of date warnings depends on the day: match the shape.
        #expect(
            said.contains("Not blocking (see them with 'fieldnotes check FILE'):\n  accounts/binford-tools.md: "),
            "\(said)")
        #expect(said.contains("Warnings do not stop the commit."))
        #expect(!said.contains("duplicate-section"), "warnings are summarized, not printed in full, before a commit")
        #expect(try runBinary(["hook", "uninstall"], in: repo.url).stdout.hasPrefix("removed the pre-commit hook"))
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent(".git/hooks/pre-commit").path))
    }

    @Test func aChecklistChangeRechecksEveryAccount() throws {
        let repo = try GitRepo(Self.notes())
        let checklist = try repo.read("checklist.yml")
        // Make 'strategic_fit' due from discovery: Initech (discovery) has no such section.
        let question = checklist.range(of: "  - id: strategic_fit")!
        let from = checklist.range(of: "from: solution", range: question.upperBound..<checklist.endIndex)!
        try repo.write("checklist.yml", checklist.replacingCharacters(in: from, with: "from: discovery"))
        try repo.git("add", "checklist.yml")
        let run = try runBinary(["check", "--staged", "--as-of", "2026-11-20", "--format", "json"], in: repo.url)
        #expect(run.stdout.contains("\"files\": 3"), "\(run.stdout)")
        // One more question due at the stage: a note of the finding that groups them.
        #expect(run.stdout.contains("7 questions due at discovery have no section or field"))
        #expect(run.stdout.contains("\"message\": \"'strategic_fit': add a '## Strategic fit' section"))
        // A broken staged checklist stops the commit with a located error.
        try repo.write("checklist.yml", "questions:\n  - id: x\n    from: someday\n")
        try repo.git("add", "checklist.yml")
        let broken = try runBinary(["check", "--staged"], in: repo.url)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("checklist.yml:3:11: error: unknown stage 'someday'"))
    }

    @Test func renamesDeletionsSpacesAndSubfolders() throws {
        let repo = try GitRepo(Self.notes(), subfolder: "sales/notes")
        let notes = "sales/notes"
        try repo.git("mv", "\(notes)/accounts/initech.md", "\(notes)/accounts/Initech Hydraulics — Zoë.md")
        try repo.git("rm", "-q", "\(notes)/accounts/ridgeline-pumps.md")
        let text = try repo.read("\(notes)/accounts/Initech Hydraulics — Zoë.md")
        try repo.write(
            "\(notes)/accounts/Initech Hydraulics — Zoë.md",
            text.replacingOccurrences(of: "tier: b", with: "tier: z"))
        try repo.git("add", "-A")
        // From the notes folder and from a subfolder of it.
        for dir in [notes, "\(notes)/accounts"] {
            let run = try runBinary(
                ["check", "--staged", "--as-of", "2026-11-20", "--format", "json"],
                in: repo.url.appendingPathComponent(dir))
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stdout.contains("\"path\": \"accounts/Initech Hydraulics — Zoë.md\""))
            #expect(run.stdout.contains("\"files\": 1"))
        }
        // The hook works from the top of the bigger repository.
        #expect(try runBinary(["hook", "install"], in: repo.url.appendingPathComponent(notes)).status == 0)
        let refused = try repo.git("commit", "-q", "-m", "rename")
        #expect(refused.status != 0)
        #expect((refused.stdout + refused.stderr).contains("unknown tier 'z'"))
    }

    @Test func foreignHookIsNotClobbered() throws {
        let repo = try GitRepo(Self.notes())
        let hook = repo.url.appendingPathComponent(".git/hooks/pre-commit")
        try "#!/bin/sh\necho team hook\n".write(to: hook, atomically: true, encoding: .utf8)
        let run = try runBinary(["hook", "install"], in: repo.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("was not written by fieldnotes"))
        #expect(run.stderr.contains("fieldnotes check --staged"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == "#!/bin/sh\necho team hook\n")
        #expect(try runBinary(["hook", "uninstall"], in: repo.url).status == 2)
        #expect(FileManager.default.fileExists(atPath: hook.path))
    }

    @Test func hooksPathIsRespected() throws {
        let repo = try GitRepo(Self.notes())
        try repo.git("config", "core.hooksPath", ".githooks")
        let run = try runBinary(["hook", "install"], in: repo.url)
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: repo.url.appendingPathComponent(".githooks/pre-commit").path))
        #expect(try runBinary(["hook", "install"], in: repo.url).stdout.hasPrefix("updated the pre-commit hook"))
    }

    @Test func stagedOutsideGitIsAClearError() throws {
        let repo = try TempRepo(["accounts/a.md": validNote])
        let run = runCLI(["check", "--staged"], in: repo.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("not a git repository"))
        #expect(runCLI(["check", "--staged", "accounts/a.md"], in: repo.url).status == 2)
    }
}

/// CI formats: SARIF validated against the SARIF 2.1.0 schema, GitHub workflow commands escaped.
struct CIFormatTests {
    @Test func sarifHasOneRuleEntryPerRule() throws {
        let run = runCLI(
            ["check", "--format", "sarif", "--as-of", "2026-11-20"],
            in: Project.fixtures.appendingPathComponent("rules"))
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        let driver = try #require(((runs[0]["tool"] as? [String: Any])?["driver"]) as? [String: Any])
        #expect((driver["rules"] as? [Any])?.count == Rule.allCases.count)
        #expect(((runs[0]["results"] as? [Any])?.count ?? 0) > 50)
    }

    static let sarifSchema = Project.root.appendingPathComponent(".build/sarif-schema-2.1.0.json")

    @Test(
        .needs("check-jsonschema"),
        .enabled(
            if: isCI || FileManager.default.fileExists(atPath: sarifSchema.path),
            "the SARIF schema is absent: run Scripts/sarif-schema"))
    func sarifIsValidAgainstTheSchema() throws {
        let run = runCLI(
            ["check", "--format", "sarif", "--as-of", "2026-11-20"],
            in: Project.fixtures.appendingPathComponent("rules"))
        let schema = Self.sarifSchema
        guard let validator = requireTool("check-jsonschema") else { return }
        guard FileManager.default.fileExists(atPath: schema.path) else {
            Issue.record("the SARIF schema is missing; .ci/run writes it with Scripts/sarif-schema")
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-\(UUID().uuidString).sarif")
        try run.stdout.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try runProgram(validator, ["--regex-variant", "python", "--schemafile", schema.path, file.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // The validator does reject a broken document.
        try run.stdout.replacingOccurrences(of: "\"level\": \"error\"", with: "\"level\": \"fatal\"").write(
            to: file, atomically: true, encoding: .utf8)
        #expect(
            try runProgram(validator, ["--regex-variant", "python", "--schemafile", schema.path, file.path]).status != 0
        )
    }

    @Test func githubAnnotationsAreEscaped() throws {
        #expect(GitHubRenderer.data("50% done\r\nnext") == "50%25 done%0D%0Anext")
        #expect(GitHubRenderer.property("a:b,c%") == "a%3Ab%2Cc%25")
        let repo = try TempRepo([
            "accounts/a:b, c.md": validNote.replacingOccurrences(of: "stage: prospecting", with: "stage: 100%")
        ])
        let run = runCLI(["check", "--format", "github"], in: repo.url)
        #expect(run.status == 1)
        #expect(
            run.stdout
                == "::error file=accounts/a%3Ab%2C c.md,line=4,col=8,endLine=4,endColumn=12,"
                + "title=fieldnotes invalid-value::unknown stage '100%25'%0Ahelp: use one of: "
                + "prospecting, discovery, solution, proposal, negotiation, closed_won, closed_lost\n"
        )
    }
}

/// The real pre-commit framework, installing fieldnotes from this repository's
/// .pre-commit-hooks.yaml (it builds it with `swift build -c release`).
struct PreCommitFrameworkTests {
    static var hooksFileCommitted: Bool {
        let project = Git(directory: Project.root)
        guard let head = try? project.string(["rev-parse", "HEAD"]) else { return false }
        return (try? project.run(["cat-file", "-e", "\(head):.pre-commit-hooks.yaml"])) != nil
    }

    @Test(.needs("pre-commit"), .enabled(if: isCI || hooksFileCommitted, ".pre-commit-hooks.yaml is not committed"))
    func badCommitRefusedGoodCommitPasses() throws {
        guard let preCommit = requireTool("pre-commit") else { return }
        guard Self.hooksFileCommitted, let head = try? Git(directory: Project.root).string(["rev-parse", "HEAD"]) else {
            Issue.record(".pre-commit-hooks.yaml is not in the checked-out commit")
            return
        }
        let repo = try GitRepo(GitWorkflowTests.notes())
        // A cache inside .build: reused between local runs, fresh in CI.
        repo.environment["PRE_COMMIT_HOME"] = Project.root.appendingPathComponent(".build/pre-commit-home").path
        try repo.write(
            ".pre-commit-config.yaml",
            """
            repos:
              - repo: \(Project.root.path)
                rev: \(head)
                hooks:
                  - id: fieldnotes

            """)
        try repo.git("add", ".pre-commit-config.yaml")
        try repo.git("commit", "-q", "-m", "pre-commit")
        let install = try runProgram(preCommit, ["install"], in: repo.url, environment: repo.environment)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        let good = try repo.read("accounts/initech.md")
        try repo.write(
            "accounts/initech.md", good.replacingOccurrences(of: "stage: discovery", with: "stage: discvery"))
        try repo.git("add", "-A")
        let refused = try repo.git("commit", "-m", "typo")
        #expect(refused.status != 0, "\(refused.stdout)\(refused.stderr)")
        #expect(
            (refused.stdout + refused.stderr).contains("unknown stage 'discvery'"), "\(refused.stdout)\(refused.stderr)"
        )
        try repo.write("accounts/initech.md", good.replacingOccurrences(of: "budget: unknown", with: "budget: planned"))
        try repo.git("add", "-A")
        let passed = try repo.git("commit", "-m", "budget known")
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        #expect((passed.stdout + passed.stderr).contains("fieldnotes check"))
    }
}
