import FieldnotesCore
import FieldnotesSupport

/// One version of an account in the history: a commit's content, its removal, or the work tree
/// when it differs from the last commit.
public struct HistoryVersion: Sendable {
    public enum State: Sendable, Equatable {
        /// The file's content, by git object id.
        case content(String)
        /// The file was removed (or moved out of the accounts).
        case removed
        /// The work tree's content (not committed), read at the time of the run.
        case workTree
    }

    /// The commit, or nil for the work tree.
    public var commit: String?
    /// The committer date, or --as-of for the work tree (nil without it).
    public var day: Day?
    /// Committer time in seconds since 1970; for the work tree, after every commit.
    public var time: Int
    /// Where the file was, relative to the notes repository.
    public var path: String
    /// The path it had before, when this version renamed it.
    public var renamedFrom: String?
    public var state: State
    /// The first version known after a shallow clone's boundary: the account may be older.
    public var atBoundary = false

    /// The commit abbreviated as people read it ("abc1234"), or "work tree".
    public var shortCommit: String { commit.map { String($0.prefix(7)) } ?? "work tree" }
}

/// An account's versions, oldest first, renames followed.
public struct AccountTimeline: Sendable {
    /// The account's path now (or where it was last, when it was removed).
    public var path: String
    public var versions: [HistoryVersion]
}

/// What a version's content gave.
public enum VersionFacts: Sendable {
    case snapshot(AccountSnapshot)
    case removed
    /// Larger than the size limit: not read.
    case tooLarge(Int)
    /// Not text fieldnotes reads.
    case unreadable(String)
    /// The content could not be found (a shallow or partial clone).
    case unavailable
}

extension VersionFacts {
    /// What the facts' cache (or this run) holds of a content: nothing when it was not read.
    init(_ fact: SnapshotCache.Fact?) {
        switch fact {
        case .snapshot(let s): self = .snapshot(s)
        case .tooLarge(let size): self = .tooLarge(size)
        case .unreadable(let why): self = .unreadable(why)
        case nil: self = .unavailable
        }
    }
}

/// Every account's history, read from git by `HistoryEngine`. Each version's facts are kept
/// compactly (in the cache's form) and decoded when asked, one account at a time.
public struct History: Sendable {
    public var timelines: [AccountTimeline]
    /// What the reader should know about the history: shallow, versions too large, no commits.
    public var notices: [String]
    /// The first day of a shallow history, when it is one.
    public var shallowSince: Day?
    /// Contents read from git in this run (each distinct content once).
    public var blobsRead: Int
    /// Commits read from `git log` in this run (none when the log cache ends at HEAD).
    public var commitsRead = 0
    /// Versions whose facts (or whose account's digest) came from the cache files (the same
    /// content twice counts twice).
    public var fromCache: Int
    /// Why the cache was not read, when it was not (absent, corrupt, another version…).
    public var cacheRefused: String?
    /// The facts of the versions read in this run: only the accounts whose digest was not cached.
    package var cache: SnapshotCache
    package var workTree: [String: VersionFacts]
    /// Every account's digest (cached, or made in this run), by `keys`.
    package var digests: DigestCache
    /// Each timeline's digest key (same order as `timelines`).
    package var keys: [String]
    package var byPath: [String: Int] = [:]

    /// The digest of the account at `index`, with the events of the versions from `fromVersion` on.
    public func digest(at index: Int, fromVersion: Int = 0) -> TimelineDigest? {
        digests.digest(keys[index], fromVersion: fromVersion)
    }

    /// The digest of the account at `path`.
    public func digest(_ path: String, fromVersion: Int = 0) -> TimelineDigest? {
        byPath[path].flatMap { digest(at: $0, fromVersion: fromVersion) }
    }

    /// The facts of `version`, when this run read them (an account whose digest was cached has
    /// none: `digest`).
    public func facts(_ version: HistoryVersion) -> VersionFacts {
        switch version.state {
        case .removed: return .removed
        case .workTree: return workTree[version.path] ?? .unavailable
        case .content(let id): return VersionFacts(cache.fact(id))
        }
    }

    /// The facts of every version of `timeline`, in order, each decoded once.
    public func facts(of timeline: AccountTimeline) -> [VersionFacts] {
        timeline.versions.map(facts)
    }

    /// The snapshot of `version`, when it was read.
    public func snapshot(_ version: HistoryVersion) -> AccountSnapshot? {
        if case .snapshot(let s) = facts(version) { return s }
        return nil
    }

    /// The timeline of the account at `path`, if any.
    public func timeline(_ path: String) -> AccountTimeline? {
        byPath[path].map { timelines[$0] }
    }
}
