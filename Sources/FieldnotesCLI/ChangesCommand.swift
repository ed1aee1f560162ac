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
                "format", value: "format", allowed: ["text", "markdown", "json"],
                help: "Output format: text, markdown (for a pipeline review) or json (default: text)."),
            ReportRun.asOfOption,
            ReportRun.configOption,
        ])

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let asOf = try CLI.asOf(parsed, env, command: "changes")
        let workspace = try Workspace.open(paths: parsed.positionals, cwd: env.cwd, configPath: parsed.values["config"])
        // A folder that cannot be read is no account (check reports it).
        let files = try workspace.accountFiles(paths: parsed.positionals, cwd: env.cwd).filter {
            $0.unreadableFolder == nil
        }
        let report = try compute(
            workspace: workspace, files: files, since: parsed.values["since"], asOf: asOf,
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
    static func compute(
        workspace: Workspace, files: [Workspace.AccountFile], since sinceText: String?, asOf: Day,
        allAccounts: Bool, cwd: URL
    ) throws -> ChangesReport {
        let git = Git(directory: workspace.root)
        guard let top = git.topLevel() else {
            throw ToolError(
                "'fieldnotes changes' reads the history of the notes, and '\(Workspace.relative(workspace.root, to: cwd).isEmpty ? "." : Workspace.relative(workspace.root, to: cwd))' is not in a git repository",
                help: "keep the notes in git: 'git init', then commit them")
        }
        let prefix = Workspace.pathPrefix(of: workspace.root, inWorkTree: top) ?? ""
        // The commit to compare with.
        var base: String?
        var since: String
        var notices: [String] = []
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
                    notices.append("no commits yet: every account counts as new")
                } else if git.isShallow(), let oldest = git.oldestCommit() {
                    base = oldest.sha
                    notices.append(
                        "the history is shallow and starts on \(oldest.date): changes are counted from there ('git fetch --unshallow' gets the rest)"
                    )
                } else if let oldest = git.oldestCommit() {
                    notices.append("the history starts on \(oldest.date), after \(day): every account counts as new")
                }
            }
        } else {
            guard let sinceText, let sha = git.commit(sinceText) else {
                throw UsageError(
                    "'\(sinceText ?? "")' is neither a date (YYYY-MM-DD) nor a commit of this repository",
                    command: "changes",
                    help: hasCommits
                        ? "write a date such as \(asOf.adding(days: -7)), or a revision such as HEAD~3 or a tag"
                        : "the repository has no commits yet")
            }
            base = sha
            since = sinceText
        }
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: asOf)
        let current = Batch.check(files, context: context)
        // The same accounts at the base commit, renames followed.
        var oldReports: [[UInt8]: AccountReport] = [:]  // by path relative to the notes root, at the base (its bytes)
        var renamedFrom: [[UInt8]: String] = [:]  // current path → old path
        var tooLarge: Set<[UInt8]> = []  // accounts whose version at the base is over the size limit
        if let base {
            // Paths from the top of the work tree, for git run anywhere in it.
            let topGit = Git(directory: top)
            let glob = Glob(workspace.config.accounts)
            let scope = prefix + glob.staticPrefix.joined(separator: "/")
            let renames = try topGit.renames(since: base, under: scope)
            for file in files where !file.path.hasPrefix("/") {
                if let old = renames[prefix + file.path], let rel = Workspace.strip(prefix, from: old) {
                    renamedFrom[Array(file.path.utf8)] = rel
                }
            }
            // Every account at the base: those of the given paths (and their old names), or all.
            let wanted = Set(files.map { Array((renamedFrom[Array($0.path.utf8)] ?? $0.path).utf8) })
            var entries: [(path: String, entry: Git.Entry)] = []
            // (A file named outside the accounts folder is looked for in the whole notes repository.)
            let listed =
                allAccounts
                    || files.allSatisfy({
                        Workspace.strip(glob.staticPrefix.joined(separator: "/"), from: $0.path) != nil
                    }) ? scope : prefix
            for entry in try topGit.files(at: base, under: listed) where entry.isFile {
                guard let rel = Workspace.strip(prefix, from: entry.path) else { continue }
                let key = Array(rel.utf8)
                guard wanted.contains(key) || (allAccounts && Workspace.isAccountPath(rel, glob: glob)) else {
                    continue
                }
                // An old version over the size limit is not read, let alone compared.
                if let size = entry.size, size > FileReader.maxSize {
                    tooLarge.insert(key)
                    notices.append(
                        "\(rel) was larger than 10 MB (\(FileReader.describeSize(size))) at that commit, so its changes are not shown"
                    )
                    continue
                }
                entries.append((rel, entry))
            }
            let blobs = try topGit.blobs(entries.map(\.entry.id), maxSize: FileReader.maxSize)
            var contents: [(path: String, bytes: [UInt8])] = []
            for (item, blob) in zip(entries, blobs) {
                switch blob {
                case .content(let data): contents.append((item.path, [UInt8](data)))
                case .tooLarge(let size):
                    tooLarge.insert(Array(item.path.utf8))
                    notices.append(
                        "\(item.path) was larger than 10 MB (\(FileReader.describeSize(size))) at that commit, so its changes are not shown"
                    )
                default: continue
                }
            }
            // Checked on every core, like the current files.
            let reports = Batch.map(contents.count) { [contents] i in
                Checker.check(
                    FileReader.decode(contents[i].bytes, displayPath: contents[i].path), path: contents[i].path,
                    context: context)
            }
            for report in reports { oldReports[Array(report.path.utf8)] = report }
        }
        let notice = notices.isEmpty ? nil : notices.joined(separator: "; ")
        var changes: [AccountChange] = []
        var seen = Set<[UInt8]>()
        for report in current {
            let key = Array(report.path.utf8)
            let oldPath = Array((renamedFrom[key] ?? report.path).utf8)
            seen.insert(oldPath)
            if tooLarge.contains(oldPath) { continue }
            if let change = AccountChange.between(oldReports[oldPath], report, renamedFrom: renamedFrom[key]) {
                changes.append(change)
            }
        }
        for old in oldReports.values.sorted(by: { Workspace.pathPrecedes($0.path, $1.path) })
        where !seen.contains(Array(old.path.utf8)) {
            if let change = AccountChange.between(old, nil) { changes.append(change) }
        }
        changes.sort { Workspace.pathPrecedes($0.path, $1.path) }
        return ChangesReport(since: since, sinceCommit: base, notice: notice, changes: changes)
    }
}
