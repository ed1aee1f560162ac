import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport

/// `fieldnotes summary`: the portfolio, one row per account.
enum SummaryCommand {
    static let spec = CommandSpec(
        name: "summary",
        abstract: "Summarize the portfolio: one row per account, totals per stage and owner, coverage by category.",
        discussion: """
            Rows are sorted by stage, then account. Each shows the owner, stage, coverage (questions answered of
            those due), open questions, last contact, next meeting and risk flags: no-economic-buyer,
            single-threaded, no-champion, incumbent-competitor, no-next-step, unverified-assumptions, and with
            --as-of, decision-date-passed and stale.
            """,
        arguments: [
            .init(
                name: "paths", help: "Account files or folders (default: every account of the notes repository).",
                repeating: true, optional: true)
        ],
        options: [
            .init(
                "format", value: "format", allowed: ReportFormat.allowed(.text, .markdown, .json, .html),
                help:
                    "Output format: text, markdown, json or html (a self-contained pipeline page; default: text on "
                    + "a terminal, markdown otherwise)."
            )
        ] + ReportScope.options)

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = try SummaryOptions(parsed, env)
        let run = try ReportRun.load(options.scope, env)
        let summary = Summary(accounts: run.facts, checklist: run.workspace.checklist)
        switch options.format {
        case .json: env.stdout(summary.json())
        case .html:
            // Links to the HTML briefs as 'brief --format html --out' writes them, for a page saved at
            // the top of the notes repository; recent changes only with --as-of (same notes, same bytes).
            let glob = Glob(run.workspace.config.accounts), folder = run.workspace.config.briefs
            var changes: ChangesReport?
            if let asOf = run.asOf, Git(directory: run.workspace.root).topLevel() != nil {
                changes = try? ChangesReport.compute(
                    workspace: run.workspace, files: run.files, since: .lastWeek, asOf: asOf,
                    allAccounts: options.scope.paths.isEmpty, cwd: env.cwd)
            }
            env.stdout(
                summary.html(
                    brief: { folder + "/" + BriefWriter.briefPath(for: $0.path, glob: glob, extension: "html") },
                    changes: changes))
        case .markdown: env.stdout(summary.markdown())
        case .text: env.stdout(summary.text())
        }
        return run.finish()
    }
}
