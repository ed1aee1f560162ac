import FieldnotesCore
import FieldnotesSupport
import Foundation

/// `changes`: what changed in each account, from the notes' history in git.
extension ChangesReport {
    /// Where `changes` counts from.
    package enum Since: Sendable {
        /// 7 days before the --as-of date (or today).
        case lastWeek
        /// The last commit before this day.
        case date(Day)
        /// A git revision (a commit, a tag, HEAD~3).
        case revision(String)
    }

    /// A `--since` that is neither a date nor a commit of the repository.
    package struct UnknownRevision: Error, Sendable {
        package var text: String
        package var help: String
    }

    /// What changed in `files` since `since`, read from git: the notes as they are now (the work
    /// tree) compared with the last commit before a date, or with a commit; renames followed.
    /// - Parameter allAccounts: whether accounts removed since then are reported too.
    package static func compute(
        workspace: Workspace, files: [Workspace.AccountFile], since: Since, asOf: Day, allAccounts: Bool, cwd: URL
    ) throws -> ChangesReport {
        let git = Git(directory: workspace.root)
        guard let top = git.topLevel() else {
            let shown = Workspace.relative(workspace.root, to: cwd)
            throw ToolError(
                "'fieldnotes changes' reads the history of the notes, and '\(shown.isEmpty ? "." : shown)' "
                    + "is not in a git repository",
                help: "keep the notes in git: 'git init', then commit them")
        }
        let prefix = Workspace.pathPrefix(of: workspace.root, inWorkTree: top) ?? ""
        // The commit to compare with.
        var notices: [String] = []
        let (base, sinceText) = try baseCommit(git, since: since, asOf: asOf, notices: &notices)
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: asOf)
        let current = Batch.check(files, context: context)
        // The same accounts at the base commit, renames followed.
        var atBase = BaseVersions()
        if let base {
            atBase = try versions(
                at: base, top: top, prefix: prefix, workspace: workspace, files: files, allAccounts: allAccounts,
                context: context, notices: &notices)
        }
        let notice = notices.isEmpty ? nil : notices.joined(separator: "; ")
        let changes = diff(current, atBase.reports, renamedFrom: atBase.renamedFrom, tooLarge: atBase.tooLarge)
        return ChangesReport(since: sinceText, sinceCommit: base, notice: notice, changes: changes)
    }

    /// The accounts as they were at the base commit.
    private struct BaseVersions {
        /// By path relative to the notes root, at the base (its bytes).
        var reports: [[UInt8]: AccountReport] = [:]
        /// Current path → old path.
        var renamedFrom: [[UInt8]: String] = [:]
        /// Accounts whose version at the base is over the size limit.
        var tooLarge: Set<[UInt8]> = []
    }

    /// The accounts of `files` at `base` (under their old names when renamed since), or every
    /// account there with `allAccounts`, read from git and checked.
    private static func versions(
        at base: String, top: URL, prefix: String, workspace: Workspace, files: [Workspace.AccountFile],
        allAccounts: Bool, context: CheckContext, notices: inout [String]
    ) throws -> BaseVersions {
        var renamedFrom: [[UInt8]: String] = [:]
        var tooLarge: Set<[UInt8]> = []
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
                notices.append(Self.tooLargeNotice(rel, size))
                continue
            }
            entries.append((rel, entry))
        }
        var result = BaseVersions(renamedFrom: renamedFrom)
        let reports = try checked(entries, git: topGit, context: context, tooLarge: &tooLarge, notices: &notices)
        for report in reports { result.reports[Array(report.path.utf8)] = report }
        result.tooLarge = tooLarge
        return result
    }

    /// The accounts of `entries` at the base commit, read from git and checked on every core;
    /// a version over the size limit is left out and said in `notices`.
    package static func checked(
        _ entries: [(path: String, entry: Git.Entry)], git topGit: Git, context: CheckContext,
        tooLarge: inout Set<[UInt8]>, notices: inout [String]
    ) throws -> [AccountReport] {
        let blobs = try topGit.blobs(entries.map(\.entry.id), maxSize: FileReader.maxSize)
        var contents: [(path: String, bytes: [UInt8])] = []
        for (item, blob) in zip(entries, blobs) {
            switch blob {
            case .content(let data): contents.append((item.path, [UInt8](data)))
            case .tooLarge(let size):
                tooLarge.insert(Array(item.path.utf8))
                notices.append(Self.tooLargeNotice(item.path, size))
            default: continue
            }
        }
        // Checked on every core, like the current files.
        return Batch.map(contents.count) { [contents] i in
            Checker.check(
                FileReader.decode(contents[i].bytes, displayPath: contents[i].path), path: contents[i].path,
                context: context)
        }
    }

    /// Each account's changes: the current reports against those at the base (by their path
    /// there, renames followed), then the accounts removed since; sorted by path.
    package static func diff(
        _ current: [AccountReport], _ oldReports: [[UInt8]: AccountReport], renamedFrom: [[UInt8]: String],
        tooLarge: Set<[UInt8]>
    ) -> [AccountChange] {
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
        return changes
    }

    /// The commit `since` stands for, and how the report names it; what the history lacks is
    /// said in `notices`.
    package static func baseCommit(
        _ git: Git, since: Since, asOf: Day, notices: inout [String]
    ) throws -> (commit: String?, named: String) {
        let hasCommits = git.commit("HEAD") != nil
        let day: Day
        let named: String
        switch since {
        case .revision(let text):
            guard let sha = git.commit(text) else {
                throw UnknownRevision(
                    text: text,
                    help: hasCommits
                        ? "write a date such as \(asOf.adding(days: -7)), or a revision such as HEAD~3 or a tag"
                        : "the repository has no commits yet")
            }
            return (sha, text)
        case .date(let d): (day, named) = (d, "\(d)")
        case .lastWeek:
            day = asOf.adding(days: -7)
            named = "\(day) (7 days before \(asOf))"
        }
        if let base = git.lastCommit(before: day) { return (base, named) }
        if !hasCommits {
            notices.append("no commits yet: every account counts as new")
        } else if git.isShallow(), let oldest = git.oldestCommit() {
            notices.append(
                "the history is shallow and starts on \(oldest.date): changes are counted from there "
                    + "('git fetch --unshallow' gets the rest)")
            return (oldest.sha, named)
        } else if let oldest = git.oldestCommit() {
            notices.append("the history starts on \(oldest.date), after \(day): every account counts as new")
        }
        return (nil, named)
    }

    /// Why an account's changes are not shown: its version at the base commit is over the size limit.
    package static func tooLargeNotice(_ path: String, _ size: Int) -> String {
        "\(path) was larger than 10 MB (\(FileReader.describeSize(size))) at that commit, so its changes are not shown"
    }
}
