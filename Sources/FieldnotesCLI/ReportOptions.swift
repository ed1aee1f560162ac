import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// The formats of the report commands' `--format`: each command takes some of them, listed in
/// its spec with `allowed(_:)`.
enum ReportFormat: String, OptionChoice {
    case text, markdown, json, html

    /// The names of `formats`, in this order, for a command's option spec.
    static func allowed(_ formats: ReportFormat...) -> [String] { formats.map(\.rawValue) }

    /// Text on a terminal, Markdown otherwise (a file, a pipe, a CI log, an email draft): the
    /// default of the reports read on a screen (summary, agenda).
    static func readable(terminal: Bool) -> ReportFormat { terminal ? .text : .markdown }
}

/// Which accounts a report covers and as of when: what every report command reads from its
/// arguments (paths, --owner, --as-of, --config).
struct ReportScope {
    var paths: [String]
    var owner: String?
    var configPath: String?
    /// The date given with --as-of; nil without it (reports then leave out what depends on the date).
    var asOf: Day?
    /// Whether the notes' history in git is read (not with --no-history).
    var history: Bool

    /// The options that say it, in every report command's help in this order.
    static let options = [
        ReportRun.ownerOption, ReportRun.asOfOption, ReportRun.configOption, ReportRun.noHistoryOption,
    ]

    init(_ parsed: ParsedArguments, _ env: CommandEnvironment, command: String) throws {
        paths = parsed.positionals
        owner = parsed.values["owner"]
        configPath = parsed.values["config"]
        asOf = parsed.values["as-of"] != nil ? try CLI.asOf(parsed, env, command: command) : nil
        history = !parsed.flags.contains("no-history")
    }

    /// Whether some of the accounts only are chosen: paths were given, or --owner.
    var narrowed: Bool { !paths.isEmpty || owner != nil }
}

/// `brief`'s options, read once from its arguments.
struct BriefOptions {
    static let defaultFormat = ReportFormat.markdown

    var scope: ReportScope
    var format: ReportFormat
    /// --out: nil without it, empty alone (the 'briefs' folder of fieldnotes.yml).
    var out: String?
    var check: Bool
    var share: Bool

    init(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws {
        scope = try ReportScope(parsed, env, command: "brief")
        format = parsed.choice("format", default: Self.defaultFormat)
        out = parsed.values["out"]
        check = parsed.flags.contains("check")
        share = parsed.flags.contains("share")
    }

    /// Whether briefs are written to (or checked against) a folder rather than printed.
    var writes: Bool { out != nil || check }
    /// The folder given with --out=DIR; nil when none was named.
    var namedFolder: String? { out.flatMap { $0.isEmpty ? nil : $0 } }
}

/// `summary`'s options, read once from its arguments.
struct SummaryOptions {
    var scope: ReportScope
    var format: ReportFormat
    /// --sort: the order of the rows (default: by stage).
    var sort: SummarySort
    /// --by: a row per account (default) or per opportunity.
    var rows: SummaryRows
    /// --since: the movement since this day; nil without it.
    var since: Day?

    init(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws {
        scope = try ReportScope(parsed, env, command: "summary")
        format = parsed.choice("format", default: ReportFormat.readable(terminal: env.stdoutIsTerminal))
        sort = parsed.choice("sort", default: SummarySort.stage)
        rows = parsed.choice("by", default: SummaryRows.account)
        since = try parsed.values["since"].map(Self.day)
    }

    /// The day the movement starts: --since, else 7 days before --as-of; nil without either.
    var movementSince: Day? { since ?? scope.asOf?.adding(days: -7) }

    /// A --since date, read.
    private static func day(_ text: String) throws -> Day {
        switch Day.parse(text) {
        case .success(let day): return day
        case .failure(.format):
            throw UsageError(
                "invalid date '\(text)' for '--since'", command: "summary",
                help: "write it as YYYY-MM-DD, e.g. 2026-11-13")
        case .failure(.noSuchDay(let why)):
            throw UsageError("invalid date '\(text)' for '--since': \(why)", command: "summary")
        }
    }
}

/// `missing`'s options, read once from its arguments.
struct MissingOptions {
    static let defaultFormat = ReportFormat.text

    var scope: ReportScope
    var format: ReportFormat
    /// --next: the next stage's questions too.
    var includeNext: Bool

    init(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws {
        scope = try ReportScope(parsed, env, command: "missing")
        format = parsed.choice("format", default: Self.defaultFormat)
        includeNext = parsed.flags.contains("next")
    }
}

/// `changes`' options, read once from its arguments.
struct ChangesOptions {
    static let defaultFormat = ReportFormat.text

    var paths: [String]
    var configPath: String?
    /// --as-of, or today: the default --since is counted from it.
    var asOf: Day
    /// --since as given: a date or a revision; nil for 7 days before `asOf`.
    var since: String?
    var format: ReportFormat

    init(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws {
        paths = parsed.positionals
        configPath = parsed.values["config"]
        asOf = try CLI.asOf(parsed, env, command: "changes")
        since = parsed.values["since"]
        format = parsed.choice("format", default: Self.defaultFormat)
    }
}
