import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// What the report commands (missing, brief, summary) share: the notes repository, every
/// account checked once (by `ReportPipeline`), and the facts reports are made of, with what the
/// command line says about them (folders it could not read, an owner with no accounts).
struct ReportRun {
    var pipeline: ReportPipeline
    var facts: [AccountFacts]
    /// What `render` made of each account's facts (same order as `facts`), when given.
    var rendered: [[UInt8]] = []
    /// Where the run says why it fails (the command's stderr).
    var stderr: (String) -> Void = { _ in }
    /// The accounts whose notes have errors, kept when the facts are let go.
    private var failingPaths: [String]?

    var workspace: Workspace { pipeline.workspace }
    var context: CheckContext { pipeline.context }
    /// The account files read (before any --owner filter).
    var files: [Workspace.AccountFile] { pipeline.files }
    /// The date given with --as-of: only then do reports hold clock-dependent content.
    var asOf: Day? { pipeline.asOf }
    /// Folders the walk could not enter: said on stderr when loading, and the run fails.
    var unreadableFolders: [Workspace.AccountFile] { pipeline.unreadableFolders }

    static let asOfOption = CommandSpec.Option(
        "as-of", value: "date",
        help:
            "The date that stands for today, YYYY-MM-DD or 'today'. Without it, reports leave out what depends on "
            + "the date (stale, decision date passed, days since contact), so the same notes always give the same "
            + "output."
    )
    static let ownerOption = CommandSpec.Option("owner", value: "name", help: "Only the accounts of this owner.")
    static let configOption = CommandSpec.Option(
        "config", value: "file", help: "Use this fieldnotes.yml instead of searching for one.")
    static let noHistoryOption = CommandSpec.Option(
        "no-history",
        help:
            "Do not read the notes' history in git. By default, when the notes are in git, reports add what it "
            + "tells: the history's risk flags, days at the stage, what_changed asked again after a meeting."
    )

    /// - Parameters:
    ///   - keep: briefs quote the notes; the other reports only need the facts.
    ///   - renderer: given the opened notes repository, what to make of each account's full
    ///     facts on the core that checked it (Markdown briefs).
    ///   - emit: when given, what `renderer` made of each account (of --owner's, with it) goes
    ///     there as soon as its chunk is checked, in order, and is not kept (Markdown briefs
    ///     printed to stdout: memory stays that of the facts however many accounts there are).
    ///   - historyOfEveryAccount: read the history of every account of the notes repository,
    ///     whichever paths were given (a pipeline page made alongside).
    ///   - events: the history's events the report shows (only those the flags read, by default).
    static func load(
        _ scope: ReportScope, _ env: CommandEnvironment, keep: ReportPipeline.Keep = .facts,
        renderer: ((Workspace) -> @Sendable (AccountFacts) -> [UInt8])? = nil, emit: (([UInt8]) -> Void)? = nil,
        historyOfEveryAccount: Bool = false, events: HistorySignals.EventWindow = .flags
    ) throws -> ReportRun {
        var pipeline = try ReportPipeline(
            paths: scope.paths, cwd: env.cwd, configPath: scope.configPath, asOf: scope.asOf, today: env.today)
        if scope.history {
            let every = historyOfEveryAccount && !scope.paths.isEmpty
            let files =
                every
                ? try pipeline.workspace.accountFiles(paths: [], cwd: env.cwd).filter { $0.unreadableFolder == nil }
                : nil
            pipeline.startReadingHistory(of: files, allAccounts: scope.paths.isEmpty || every, events: events)
        }
        for folder in pipeline.unreadableFolders {
            env.say(
                .error,
                TerminalText.escaped("cannot read the folder '\(folder.path)': \(folder.unreadableFolder ?? "")")
                    + (folder.refusal?.help.map { "\n  = help: " + TerminalText.escaped($0) } ?? ""))
        }
        let owner = scope.owner?.lowercased()
        func owned(_ facts: AccountFacts) -> Bool { owner == nil || facts.owner?.lowercased() == owner }
        let all = pipeline.facts(
            keep: keep, render: renderer?(pipeline.workspace),
            chunk: emit.map { emit in
                { drawn in
                    for i in drawn.indices {
                        if owned(drawn[i].facts), let rendered = drawn[i].rendered { emit(rendered) }
                        drawn[i].rendered = nil
                    }
                }
            })
        for notice in pipeline.finishReadingHistory() { env.say(.note, TerminalText.escaped(notice)) }
        var kept = all
        if let owner = scope.owner {
            kept = all.filter { owned($0.facts) }
            if kept.isEmpty {
                let owners = Set(all.compactMap(\.facts.owner)).sorted()
                env.say(
                    .warning,
                    TerminalText.escaped(
                        "no accounts owned by '\(owner)'"
                            + (Suggest.closest(to: owner, in: owners).map { "; did you mean '\($0)'?" } ?? "")))
            }
        } else if pipeline.files.isEmpty && pipeline.unreadableFolders.isEmpty {
            env.say(.warning, TerminalText.escaped("no account files match '\(pipeline.workspace.config.accounts)'"))
        }
        return ReportRun(
            pipeline: pipeline, facts: kept.map(\.facts), rendered: kept.compactMap(\.rendered), stderr: env.stderr)
    }

    /// Lets the facts go once the report holds what it needs of them (a summary of 50k accounts
    /// need not keep them twice); the exit status `finish` says is kept.
    mutating func releaseFacts() {
        failingPaths = facts.filter { $0.errorCount > 0 }.map(\.path)
        facts = []
    }

    /// The exit status, said: reports are produced even for notes with errors, and the status
    /// still says so. The commands call it last; when the notes' errors fail the run it says so on
    /// stderr (one line), so a failure after a report that looks fine is never left unexplained.
    func finish() -> Int32 {
        let failing = failingPaths ?? facts.filter { $0.errorCount > 0 }.map(\.path)
        if !failing.isEmpty { stderr(Self.errorsLine(failing) + "\n") }
        return failing.isEmpty && unreadableFolders.isEmpty ? ExitStatus.success : ExitStatus.findings
    }

    /// `error: 2 accounts have errors in their notes (a.md, b.md); …`: up to three paths, then how many more.
    static func errorsLine(_ paths: [String]) -> String {
        let shown =
            paths.prefix(3).map { TerminalText.escaped($0) }.joined(separator: ", ")
            + (paths.count > 3 ? " and \(paths.count - 3) more" : "")
        let one = paths.count == 1
        return
            "error: \(paths.count) \(one ? "account has" : "accounts have") errors in \(one ? "its" : "their") "
            + "notes (\(shown)); 'fieldnotes check' shows them"
    }
}
