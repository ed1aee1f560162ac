import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Markdown and HTML briefs in one folder, the pipeline page, what `new` writes, and the
/// pre-commit configuration `init` writes.
struct BriefsFolderAndTemplateTests {
    /// A notes repository made from the built-in template (the caller removes it).
    func templateRepo() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-briefs-\(UUID().uuidString)")
        try InitCommand.write(EmbeddedTemplate.files, into: url, cwd: url)
        return url
    }

    // MARK: - One folder for both formats

    @Test func markdownAndHTMLBriefsShareOneFolder() throws {
        let repo = try templateRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let markdown = runCLI(["brief", "--out"], in: repo)
        #expect(markdown.status == 0, "\(markdown.stderr)")
        let html = runCLI(["brief", "--format", "html", "--out"], in: repo)
        #expect(html.status == 0, "\(html.stderr)")
        // Writing Markdown again leaves the pipeline page and the HTML briefs alone.
        let again = runCLI(["brief", "--out"], in: repo)
        #expect(again.stdout == "0 created, 0 updated, 0 removed, 3 unchanged\n", "\(again.stdout)")
        #expect(FileManager.default.fileExists(atPath: repo.appendingPathComponent("briefs/index.html").path))
        // Either format's check passes right after both were written.
        let checkMarkdown = runCLI(["brief", "--check"], in: repo)
        #expect(checkMarkdown.status == 0, "\(checkMarkdown.stdout)\(checkMarkdown.stderr)")
        #expect(checkMarkdown.stdout == "briefs are up to date (3 files in briefs)\n")
        let checkHTML = runCLI(["brief", "--format", "html", "--check"], in: repo)
        #expect(checkHTML.status == 0, "\(checkHTML.stdout)\(checkHTML.stderr)")
        #expect(checkHTML.stdout == "briefs are up to date (4 files in briefs)\n")
    }

    @Test func eachFormatRemovesOnlyItsOwnOrphans() throws {
        let repo = try templateRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        #expect(runCLI(["brief", "--out"], in: repo).status == 0)
        #expect(runCLI(["brief", "--format", "html", "--out"], in: repo).status == 0)
        try FileManager.default.removeItem(at: repo.appendingPathComponent("accounts/initech.md"))
        // Markdown sees its own orphan only.
        let check = runCLI(["brief", "--check"], in: repo)
        #expect(check.stdout == "orphaned: briefs/initech.md (its account no longer exists)\n", "\(check.stdout)")
        let markdown = runCLI(["brief", "--out"], in: repo)
        #expect(markdown.stdout.contains("removed briefs/initech.md\n"))
        #expect(!markdown.stdout.contains(".html"), "\(markdown.stdout)")
        #expect(FileManager.default.fileExists(atPath: repo.appendingPathComponent("briefs/initech.html").path))
        // HTML's check says so, with the command that fixes it.
        let checkHTML = runCLI(["brief", "--format", "html", "--check"], in: repo)
        #expect(
            checkHTML.stdout.contains("orphaned: briefs/initech.html (its account no longer exists)\n"),
            "\(checkHTML.stdout)")
        #expect(!checkHTML.stdout.contains("initech.md"))
        #expect(checkHTML.stderr.contains("run 'fieldnotes brief --format html --out'"), "\(checkHTML.stderr)")
        let html = runCLI(["brief", "--format", "html", "--out"], in: repo)
        #expect(html.stdout.contains("removed briefs/initech.html\n"))
        #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent("briefs/initech.html").path))
        #expect(runCLI(["brief", "--check"], in: repo).status == 0)
        #expect(runCLI(["brief", "--format", "html", "--check"], in: repo).status == 0)
    }

    // MARK: - The pipeline page

    @Test func thePipelinePageIsEveryAccountWhateverBriefsAreWritten() throws {
        let repo = try templateRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        #expect(runCLI(["brief", "--format", "html", "--out"], in: repo).status == 0)
        let index = repo.appendingPathComponent("briefs/index.html")
        let full = try String(contentsOf: index, encoding: .utf8)
        #expect(full.contains("3 accounts"))
        // One account named: its brief is written, the pipeline page stays every account.
        let one = runCLI(["brief", "--format", "html", "--out=briefs", "accounts/initech.md"], in: repo)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == "0 created, 0 updated, 0 removed, 2 unchanged\n", "\(one.stdout)")
        #expect(try String(contentsOf: index, encoding: .utf8) == full)
        // The same with --owner, and from an empty folder.
        try FileManager.default.removeItem(at: repo.appendingPathComponent("briefs"))
        let owner = runCLI(["brief", "--format", "html", "--out=briefs", "--owner", "sam.okafor"], in: repo)
        #expect(owner.status == 0, "\(owner.stderr)")
        #expect(try String(contentsOf: index, encoding: .utf8) == full)
        // Checking one account checks the whole pipeline page.
        #expect(
            runCLI(["brief", "--format", "html", "--check", "--out=briefs", "accounts/initech.md"], in: repo).status
                == 0)
    }

    // MARK: - new

    @Test func newKeepsTheTemplatesCommentsWhole() throws {
        let repo = try templateRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = runCLI(["new", "Ørsted Pumps", "--owner", "dana.reyes", "--stage", "discovery"], in: repo)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "accounts/orsted-pumps.md\n")
        let text = try String(contentsOf: repo.appendingPathComponent("accounts/orsted-pumps.md"), encoding: .utf8)
        let template = try #require(EmbeddedTemplate.files.first { $0.path == "accounts/_template.md" }?.contents)
        let templateLines = Set(template.split(separator: "\n", omittingEmptySubsequences: false))
        // Every comment of the front matter is one of the template's, whole.
        let front = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix { $0 != "---" }
        #expect(front.first == "# Leave a value empty until you know it: an empty value is an open question, a made-up")
        for line in front where line.hasPrefix("#") {
            #expect(templateLines.contains(line), "\(line)")
        }
        #expect(!text.contains("Copy this file"))
        // Filled lines keep their hints, at the template's column.
        #expect(
            front.contains(
                "stage: discovery          # prospecting, discovery, solution, proposal, "
                    + "negotiation, closed_won, closed_lost"
            ))
        #expect(front.contains("account: Ørsted Pumps     # the customer's name, e.g. Binford Tools"))
        #expect(front.contains("owner: dana.reyes         # you, e.g. dana.reyes"))
        #expect(front.contains("budget: unknown           # unknown, none, planned, approved"))
        #expect(text.contains("\n# Ørsted Pumps\n"))
        // It reads back as written.
        let parsed = runCLI(["parse", "accounts/orsted-pumps.md"], in: repo)
        let tree = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
        #expect(tree["account"] as? String == "Ørsted Pumps")
        #expect(tree["stage"] as? String == "discovery")
        #expect(tree["owner"] as? String == "dana.reyes")
    }

    /// A repository's own template with the instruction running into the next sentence (as
    /// earlier templates had it): the sentence goes, the rest of the comment stays whole.
    @Test func anInstructionSharingItsLinesLeavesTheRestWhole() {
        let template = """
            ---
            # Copy this file to accounts/<account-name>.md and fill it in. Leave a value empty
            # until you know it: an empty value is an open question, a made-up one hides it.
            # Text needs no quotes unless it contains ": " or " #". Dates are YYYY-MM-DD.
            account:                  # the customer's name
            stage: prospecting        # prospecting, discovery, solution
            ---

            # Account name

            """
        let filled = AccountFile.fill(
            template, values: ["account": "A very long account name indeed", "stage": "solution"], title: "X")
        #expect(
            filled == """
                ---
                # Leave a value empty until you know it: an empty value is an open question, a
                # made-up one hides it.
                # Text needs no quotes unless it contains ": " or " #". Dates are YYYY-MM-DD.
                account: A very long account name indeed  # the customer's name
                stage: solution           # prospecting, discovery, solution
                ---

                # X

                """)
    }

    @Test func slugsWriteLatinLettersInASCII() {
        #expect(AccountFile.slug("Ørsted Pumps") == "orsted-pumps")
        #expect(AccountFile.slug("Müller Gießerei") == "muller-giesserei")
        #expect(AccountFile.slug("MÜLLER GIESSEREI") == "muller-giesserei")
        #expect(AccountFile.slug("Æbleskiver Œuvre Łódź") == "aebleskiver-oeuvre-lodz")
        #expect(AccountFile.slug("Þórður Sigurðsson") == "thordur-sigurdsson")
        // The template's accounts keep their file names; other scripts stay as written.
        #expect(AccountFile.slug("Binford Tools") == "binford-tools")
        #expect(AccountFile.slug("Ridgeline Pumps") == "ridgeline-pumps")
        #expect(AccountFile.slug("Initech") == "initech")
        #expect(AccountFile.slug("Zoë & Co. GmbH") == "zoe-co-gmbh")
        #expect(AccountFile.slug("株式会社トヨタ") == "株式会社トヨタ")
    }

    // MARK: - pre-commit

    /// `init --git`, then the real pre-commit framework with the configuration `init` wrote, as
    /// is: a bad staged account is refused, a good commit passes.
    @Test(.needs("pre-commit"))
    func theInitConfigurationRunsWithPreCommit() throws {
        guard let preCommit = requireTool("pre-commit") else { return }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-precommit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let initRun = try runBinary(["init", "--git", "notes"], in: base)
        #expect(initRun.status == 0, "\(initRun.stderr)")
        let repo = base.appendingPathComponent("notes")
        #expect(
            try String(contentsOf: repo.appendingPathComponent(".pre-commit-config.yaml"), encoding: .utf8)
                == EmbeddedTemplate.files.first { $0.path == ".pre-commit-config.yaml" }?.contents)
        // `language: system` runs the fieldnotes on the PATH: the one just built.
        let path =
            Project.binary.deletingLastPathComponent().path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let environment = [
            "PATH": path, "PRE_COMMIT_HOME": base.appendingPathComponent("pre-commit-home").path,
            "GIT_AUTHOR_NAME": "Rep", "GIT_AUTHOR_EMAIL": "rep@example.com",
            "GIT_COMMITTER_NAME": "Rep", "GIT_COMMITTER_EMAIL": "rep@example.com",
        ]
        func git(_ args: String...) throws -> Run {
            try runProgram(
                "/usr/bin/env", ["git", "-c", "commit.gpgsign=false"] + args, in: repo, environment: environment)
        }
        _ = try git("add", "-A")
        let first = try git("commit", "-q", "-m", "notes")
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        // pre-commit's own hook in place of the one `init --git` installed.
        let install = try runProgram(preCommit, ["install", "--overwrite"], in: repo, environment: environment)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        let good = try String(contentsOf: repo.appendingPathComponent("accounts/initech.md"), encoding: .utf8)
        try good.replacingOccurrences(of: "stage: discovery", with: "stage: discvery")
            .write(to: repo.appendingPathComponent("accounts/initech.md"), atomically: true, encoding: .utf8)
        _ = try git("add", "-A")
        let refused = try git("commit", "-m", "typo")
        #expect(refused.status != 0, "\(refused.stdout)\(refused.stderr)")
        #expect(
            (refused.stdout + refused.stderr).contains("unknown stage 'discvery'"), "\(refused.stdout)\(refused.stderr)"
        )
        #expect((refused.stdout + refused.stderr).contains("fieldnotes check"), "\(refused.stdout)\(refused.stderr)")
        try good.replacingOccurrences(of: "budget: unknown", with: "budget: planned")
            .write(to: repo.appendingPathComponent("accounts/initech.md"), atomically: true, encoding: .utf8)
        _ = try git("add", "-A")
        let passed = try git("commit", "-m", "budget known")
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        #expect((passed.stdout + passed.stderr).contains("fieldnotes check"), "\(passed.stdout)\(passed.stderr)")
        #expect((passed.stdout + passed.stderr).contains("Passed"), "\(passed.stdout)\(passed.stderr)")
    }
}
