import FieldnotesCore
import FieldnotesSupport

/// The history's caches' one file format: entries by key, under `.git/fieldnotes/` (never
/// committed) and never required: absent, written by another version of fieldnotes or for another
/// checklist or config, truncated or corrupt, a file is ignored and written anew.
///
/// Layout: magic, fingerprint, count, entries (key, length, payload), then the checksum of
/// everything before it (`checksum`). Written without waiting for the disk: a file cut short by
/// a crash fails its checksum and is written anew.
package struct CacheFile: Sendable {
    package static let magic = Array("fieldnotes-history-cache 2\n".utf8)

    /// Where the file lives, or nil when it cannot be kept.
    package var path: String?
    /// What the entries depend on: a file written under another fingerprint is not read.
    package var fingerprint: String
    private var bytes: [UInt8] = []
    /// Each key's payload length's offset in `bytes`.
    private var index: [String: Int] = [:]
    /// Entries added by this run, in order (each payload as given: never copied into one
    /// growing buffer, which a first run of tens of MB would copy again at every doubling), and
    /// each key's place there.
    private var added: [(key: String, payload: [UInt8])] = []
    private var addedIndex: [String: Int] = [:]
    /// Why the file was not read, when it was not (absent, corrupt, another fingerprint).
    package private(set) var refused: String?

    /// - Parameter minimumEntry: the fewest bytes an entry takes (its key alone), so that a
    ///   corrupt count reserves no more memory than the file can hold.
    package init(path: String?, fingerprint: String, minimumEntry: Int = 8) {
        self.path = path
        self.fingerprint = fingerprint
        guard let path else { return }
        switch FileSystem.read(path, maxSize: 1 << 31) {
        case .bytes(let data): load(data, minimumEntry: minimumEntry)
        default: refused = "absent"
        }
    }

    /// A file read from `bytes` (kept nowhere).
    package init(bytes: [UInt8], fingerprint: String) {
        self.fingerprint = fingerprint
        load(bytes, minimumEntry: 8)
    }

    /// The keys the file held.
    package var storedKeys: [String] { Array(index.keys) }

    private mutating func load(_ data: [UInt8], minimumEntry: Int) {
        guard data.count > Self.magic.count + 8, data.starts(with: Self.magic) else {
            refused = "not a cache file"
            return
        }
        var tail = ByteReader(data, offset: data.count - 8)
        guard let sum = try? tail.word(), sum == Self.checksum(data[0..<(data.count - 8)]) else {
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
            index.reserveCapacity(min(count, (data.count - r.offset) / max(1, minimumEntry)))
            for _ in 0..<count {
                let key = try r.string()
                index[key] = r.offset
                _ = try r.raw(try r.count())
            }
            self.index = index
            bytes = data
        } catch {
            refused = "corrupt"
        }
    }

    /// A reader at the payload of `key`, when the file or this run holds it.
    package func payload(_ key: String) -> ByteReader? {
        func at(_ bytes: [UInt8], _ offset: Int) -> ByteReader? {
            var r = ByteReader(bytes, offset: offset)
            return (try? r.count()) == nil ? nil : r
        }
        if let offset = index[key] { return at(bytes, offset) }
        if let i = addedIndex[key] { return ByteReader(added[i].payload, offset: 0) }
        return nil
    }

    package func contains(_ key: String) -> Bool { index[key] != nil || addedIndex[key] != nil }

    /// Whether `key` came from the file (rather than from this run).
    package func isFromFile(_ key: String) -> Bool { index[key] != nil }

    package mutating func add(_ key: String, _ payload: [UInt8]) {
        guard !contains(key) else { return }
        addedIndex[key] = added.count
        added.append((key, payload))
    }

    package var hasChanges: Bool { !addedIndex.isEmpty }

    /// Writes the file with what was added (atomically; a failure is not an error: the cache is
    /// never required). `keep` says which of the file's entries stay (default: all). Written a
    /// block at a time, its checksum made as it goes: a first run's facts (tens of MB) are not
    /// copied into one more buffer.
    package func save(keeping keep: ((String) -> Bool)? = nil) {
        guard let path, hasChanges else { return }
        let kept = index.filter { keep?($0.key) ?? true }.sorted { $0.value < $1.value }
        let folder = FileSystem.parent(of: path)
        _ = try? FileSystem.createFolders(folder, shown: folder)
        try? FileSystem.replace(path, durable: false, shown: path) { fd in
            var block = ByteWriter(capacity: Self.block + 64)
            var sum = StableHash.Words()
            // Out when the block is full (an entry larger than a block goes out whole); the same
            // block is filled again.
            func flush() -> Bool {
                defer { block.clear() }
                return block.bytes.withUnsafeBytes { written in
                    sum.add(written)
                    return FileSystem.writeAll(fd, written)
                }
            }
            block.raw(Self.magic)
            block.string(fingerprint)
            block.number(kept.count + addedIndex.count)
            for (key, offset) in kept {
                Self.copy(key, from: bytes, at: offset, to: &block)
                if block.bytes.count >= Self.block, !flush() { return false }
            }
            for (key, payload) in added {
                block.string(key)
                block.number(payload.count)
                block.raw(payload)
                if block.bytes.count >= Self.block, !flush() { return false }
            }
            guard flush() else { return false }
            block.word(sum.finish())
            return block.bytes.withUnsafeBytes { FileSystem.writeAll(fd, $0) }
        }
    }

    /// The bytes written at a time.
    private static let block = 1 << 20

    /// The file's checksum (`StableHash.words`: a word at a time, the facts' cache is tens of MB).
    package static func checksum(_ data: ArraySlice<UInt8>) -> UInt64 {
        data.withUnsafeBytes { StableHash.words($0) }
    }

    private static func copy(_ key: String, from bytes: [UInt8], at offset: Int, to w: inout ByteWriter) {
        var r = ByteReader(bytes, offset: offset)
        guard let n = try? r.count(), let body = try? r.raw(n) else { return }
        w.string(key)
        w.number(n)
        w.raw(Array(body))
    }
}
