import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport

/// `fieldnotes summary`: the Monday pipeline review, one row per account or per opportunity.
enum SummaryCommand {
    static let spec = CommandSpec(
        name: "summary",
        abstract: "Review the pipeline: open value, decision date and risks per account, totals per stage and owner.",
        discussion: """
            Each account shows its owner, stage, open value per currency (its opportunities not at a closed
            stage; an opportunity without a stage is at the account's), decision date, next meeting, coverage
            (questions answered of those due) and risk flags, each critical or a warning; an account with a
            critical flag is at risk ('fieldnotes explain risks' lists every flag and when it is raised; those
            that depend on the date need --as-of). Under the table: our position, the next step, and each opportunity with its stage,
            value, decision date and next step. Closed accounts (closed_won, closed_lost) come after the open
            pipeline, in a section of their own; then the totals per stage and per owner, each with its open
            value per currency (amounts in different currencies are never added), and the coverage matrix.
            With --by opportunity, a row per opportunity (those at a closed stage in the closed section) and
            totals of opportunities by their own stage; no coverage matrix. A decision date marked * is
            taken from the account's open opportunities (the account gives none), or with --by opportunity
            from its account. JSON writes amounts as numbers, an opportunity's exactly as the notes do.

            When the notes are in git (unless --no-history), the history adds its risk flags, each account's
            days at its stage (with --as-of: an "in stage" column; JSON stage_since and days_in_stage) and,
            with --as-of or --since, the movement since that day: new accounts, stage moves, value changes,
            decision dates pushed out and downgrades of our position, budget or pain, from every commit.
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
            ),
            .choice("sort", value: "order", SummarySort.self) {
                "Order of the rows: \($0). Ties go by account name. Currencies are not converted: 100 EUR and 100 "
                    + "USD rank alike."
            },
            .choice("by", value: "row", SummaryRows.self) {
                "A row per \($0) (default: account). With opportunity, JSON lists opportunities[] instead of "
                    + "accounts[]."
            },
            .init(
                "since", value: "date",
                help:
                    "Show what moved since this day, YYYY-MM-DD, from the history in git (default with --as-of: 7 "
                    + "days before it; without either, no movement)."
            ),
        ] + ReportScope.options)

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = try SummaryOptions(parsed, env)
        var run = try ReportRun.load(options.scope, env, events: options.movementSince.map { .since($0) } ?? .flags)
        // The movement comes from the history read with the facts: none without it.
        if options.since != nil && run.pipeline.history == nil {
            env.say(.note, "--since: the movement needs the notes' history in git, and it was not read")
        }
        // The document is what the writers read: the facts are let go once it holds them.
        let document = Summary(
            accounts: run.facts, checklist: run.workspace.checklist, sort: options.sort, rows: options.rows,
            movementSince: run.pipeline.history == nil ? nil : options.movementSince
        ).document()
        run.releaseFacts()
        switch options.format {
        case .json: env.stdout(SummaryJSONWriter.json(document))
        case .html:
            // Links to the HTML briefs as 'brief --format html --out' writes them, for a page saved at
            // the top of the notes repository.
            let glob = Glob(run.workspace.config.accounts), folder = run.workspace.config.briefs
            env.stdout(
                SummaryHTMLWriter.page(
                    document,
                    brief: { folder + "/" + BriefWriter.briefPath(for: $0.path, glob: glob, extension: "html") },
                    mark: nil))
        case .markdown: SummaryMarkdownWriter.markdown(document, to: env.stdout)
        case .text: SummaryTextWriter.text(document, to: env.stdout)
        }
        return run.finish()
    }
}

/// `summary --sort`.
extension SummarySort: OptionChoice {
    public var helpPhrase: String {
        switch self {
        case .stage: return "stage (default)"
        case .decision: return "decision (the nearest decision date first, undated last)"
        case .value: return "value (the largest open amount first, without value last)"
        case .account: return "account"
        case .owner: return "owner (then stage)"
        }
    }
}

/// `summary --by`.
extension SummaryRows: OptionChoice {}
