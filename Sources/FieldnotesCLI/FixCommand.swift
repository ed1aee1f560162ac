import FieldnotesCore
import FieldnotesSupport
import Foundation

/// `fieldnotes fix [PATH…]`: apply the fixes of the findings (those the editor offers as quick
/// fixes), or show them as a diff. The one command that writes account files.
enum FixCommand {
    static let spec = CommandSpec(
        name: "fix",
        abstract: "Apply the fixes of findings to the account notes (or show them with --diff).",
        discussion: """
            Applies the fix of each finding that has one: a misspelled value, stage, field or contact
            name with one likely answer, a date written 2026-9-5, a boolean written yes or no. With
            --unsafe-fixes also those that need a look: a date that reads two ways (10/11/2026 is read
            day/month/year), the headings of the missing sections, a heading that nearly names a
            section. Each changed file is written in one step, only if it did not change meanwhile; a
            file with nothing to fix is not touched. This is the one command that writes account files.
            Exit status: 0 done, 1 with --diff when something would change or when a file could not be
            written, 2 usage error or unreadable config or checklist.
            """,
        arguments: [
            .init(
                name: "paths", help: "Account files or folders (default: every account of the notes repository).",
                repeating: true, optional: true)
        ],
        options: [
            unsafeOption,
            .init("diff", help: "Print the changes as a unified diff and write nothing (exit 1 if any)."),
            .init(
                "as-of", value: "date",
                help: "The date that stands for today, YYYY-MM-DD or 'today' (default: the system date)."),
            ReportRun.configOption,
        ])

    static let unsafeOption = CommandSpec.Option(
        "unsafe-fixes", help: "Apply the fixes that need a look too (a date that reads two ways, missing sections).")

    /// The options of `fix` (and of `check --fix`), read once.
    struct Options {
        var paths: [String]
        var unsafe: Bool
        var diff: Bool
        var asOf: Day
        var config: String?

        init(_ parsed: ParsedArguments, _ env: CommandEnvironment, command: String = "fix") throws {
            paths = parsed.positionals
            unsafe = parsed.flag("unsafe-fixes")
            diff = parsed.flag("diff")
            asOf = try CLI.asOf(parsed, env, command: command)
            config = parsed.values["config"]
        }
    }

    /// What a run did, for the closing line and the exit status.
    struct Totals {
        var fixed = 0
        var unsafeLeft = 0
        /// Files changed (or, with --diff, that would be).
        var changedFiles = 0
        /// Files that could not be written.
        var failed = 0

        /// "Fixed 5 findings (2 more fixes available with --unsafe-fixes)".
        func closingLine(diff: Bool) -> String {
            let findings = "\(fixed) finding\(fixed == 1 ? "" : "s")"
            var line =
                fixed == 0
                ? (diff ? "Nothing would be fixed" : "Nothing fixed") : (diff ? "Would fix " : "Fixed ") + findings
            if unsafeLeft > 0 {
                line += " (\(unsafeLeft) more fix\(unsafeLeft == 1 ? "" : "es") available with --unsafe-fixes)"
            }
            return line + "\n"
        }
    }

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = try Options(parsed, env)
        // The diff is the output; what was done goes beside it, on stderr.
        let report: (String) -> Void = options.diff ? { if !env.isQuiet { env.stderr($0) } } : env.stdout
        let totals = try fix(options, env, report: report)
        if totals.failed > 0 || (options.diff && totals.changedFiles > 0) { return ExitStatus.findings }
        return ExitStatus.success
    }

    /// Files are fixed in chunks, on every core, and written in order before the next chunk.
    static let chunkSize = 256

    /// Fixes the files `options` names (writes them, or prints their diff on stdout) and says on
    /// `report` what was fixed in each and in all.
    static func fix(
        _ options: Options, _ env: CommandEnvironment, report: (String) -> Void
    ) throws -> Totals {
        let workspace = try Workspace.open(paths: options.paths, cwd: env.cwd, configPath: options.config)
        let files = try workspace.accountFiles(paths: options.paths, cwd: env.cwd).filter { $0.refusal == nil }
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: options.asOf)
        var totals = Totals()
        var start = 0
        while start < files.count {
            let chunk = Array(files[start..<min(files.count, start + chunkSize)])
            let outcomes = Batch.map(chunk.count) { i -> Fixer.Outcome? in
                guard case .bytes(let bytes) = FileSystem.read(chunk[i].location, maxSize: FileReader.maxSize) else {
                    return nil
                }
                return Fixer.fix(bytes, path: chunk[i].path, context: context, unsafe: options.unsafe)
            }
            for (file, outcome) in zip(chunk, outcomes) {
                guard let outcome else { continue }
                totals.unsafeLeft += outcome.unsafeLeft
                guard outcome.changed else { continue }
                if save(outcome, file, options, env, report: report) {
                    totals.fixed += outcome.fixedCount
                    totals.changedFiles += 1
                } else {
                    totals.failed += 1
                }
            }
            start += chunkSize
        }
        report(totals.closingLine(diff: options.diff))
        return totals
    }

    /// Prints the diff of one fixed file, or writes it; false when it could not be written.
    private static func save(
        _ outcome: Fixer.Outcome, _ file: Workspace.AccountFile, _ options: Options, _ env: CommandEnvironment,
        report: (String) -> Void
    ) -> Bool {
        let shown = TerminalText.escaped(file.path)
        if options.diff {
            let terminal = env.stdoutIsTerminal
            let escape: (String) -> String = { terminal ? TerminalText.escapedControls($0) : $0 }
            env.stdout(UnifiedDiff.diff(outcome.original, outcome.fixed, path: file.path, escape: escape))
            return true
        }
        do {
            try Fixer.write(outcome.fixed, over: outcome.original, at: file.location, shown: file.path)
        } catch Fixer.WriteFailure.changed {
            env.say(
                .error,
                "'\(shown)' changed since it was read; it was not fixed\n  = help: run 'fieldnotes fix' again")
            return false
        } catch {
            let reason = (error as? Fixer.WriteFailure).map { failure -> String in
                if case .failed(let message) = failure { return message }
                return ""
            }
            env.say(.error, TerminalText.escaped(reason ?? String(describing: error)) + "; '\(shown)' was not fixed")
            return false
        }
        let count = outcome.fixedCount
        report("\(shown): fixed \(count) finding\(count == 1 ? "" : "s")\n")
        return true
    }
}
