import FieldnotesCore
import FieldnotesSupport
import Foundation

/// Reads the history of the accounts from git: the first-parent history of HEAD in one
/// `git log --raw` pass, each distinct content read once (`git cat-file --batch`) unless the
/// cache under `.git/fieldnotes/` already holds its facts, then the work tree where it differs.
public enum HistoryEngine {
    /// Not in a git repository: the history cannot be read.
    public struct NotInGit: Error, Sendable {}

    /// Contents parsed at a time (on every core) while git reads the next: bounds the memory of a first run.
    static let chunk = 512

    /// - Parameters:
    ///   - files: the accounts asked for (their paths now).
    ///   - allAccounts: whether accounts no longer in the work tree are listed too.
    ///   - asOf: the day the work tree's changes are dated (nil: undated).
    ///   - useCache: whether to read and write the cache (tests turn it off to compare).
    public static func load(
        workspace: Workspace, files: [Workspace.AccountFile], allAccounts: Bool, asOf: Day?, useCache: Bool = true
    ) throws -> History {
        let git = Git(directory: workspace.root)
        guard let top = git.topLevel() else { throw NotInGit() }
        let prefix = Workspace.pathPrefix(of: workspace.root, inWorkTree: top) ?? ""
        let glob = Glob(workspace.config.accounts)
        let scope = prefix + glob.staticPrefix.joined(separator: "/")
        let topGit = Git(directory: top)
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: .last)
        let cachePath = useCache ? topGit.commonDirectory().map { $0 + "/fieldnotes/facts.cache" } : nil
        var cache = SnapshotCache(path: cachePath, fingerprint: SnapshotCache.fingerprint(context))
        let fromFile = cache.loaded

        let commits = try topGit.firstParentLog(under: scope)
        var builder = TimelineBuilder(prefix: prefix, glob: glob)
        for commit in commits { builder.add(commit) }
        var notices: [String] = []
        var shallowSince: Day?
        if topGit.isShallow(), let first = commits.first {
            shallowSince = first.day
            builder.markBoundary(first.sha)
            notices.append(
                "the history is shallow and starts on \(first.day): what happened before is not known "
                    + "('git fetch --unshallow' gets the rest)")
        } else if commits.isEmpty {
            notices.append("no commits of the accounts yet: their history starts with the first commit")
        }
        // Each distinct content not in the cache, read once, in chunks, on every core.
        var wanted: [String] = []
        var seen = Set<String>()
        for t in builder.timelines {
            for v in t.versions {
                if case .content(let id) = v.state, !cache.contains(id), seen.insert(id).inserted { wanted.append(id) }
            }
        }
        var read = 0
        try topGit.streamBlobs(wanted, maxSize: FileReader.maxSize, chunk: chunk) { blobs in
            let facts = Batch.map(blobs.count) { [blobs] i -> SnapshotCache.Fact? in
                switch blobs[i].blob {
                case .content(let data): return fact(of: [UInt8](data), context: context)
                case .tooLarge(let size): return .tooLarge(size)
                default: return nil
                }
            }
            for (item, fact) in zip(blobs, facts) {
                guard let fact else { continue }
                if case .snapshot = fact { read += 1 }
                cache.add(item.id, fact)
            }
        }
        if cache.hasChanges { cache.save() }
        // The work tree, where it differs from the last commit.
        var workTree: [String: VersionFacts] = [:]
        let changed = try workTreeChanges(topGit, scope: scope, prefix: prefix, hasCommits: !commits.isEmpty)
        builder.addWorkTree(
            files: files, changed: changed, allAccounts: allAccounts, asOf: asOf,
            time: (commits.last?.time ?? 0) + 1)
        for t in builder.timelines {
            guard let last = t.versions.last, last.state == .workTree else { continue }
            guard let file = files.first(where: { $0.path == last.path }) else { continue }
            workTree[last.path] = workTreeFacts(file, context: context)
        }
        var timelines = builder.timelines
        if !allAccounts {
            let asked = Set(files.map(\.path))
            timelines = timelines.filter { asked.contains($0.path) }
        }
        timelines.sort { Workspace.pathPrecedes($0.path, $1.path) }
        var history = History(
            timelines: timelines, notices: notices, shallowSince: shallowSince, blobsRead: read,
            fromCache: 0, cacheRefused: useCache ? cache.refused : "not used", cache: cache, workTree: workTree)
        for (i, t) in timelines.enumerated() { history.byPath[t.path] = i }
        history.fromCache = fromFile == 0 ? 0 : seen.isEmpty ? countContents(timelines) : countContents(timelines) - wanted.count
        history.notices += tooLargeNotices(history)
        return history
    }

    private static func countContents(_ timelines: [AccountTimeline]) -> Int {
        var ids = Set<String>()
        for t in timelines {
            for v in t.versions { if case .content(let id) = v.state { ids.insert(id) } }
        }
        return ids.count
    }

    /// The facts of one version's content.
    package static func fact(of bytes: [UInt8], context: CheckContext) -> SnapshotCache.Fact {
        switch FileReader.decode(bytes, displayPath: "") {
        case .text(let source):
            let reading = Checker.read(source, context: context)
            return .snapshot(AccountSnapshot(reading, source: source, checklist: context.checklist))
        case .unreadable(_, let diagnostic):
            return .unreadable(diagnostic.message)
        }
    }

    private static func workTreeFacts(_ file: Workspace.AccountFile, context: CheckContext) -> VersionFacts {
        switch FileReader.read(file) {
        case .text(let source):
            let reading = Checker.read(source, context: context)
            return .snapshot(AccountSnapshot(reading, source: source, checklist: context.checklist))
        case .unreadable(_, let diagnostic):
            return .unreadable(diagnostic.message)
        }
    }

    /// Paths (relative to the top) whose work tree differs from HEAD, staged or not, with the
    /// path they had at HEAD when renamed; a path mapped to nil was deleted.
    private static func workTreeChanges(
        _ git: Git, scope: String, prefix: String, hasCommits: Bool
    ) throws -> [Git.StagedChange] {
        guard hasCommits else { return [] }
        let data = try git.run(
            ["diff", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff", "HEAD", "--"]
                + (scope.isEmpty ? [] : [scope]))
        return Git.nameStatus(data)
    }

    private static func tooLargeNotices(_ history: History) -> [String] {
        var notices: [String] = []
        for t in history.timelines {
            for v in t.versions {
                if case .tooLarge(let size) = history.facts(v) {
                    notices.append(
                        "\(v.path) was larger than 10 MB (\(FileReader.describeSize(size))) at "
                            + "\(v.shortCommit) (\(v.day.map { "\($0)" } ?? "work tree")): that version is not read")
                }
            }
        }
        return notices
    }
}

/// Follows each account file through the commits: added, changed, renamed, removed, re-added.
struct TimelineBuilder {
    let prefix: String
    let glob: Glob
    var timelines: [AccountTimeline] = []
    /// Where each account is now in the walk (relative to the notes repository) → its timeline;
    /// a removed account keeps its path, so that one re-added there continues its timeline.
    var byPath: [String: Int] = [:]

    init(prefix: String, glob: Glob) {
        self.prefix = prefix
        self.glob = glob
    }

    private func relative(_ path: String) -> String? {
        guard let rel = Workspace.strip(prefix, from: path), Workspace.isAccountPath(rel, glob: glob) else {
            return nil
        }
        return rel
    }

    private mutating func append(_ rel: String, _ version: HistoryVersion) {
        if let t = byPath[rel] {
            timelines[t].versions.append(version)
            timelines[t].path = rel
        } else {
            byPath[rel] = timelines.count
            timelines.append(AccountTimeline(path: rel, versions: [version]))
        }
    }

    private func isLive(_ rel: String) -> Bool {
        guard let t = byPath[rel], let last = timelines[t].versions.last else { return false }
        return last.state != .removed
    }

    mutating func add(_ commit: LoggedCommit) {
        func version(_ rel: String, _ state: HistoryVersion.State, from: String? = nil) -> HistoryVersion {
            HistoryVersion(
                commit: commit.sha, day: commit.day, time: commit.time, path: rel, renamedFrom: from, state: state)
        }
        for change in commit.changes {
            let rel = relative(change.path)
            switch change.status {
            case "D":
                if let rel, isLive(rel) { append(rel, version(rel, .removed)) }
            case "R":
                let old = change.from.flatMap(relative)
                if let old, isLive(old), let t = byPath[old] {
                    if let rel, change.isFile {
                        byPath[old] = nil
                        // A path re-used by another account: that timeline stays where it was.
                        byPath[rel] = t
                        timelines[t].versions.append(version(rel, .content(change.blob), from: old))
                        timelines[t].path = rel
                    } else {
                        append(old, version(old, .removed))
                    }
                } else if let rel, change.isFile {
                    append(rel, version(rel, .content(change.blob)))
                }
            default:
                guard let rel else { continue }
                if change.isFile {
                    append(rel, version(rel, .content(change.blob)))
                } else if isLive(rel) {
                    append(rel, version(rel, .removed))
                }
            }
        }
    }

    /// Marks the versions of the boundary commit of a shallow clone.
    mutating func markBoundary(_ sha: String) {
        for t in timelines.indices {
            if let i = timelines[t].versions.firstIndex(where: { $0.commit == sha }) {
                timelines[t].versions[i].atBoundary = true
            }
        }
    }

    /// The work tree's versions: files that differ from HEAD (renames followed), new files, and
    /// accounts removed from it (with `allAccounts`).
    mutating func addWorkTree(
        files: [Workspace.AccountFile], changed: [Git.StagedChange], allAccounts: Bool, asOf: Day?, time: Int
    ) {
        func version(_ rel: String, _ state: HistoryVersion.State, from: String? = nil) -> HistoryVersion {
            HistoryVersion(commit: nil, day: asOf, time: time, path: rel, renamedFrom: from, state: state)
        }
        let present = Set(files.map(\.path))
        var differs = Set<String>()
        for change in changed {
            guard let rel = relative(change.path) else { continue }
            switch change.kind {
            case .renamed(let from):
                if let old = relative(from), isLive(old), let t = byPath[old], present.contains(rel) {
                    byPath[old] = nil
                    byPath[rel] = t
                    timelines[t].versions.append(version(rel, .workTree, from: old))
                    timelines[t].path = rel
                }
            case .deleted: continue
            default: differs.insert(rel)
            }
        }
        for file in files where !file.path.hasPrefix("/") {
            if !isLive(file.path) {
                append(file.path, version(file.path, .workTree))
            } else if differs.contains(file.path), let t = byPath[file.path],
                timelines[t].versions.last?.state != .workTree
            {
                append(file.path, version(file.path, .workTree))
            }
        }
        guard allAccounts else { return }
        for t in timelines.indices where !present.contains(timelines[t].path) {
            if let last = timelines[t].versions.last, last.state != .removed, byPath[timelines[t].path] == t {
                timelines[t].versions.append(version(timelines[t].path, .removed))
            }
        }
    }
}
