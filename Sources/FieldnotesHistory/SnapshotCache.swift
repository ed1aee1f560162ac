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
    static let format = 5
    package static var magic: [UInt8] { CacheFile.magic }

    private var file: CacheFile

    /// Where the cache lives, or nil when it cannot be kept.
    package var path: String? { file.path }
    /// fieldnotes' version and what the facts depend on (checklist, config): a cache written
    /// under another fingerprint is not read.
    package var fingerprint: String { file.fingerprint }
    /// Why the file was not read, when it was not (absent, corrupt, another fingerprint).
    package var refused: String? { file.refused }

    package init(path: String?, fingerprint: String) {
        // An entry takes more than 40 bytes (its id alone).
        file = CacheFile(path: path, fingerprint: fingerprint, minimumEntry: 40)
    }

    /// A cache read from `bytes` (kept nowhere).
    package init(bytes: [UInt8], fingerprint: String) {
        file = CacheFile(bytes: bytes, fingerprint: fingerprint)
    }

    /// The ids the cache file held.
    package var storedIDs: [String] { file.storedKeys }

    /// The fingerprint of the facts read with `context` and the size limit: a change to the
    /// checklist (what answers a question, when it is due, how it is worded: the history's events
    /// say it), the schema (the team's fields, values) or the limit changes what a version's facts
    /// and an account's digest are.
    package static func fingerprint(_ context: CheckContext, maxSize: Int) -> String {
        var h = StableHash.of("\(Version.current) \(format) \(maxSize)")
        for q in context.checklist.questions {
            let parts: [String] = [
                q.id, q.ask, q.category, q.from.rawValue, q.hint ?? "-", words(q.answer), q.say ?? "-",
                q.priority.rawValue,
                q.who.joined(separator: ","), "\(q.dueWhenWon)", "\(q.requiresMet)",
                q.relationships.joined(separator: ","),
                q.sectionKeys.joined(separator: ","),
            ]
            h = StableHash.of((parts.joined(separator: "\u{1F}") + "\n").utf8, seed: h)
        }
        h = StableHash.of(context.config.source?.bytes ?? [], seed: h)
        for file in context.config.extended { h = StableHash.of(file.bytes, seed: h) }
        return "\(Version.current) \(format) \(String(h, radix: 16))"
    }

    /// How a question is answered, spelled out (not `String(describing:)`: it reflects on the
    /// value, and every report with history starts with this fingerprint).
    private static func words(_ answer: Question.Answer) -> String {
        switch answer {
        case .section(let titles): return "section " + titles.joined(separator: ",")
        case .field(let name, let condition):
            let rule: String
            switch condition {
            case .present: rule = "present"
            case .whereEquals(let key, let value): rule = "where \(key)=\(value)"
            case .each(let key): rule = "each \(key)"
            case .min(let n): rule = "min \(n)"
            case .not(let values): rule = "not " + values.joined(separator: ",")
            }
            return "field \(name) \(rule)"
        }
    }

    /// The facts of object `id`, when the cache holds them.
    package func fact(_ id: String) -> Fact? {
        guard var r = file.payload(id) else { return nil }
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

    package func contains(_ id: String) -> Bool { file.contains(id) }

    /// Whether the facts of `id` came from the cache file (rather than from this run).
    package func isFromFile(_ id: String) -> Bool { file.isFromFile(id) }

    /// Adds the facts of `id` in their stored form (`entry`, made where the facts were: every
    /// version's facts are encoded on the core that read them).
    package mutating func add(_ id: String, entry: [UInt8]) {
        guard !contains(id) else { return }
        file.add(id, entry)
    }

    /// The stored form of `fact`.
    package static func entry(_ fact: Fact) -> [UInt8] {
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
        var entry = ByteWriter(capacity: body.bytes.count + 20)
        entry.number(kind)
        entry.number(body.bytes.count)
        entry.raw(body.bytes)
        return entry.bytes
    }

    package var hasChanges: Bool { file.hasChanges }

    /// Writes the cache with what was added (atomically; never an error).
    package func save() { file.save() }
}
