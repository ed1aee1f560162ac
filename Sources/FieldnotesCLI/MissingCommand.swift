import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport

/// `fieldnotes missing [PATH…]`: open questions and unverified assumptions, per account.
enum MissingCommand {
    static let spec = CommandSpec(
        name: "missing",
        abstract: "List the questions still open for each account's stage: the agenda for the next meeting.",
        discussion: """
            For each account: the questions due at its stage that are missing, partly answered or only
            assumed, in checklist order and grouped by category, each with a hint on how to ask it; then
            the assumptions still to verify, with their line. --next adds the next stage's questions.
            """,
        arguments: [
            .init(
                name: "paths", help: "Account files or folders (default: every account of the notes repository).",
                repeating: true, optional: true)
        ],
        options: [
            .init(
                "format", value: "format", allowed: ReportFormat.allowed(.text, .markdown, .json),
                help: "Output format: text, markdown or json (default: text)."),
            .init("next", help: "Also list the questions of the next stage."),
        ] + ReportScope.options)

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = try MissingOptions(parsed, env)
        let run = try ReportRun.load(options.scope, env)
        let report = MissingReport(
            accounts: run.facts, checklist: run.workspace.checklist, includeNext: options.includeNext)
        switch options.format {
        case .json: env.stdout(report.json())
        case .markdown: env.stdout(report.markdown())
        case .text, .html: env.stdout(report.text())
        }
        return run.finish()
    }
}
