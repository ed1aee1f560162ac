import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// `fieldnotes check [PATH…]`: validate accounts, print diagnostics, exit 0/1/2.
enum CheckCommand {
    static let spec = CommandSpec(
        name: "check",
        abstract: "Validate account notes against the schema and the discovery checklist.",
        discussion: """
            Checks every account of the notes repository (found by walking up from the first PATH or the
            working directory to a folder with fieldnotes.yml), or only the files and folders given.
            Exit status: 0 no errors (warnings allowed unless --strict), 1 errors found, 2 usage error or
            unreadable config or checklist. 'fieldnotes explain RULE' tells what a rule means.
            """,
        arguments: [
            .init(
                name: "paths", help: "Account files or folders (default: every account of the notes repository).",
                repeating: true, optional: true)
        ],
        options: [
            .choice("output-format", value: "format", DiagnosticFormat.self) {
                "Output format: \($0); default: \(DiagnosticFormat.default.rawValue)."
            },
            .choice("format", value: "format", DiagnosticFormat.self) { _ in "The same as --output-format." },
            .init(
                "select", value: "rules",
                help: "Report only these rules (names separated by commas); instead of 'select:' in fieldnotes.yml."),
            .init(
                "ignore", value: "rules",
                help: "Do not report these rules (names separated by commas); instead of 'ignore:' in fieldnotes.yml."),
            .init(
                "statistics",
                help: "Print how many findings each rule has, most frequent first, instead of the findings "
                    + "(as text, or with --output-format json as JSON)."),
            .init(
                "as-of", value: "date",
                help: "The date that stands for today, YYYY-MM-DD or 'today' (default: the system date)."),
            ReportRun.configOption,
            .init(
                "staged",
                help:
                    "Check what git will commit: the staged content of staged account files (every account when the "
                    + "config or checklist is staged)."
            ),
            .init(
                "stdin-filename", value: "path",
                help:
                    "Check the note on standard input (PATH '-') as if it were the file at <path>: its settings, "
                    + "whether it is an account, and the path in messages (for editors and other tools)."),
            .init("strict", help: "Fail (exit 1) on warnings too."),
            .init(
                "fix", help: "Apply the fixes first, as 'fieldnotes fix' does, then check (what it fixed: on stderr)."),
            FixCommand.unsafeOption,
            .init(
                "baseline", value: "file",
                help: "Report only the findings this baseline file does not hold (matched by file, rule and subject)."),
            .init(
                "write-baseline", value: "file",
                help:
                    "Record the findings in this baseline file (with --baseline: only those it held and that are "
                    + "still there), then report as --baseline would."),
            .init(
                "quiet", short: "q",
                help: "Print only what fails the check (errors; with --strict, warnings too), and no summary line."),
        ])

    /// The options of `check`, read once; the defaults are here.
    struct Options {
        var paths: [String]
        var format: DiagnosticFormat
        /// Which rules are reported, when given on the command line.
        var rules: RuleChoice
        /// Counts per rule instead of the findings.
        var statistics: Bool
        var asOf: Day
        var config: String?
        /// Check what git will commit (the pre-commit hook).
        var staged: Bool
        /// Check standard input as the file at this path (`--stdin-filename PATH -`).
        var stdinFilename: String?
        /// Warnings fail the check too.
        var strict: Bool
        /// Print only what fails the check.
        var quiet: Bool
        var color: Bool
        /// `--fix`: what to fix before checking.
        var fix: FixCommand.Options?
        var baseline: CheckBaseline.Paths

        init(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws {
            paths = parsed.positionals
            format = try Options.format(parsed)
            rules = try RuleChoice(parsed)
            statistics = parsed.flag("statistics")
            asOf = try CLI.asOf(parsed, env, command: "check")
            config = parsed.values["config"]
            staged = parsed.flag("staged")
            strict = parsed.flag("strict")
            let common = CommonOptions(parsed)
            quiet = common.quiet
            color = env.useColor(common)
            baseline = try CheckBaseline.Paths(parsed, staged: staged)
            if staged && !paths.isEmpty {
                throw UsageError("--staged checks the staged files; it takes no paths", command: "check")
            }
            if statistics && format.pathsFromRepositoryTop {
                throw UsageError(
                    "--statistics prints text or JSON, not \(format.rawValue)", command: "check",
                    help: "leave out --output-format, or use --output-format json")
            }
            if parsed.flag("fix") {
                if staged {
                    throw UsageError("--fix fixes the working files; it does not go with --staged", command: "check")
                }
                if parsed.values["stdin-filename"] != nil {
                    throw UsageError(
                        "--fix fixes the working files; it does not go with --stdin-filename", command: "check")
                }
                fix = try FixCommand.Options(parsed, env, command: "check")
            } else if parsed.flag("unsafe-fixes") {
                throw UsageError("--unsafe-fixes goes with --fix", command: "check")
            }
            stdinFilename = parsed.values["stdin-filename"]
            try checkStandardInput()
        }

        /// `-` (standard input) goes with `--stdin-filename`, alone.
        private func checkStandardInput() throws {
            let write = "write: fieldnotes check --stdin-filename accounts/NAME.md -"
            if let name = stdinFilename {
                if name.isEmpty || name == "-" {
                    throw UsageError(
                        "--stdin-filename needs the path the note would have", command: "check", help: write)
                }
                if staged || paths != ["-"] {
                    throw UsageError(
                        "--stdin-filename checks standard input: give '-' as the only path", command: "check",
                        help: write)
                }
            } else if paths.contains("-") {
                throw UsageError(
                    "'-' reads the note from standard input and needs --stdin-filename to name it", command: "check",
                    help: write)
            }
        }

        /// `--output-format`, or its synonym `--format`; the two may not disagree.
        static func format(_ parsed: ParsedArguments) throws -> DiagnosticFormat {
            let output: DiagnosticFormat? = parsed.values["output-format"].flatMap(DiagnosticFormat.init(rawValue:))
            let synonym: DiagnosticFormat? = parsed.values["format"].flatMap(DiagnosticFormat.init(rawValue:))
            if let output, let synonym, output != synonym {
                throw UsageError(
                    "'--format \(synonym.rawValue)' and '--output-format \(output.rawValue)' disagree",
                    command: "check",
                    help: "--format is another name of --output-format: give one of them")
            }
            return output ?? synonym ?? DiagnosticFormat.default
        }

        /// What the text format prints besides the diagnostics. Before a commit, what blocks it is
        /// shown in full and the rest one line per file (unless warnings block it too).
        func textStyle(unstaged: [String]) -> TextRunStyle {
            var style = TextRunStyle()
            let condensed = staged && !strict
            if condensed {
                style.shown = .error
            } else if quiet {
                style.shown = strict ? .warning : .error
            }
            style.countsHidden = condensed && !quiet
            style.summary = !quiet
            if staged { style.commit = .init(strict: strict, unstaged: unstaged) }
            return style
        }
    }

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = try Options(parsed, env)
        if let fix = options.fix {
            // Fixed first, written as `fix` writes them; what it did goes to stderr, beside the check's output.
            let fixed = try FixCommand.fix(fix, env, report: { if !options.quiet { env.stderr($0) } })
            if fixed.failed > 0 { return ExitStatus.findings }
        }
        let input = try Input(options, env)
        let baseline = try CheckBaseline(options.baseline, env)
        let totals: DiagnosticTotals
        var recorded = CheckBaseline.Recorded()
        if options.statistics {
            let renderer = StatisticsRenderer(json: options.format == .json, summary: !options.quiet)
            totals = check(input, with: renderer, baseline, &recorded, env)
            try baseline.write(recorded, wholeRun: options.paths.isEmpty, env)
            return totals.failing(strict: options.strict) ? ExitStatus.findings : ExitStatus.success
        }
        switch options.format {
        case .full, .text, .concise:
            var style = options.textStyle(unstaged: input.unstaged)
            style.concise = options.format == .concise
            let width = env.stdoutIsTerminal ? env.textWidth : nil
            totals = check(
                input, with: TextRenderer(color: options.color, run: style, width: width), baseline, &recorded, env)
        case .json:
            totals = check(input, with: JSONRenderer(), baseline, &recorded, env)
        case .sarif:
            let renderer = SARIFRenderer(uriPrefix: input.uriPrefix, version: Version.current)
            totals = check(input, with: renderer, baseline, &recorded, env)
        case .github:
            totals = check(input, with: GitHubRenderer(uriPrefix: input.uriPrefix), baseline, &recorded, env)
        }
        try baseline.write(recorded, wholeRun: options.paths.isEmpty, env)
        return totals.failing(strict: options.strict) ? ExitStatus.findings : ExitStatus.success
    }

    /// Files are checked in chunks, and each chunk's output is printed before the next is read, so
    /// memory does not grow with the number of accounts.
    static let chunkSize = 512

    /// Checks every file of `input` and prints its diagnostics with `renderer`: each file is
    /// rendered on the core that checked it, and each chunk written while the next is checked.
    /// A format that opens with the totals has its files' output held on disk until the end.
    static func check<R: DiagnosticRenderer>(
        _ input: Input, with renderer: R, _ baseline: CheckBaseline, _ recorded: inout CheckBaseline.Recorded,
        _ env: CommandEnvironment
    ) -> DiagnosticTotals {
        var totals = DiagnosticTotals(files: input.count)
        var pending: [R.Pending] = []
        let held = renderer.openingNeedsTotals ? HeldOutput(temporaryFolder: env.variables["TMPDIR"]) : nil
        let writer = ChunkWriter(held.map { held in { held.append($0) } } ?? env.stdoutBytes)
        if held == nil {
            let opening = renderer.opening(nil)
            if !opening.isEmpty { env.stdout(opening) }
        }
        var first = true
        var chunkStart = 0
        repeat {
            let range = chunkStart..<min(input.count, chunkStart + chunkSize)
            let outputs = range.isEmpty ? [] : input.check(range) { FileOutput($0.fileDiagnostics, renderer, baseline) }
            var rendered: [TextBuffer] = []
            for var file in outputs {
                file.add(to: &totals)
                if baseline.recording { recorded.add(file.recorded, path: file.path) }
                if !file.rendered.isEmpty {
                    if first { file.rendered.removeFirst(renderer.separatorBytes) }
                    first = false
                    rendered.append(file.rendered)
                }
                pending.append(file.pending)
            }
            writer.write(rendered)
            chunkStart = range.upperBound
        } while chunkStart < input.count
        writer.finish()
        if let held {
            env.stdout(renderer.opening(totals))
            held.copy(to: env.stdoutBytes)
        }
        let end = renderer.finish(pending, totals: totals)
        if !end.isEmpty { env.stdout(end) }
        return totals
    }
}

extension CheckCommand {
    /// The files a run checks: the notes repository's (or those given), or what git will commit.
    struct Input {
        private enum Files {
            case working([Workspace.AccountFile], CheckContext)
            /// The note on standard input, named as the file it stands for.
            case standardInput(FileReader.Outcome, path: String, CheckContext)
            case staged(StagedCheck, asOf: Day)
        }
        private let files: Files
        var count: Int
        /// Staged files whose working copy has other changes.
        var unstaged: [String] = []
        /// Where the notes are in the git repository ("notes/"), for the formats that name files
        /// from the top of the repository.
        var uriPrefix = ""

        init(_ options: Options, _ env: CommandEnvironment) throws {
            let root: URL
            if options.staged {
                var prepared = try StagedCheck.prepare(cwd: env.cwd, configPath: options.config, asOf: options.asOf)
                options.rules.apply(to: &prepared.workspace.config)
                files = .staged(prepared, asOf: options.asOf)
                count = prepared.files.count
                unstaged = prepared.unstaged
                root = prepared.workspace.root
            } else if let name = options.stdinFilename {
                (files, count, root) = try Input.standardInput(name, options, env)
            } else {
                var workspace = try Workspace.open(paths: options.paths, cwd: env.cwd, configPath: options.config)
                options.rules.apply(to: &workspace.config)
                let found = try workspace.accountFiles(paths: options.paths, cwd: env.cwd)
                let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: options.asOf)
                if found.isEmpty {
                    let shown = Workspace.relative(workspace.root, to: env.cwd)
                    env.say(
                        .warning,
                        TerminalText.escaped(
                            "no account files match '\(workspace.config.accounts)' in '\(shown.isEmpty ? "." : shown)'")
                    )
                }
                files = .working(found, context)
                count = found.count
                root = workspace.root
            }
            if options.format.pathsFromRepositoryTop { uriPrefix = Input.repositoryPrefix(root) }
        }

        /// Checks the files in `range` on every core, each report turned by `then` on its core.
        func check<T: Sendable>(_ range: Range<Int>, then: @escaping @Sendable (AccountReport) -> T) -> [T] {
            switch files {
            case .working(let all, let context): return Batch.check(Array(all[range]), context: context, then: then)
            case .staged(let prepared, let asOf): return prepared.reports(asOf: asOf, range: range, then: then)
            case .standardInput(let outcome, let path, let context):
                return [then(Checker.check(outcome, path: path, context: context))]
            }
        }

        /// The note on standard input, checked as the file `name`: with that file's settings, and
        /// only when it is an account (else nothing is checked, as for a folder with no account).
        private static func standardInput(
            _ name: String, _ options: Options, _ env: CommandEnvironment
        ) throws -> (Files, Int, URL) {
            let workspace = try Workspace.open(noteNamed: name, cwd: env.cwd, configPath: options.config)
            let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: options.asOf)
            let note = workspace.note(named: name, cwd: env.cwd)
            guard note.isAccount else {
                env.say(
                    .warning,
                    TerminalText.escaped(
                        "'\(note.path)' is not an account file (accounts: \(workspace.config.accounts)): nothing checked"
                    ))
                return (.working([], context), 0, workspace.root)
            }
            let outcome = StandardInput.outcome(env.stdin(FileReader.maxSize), displayPath: note.path)
            return (.standardInput(outcome, path: note.path, context), 1, workspace.root)
        }

        /// Code-scanning tools want paths from the top of the repository.
        static func repositoryPrefix(_ notesRoot: URL) -> String {
            guard let top = Git(directory: notesRoot).topLevel() else { return "" }
            return Workspace.pathPrefix(of: notesRoot, inWorkTree: top) ?? ""
        }
    }
}

/// Standard output written on one background queue, in order, while the next chunk is checked.
/// At most two chunks wait for a slow terminal, so memory stays bounded.
private struct ChunkWriter {
    private let queue = DispatchQueue(label: "fieldnotes.check.output")
    private let waiting = DispatchSemaphore(value: 2)
    private let output: UncheckedSendable<([UInt8]) -> Void>

    init(_ output: @escaping ([UInt8]) -> Void) {
        self.output = UncheckedSendable(output)
    }

    func write(_ rendered: [TextBuffer]) {
        guard !rendered.isEmpty else { return }
        waiting.wait()
        queue.async { [rendered, output, waiting] in
            var out = TextBuffer(capacity: rendered.reduce(0) { $0 + $1.bytes.count })
            for text in rendered { out.write(text) }
            output.value(out.bytes)
            waiting.signal()
        }
    }

    /// Waits until everything is written.
    func finish() { queue.sync {} }
}

/// A value handed to another thread that is only ever used from one thread at a time (here:
/// standard output, written by one serial queue while the main thread waits before its last line).
private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// What `check` prints for one file, made on the core that checked it.
private struct FileOutput<Pending: Sendable>: Sendable {
    var errors = 0, warnings = 0, notes = 0
    /// Findings the baseline hid.
    var hidden = 0
    /// Findings whose fix `fieldnotes fix` applies (safe ones).
    var fixable = 0
    /// The file's findings by baseline key, when the run writes a baseline.
    var recorded: [Baseline.Key: Int] = [:]
    var path: String
    /// What is printed at once.
    var rendered = TextBuffer()
    /// What the format prints at the end.
    var pending: Pending

    init<R: DiagnosticRenderer>(_ file: FileDiagnostics, _ renderer: R, _ baseline: CheckBaseline)
    where R.Pending == Pending {
        path = file.path
        if baseline.recording { recorded = Baseline.counts(of: file) }
        let (file, hidden) = baseline.filter(file)
        self.hidden = hidden
        for d in file.diagnostics {
            switch d.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
            if d.fix?.applicability == .safe { fixable += 1 }
        }
        pending = renderer.render(file, into: &rendered)
    }

    func add(to totals: inout DiagnosticTotals) {
        if errors > 0 { totals.counts[.error, default: 0] += errors }
        if warnings > 0 { totals.counts[.warning, default: 0] += warnings }
        if notes > 0 { totals.counts[.note, default: 0] += notes }
        if errors + warnings + notes > 0 { totals.filesWithFindings += 1 }
        totals.hiddenByBaseline += hidden
        totals.fixable += fixable
    }
}
