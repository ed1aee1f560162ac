import FieldnotesCore
import FieldnotesSupport

/// The facts of each version read, by git object id, kept under `.git/fieldnotes/` so that a
/// second run over the same history reads no content again. Never committed (it is inside `.git`)
/// and never required: absent, from another version of fieldnotes or another checklist or
/// config, truncated or corrupt, it is ignored and written anew.
package struct SnapshotCache {
    /// What a version's content gave.
    package enum Fact: Sendable, Equatable {
        case snapshot(AccountSnapshot)
        /// Larger than the size limit: not read.
        case tooLarge(Int)
        /// Not text fieldnotes reads (not UTF-8, a NUL byte).
        case unreadable(String)
    }

    /// Bumped whenever the file's layout or `AccountSnapshot`'s form changes.
    static let format = 2
    package static let magic = Array("fieldnotes-history-cache\n".utf8)

    /// Where the cache lives, or nil when it cannot be kept.
    package var path: String?
    /// fieldnotes' version and what the facts depend on (checklist, config): a cache written
    /// under another fingerprint is not read.
    package var fingerprint: String
    private var bytes: [UInt8] = []
    private var index: [String: Int] = [:]
    /// Entries added by this run, in the same form as the file's (kind, length, body), so that
    /// memory holds each version's facts compactly, not decoded.
    private var addedBytes: [UInt8] = []
    private var addedIndex: [String: Int] = [:]
    private var addedOrder: [String] = []
    /// Why the file was not read, when it was not (absent, corrupt, another fingerprint).
    package private(set) var refused: String?

    package init(path: String?, fingerprint: String) {
        self.path = path
        self.fingerprint = fingerprint
        guard let path else { return }
        switch FileSystem.read(path, maxSize: 1 << 31) {
        case .bytes(let data): load(data)
        default: refused = "absent"
        }
    }

    /// A cache read from `bytes` (kept nowhere).
    package init(bytes: [UInt8], fingerprint: String) {
        self.fingerprint = fingerprint
        load(bytes)
    }

    /// The ids the cache file held.
    package var storedIDs: [String] { Array(index.keys) }

    /// The fingerprint of the facts read with `context` and the size limit: a change to the
    /// checklist (what answers a question, when it is due), the schema (the team's fields,
    /// values) or the limit changes what a version's facts are.
    package static func fingerprint(_ context: CheckContext, maxSize: Int) -> String {
        var h = StableHash.of("\(Version.current) \(format) \(maxSize)")
        for q in context.checklist.questions {
            let met = "\(q.requiresMet)|\(q.relationships.joined(separator: ","))"
            h = StableHash.of("\(q.id)|\(q.from)|\(q.dueWhenWon)|\(q.answer)|\(q.category)|\(met)\n".utf8, seed: h)
        }
        h = StableHash.of(context.config.source?.bytes ?? [], seed: h)
        for file in context.config.extended { h = StableHash.of(file.bytes, seed: h) }
        return "\(Version.current) \(format) \(String(h, radix: 16))"
    }

    private mutating func load(_ data: [UInt8]) {
        // Layout: magic, fingerprint, count, entries (id, kind, length, bytes), then the hash of
        // everything before it.
        guard data.count > Self.magic.count + 8, data.starts(with: Self.magic) else {
            refused = "not a cache file"
            return
        }
        var tail = ByteReader(data, offset: data.count - 8)
        guard let sum = try? tail.word(), sum == StableHash.of(data[0..<(data.count - 8)]) else {
            refused = "corrupt"
            return
        }
        var r = ByteReader(data, offset: Self.magic.count)
        do {
            guard try r.string() == fingerprint else {
                refused = "written for another version, checklist or config"
                return
            }
            let count = try r.count()
            var index: [String: Int] = [:]
            // An entry takes more than 40 bytes (its id alone): a corrupt count reserves no more.
            index.reserveCapacity(min(count, (data.count - r.offset) / 40))
            for _ in 0..<count {
                let id = try r.string()
                index[id] = r.offset
                _ = try r.number()
                _ = try r.raw(try r.count())
            }
            self.index = index
            bytes = data
        } catch {
            refused = "corrupt"
        }
    }

    /// A reader at the entry of object `id` (its kind, length, body), when the cache holds it.
    private func entry(_ id: String) -> ByteReader? {
        if let offset = index[id] { return ByteReader(bytes, offset: offset) }
        if let offset = addedIndex[id] { return ByteReader(addedBytes, offset: offset) }
        return nil
    }

    /// The facts of object `id`, when the cache holds them.
    package func fact(_ id: String) -> Fact? {
        guard var r = entry(id) else { return nil }
        do {
            switch try r.number() {
            case 0:
                _ = try r.count()
                return .snapshot(try AccountSnapshot(from: &r))
            case 1:
                _ = try r.count()
                return .tooLarge(try r.number())
            case 2:
                _ = try r.count()
                return .unreadable(try r.string())
            default: return nil
            }
        } catch {
            return nil
        }
    }

    package func contains(_ id: String) -> Bool { index[id] != nil || addedIndex[id] != nil }

    /// Whether the facts of `id` came from the cache file (rather than from this run).
    package func isFromFile(_ id: String) -> Bool { index[id] != nil }

    /// The size of content `id` when it was too large to read (without decoding any facts).
    package func tooLargeSize(_ id: String) -> Int? {
        guard var r = entry(id), (try? r.number()) == 1, (try? r.count()) != nil else { return nil }
        return try? r.number()
    }

    package mutating func add(_ id: String, _ fact: Fact) {
        guard !contains(id) else { return }
        var body = ByteWriter()
        let kind: Int
        switch fact {
        case .snapshot(let s):
            kind = 0
            s.encode(into: &body)
        case .tooLarge(let size):
            kind = 1
            body.number(size)
        case .unreadable(let why):
            kind = 2
            body.string(why)
        }
        var entry = ByteWriter()
        entry.number(kind)
        entry.number(body.bytes.count)
        entry.raw(body.bytes)
        addedIndex[id] = addedBytes.count
        addedOrder.append(id)
        addedBytes += entry.bytes
    }

    package var hasChanges: Bool { !addedOrder.isEmpty }

    /// Writes the cache with what was added (atomically; a failure is not an error: the cache is
    /// never required).
    package func save() {
        guard let path, hasChanges else { return }
        var w = ByteWriter()
        w.raw(Self.magic)
        w.string(fingerprint)
        w.number(index.count + addedOrder.count)
        for (id, offset) in index.sorted(by: { $0.value < $1.value }) { Self.copy(id, from: bytes, at: offset, to: &w) }
        for id in addedOrder { Self.copy(id, from: addedBytes, at: addedIndex[id]!, to: &w) }
        var out = w.bytes
        var sum = ByteWriter()
        sum.word(StableHash.of(out))
        out += sum.bytes
        let folder = FileSystem.parent(of: path)
        _ = try? FileSystem.createFolders(folder, shown: folder)
        try? FileSystem.replace(path, bytes: out, shown: path)
    }

    private static func copy(_ id: String, from bytes: [UInt8], at offset: Int, to w: inout ByteWriter) {
        var r = ByteReader(bytes, offset: offset)
        guard let kind = try? r.number(), let n = try? r.count(), let body = try? r.raw(n) else { return }
        w.string(id)
        w.number(kind)
        w.number(n)
        w.raw(Array(body))
    }
}
