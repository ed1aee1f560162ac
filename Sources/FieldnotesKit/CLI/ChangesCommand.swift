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
        arguments: [.init(name: "paths", help: "Account files or folders (default: every account of the notes repository).", repeating: true, optional: true)],
        options: [
            .init("since", value: "date|rev", help: "A date (YYYY-MM-DD) or a git revision (default: 7 days ago)."),
            .init("format", value: "format", allowed: ["text", "markdown", "json"], help: "Output format: text, markdown (for a pipeline review) or json (default: text)."),
            ReportRun.asOfOption,
            ReportRun.configOption,
        ])

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let asOf = try CLI.asOf(parsed, env, command: "changes")
        let workspace = try Workspace.open(paths: parsed.positionals, cwd: env.cwd, configPath: parsed.values["config"])
        let files = try workspace.accountFiles(paths: parsed.positionals, cwd: env.cwd)
        let report = try compute(workspace: workspace, files: files, since: parsed.values["since"], asOf: asOf,
                                 allAccounts: parsed.positionals.isEmpty, cwd: env.cwd)
        switch parsed.values["format"] ?? "text" {
        case "json": env.stdout(report.json())
        case "markdown": env.stdout(report.markdown())
        default: env.stdout(report.text())
        }
        return ExitStatus.success
    }

    /// What changed in `files` since `since` (a date or revision; nil: 7 days before `asOf`).
    /// - Parameter allAccounts: whether accounts removed since then are reported too.
    static func compute(workspace: Workspace, files: [Workspace.AccountFile], since sinceText: String?, asOf: Day,
                        allAccounts: Bool, cwd: URL) throws -> ChangesReport {
        let git = Git(directory: workspace.root)
        guard let top = git.topLevel() else {
            throw ToolError("'fieldnotes changes' reads the history of the notes, and '\(Workspace.relative(workspace.root, to: cwd).isEmpty ? "." : Workspace.relative(workspace.root, to: cwd))' is not in a git repository",
                            help: "keep the notes in git: 'git init', then commit them")
        }
        let prefix = Workspace.pathPrefix(of: workspace.root, inWorkTree: top) ?? ""
        // The commit to compare with.
        var base: String?
        var since: String
        var notice: String?
        let day: Day?
        if let sinceText {
            switch Day.parse(sinceText) {
            case .success(let d): day = d
            case .failure(.noSuchDay(let why)):
                throw UsageError("invalid date '\(sinceText)' for '--since': \(why)", command: "changes")
            case .failure(.format):
                day = nil
            }
        } else {
            day = asOf.adding(days: -7)
        }
        let hasCommits = git.commit("HEAD") != nil
        if let day {
            since = sinceText == nil ? "\(day) (7 days before \(asOf))" : "\(day)"
            base = git.lastCommit(before: day)
            if base == nil {
                if !hasCommits {
                    notice = "no commits yet: every account counts as new"
                } else if git.isShallow(), let oldest = git.oldestCommit() {
                    base = oldest.sha
                    notice = "the history is shallow and starts on \(oldest.date): changes are counted from there ('git fetch --unshallow' gets the rest)"
                } else if let oldest = git.oldestCommit() {
                    notice = "the history starts on \(oldest.date), after \(day): every account counts as new"
                }
            }
        } else {
            guard let sinceText, let sha = git.commit(sinceText) else {
                throw UsageError("'\(sinceText ?? "")' is neither a date (YYYY-MM-DD) nor a commit of this repository", command: "changes",
                                 help: hasCommits ? "write a date such as \(asOf.adding(days: -7)), or a revision such as HEAD~3 or a tag" : "the repository has no commits yet")
            }
            base = sha
            since = sinceText
        }
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: asOf)
        let current = Batch.check(files, context: context)
        // The same accounts at the base commit, renames followed.
        var oldReports: [String: AccountReport] = [:]   // by path relative to the notes root, at the base
        var renamedFrom: [String: String] = [:]         // current path → old path
        if let base {
            let glob = Glob(workspace.config.accounts)
            let scope = prefix + glob.staticPrefix.joined(separator: "/")
            let renames = try git.renames(since: base, under: scope)
            for file in files where !file.path.hasPrefix("/") {
                if let old = renames[prefix + file.path], old.hasPrefix(prefix) { renamedFrom[file.path] = String(old.dropFirst(prefix.count)) }
            }
            // Every account at the base: those of the given paths (and their old names), or all.
            var wanted = Set(files.map { renamedFrom[$0.path] ?? $0.path })
            if allAccounts {
                for path in try git.files(at: base, under: scope) where path.hasPrefix(prefix) {
                    let rel = String(path.dropFirst(prefix.count))
                    if Workspace.isAccountPath(rel, glob: glob) { wanted.insert(rel) }
                }
            }
            // Checked on every core, like the current files.
            let contents = try git.contents(wanted.sorted().map { prefix + $0 }, at: base).map { (String($0.key.dropFirst(prefix.count)), $0.value) }
            let reports = Batch.map(contents.count) { i in
                Checker.check(FileReader.decode([UInt8](contents[i].1), displayPath: contents[i].0), path: contents[i].0, context: context)
            }
            for report in reports { oldReports[report.path] = report }
        }
        var changes: [AccountChange] = []
        var seen = Set<String>()
        for report in current {
            let oldPath = renamedFrom[report.path] ?? report.path
            seen.insert(oldPath)
            if let change = AccountChange.between(oldReports[oldPath], report,
                                                  renamedFrom: renamedFrom[report.path]) {
                changes.append(change)
            }
        }
        for (path, old) in oldReports.sorted(by: { $0.key < $1.key }) where !seen.contains(path) {
            if let change = AccountChange.between(old, nil) { changes.append(change) }
        }
        changes.sort { $0.path < $1.path }
        return ChangesReport(since: since, sinceCommit: base, notice: notice, changes: changes)
    }
}
