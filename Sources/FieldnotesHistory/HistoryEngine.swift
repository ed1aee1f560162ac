import FieldnotesCore
import FieldnotesSupport
import Foundation

/// Reads the history of the accounts from git: the first-parent history of HEAD in one
/// `git log --raw` pass, each distinct content read once (`git cat-file --batch`) unless the
/// cache under `.git/fieldnotes/` already holds its facts, then the work tree where it differs.
public enum HistoryEngine {
    /// Not in a git repository: the history cannot be read.
    public struct NotInGit: Error, Sendable {}

    /// Contents parsed at a time (on every core) while git reads the next ones, and the bytes such
    /// a chunk holds at most (one larger content comes alone): the memory of a first run is
    /// bounded by these, not by the history.
    static let chunk = 512
    static let chunkBytes = 64 << 20
    /// Accounts whose contents are asked for together, in commit order (see `readContents`).
    static let groupSize = 256

    /// The cache files this process is still writing: `load` returns before they are written
    /// (tens of megabytes after a first run), and the report is made meanwhile.
    private static let writes = DispatchGroup()

    /// Waits until the cache files `load` started writing are written: before the process ends
    /// (each file is written whole, under a temporary name, then renamed), and before `load`
    /// reads them again.
    package static func finishWriting() { writes.wait() }

    /// - Parameters:
    ///   - files: the accounts asked for (their paths now).
    ///   - allAccounts: whether accounts no longer in the work tree are listed too.
    ///   - asOf: the day the work tree's changes are dated (nil: undated).
    ///   - useCache: whether to read and write the cache (tests turn it off to compare).
    public static func load(
        workspace: Workspace, files: [Workspace.AccountFile], allAccounts: Bool, asOf: Day?, useCache: Bool = true
    ) throws -> History {
        try load(
            workspace: workspace, files: files, allAccounts: allAccounts, asOf: asOf, useCache: useCache,
            maxSize: FileReader.maxSize)
    }

    /// `maxSize`: the largest content read (a larger one is said too large).
    package static func load(
        workspace: Workspace, files: [Workspace.AccountFile], allAccounts: Bool, asOf: Day?, useCache: Bool,
        maxSize: Int
    ) throws -> History {
        guard let repository = Git(directory: workspace.root).repository() else { throw NotInGit() }
        let top = repository.top
        let git = Git(directory: top)
        let prefix = Workspace.pathPrefix(of: workspace.root, inWorkTree: top) ?? ""
        let glob = Glob(workspace.config.accounts)
        let scope = prefix + glob.staticPrefix.joined(separator: "/")
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: .last)

        // Three reads that do not wait on each other, at once: the log, the work tree's changes,
        // the accounts' digests (each a git run or a file).
        let head = repository.head
        let hasCommits = head != nil
        let folder = useCache ? repository.commonDirectory + "/fieldnotes/" : nil
        let fingerprint = SnapshotCache.fingerprint(context, maxSize: maxSize)
        let shallow = hasCommits && repository.isShallow
        // The caches are written while the rest goes on (nothing reads them again in this run),
        // after those an earlier call started.
        finishWriting()
        let saving = writes
        let reads = Batch.map(3) { i -> Read in
            do {
                switch i {
                case 0:
                    let (builder, read) = try readLog(
                        git, head: head, scope: scope, prefix: prefix, glob: glob,
                        cache: shallow ? nil : folder.map { $0 + "log.cache" }, saving: saving)
                    return .log(builder, read: read)
                case 1:
                    return .changes(
                        try workTreeChanges(git, scope: scope, hasCommits: hasCommits) {
                            Workspace.strip(prefix, from: $0).map { Workspace.isAccountPath($0, glob: glob) } ?? false
                        })
                default:
                    return .digests(DigestCache(path: folder.map { $0 + "accounts.cache" }, fingerprint: fingerprint))
                }
            } catch {
                return .failed(error)
            }
        }
        var builder = TimelineBuilder(prefix: prefix, glob: glob), changed: [Git.StagedChange] = []
        var commitsRead = 0
        var digests = DigestCache(path: nil, fingerprint: fingerprint)
        for read in reads {
            switch read {
            case .log(let b, let read):
                builder = b
                commitsRead = read
            case .changes(let c): changed = c
            case .digests(let d): digests = d
            case .failed(let error): throw error
            }
        }
        var notices: [String] = []
        var shallowSince: Day?
        if shallow, let boundary = git.oldestCommit(), case .success(let day) = Day.parse(boundary.date) {
            // The boundary's versions are all its files (git cannot tell what it changed).
            shallowSince = day
            builder.markBoundary(boundary.sha)
            notices.append(
                "the history is shallow and starts on \(day): what happened before is not known "
                    + "('git fetch --unshallow' gets the rest)")
        } else if builder.commits == 0 {
            notices.append("no commits of the accounts yet: their history starts with the first commit")
        }
        builder.addWorkTree(
            files: files, changed: changed, allAccounts: allAccounts, asOf: asOf, time: builder.lastTime + 1)
        // An account removed whose path another account took since (renamed onto it) gives way:
        // one timeline per path, the one that is there now.
        let live = Set(builder.byPath.values)
        var timelines = builder.timelines.enumerated().filter { i, t in
            live.contains(i) || builder.byPath[t.path] == nil
        }.map(\.element)
        if !allAccounts {
            let asked = Set(files.map(\.path))
            timelines = timelines.filter { asked.contains($0.path) }
        }
        timelines.sort { Workspace.pathPrecedes($0.path, $1.path) }

        var history = History(
            timelines: timelines, notices: notices, shallowSince: shallowSince, blobsRead: 0, fromCache: 0,
            cacheRefused: useCache ? nil : "not used", cache: SnapshotCache(path: nil, fingerprint: fingerprint),
            workTree: [:], digests: digests, keys: [])
        history.commitsRead = commitsRead
        for (i, t) in timelines.enumerated() { history.byPath[t.path] = i }
        let hashes = workTreeHashes(timelines, files: files)
        history.keys = timelines.map { DigestCache.key($0) { hashes[$0.path] ?? 0 } }
        let missing = timelines.indices.filter { !digests.contains(history.keys[$0]) }
        if !missing.isEmpty {
            // Only the accounts whose history changed are read: their versions' facts (from the
            // facts' cache, else from git), then their digests, on every core, each account's as
            // soon as its versions are read.
            let missed = missing.map { timelines[$0] }
            var cache = SnapshotCache(path: folder.map { $0 + "facts.cache" }, fingerprint: fingerprint)
            history.workTree = workTreeFacts(missed, files: files, context: context)
            let whatChanged = Set(context.checklist.questions.first { $0.id == "what_changed" }?.sectionKeys ?? [])
            let checklist = context.checklist
            let (read, made) = try readContents(
                of: missed, git: git, into: &cache, context: context, maxSize: maxSize, workTree: history.workTree
            ) { timeline, facts in
                DigestCache.entry(
                    TimelineDigest(timeline, facts: facts, checklist: checklist, whatChanged: whatChanged))
            }
            history.blobsRead = read
            // The facts' cache is written while the digests' cache is.
            if cache.hasChanges {
                let written = cache
                DispatchQueue.global().async(group: saving) { written.save() }
            }
            history.cache = cache
            if useCache { history.cacheRefused = cache.refused ?? digests.refused }
            for (i, entry) in zip(missing, made) { history.digests.add(history.keys[i], entry: entry) }
            // Digests of versions no longer anyone's go when every account was read.
            if history.digests.hasChanges {
                let written = history.digests, live = allAccounts ? Set(history.keys) : nil
                DispatchQueue.global().async(group: saving) { written.save(live: live) }
            }
        }
        let missed = Set(missing)
        for (i, t) in timelines.enumerated() {
            for v in t.versions {
                guard case .content(let id) = v.state else { continue }
                if missed.contains(i) ? history.cache.isFromFile(id) : digests.isFromFile(history.keys[i]) {
                    history.fromCache += 1
                }
            }
        }
        history.notices += tooLargeNotices(history, maxSize: maxSize)
        return history
    }

    /// The timelines of the commits of HEAD's first-parent history: from the log cache when it
    /// ends at HEAD; from it and the commits since when HEAD descends from where it ends (along
    /// the first parents); else from the whole log. `cache`: the log cache's file (nil: none),
    /// written anew in `saving`.
    private static func readLog(
        _ git: Git, head: String?, scope: String, prefix: String, glob: Glob, cache path: String?,
        saving: DispatchGroup
    ) throws -> (TimelineBuilder, read: Int) {
        var builder = TimelineBuilder(prefix: prefix, glob: glob)
        guard let head else { return (builder, 0) }
        let cache = path.map { LogCache(path: $0, scope: scope, prefix: prefix, glob: glob.pattern) }
        var commits: [LoggedCommit]?
        if let stored = cache?.stored(prefix: prefix, glob: glob) {
            if stored.head == head { return (stored.builder, 0) }
            // Only what came since, when HEAD's history goes on from where the stored one ends
            // (else it was rewritten, or HEAD went back: all of it is read again).
            if git.firstParentHistoryContinues(stored.head, to: head),
                let since = try? git.firstParentLog(of: head, under: scope, after: stored.head)
            {
                builder = stored.builder
                commits = since
            }
        }
        let read = try commits ?? git.firstParentLog(of: head, under: scope)
        for commit in read { builder.add(commit) }
        if let file = cache {
            let built = builder
            DispatchQueue.global().async(group: saving) {
                var file = file
                file.save(head: head, builder: built)
            }
        }
        return (builder, read.count)
    }

    /// What one of the reads made at once gave.
    private enum Read: Sendable {
        case log(TimelineBuilder, read: Int)
        case changes([Git.StagedChange])
        case digests(DigestCache)
        case failed(Error)
    }

    /// Reads each distinct content of `timelines` the cache does not hold, once, in chunks
    /// (bounded in count and bytes), its facts made on every core and added to the cache; and
    /// makes each account's digest in its stored form (`digest`, on every core) as soon as all
    /// its versions' facts are known. What this run read is kept in memory only until the accounts that need it have
    /// their digests: the memory is bounded by the chunks, not the history. Returns how many
    /// contents were read and the digests, in order; a content git does not have is unavailable.
    private static func readContents(
        of timelines: [AccountTimeline], git: Git, into cache: inout SnapshotCache, context: CheckContext,
        maxSize: Int, workTree: [String: VersionFacts],
        digest: @escaping @Sendable (AccountTimeline, [VersionFacts]) -> [UInt8]
    ) throws -> (read: Int, digests: [[UInt8]]) {
        // The contents asked for, a group of accounts at a time, in the reverse of the order
        // `git gc` packs them (oldest commit first, a commit's files last to first): the delta
        // bases git inflates for one content are still in its cache for the next ones, where
        // one account's versions after another's make it inflate the same bases again (about
        // 1.6x git's work on a year of weekly commits). How many of `wanted` must have come
        // before each account has all its facts (never less than for the account before it:
        // accounts are done in order), and how many accounts not yet done use each content read
        // in this run.
        let versions = timelines.reduce(0) { $0 + $1.versions.count }
        var wanted: [String] = []
        wanted.reserveCapacity(versions)
        var position: [String: Int] = [:]
        position.reserveCapacity(versions)
        var needed = [Int](repeating: 0, count: timelines.count)
        var uses: [String: Int] = [:]
        uses.reserveCapacity(versions)
        var upTo = 0
        for start in stride(from: 0, to: timelines.count, by: groupSize) {
            let group = start..<min(start + groupSize, timelines.count)
            var asked: [(time: Int, account: Int, id: String)] = []
            for i in group {
                for v in timelines[i].versions {
                    guard case .content(let id) = v.state, position[id] == nil, !cache.contains(id) else { continue }
                    position[id] = -1  // asked: its place is set once the group is in order
                    asked.append((v.time, i, id))
                }
            }
            asked.sort { a, b in a.time != b.time ? a.time < b.time : a.account > b.account }
            for a in asked {
                position[a.id] = wanted.count
                wanted.append(a.id)
            }
            for i in group {
                for v in timelines[i].versions {
                    guard case .content(let id) = v.state, let p = position[id], p >= 0 else { continue }
                    upTo = max(upTo, p + 1)
                    uses[id, default: 0] += 1
                }
                needed[i] = upTo
            }
        }
        var read = 0, received = 0, done = 0
        var fresh: [String: SnapshotCache.Fact] = [:]
        var digests: [[UInt8]] = []
        digests.reserveCapacity(timelines.count)
        func digestReady() {
            var end = done
            while end < timelines.count && needed[end] <= received { end += 1 }
            guard end > done else { return }
            let ready = Array(timelines[done..<end])
            let known = fresh, stored = cache
            digests += Batch.map(ready.count) { k in
                digest(
                    ready[k],
                    ready[k].versions.map { v in
                        switch v.state {
                        case .removed: return .removed
                        case .workTree: return workTree[v.path] ?? .unavailable
                        case .content(let id): return VersionFacts(known[id] ?? stored.fact(id))
                        }
                    })
            }
            for t in ready {
                for v in t.versions {
                    guard case .content(let id) = v.state, let n = uses[id] else { continue }
                    uses[id] = n - 1
                    if n == 1 { fresh[id] = nil }
                }
            }
            done = end
        }
        digestReady()
        try git.streamBlobs(wanted, maxSize: maxSize, chunk: chunk, chunkBytes: chunkBytes) { blobs in
            // Each content's facts, and their stored form, on the core that read it.
            let facts = Batch.map(blobs.count) { [blobs] i -> (fact: SnapshotCache.Fact, entry: [UInt8])? in
                let fact: SnapshotCache.Fact
                switch blobs[i].blob {
                case .content(let bytes): fact = Self.fact(of: bytes, context: context)
                case .tooLarge(let size): fact = .tooLarge(size)
                default: return nil
                }
                return (fact, SnapshotCache.entry(fact))
            }
            for (item, made) in zip(blobs, facts) {
                received += 1
                guard let (fact, entry) = made else { continue }
                if case .tooLarge = fact {} else { read += 1 }
                cache.add(item.id, entry: entry)
                fresh[item.id] = fact
            }
            digestReady()
        }
        received = wanted.count
        digestReady()
        return (read, digests)
    }

    /// The facts of one version's content.
    package static func fact(of bytes: [UInt8], context: CheckContext) -> SnapshotCache.Fact {
        switch FileReader.decode(bytes, displayPath: "") {
        case .text(let source):
            let reading = Checker.read(source, context: context, meetings: .checklist)
            return .snapshot(AccountSnapshot(reading, source: source, context: context))
        case .unreadable(_, let diagnostic):
            return .unreadable(diagnostic.message)
        }
    }

    /// The facts of the work tree's versions: each account whose last version is the work tree.
    private static func workTreeFacts(
        _ timelines: [AccountTimeline], files: [Workspace.AccountFile], context: CheckContext
    ) -> [String: VersionFacts] {
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var facts: [String: VersionFacts] = [:]
        for t in timelines {
            guard let last = t.versions.last, last.state == .workTree, let file = byPath[last.path] else { continue }
            switch FileReader.read(file) {
            case .text(let source):
                let reading = Checker.read(source, context: context, meetings: .checklist)
                facts[last.path] = .snapshot(AccountSnapshot(reading, source: source, context: context))
            case .unreadable(_, let diagnostic):
                facts[last.path] = .unreadable(diagnostic.message)
            }
        }
        return facts
    }

    /// Paths (relative to the top) whose work tree differs from HEAD, staged or not, renames
    /// followed. A file moved without git (`mv`) is a deletion and an untracked file until it is
    /// staged: when an account was deleted and untracked accounts exist, git pairs them once they
    /// are marked as intended to be added, in a copy of the index (the index is never changed).
    private static func workTreeChanges(
        _ git: Git, scope: String, hasCommits: Bool, isAccount: (String) -> Bool
    ) throws -> [Git.StagedChange] {
        guard hasCommits else { return [] }
        let pathspec = scope.isEmpty ? [] : [scope]
        let diff = ["diff", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff", "HEAD", "--"] + pathspec
        let changes = Git.nameStatus(try git.run(diff))
        guard changes.contains(where: { $0.kind == .deleted && isAccount($0.path) }) else { return changes }
        let others = try git.run(["ls-files", "-z", "--others", "--exclude-standard", "--"] + pathspec)
        var untracked: [UInt8] = []
        for path in others.split(separator: 0) where isAccount(FileSystem.displayName(path).text) {
            untracked += path + [0]
        }
        guard !untracked.isEmpty else { return changes }
        let paired = try? git.withIndexCopy { environment in
            try git.run(
                ["--literal-pathspecs", "add", "--intent-to-add", "--pathspec-from-file=-", "--pathspec-file-nul"],
                input: Data(untracked), environment: environment)
            return Git.nameStatus(try git.run(diff, environment: environment))
        }
        return paired ?? changes
    }

    private static func tooLargeNotices(_ history: History, maxSize: Int) -> [String] {
        let limit = maxSize % 1_048_576 == 0 ? "\(maxSize / 1_048_576) MB" : "\(maxSize) bytes"
        var notices: [String] = []
        for (i, t) in history.timelines.enumerated() {
            for large in history.digests.tooLarge(history.keys[i]) {
                let v = t.versions[large.version]
                notices.append(
                    "\(v.path) was larger than \(limit) (\(FileReader.describeSize(large.size))) at "
                        + "\(v.shortCommit) (\(v.day.map { "\($0)" } ?? "work tree")): that version is not read")
            }
        }
        return notices
    }

    /// A hash of each work tree version's bytes (by path), for the digests' keys.
    private static func workTreeHashes(
        _ timelines: [AccountTimeline], files: [Workspace.AccountFile]
    ) -> [String: UInt64] {
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let wanted = timelines.compactMap { t in
            t.versions.last.flatMap { $0.state == .workTree ? byPath[$0.path] : nil }
        }
        let hashes = Batch.map(wanted.count) { i -> UInt64 in
            switch FileReader.read(wanted[i]) {
            case .text(let source): return StableHash.of(source.bytes)
            case .unreadable(_, let diagnostic): return StableHash.of(diagnostic.message) ^ 1
            }
        }
        return Dictionary(zip(wanted.map(\.path), hashes), uniquingKeysWith: { first, _ in first })
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
    /// The commits added, and the time of the last one.
    var commits = 0
    var lastTime = 0

    init(prefix: String, glob: Glob) {
        self.prefix = prefix
        self.glob = glob
    }

    /// Each path met so far → its path in the notes repository when it is an account: a path
    /// comes back at each version, the glob is matched once.
    private var known: [String: String?] = [:]

    private mutating func relative(_ path: String) -> String? {
        if let rel = known[path] { return rel }
        var rel = Workspace.strip(prefix, from: path)
        if let r = rel, !Workspace.isAccountPath(r, glob: glob) { rel = nil }
        known[path] = rel
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
        commits += 1
        lastTime = commit.time
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
                let old = change.from.flatMap { relative($0) }
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
