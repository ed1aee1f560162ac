import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// `fieldnotes history`: each account's dated timeline, read from git.
enum HistoryCommand {
    static let spec = CommandSpec(
        name: "history",
        abstract: "Show each account's timeline from git: stage moves, dates, contacts.",
        discussion: """
            Reads every commit of the notes (the first-parent history of HEAD, renames
            followed) and the work tree's edits, and lists per account, oldest first, what
            happened at each version, dated by its commit: stage moves (forward or back),
            decision dates pushed or pulled in (+N days), values per opportunity, contacts
            added, left or removed, roles gained or lost, our position, budget and pain up
            or down, next steps, competitors, questions answered or no longer answered,
            assumptions added and verified, log entries. '!' (bold in markdown) marks a
            slip, a move against the deal. --since keeps the events from a date on, or
            those after a revision (the commits it does not contain). Work tree edits are
            dated with --as-of (undated without it). The facts of each version are cached
            under .git/fieldnotes/: a second run reads nothing again. A shallow clone says
            where its history starts.
            """,
        arguments: [
            .init(
                name: "paths", help: "Account files or folders (default: every account, removed ones included).",
                repeating: true, optional: true)
        ],
        options: [
            .init(
                "since", value: "date|rev",
                help: "A date (YYYY-MM-DD) or a git revision (default: the whole history)."),
            .init(
                "format", value: "format", allowed: ReportFormat.allowed(.text, .markdown, .json),
                help: "Output format: text, markdown or json (default: text)."),
            .init(
                "as-of", value: "date",
                help: "The date that stands for today, YYYY-MM-DD or 'today': the work tree's uncommitted edits are "
                    + "dated with it (undated without it)."),
            ReportRun.configOption,
        ])

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = try HistoryOptions(parsed, env)
        let since = try ChangesCommand.since(options.since, command: "history")
        let (workspace, files) = try ChangesCommand.accounts(
            options.paths, configPath: options.configPath, cwd: env.cwd)
        let report = try ChangesCommand.unknownRevision(command: "history") {
            try HistoryReport.compute(
                workspace: workspace, files: files, since: since, asOf: options.asOf,
                allAccounts: options.paths.isEmpty, cwd: env.cwd)
        }
        switch options.format {
        case .json: env.stdoutBytes(report.jsonBytes())
        case .markdown: env.stdout(report.markdown())
        case .text, .html: env.stdout(report.text())
        }
        return ExitStatus.success
    }
}

/// `history`'s options, read once from its arguments.
struct HistoryOptions {
    var paths: [String]
    var configPath: String?
    /// --as-of: the day the work tree's edits are dated; nil without it.
    var asOf: Day?
    /// --since as given: a date or a revision; nil for the whole history.
    var since: String?
    var format: ReportFormat

    init(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws {
        paths = parsed.positionals
        configPath = parsed.values["config"]
        asOf = parsed.values["as-of"] != nil ? try CLI.asOf(parsed, env, command: "history") : nil
        since = parsed.values["since"]
        format = parsed.choice("format", default: ReportFormat.text)
    }
}
