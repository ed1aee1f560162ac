import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesSupport

/// `extends:` in fieldnotes.yml, a checklist outside the repository, and `fieldnotes config`.
struct ConfigChainTests {
    /// A team folder with shared settings and checklist, and a notes repository that extends them.
    static func teamLayout(_ repoConfig: String, base: String? = nil) throws -> TempRepo {
        let checklist = """
            questions:
              - id: why_now
                ask: Why now?
                category: Change
                from: prospecting
                section: Why now

            """
        return try TempRepo([
            "team/base.yml": base ?? """
                checklist: checklist.yml
                stale_after_days: 21
                internal_roles: [coach]
                severity:
                  unanswered-question: note
                  stale-contact: off
                fields:
                  region: { type: string }
                  tier: { type: enum, values: [a, b, c] }

                """,
            "team/checklist.yml": checklist,
            "repo/fieldnotes.yml": repoConfig,
            "repo/accounts/a.md": validNote,
        ])
    }

    static let extending = """
        extends: ../team/base.yml
        internal_roles: [champion]
        severity:
          stale-contact: warning
        fields:
          tier: { type: enum, values: [gold, silver] }

        """

    @Test func theExtendingFileWinsKeyByKeyAndSeverityAndFieldsEntryByEntry() throws {
        let repo = try Self.teamLayout(Self.extending)
        let workspace = try Workspace.open(paths: [], cwd: repo.url.appendingPathComponent("repo"), configPath: nil)
        let config = workspace.config
        #expect(config.staleAfter.days == 21)  // from the base
        #expect(config.internalRoles == ["champion"])  // a list is replaced, not added to
        #expect(config.severity(of: .unansweredQuestion) == .note)  // the base's entry stays
        #expect(config.severity(of: .staleContact) == .warning)  // the extending file's entry wins
        #expect(config.fields.map(\.name) == ["region", "tier"])
        guard case .enumeration(let values) = config.fields[1].type else {
            Issue.record("tier is not an enum")
            return
        }
        #expect(values == ["gold", "silver"])
        // The checklist is relative to the file that names it, outside the notes repository.
        #expect(workspace.checklist.questions.map(\.id) == ["why_now"])
        #expect(workspace.settings.origins["stale_after_days"]?.file.path.hasSuffix("team/base.yml") == true)
        #expect(workspace.settings.origins["severity.stale-contact"]?.position.line == 4)
    }

    @Test func chainsOfExtendsAreFollowed() throws {
        let repo = try Self.teamLayout(
            "extends: ../team/middle.yml\n", base: "stale_after_days: 12\nbriefs: out\n")
        try repo.write("team/middle.yml", "extends: base.yml\nbriefs: middle\n")
        let workspace = try Workspace.open(paths: [], cwd: repo.url.appendingPathComponent("repo"), configPath: nil)
        #expect(workspace.config.staleAfter.days == 12)
        #expect(workspace.config.briefs == "middle")
        #expect(workspace.settings.files.count == 3)
    }

    @Test func aCycleIsAnErrorAtTheExtendsLine() throws {
        let repo = try Self.teamLayout(
            "severity:\n  stale-contact: note\nextends: ../team/base.yml\n",
            base: "stale_after_days: 9\nextends: ../repo/fieldnotes.yml\n")
        let run = runCLI(["check"], in: repo.url.appendingPathComponent("repo"))
        #expect(run.status == 2)
        #expect(run.stderr.contains("base.yml:2:10: error: 'extends' makes a cycle"), "\(run.stderr)")
        #expect(run.stderr.contains("fieldnotes.yml → "), "\(run.stderr)")
        // A file that extends itself.
        try repo.write("repo/fieldnotes.yml", "extends: fieldnotes.yml\n")
        let own = runCLI(["config"], in: repo.url.appendingPathComponent("repo"))
        #expect(own.status == 2)
        #expect(own.stderr.contains("fieldnotes.yml:1:10: error: 'extends' makes a cycle"), "\(own.stderr)")
        // The same file through a link to its own folder is a cycle, not a long path that ends missing.
        try FileManager.default.createSymbolicLink(
            atPath: repo.url.appendingPathComponent("repo/sub").path, withDestinationPath: ".")
        try repo.write("repo/fieldnotes.yml", "extends: sub/fieldnotes.yml\n")
        let linked = runCLI(["config"], in: repo.url.appendingPathComponent("repo"))
        #expect(linked.status == 2)
        #expect(linked.stderr.contains("fieldnotes.yml:1:10: error: 'extends' makes a cycle"), "\(linked.stderr)")
    }

    @Test func aMissingOrMistypedExtendsIsLocated() throws {
        let repo = try Self.teamLayout("briefs: b\nextends: ../team/nope.yml\n")
        let run = runCLI(["check"], in: repo.url.appendingPathComponent("repo"))
        #expect(run.status == 2)
        #expect(run.stderr.contains("fieldnotes.yml:2:10: error: no such file '../team/nope.yml'"), "\(run.stderr)")
        try repo.write("repo/fieldnotes.yml", "extends: [a, b]\n")
        let list = runCLI(["check"], in: repo.url.appendingPathComponent("repo"))
        #expect(list.status == 2)
        #expect(list.stderr.contains("fieldnotes.yml:1:10: error: 'extends' should be the path"), "\(list.stderr)")
        // A broken extended file is reported in that file.
        try repo.write("repo/fieldnotes.yml", "extends: ../team/base.yml\n")
        try repo.write("team/base.yml", "stale_after_dayz: 3\n")
        let broken = runCLI(["check"], in: repo.url.appendingPathComponent("repo"))
        #expect(broken.stderr.contains("base.yml:1:1: error: unknown key 'stale_after_dayz'"), "\(broken.stderr)")
    }

    @Test func aMissingChecklistIsReportedInTheFileThatNamesIt() throws {
        let repo = try Self.teamLayout("extends: ../team/base.yml\n", base: "checklist: gone.yml\n")
        let run = runCLI(["check"], in: repo.url.appendingPathComponent("repo"))
        #expect(run.status == 2)
        #expect(run.stderr.contains("base.yml:1:12: error: no such file 'gone.yml'"), "\(run.stderr)")
    }

    /// The history's cache is keyed by every settings file of the chain: a team field added in
    /// the extended file changes what a version's facts are.
    @Test func anExtendedFileChangesTheHistoryCacheKey() throws {
        let repo = try Self.teamLayout("extends: ../team/base.yml\n", base: "briefs: out\n")
        func fingerprint() throws -> String {
            let workspace = try Workspace.open(paths: [], cwd: repo.url.appendingPathComponent("repo"), configPath: nil)
            let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: testDay)
            return SnapshotCache.fingerprint(context, maxSize: FileReader.maxSize)
        }
        let before = try fingerprint()
        try repo.write("team/base.yml", "briefs: out\nfields:\n  region: { type: string }\n")
        #expect(try fingerprint() != before)
    }

    /// Every key of fieldnotes.yml is carried from an extended file: a new key needs its line in
    /// `ConfigChain.overlay`.
    @Test func everyKeyIsMerged() {
        #expect(ConfigChain.mergedKeys == Set(Config.keys))
    }

    @Test func extendedFilesInTheRepositoryAreSettingsFiles() throws {
        let repo = try TempRepo([
            "fieldnotes.yml": "extends: shared/base.yml\n", "shared/base.yml": "briefs: out\n",
            "accounts/a.md": validNote,
        ])
        let workspace = try Workspace.open(paths: [], cwd: repo.url, configPath: nil)
        #expect(workspace.settingsFiles.contains("shared/base.yml"))
    }

    @Test func configSaysWhereEachSettingComesFrom() throws {
        let repo = try Self.teamLayout(Self.extending)
        let run = runCLI(["config"], in: repo.url.appendingPathComponent("repo"))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        func line(_ prefix: String) -> String? { lines.first { $0.hasPrefix(prefix) } }
        #expect(line("# Read from: fieldnotes.yml, then ")?.hasSuffix("team/base.yml") == true)
        #expect(line("internal_roles: [champion]")?.hasSuffix("# fieldnotes.yml:2:1") == true)
        #expect(line("stale_after_days: 21")?.hasSuffix("team/base.yml:2:1") == true)
        #expect(line("briefs: briefs")?.hasSuffix("# default") == true)
        #expect(line("  stale-contact: warning")?.hasSuffix("# fieldnotes.yml:4:3") == true)
        #expect(line("  unanswered-question: note")?.hasSuffix("team/base.yml:5:3") == true)
        #expect(line("  tier: { type: enum, values: [gold, silver] }")?.hasSuffix("# fieldnotes.yml:6:3") == true)
        #expect(line("checklist: ")?.contains("team/checklist.yml") == true)
    }

    @Test func configAsJSON() throws {
        let repo = try Self.teamLayout(Self.extending)
        let run = runCLI(["config", "--format", "json"], in: repo.url.appendingPathComponent("repo"))
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let settings = try #require(object["settings"] as? [[String: Any]])
        func setting(_ key: String) -> [String: Any]? { settings.first { $0["key"] as? String == key } }
        let roles = try #require(setting("internal_roles"))
        #expect(roles["value"] as? [String] == ["champion"])
        let from = try #require(roles["from"] as? [String: Any])
        #expect(from["path"] as? String == "fieldnotes.yml" && from["line"] as? Int == 2 && from["column"] as? Int == 1)
        #expect(setting("briefs")?["from"] is NSNull)
        #expect(setting("severity.stale-contact")?["value"] as? String == "warning")
        #expect((object["files"] as? [String])?.count == 2)
    }

    @Test func configWithoutAFileIsAllDefaults() throws {
        let repo = try TempRepo(["accounts/a.md": validNote])
        let run = runCLI(["config"], in: repo.url)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("# No fieldnotes.yml: every setting has its default.\n"))
        let settings = run.stdout.split(separator: "\n").dropFirst().filter { $0.contains(": ") }
        #expect(!settings.isEmpty && settings.allSatisfy { $0.contains("# default") }, "\(run.stdout)")
        #expect(runCLI(["config", "nope"], in: repo.url).status == 2)
    }
}

/// `check --stdin-filename PATH -`: standard input checked as the file at PATH.
struct StdinFilenameTests {
    /// Runs the CLI in-process with `input` on standard input.
    func run(_ arguments: [String], input: String, in directory: URL) -> Run {
        final class Sink: @unchecked Sendable { var out = ""; var err = "" }
        let sink = Sink()
        var env = CommandEnvironment(
            arguments: arguments, variables: [:], cwd: directory, stdoutIsTerminal: false, today: testDay,
            stdout: { sink.out += $0 }, stderr: { sink.err += $0 })
        let bytes = Array(input.utf8)
        env.stdin = { limit in (Array(bytes.prefix(limit)), bytes.count) }
        let status = CLI.run(env)
        return Run(status: status, stdout: sink.out, stderr: sink.err)
    }

    static let config = "fields:\n  tier: { type: enum, values: [a, b] }\n"

    @Test func standardInputIsCheckedAsThatFile() throws {
        let repo = try TempRepo(["notes/fieldnotes.yml": Self.config, "notes/accounts/a.md": validNote])
        let bad = validNote.replacingOccurrences(of: "stage: prospecting", with: "stage: prospecting\ntier: c")
        // From the top, with a path to a file that does not exist yet: its settings are found upwards.
        let result = run(
            ["check", "--as-of", "2026-11-20", "--stdin-filename", "notes/accounts/new.md", "-"], input: bad,
            in: repo.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            result.stdout.contains("accounts/new.md:5:7: error[invalid-value]: unknown tier 'c'"), "\(result.stdout)")
        let good = run(
            ["check", "--as-of", "2026-11-20", "--stdin-filename", "accounts/a.md", "-"], input: validNote,
            in: repo.url.appendingPathComponent("notes"))
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.contains("in 1 file"), "\(good.stdout)")
    }

    @Test func aPathThatIsNotAnAccountIsNotChecked() throws {
        let repo = try TempRepo(["fieldnotes.yml": Self.config, "accounts/a.md": validNote])
        let result = run(["check", "--stdin-filename", "README.md", "-"], input: "# Read me\n", in: repo.url)
        #expect(result.status == 0)
        #expect(result.stderr.contains("'README.md' is not an account file"), "\(result.stderr)")
        #expect(!result.stdout.contains("error"))
    }

    @Test func dashAndTheOptionGoTogether() throws {
        let repo = try TempRepo(["accounts/a.md": validNote])
        let dash = run(["check", "-"], input: validNote, in: repo.url)
        #expect(dash.status == 2)
        #expect(dash.stderr.contains("fieldnotes check --stdin-filename accounts/NAME.md -"), "\(dash.stderr)")
        for args in [
            ["check", "--stdin-filename", "accounts/x.md", "accounts/a.md"],
            ["check", "--stdin-filename", "accounts/x.md", "-", "accounts/a.md"],
            ["check", "--staged", "--stdin-filename", "accounts/x.md"],
        ] {
            let result = run(args, input: validNote, in: repo.url)
            #expect(result.status == 2, "\(args)")
            #expect(result.stderr.contains("--stdin-filename"), "\(args): \(result.stderr)")
        }
    }

    @Test func standardInputIsBoundedLikeAFile() throws {
        let repo = try TempRepo(["accounts/a.md": validNote])
        let big = validNote + String(repeating: "x", count: FileReader.maxSize)
        let result = run(["check", "--stdin-filename", "accounts/big.md", "-"], input: big, in: repo.url)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("accounts/big.md:1:1: error[encoding]: the file is larger than 10 MB"),
            "\(result.stdout)")
    }

    /// The real standard input of the binary.
    @Test func theBinaryReadsStandardInput() throws {
        let repo = try TempRepo(["accounts/a.md": validNote])
        let bad = validNote.replacingOccurrences(of: "stage: prospecting", with: "stage: prospectin")
        let result = try runBinary(
            ["check", "--as-of", "2026-11-20", "--stdin-filename", "accounts/a.md", "-"], in: repo.url, stdin: bad)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("accounts/a.md:4:8: error[invalid-value]: unknown stage 'prospectin'"),
            "\(result.stdout)")
    }
}
