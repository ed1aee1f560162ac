import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// What the report commands (missing, brief, summary) share: the notes repository, every
/// account checked once, and the facts reports are made of.
struct ReportRun {
    var workspace: Workspace
    var context: CheckContext
    var facts: [AccountFacts]
    /// What `render` made of each account's facts (same order as `facts`), when given.
    var rendered: [[UInt8]] = []
    /// The account files read (before any --owner filter).
    var files: [Workspace.AccountFile]
    /// The date given with --as-of: only then do reports hold clock-dependent content.
    var asOf: Day?
    /// Folders the walk could not enter: said on stderr when loading, and the run fails.
    var unreadableFolders: [Workspace.AccountFile] = []
    /// Where the run says why it fails (the command's stderr).
    var stderr: (String) -> Void = { _ in }

    static let asOfOption = CommandSpec.Option(
        "as-of", value: "date",
        help:
            "The date that stands for today, YYYY-MM-DD or 'today'. Without it, reports leave out what depends on the date (stale, decision date passed, days since contact), so the same notes always give the same output."
    )
    static let ownerOption = CommandSpec.Option("owner", value: "name", help: "Only the accounts of this owner.")
    static let configOption = CommandSpec.Option(
        "config", value: "file", help: "Use this fieldnotes.yml instead of searching for one.")

    /// - Parameters:
    ///   - keepText: briefs quote the notes; the other reports only need the facts.
    ///   - render: made from each account's full facts on the core that checked it, before the
    ///     text is dropped (Markdown briefs: memory then stays small however many accounts there are).
    static func load(
        _ parsed: ParsedArguments, _ env: CommandEnvironment, command: String, paths: [String], keepText: Bool = false,
        render: (@Sendable (AccountFacts, Workspace) -> [UInt8])? = nil
    ) throws -> ReportRun {
        var asOf: Day?
        if parsed.values["as-of"] != nil {
            asOf = try CLI.asOf(parsed, env, command: command)
        }
        let workspace = try Workspace.open(paths: paths, cwd: env.cwd, configPath: parsed.values["config"])
        // A folder that cannot be read is a problem of the walk, not an account: said, then left out.
        let found = try workspace.accountFiles(paths: paths, cwd: env.cwd)
        let files = found.filter { $0.unreadableFolder == nil }
        let unreadableFolders = found.filter { $0.unreadableFolder != nil }
        for folder in unreadableFolders {
            env.stderr(
                TerminalText.escaped("error: cannot read the folder '\(folder.path)': \(folder.unreadableFolder ?? "")")
                    + "\n"
                    + (folder.refusal?.help.map { "  = help: " + TerminalText.escaped($0) + "\n" } ?? ""))
        }
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: asOf ?? env.today)
        // In chunks, keeping only the facts (and the text where briefs need it).
        var all: [(facts: AccountFacts, rendered: [UInt8]?)] = []
        all.reserveCapacity(files.count)
        var start = 0
        while start < files.count {
            let chunk = Array(files[start..<min(files.count, start + 512)])
            let checklist = workspace.checklist, staleAfterDays = workspace.config.staleAfterDays
            all += Batch.check(chunk, context: context) { [asOf] report in
                let facts = AccountFacts(report, checklist: checklist, staleAfterDays: staleAfterDays, asOf: asOf)
                return (keepText ? facts : facts.slimmed(), render?(facts, workspace))
            }
            start += 512
        }
        var kept = all
        if let owner = parsed.values["owner"] {
            kept = all.filter { $0.facts.owner?.lowercased() == owner.lowercased() }
            if kept.isEmpty {
                let owners = Set(all.compactMap(\.facts.owner)).sorted()
                env.say(
                    .warning,
                    TerminalText.escaped(
                        "no accounts owned by '\(owner)'"
                            + (Suggest.closest(to: owner, in: owners).map { "; did you mean '\($0)'?" } ?? "")))
            }
        } else if files.isEmpty && unreadableFolders.isEmpty {
            env.say(.warning, TerminalText.escaped("no account files match '\(workspace.config.accounts)'"))
        }
        return ReportRun(
            workspace: workspace, context: context, facts: kept.map(\.facts), rendered: kept.compactMap(\.rendered),
            files: files, asOf: asOf, unreadableFolders: unreadableFolders, stderr: env.stderr)
    }

    /// The exit status, said: reports are produced even for notes with errors, and the status
    /// still says so. The commands call it last; when the notes' errors fail the run it says so on
    /// stderr (one line), so a failure after a report that looks fine is never left unexplained.
    func finish() -> Int32 {
        let failing = facts.filter { $0.errorCount > 0 }.map(\.path)
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
            "error: \(paths.count) \(one ? "account has" : "accounts have") errors in \(one ? "its" : "their") notes (\(shown)); 'fieldnotes check' shows them"
    }

    /// `path:line:col: message` for a diagnostic, one line.
}
