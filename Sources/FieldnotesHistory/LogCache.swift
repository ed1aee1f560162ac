import FieldnotesCore
import FieldnotesSupport

/// The accounts' timelines as the log made them (the work tree aside), by the commit they end
/// at, kept under `.git/fieldnotes/` beside the facts and digests: a run over a history that did
/// not move runs no `git log`, and a run one commit later reads only that commit's changes.
/// Never kept for a shallow clone (its boundary moves with every fetch).
package struct LogCache: Sendable {
    /// Bumped whenever the stored form changes.
    static let format = 1
    private var file: CacheFile

    /// - Parameters: what the timelines depend on besides the commits: the folder the log was
    ///   limited to, where the notes repository is in the work tree, and the accounts' glob.
    package init(path: String?, scope: String, prefix: String, glob: String) {
        let fingerprint = ["\(Version.current) log \(Self.format)", scope, prefix, glob].joined(separator: "\u{1F}")
        file = CacheFile(path: path, fingerprint: fingerprint, minimumEntry: 40)
    }

    package var refused: String? { file.refused }

    /// The commit the stored timelines end at, and the builder as it was there.
    func stored(prefix: String, glob: Glob) -> (head: String, builder: TimelineBuilder)? {
        guard let head = file.storedKeys.first, Self.isObjectID(head), var r = file.payload(head),
            let builder = try? TimelineBuilder(from: &r, prefix: prefix, glob: glob)
        else { return nil }
        return (head, builder)
    }

    /// Keeps `builder` as the timelines at `head`, in place of what the file held.
    mutating func save(head: String, builder: TimelineBuilder) {
        var w = ByteWriter()
        builder.encode(into: &w)
        file.add(head, w.bytes)
        file.save(keeping: { _ in false })
    }

    /// 40 or 64 hexadecimal digits: a commit id, never something git would read as an option.
    static func isObjectID(_ s: String) -> Bool {
        (s.utf8.count == 40 || s.utf8.count == 64)
            && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}

/// The builder's stored form: its commits (each once), then each timeline's versions pointing
/// at them. Any change to it changes `LogCache.format`.
extension TimelineBuilder {
    func encode(into w: inout ByteWriter) {
        w.number(commits)
        w.number(lastTime)
        var ids: [String: Int] = [:]
        var table: [(commit: String, day: Day?, time: Int)] = []
        for t in timelines {
            for v in t.versions {
                guard let commit = v.commit, ids[commit] == nil else { continue }
                ids[commit] = table.count
                table.append((commit, v.day, v.time))
            }
        }
        w.number(table.count)
        for c in table {
            w.string(c.commit)
            w.day(c.day)
            w.number(c.time)
        }
        w.number(timelines.count)
        for t in timelines {
            w.string(t.path)
            w.number(t.versions.count)
            for v in t.versions {
                w.number(v.commit.flatMap { ids[$0] }.map { $0 + 1 } ?? 0)
                w.flag(v.path == t.path)
                if v.path != t.path { w.string(v.path) }
                w.string(v.renamedFrom)
                switch v.state {
                case .content(let id):
                    w.number(1)
                    w.string(id)
                case .removed: w.number(2)
                case .workTree: w.number(3)
                }
                w.flag(v.atBoundary)
            }
        }
        let paths = byPath.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        w.number(paths.count)
        for (path, t) in paths {
            w.string(path)
            w.number(t)
        }
    }

    init(from r: inout ByteReader, prefix: String, glob: Glob) throws {
        self.init(prefix: prefix, glob: glob)
        commits = try r.number()
        lastTime = try r.number()
        let count = try r.count()
        var table: [(commit: String, day: Day?, time: Int)] = []
        table.reserveCapacity(min(count, 1 << 20))
        for _ in 0..<count { table.append((try r.string(), try r.day(), try r.number())) }
        let timelineCount = try r.count()
        timelines.reserveCapacity(min(timelineCount, 1 << 20))
        for _ in 0..<timelineCount {
            let path = try r.string()
            let n = try r.count()
            var versions: [HistoryVersion] = []
            versions.reserveCapacity(min(n, 1 << 16))
            for _ in 0..<n {
                let c = try r.number()
                guard c >= 0, c <= table.count else { throw ByteReader.Corrupt() }
                let at = c == 0 ? nil : table[c - 1]
                let vpath = try r.flag() ? path : try r.string()
                let renamedFrom = try r.optionalString()
                let state: HistoryVersion.State
                switch try r.number() {
                case 1: state = .content(try r.string())
                case 2: state = .removed
                case 3: state = .workTree
                default: throw ByteReader.Corrupt()
                }
                var v = HistoryVersion(
                    commit: at?.commit, day: at?.day, time: at?.time ?? 0, path: vpath, renamedFrom: renamedFrom,
                    state: state)
                v.atBoundary = try r.flag()
                versions.append(v)
            }
            timelines.append(AccountTimeline(path: path, versions: versions))
        }
        for _ in 0..<(try r.count()) {
            let path = try r.string()
            let t = try r.number()
            guard t >= 0, t < timelines.count else { throw ByteReader.Corrupt() }
            byPath[path] = t
        }
    }
}
