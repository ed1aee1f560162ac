import FieldnotesCore
import FieldnotesHistory
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// What a command run sees of the outside world; tests construct it directly.
public struct CommandEnvironment {
    public var arguments: [String]
    public var variables: [String: String]
    public var cwd: URL
    public var stdoutIsTerminal: Bool
    /// The system date, used when `--as-of` is not given.
    public var today: Day
    public var stdout: (String) -> Void
    /// Standard output for text already in UTF-8 (`check` writes megabytes): by default through `stdout`.
    public var stdoutBytes: ([UInt8]) -> Void
    public var stderr: (String) -> Void
    /// Standard input, at most `limit` bytes kept, with its whole size (`check --stdin-filename`).
    public var stdin: (_ limit: Int) -> (bytes: [UInt8], size: Int)? = StandardInput.readAll

    public init(
        arguments: [String], variables: [String: String], cwd: URL, stdoutIsTerminal: Bool, today: Day,
        stdout: @escaping (String) -> Void, stderr: @escaping (String) -> Void
    ) {
        self.arguments = arguments
        self.variables = variables
        self.cwd = cwd
        self.stdoutIsTerminal = stdoutIsTerminal
        self.today = today
        self.stdout = stdout
        self.stdoutBytes = { stdout(String(decoding: $0, as: UTF8.self)) }
        self.stderr = stderr
    }

    /// `--quiet`: `say` drops warnings and notes about the run.
    var isQuiet = false

    /// The width of the terminal standard output goes to, when it is one (set by the executable).
    public var terminalColumns: Int?

    /// The columns `--help`, and on a terminal the help and notes of `check`, are wrapped to:
    /// `COLUMNS`, else the terminal's width, else 80; at least 40 and at most 100 (longer lines
    /// read badly).
    var textWidth: Int {
        let columns = variables["COLUMNS"].flatMap { Int($0.trimmingSpaces()) } ?? terminalColumns ?? 80
        return min(100, max(40, columns))
    }

    /// The same, with the warnings and notes about the run left out: `--quiet`. Errors, what the
    /// command prints on stdout and the diagnostics of notes are kept.
    var quiet: CommandEnvironment {
        var env = self
        env.isQuiet = true
        return env
    }

    /// A message about the run on stderr, `severity: text` and a line break. `text` is printed as
    /// given (text from the notes must be escaped first) and may go on with `  = help:` lines. A
    /// quiet run keeps errors only: it decides by the severity, never by what the text says.
    func say(_ severity: Severity, _ text: String) {
        if isQuiet && severity != .error { return }
        stderr(severity.rawValue + ": " + text + "\n")
    }

    /// Colour only on a terminal, and never with `--no-color` or `NO_COLOR`.
    func useColor(_ common: CommonOptions) -> Bool {
        if common.noColor { return false }
        if let v = variables["NO_COLOR"], !v.isEmpty { return false }
        return stdoutIsTerminal
    }
}

/// Exit statuses: 0 no errors, 1 errors found, 2 the tool could not do its job.
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let findings: Int32 = 1
    public static let failure: Int32 = 2
}

public enum CLI {

    static let commands: [(spec: CommandSpec, run: @Sendable (ParsedArguments, CommandEnvironment) throws -> Int32)] = [
        (CheckCommand.spec, CheckCommand.run),
        (FixCommand.spec, FixCommand.run),
        (ExplainCommand.spec, ExplainCommand.run),
        (MissingCommand.spec, MissingCommand.run),
        (AgendaCommand.spec, AgendaCommand.run),
        (BriefCommand.spec, BriefCommand.run),
        (SummaryCommand.spec, SummaryCommand.run),
        (ParseCommand.spec, ParseCommand.run),
        (HookCommand.spec, HookCommand.run),
        (InitCommand.spec, InitCommand.run),
        (NewCommand.spec, NewCommand.run),
        (ChangesCommand.spec, ChangesCommand.run),
        (HistoryCommand.spec, HistoryCommand.run),
        (LSPCommand.spec, LSPCommand.run),
        (ConfigCommand.spec, ConfigCommand.run),
        (SchemaCommand.spec, SchemaCommand.run),
        (CompletionsCommand.spec, CompletionsCommand.run),
    ]

    static func overview(width: Int = 80) -> String {
        var out = TextWrap.hanging(
            "OVERVIEW: Compile sales discovery notes: validate them, and say what is still unknown.", indent: 10,
            width: width)
        out += "\n"
        out += TextWrap.paragraphs(
            """
            Each customer account is a Markdown file with YAML front matter, kept in git.
            fieldnotes checks the notes against a schema and a discovery checklist.
            """, width: width)
        out += "USAGE: fieldnotes <subcommand>\n\nOPTIONS:\n"
        out += CommandSpec.row("--version", "Show the version.", width: width)
        out += CommandSpec.row(CommandSpec.helpOption.helpLabel, CommandSpec.helpOption.help, width: width)
        out += "\nSUBCOMMANDS:\n"
        for command in commands {
            out += CommandSpec.row(command.spec.name, command.spec.abstract, width: width)
        }
        out += CommandSpec.row("help", "Show help for a subcommand.", width: width)
        let see = TextWrap.lines("See 'fieldnotes help <subcommand>' for detailed help.", width: width - 2)
        out += "\n" + see.map { "  " + $0 + "\n" }.joined()
        return out
    }

    /// Runs one command line; returns the exit status.
    public static func run(_ env: CommandEnvironment) -> Int32 {
        // A command that read the history returns while its caches are written: the run ends
        // when they are.
        defer { HistoryEngine.finishWriting() }
        var args = env.arguments
        guard let first = args.first else {
            env.stdout(overview(width: env.textWidth))
            return ExitStatus.success
        }
        if first == "--help" || first == "-h" { env.stdout(overview(width: env.textWidth)); return ExitStatus.success }
        if first == "--version" { env.stdout("fieldnotes \(Version.current)\n"); return ExitStatus.success }
        args.removeFirst()
        if first == "help" {
            guard let name = args.first else { env.stdout(overview(width: env.textWidth)); return ExitStatus.success }
            guard let command = commands.first(where: { $0.spec.name == name }) else {
                return fail(UsageError("unknown command '\(name)'", command: nil, help: suggestion(name)), env)
            }
            env.stdout(command.spec.helpText(width: env.textWidth))
            return ExitStatus.success
        }
        guard let command = commands.first(where: { $0.spec.name == first }) else {
            if first.hasPrefix("-") {
                return fail(
                    UsageError(
                        "unknown option '\(first)'", command: nil,
                        help: Suggest.closest(to: first, in: ["--help", "--version"]).map { "did you mean '\($0)'?" }),
                    env)
            }
            return fail(UsageError("unknown command '\(first)'", command: nil, help: suggestion(first)), env)
        }
        do {
            let parsed = try command.spec.parse(args)
            if parsed.flags.contains("help") {
                env.stdout(command.spec.helpText(width: env.textWidth))
                return ExitStatus.success
            }
            return try command.run(parsed, CommonOptions(parsed).quiet ? env.quiet : env)
        } catch let error as UsageError {
            return fail(error, env)
        } catch let error as ToolError {
            let renderer = TextRenderer(color: false)
            for file in error.files {
                for d in file.sorted { env.stderr(renderer.render(d, in: file) + "\n") }
            }
            // A tool error can name a path or a setting from the notes: shown escaped.
            env.say(
                .error,
                TerminalText.escaped(error.message)
                    + (error.help.map { "\n  = help: " + TerminalText.escapedKeepingLines($0) } ?? ""))
            return ExitStatus.failure
        } catch {
            env.say(.error, TerminalText.escaped(String(describing: error)))
            return ExitStatus.failure
        }
    }

    static func suggestion(_ name: String) -> String? {
        Suggest.closest(to: name, in: commands.map(\.spec.name) + ["help"]).map { "did you mean '\($0)'?" }
    }

    static func fail(_ error: UsageError, _ env: CommandEnvironment) -> Int32 {
        var text = TerminalText.escaped(error.message)
        if let help = error.help { text += "\n  = help: \(TerminalText.escapedKeepingLines(help))" }
        text += error.command.map { "\nSee 'fieldnotes \($0) --help'." } ?? "\nSee 'fieldnotes --help'."
        env.say(.error, text)
        return ExitStatus.failure
    }

    /// `--as-of`, or the system date.
    static func asOf(_ parsed: ParsedArguments, _ env: CommandEnvironment, command: String) throws -> Day {
        guard let text = parsed.values["as-of"] else { return env.today }
        if text == "today" { return env.today }
        switch Day.parse(text) {
        case .success(let day):
            guard Day.asOfRange.contains(day) else {
                throw UsageError(
                    "the date '\(text)' for '--as-of' is out of range", command: command,
                    help: "write a date from \(Day.asOfRange.lowerBound) to \(Day.asOfRange.upperBound), or 'today'")
            }
            return day
        case .failure(.format):
            throw UsageError(
                "invalid date '\(text)' for '--as-of'", command: command,
                help: "write it as YYYY-MM-DD, e.g. 2026-11-20, or 'today'")
        case .failure(.noSuchDay(let why)):
            throw UsageError("invalid date '\(text)' for '--as-of': \(why)", command: command)
        }
    }
}
