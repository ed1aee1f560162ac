import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// What every command shares (options, totals, missing paths), and what the README says of it.
@Suite struct ConsistencyTests {
    // MARK: --format github

    @Test func githubAnnotationsCarryColumnsOnlyWithinOneLine() {
        let source = SourceFile(path: "accounts/a.md", text: "---\naccount: A\nstage: x\n---\n")
        let oneLine = Diagnostic(.invalidValue, "unknown stage 'x'", at: SourceRange(22, 23))
        let severalLines = Diagnostic(.frontMatterUnclosed, "no closing '---'", at: SourceRange(0, 20))
        let file = FileDiagnostics(path: "accounts/a.md", source: source, diagnostics: [severalLines, oneLine])
        let lines = GitHubRenderer.render([file], uriPrefix: "").split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("::error file=accounts/a.md,line=1,endLine=3,title="), "\(lines[0])")
        #expect(!lines[0].contains("col="), "\(lines[0])")
        #expect(!lines[0].contains("endColumn="), "\(lines[0])")
        #expect(
            lines[1].hasPrefix("::error file=accounts/a.md,line=3,col=8,endLine=3,endColumn=9,title="), "\(lines[1])")
    }

    // MARK: The totals line

    @Test func totalsSayHowManyOfTheFilesHaveFindings() {
        #expect(
            TextRenderer.summaryLine(errors: 1, warnings: 12, notes: 0, filesWithFindings: 2, files: 3)
                == "1 error, 12 warnings in 2 of 3 files")
        #expect(
            TextRenderer.summaryLine(errors: 0, warnings: 2, notes: 1, filesWithFindings: 3, files: 3)
                == "0 errors, 2 warnings, 1 note in 3 of 3 files")
        #expect(
            TextRenderer.summaryLine(errors: 0, warnings: 1, notes: 0, filesWithFindings: 1, files: 1)
                == "0 errors, 1 warning in 1 file")
        #expect(
            TextRenderer.summaryLine(errors: 0, warnings: 0, notes: 0, filesWithFindings: 0, files: 3)
                == "no problems in 3 files")
        #expect(
            TextRenderer.summaryLine(errors: 0, warnings: 0, notes: 0, filesWithFindings: 0, files: 1)
                == "no problems in 1 file")
        #expect(
            TextRenderer.summaryLine(errors: 0, warnings: 0, notes: 0, filesWithFindings: 0, files: 0)
                == "no files checked")
    }

    @Test func checkCountsTheFilesWithFindings() {
        // The template: warnings in one account of three.
        let run = runCLI(["check", "--as-of", "2026-11-20"], in: Project.template)
        #expect(run.stdout.hasSuffix("0 errors, 9 warnings in 1 of 3 files\n"), "\(run.stdout)")
        let clean = runCLI(["check", "--as-of", "2026-11-20", "accounts/ridgeline-pumps.md"], in: Project.template)
        #expect(clean.stdout == "no problems in 1 file\n", "\(clean.stdout)")
    }

    @Test func aCommitWithoutNotesPrintsNothingFromTheHook() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        try repo.write("README-team.md", "not a note\n")
        try repo.git("add", "README-team.md")
        let run = try runBinary(["check", "--staged", "--as-of", "2026-11-20"], in: repo.url)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        // Nothing staged at all: silent too.
        try repo.git("commit", "-q", "-m", "readme")
        let none = try runBinary(["check", "--staged", "--as-of", "2026-11-20"], in: repo.url)
        #expect(none.status == 0 && none.stdout.isEmpty && none.stderr.isEmpty, "\(none.stdout)\(none.stderr)")
    }

    // MARK: The hook names what it checked

    @Test func theHookSaysItCheckedTheStagedVersion() throws {
        let repo = try GitRepo(GitWorkflowTests.notes())
        let good = try repo.read("accounts/initech.md")
        try repo.write(
            "accounts/initech.md", good.replacingOccurrences(of: "stage: discovery", with: "stage: discvery"))
        try repo.write("accounts/zoë müller.md", good)
        try repo.git("add", "-A")
        try repo.write("accounts/initech.md", good)  // fixed in the editor, not staged
        let run = try runBinary(["check", "--staged", "--as-of", "2026-11-20"], in: repo.url)
        #expect(run.status == 1)
        let note =
            "note: accounts/initech.md: checked as staged; the working copy has changes that are not staged "
            + "('git add' them to commit them)\n"
        #expect(run.stdout.contains(note), "\(run.stdout)")
        #expect(!run.stdout.contains("note: accounts/zoë"), "a file staged as it is has no note: \(run.stdout)")
        #expect(run.stdout.components(separatedBy: "checked as staged").count == 2, "\(run.stdout)")
        // Staged as it is: no note.
        try repo.git("add", "-A")
        let after = try runBinary(["check", "--staged", "--as-of", "2026-11-20"], in: repo.url)
        #expect(!after.stdout.contains("checked as staged"), "\(after.stdout)")
        // From a subfolder, and with a path that needs its bytes.
        try repo.write("accounts/zoë müller.md", good + "\n")
        let sub = try runBinary(
            ["check", "--staged", "--as-of", "2026-11-20"], in: repo.url.appendingPathComponent("accounts"))
        #expect(sub.stdout.contains("note: accounts/zoë müller.md: checked as staged"), "\(sub.stdout)")
    }

    // MARK: Common options

    @Test func everyCommandThatPrintsTakesTheCommonOptions() {
        for command in CLI.commands.map(\.spec) where command.name != "lsp" {
            let names = command.options.map(\.long)
            for common in CommandSpec.commonOptions {
                #expect(names.contains(common.long), "\(command.name) lacks --\(common.long)")
                #expect(command.helpText().contains("--\(common.long)"), "\(command.name) --help")
            }
            #expect(Set(names).count == names.count, "\(command.name) lists an option twice")
        }
        for args in [
            ["missing", "--no-history", "--no-color"], ["summary", "--no-history", "--no-color", "--format", "text"],
            ["explain", "--no-color"], ["changes", "--quiet"], ["parse", "--no-color", "accounts/initech.md"],
            ["brief", "--no-history", "-q", "accounts/initech.md"],
        ] {
            let run = runCLI(args, in: Project.template)
            #expect(run.status != 2, "\(args): \(run.stderr)")
        }
    }

    @Test func quietLeavesOutWarningsAboutTheRun() {
        let loud = runCLI(["missing", "--no-history", "--owner", "nobody"], in: Project.template)
        #expect(loud.stderr.hasPrefix("warning: no accounts owned by 'nobody'"))
        let quiet = runCLI(["missing", "--no-history", "--owner", "nobody", "--quiet"], in: Project.template)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(quiet.stdout == loud.stdout)
        // Errors are still shown.
        let error = runCLI(["missing", "--no-history", "-q", "nope.md"], in: Project.template)
        #expect(error.status == 2 && error.stderr.hasPrefix("error: "))
    }

    // MARK: The README's option tables

    /// The README's option tables: by command name (or "" for the options of every command), each
    /// row's option (`--format`) and what follows it (`text|json`, `FILE`, or nothing for a flag).
    static func readmeTables() throws -> [String: [(name: String, short: Character?, value: String?)]] {
        let text = try String(contentsOf: Project.root.appendingPathComponent("README.md"), encoding: .utf8)
        var tables: [String: [(name: String, short: Character?, value: String?)]] = [:]
        var heading: String?
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("#") {
                inTable = false
                if let r = line.range(of: "`fieldnotes ") {
                    heading = String(line[r.upperBound...].prefix { $0 != " " && $0 != "`" })
                } else {
                    heading = line.contains("Options of every command") ? "" : nil
                }
                continue
            }
            if line == "| option | |" { inTable = heading != nil; continue }
            guard inTable, let heading else { continue }
            guard line.hasPrefix("| `") else {
                if !line.hasPrefix("|") { inTable = false }
                continue
            }
            // The first cell: `-q, --quiet` or `--format text\|json`.
            let cell = line.dropFirst(3).prefix { $0 != "`" }.replacingOccurrences(of: "\\|", with: "|")
            var short: Character?
            var rest = Substring(cell)
            if rest.hasPrefix("-"), !rest.hasPrefix("--"), let comma = rest.firstIndex(of: ",") {
                short = rest.dropFirst().first
                rest = rest[rest.index(after: comma)...].drop { $0 == " " }
            }
            let parts = rest.split(separator: " ", maxSplits: 1)
            tables[heading, default: []].append(
                (String(parts[0].dropFirst(2)), short, parts.count > 1 ? String(parts[1]) : nil))
        }
        return tables
    }

    @Test func theReadmeOptionTablesAgreeWithHelp() throws {
        let tables = try Self.readmeTables()
        for name in ["", "check", "missing", "summary", "changes", "parse"] {
            #expect(
                tables[name] != nil, "the README has no option table for '\(name.isEmpty ? "every command" : name)'")
        }
        for (name, rows) in tables {
            let options: [CommandSpec.Option]
            if name.isEmpty {
                options = CommandSpec.commonOptions
            } else {
                guard let spec = CLI.commands.first(where: { $0.spec.name == name })?.spec else {
                    Issue.record("the README has an option table for an unknown command '\(name)'")
                    continue
                }
                // A common option the command takes as it is, is in the table of every command.
                options = spec.options.filter { option in
                    !CommandSpec.commonOptions.contains { $0.long == option.long && $0.help == option.help }
                }
            }
            #expect(rows.map(\.name).sorted() == options.map(\.long).sorted(), "README table of '\(name)' vs --help")
            for option in options {
                guard let row = rows.first(where: { $0.name == option.long }) else { continue }
                #expect(row.short == option.short, "'\(name) --\(option.long)': short name")
                switch (option.valueName, option.allowed, row.value) {
                case (nil, _, let value):
                    #expect(value == nil, "'\(name) --\(option.long)' is a flag, the README gives it a value")
                case (.some, let allowed?, let value):
                    #expect(
                        value?.split(separator: "|").map(String.init) == allowed, "'\(name) --\(option.long)': values")
                case (.some, nil, let value):
                    // A placeholder (FILE, YYYY-MM-DD, DATE|REV), not a list of values.
                    #expect(
                        value.map { $0 == $0.uppercased() && !$0.isEmpty } == true,
                        "'\(name) --\(option.long)': \(value ?? "no value")")
                }
            }
        }
    }

    // MARK: A path that does not exist

    @Test func aMissingPathIsTheSameErrorForEveryCommand() throws {
        let expected =
            "error: no such file or folder 'nope.md'\n"
            + "  = help: check the path (relative to the working directory): it does not exist\n"
        for command in ["check", "missing", "brief", "summary", "parse"] {
            let run = runCLI([command, "nope.md"], in: Project.template)
            #expect(run.status == 2, "\(command)")
            #expect(run.stderr == expected, "\(command): \(run.stderr)")
        }
        // A file that exists but cannot be read is located, exit 1.
        let repo = try TempRepo(["accounts/latin1.md": ""])
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xE9, 0x0A]).write(to: repo.url.appendingPathComponent("accounts/latin1.md"))
        let parse = runCLI(["parse", "accounts/latin1.md"], in: repo.url)
        #expect(parse.status == 1)
        #expect(parse.stderr.hasPrefix("accounts/latin1.md:"), "\(parse.stderr)")
    }
}
