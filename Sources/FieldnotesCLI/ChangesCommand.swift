import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// `fieldnotes changes`: what happened to each account since a date or commit, read from git.
enum ChangesCommand {
    static let spec = CommandSpec(
        name: "changes",
        abstract: "Say what happened to each account since a date or commit, from git.",
        discussion: """
            Reads the history of the notes in git (every commit, and the work tree's edits
            dated --as-of) and lists, per account, every event since --since: a date,
            YYYY-MM-DD (that day on; default: 7 days before today or --as-of), or a
            revision (the commits after it). Events, in sales terms: stage moves (forward
            or back), decision dates pushed or pulled in (+N days), values, contacts
            added, left or removed, roles gained or lost, our position, budget and pain up
            or down, next steps, competitors, questions newly answered (or no longer),
            assumptions added or verified, log entries; new, removed and renamed accounts.
            '!' marks a slip, a move against the deal. 'fieldnotes history' shows the
            whole timeline.
            """,
        arguments: [
            .init(
                name: "paths", help: "Account files or folders (default: every account of the notes repository).",
                repeating: true, optional: true)
        ],
        options: [
            .init("since", value: "date|rev", help: "A date (YYYY-MM-DD) or a git revision (default: 7 days ago)."),
            .init(
                "format", value: "format", allowed: ReportFormat.allowed(.text, .markdown, .json),
                help: "Output format: text, markdown (for a pipeline review) or json (default: text)."),
            ReportRun.asOfOption,
            ReportRun.configOption,
        ])

    /// The notes repository and its account files, for `changes` and `history`: a folder that
    /// cannot be read is no account (check reports it).
    static func accounts(
        _ paths: [String], configPath: String?, cwd: URL
    ) throws -> (Workspace, [Workspace.AccountFile]) {
        let workspace = try Workspace.open(paths: paths, cwd: cwd, configPath: configPath)
        return (workspace, try workspace.accountFiles(paths: paths, cwd: cwd).filter { $0.unreadableFolder == nil })
    }

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = try ChangesOptions(parsed, env)
        let since = try Self.since(options.since, command: "changes") ?? .lastWeek
        let (workspace, files) = try accounts(options.paths, configPath: options.configPath, cwd: env.cwd)
        let report = try Self.unknownRevision(command: "changes") {
            try ChangesReport.compute(
                workspace: workspace, files: files, since: since, asOf: options.asOf,
                allAccounts: options.paths.isEmpty, cwd: env.cwd)
        }
        switch options.format {
        case .json: env.stdout(report.json())
        case .markdown: env.stdout(report.markdown())
        case .text, .html: env.stdout(report.text())
        }
        return ExitStatus.success
    }

    /// `--since` as written: a date, else a revision (git decides whether it is one); nil without it.
    static func since(_ text: String?, command: String) throws -> HistoryWindow.Since? {
        guard let text else { return nil }
        switch Day.parse(text) {
        case .success(let day): return .date(day)
        case .failure(.noSuchDay(let why)):
            throw UsageError("invalid date '\(text)' for '--since': \(why)", command: command)
        case .failure(.format): return .revision(text)
        }
    }

    /// `body`'s result; a `--since` git does not know is a usage error of `command`.
    static func unknownRevision<T>(command: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let unknown as HistoryWindow.UnknownRevision {
            throw UsageError(
                "'\(unknown.text)' is neither a date (YYYY-MM-DD) nor a commit of this repository", command: command,
                help: unknown.help)
        }
    }
}
