import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport

/// `agenda`'s options, read once from its arguments.
struct AgendaOptions {
    static let defaultMax = 5

    var scope: ReportScope
    var format: ReportFormat
    /// --share: the version to send to the customer.
    var share: Bool
    /// --max: how many open questions at most, besides the opening one.
    var max: Int

    init(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws {
        scope = try ReportScope(parsed, env, command: "agenda")
        format = parsed.choice("format", default: ReportFormat.readable(terminal: env.stdoutIsTerminal))
        share = parsed.flag("share")
        max = Self.defaultMax
        if let text = parsed.values["max"] {
            guard let n = Int(text), n >= 1 else {
                throw UsageError(
                    "invalid value '\(text)' for '--max'", command: "agenda",
                    help: "write how many questions to list, 1 or more (default: \(Self.defaultMax))")
            }
            max = n
        }
    }
}

/// `fieldnotes agenda [PATH…]`: the next meeting's agenda, per account.
enum AgendaCommand {
    static let spec = CommandSpec(
        name: "agenda",
        abstract: "Prepare the next meeting: the agenda for each account with an upcoming meeting.",
        discussion: """
            Without paths: every account with a next_meeting (on or after --as-of when given), nearest first,
            then by account name; closed-lost deals only when named. With paths: those accounts, meeting set or
            not. Each agenda gives the date (with --as-of, how many days away), who attends with their titles
            (next_meeting_with) and the goal (next_meeting_goal). It opens with "What has changed on your side
            since <last contact>?", then lists the open questions that matter most: by the checklist's priority,
            then missing before partly answered before assumed, then checklist order; each in its 'say:' wording
            when the checklist has one, with how far it is answered and which attendees hold the roles of its
            'who:'. Then up to three assumptions to verify and what was agreed last time (the newest dated log
            entry). --share writes the version to send to the customer: date, attendees, goal, the opening
            question and the questions that have a 'say:' wording, in that wording only, without internal
            questions, 'ask:' wordings, ids, priorities, statuses, assumptions, roles, the log, path or owner.
            """,
        arguments: [
            .init(
                name: "paths", help: "Account files or folders (default: every account with a next meeting).",
                repeating: true, optional: true)
        ],
        options: [
            .init(
                "format", value: "format", allowed: ReportFormat.allowed(.text, .markdown, .json),
                help: "Output format: text, markdown or json (default: text on a terminal, markdown otherwise)."),
            .init(
                "share",
                help: "The version to send to the customer: only the questions with a 'say:' wording, no internals."),
            .init(
                "max", value: "n",
                help: "How many open questions to list after the opening one, 1 or more (default: 5)."),
        ] + ReportScope.options)

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = try AgendaOptions(parsed, env)
        let named = !options.scope.paths.isEmpty
        var run = try ReportRun.load(
            options.scope, env,
            renderer: { workspace in Agenda.agreedRenderer(checklist: workspace.checklist, named: named) })
        var settings = AgendaDocument.Settings()
        settings.share = options.share
        settings.max = options.max
        settings.internalQuestions = Set(run.workspace.config.internalQuestions)
        settings.named = named
        settings.asOf = run.asOf
        let agenda = Agenda(accounts: run.facts, agreed: run.rendered, settings: settings)
        switch options.format {
        case .json: env.stdout(agenda.json())
        case .markdown: agenda.write(markdown: true, to: env.stdout)
        case .text, .html: agenda.write(markdown: false, to: env.stdout)
        }
        // The status speaks of the accounts on the agenda: another account's errors are check's to report.
        run.facts = AgendaDocument.chosen(run.facts, settings).map { run.facts[$0] }
        return run.finish()
    }
}
