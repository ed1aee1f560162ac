import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// `fieldnotes changes`: what changed in each account since a date or commit, read from git.
enum ChangesCommand {
    static let spec = CommandSpec(
        name: "changes",
        abstract: "Say what changed in each account since a date or commit: stage, people, competitors, answers.",
        discussion: """
            Compares the notes as they are now (the work tree) with the last commit before --since (a date,
            YYYY-MM-DD; default: 7 days before today or --as-of) or with a commit (--since REV). Reports, per
            account: stage moves, contacts added or removed, roles changed, new competitors or incumbents, our
            position, the decision date, questions newly answered (or no longer), new assumptions, new log
            entries. Renamed account files are followed (renames git sees: committed or staged).
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

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = try ChangesOptions(parsed, env)
        let since = try Self.since(options)
        let workspace = try Workspace.open(paths: options.paths, cwd: env.cwd, configPath: options.configPath)
        // A folder that cannot be read is no account (check reports it).
        let files = try workspace.accountFiles(paths: options.paths, cwd: env.cwd).filter {
            $0.unreadableFolder == nil
        }
        let report: ChangesReport
        do {
            report = try ChangesReport.compute(
                workspace: workspace, files: files, since: since, asOf: options.asOf,
                allAccounts: options.paths.isEmpty, cwd: env.cwd)
        } catch let unknown as ChangesReport.UnknownRevision {
            throw UsageError(
                "'\(unknown.text)' is neither a date (YYYY-MM-DD) nor a commit of this repository", command: "changes",
                help: unknown.help)
        }
        switch options.format {
        case .json: env.stdout(report.json())
        case .markdown: env.stdout(report.markdown())
        case .text, .html: env.stdout(report.text())
        }
        return ExitStatus.success
    }

    /// `--since` read: a date, else a revision (git decides whether it is one).
    static func since(_ options: ChangesOptions) throws -> ChangesReport.Since {
        guard let text = options.since else { return .lastWeek }
        switch Day.parse(text) {
        case .success(let day): return .date(day)
        case .failure(.noSuchDay(let why)):
            throw UsageError("invalid date '\(text)' for '--since': \(why)", command: "changes")
        case .failure(.format): return .revision(text)
        }
    }
}
