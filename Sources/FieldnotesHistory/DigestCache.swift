import FieldnotesCore
import FieldnotesSupport

/// Each account's `TimelineDigest`, by the versions it was made of, kept under `.git/fieldnotes/`
/// beside the versions' facts: a run over a history that did not change reads the digests (a few
/// hundred bytes an account) and neither reads nor decodes any version.
package struct DigestCache: Sendable {
    /// Bumped whenever the digest's form changes.
    static let format = 3
    private var file: CacheFile

    /// - Parameter fingerprint: the versions' facts' fingerprint (`SnapshotCache.fingerprint`).
    package init(path: String?, fingerprint: String) {
        file = CacheFile(path: path, fingerprint: "\(fingerprint) digest \(Self.format)", minimumEntry: 32)
    }

    package var refused: String? { file.refused }
    package func contains(_ key: String) -> Bool { file.contains(key) }
    package func isFromFile(_ key: String) -> Bool { file.isFromFile(key) }
    package var hasChanges: Bool { file.hasChanges }

    /// The digest of `key`, with only the events of the versions from `fromVersion` on.
    package func digest(_ key: String, fromVersion: Int = 0) -> TimelineDigest? {
        guard var r = file.payload(key) else { return nil }
        return try? TimelineDigest(from: &r, fromVersion: fromVersion)
    }

    /// The versions of `key`'s digest that were too large to read (the digest's first field: the
    /// engine says so of every account, and decodes nothing else for it).
    package func tooLarge(_ key: String) -> [TimelineDigest.TooLarge] {
        guard var r = file.payload(key) else { return [] }
        return (try? TimelineDigest.tooLarge(from: &r)) ?? []
    }

    /// Adds a digest in its stored form (`entry`, made on the core that made the digest).
    package mutating func add(_ key: String, entry: [UInt8]) { file.add(key, entry) }

    /// The stored form of `digest`.
    package static func entry(_ digest: TimelineDigest) -> [UInt8] {
        var w = ByteWriter()
        digest.encode(into: &w)
        return w.bytes
    }

    /// Writes the file; with `live`, with the digests of those keys only (an account's old
    /// digests go).
    package func save(live: Set<String>?) { file.save(keeping: live.map { live in { live.contains($0) } }) }

    /// What a timeline's digest depends on: each version's path, commit, day, content (the work
    /// tree's by the hash of its bytes), rename and place in a shallow history.
    package static func key(_ timeline: AccountTimeline, workTree: (HistoryVersion) -> UInt64) -> String {
        var w = ByteWriter()
        w.string(timeline.path)
        for v in timeline.versions {
            w.string(v.path)
            w.string(v.commit)
            w.day(v.day)
            switch v.state {
            case .content(let id): w.string(id)
            case .removed: w.number(0)
            case .workTree: w.word(workTree(v))
            }
            w.string(v.renamedFrom)
            w.flag(v.atBoundary)
        }
        let a = StableHash.of(w.bytes), b = StableHash.of(w.bytes, seed: 0x9E37_79B9_7F4A_7C15)
        return String(a, radix: 16) + "." + String(b, radix: 16)
    }
}

/// The digest's binary form. Any change to it changes `DigestCache.format`.
extension TimelineDigest {
    package func encode(into w: inout ByteWriter) {
        w.number(tooLarge.count)
        for t in tooLarge {
            w.number(t.version)
            w.number(t.size)
        }
        w.string(name)
        w.day(stageSince)
        w.day(whatChangedOn)
        w.number(stays.count)
        for s in stays {
            w.stage(s.stage)
            w.number(s.days)
        }
        w.number(errors)
        w.string(firstError)
        w.flag(deal != nil)
        if let deal { deal.encode(into: &w) }
        // Events last, each with its version and length: a report that shows only the latest
        // skips the others without decoding them.
        w.number(events.count)
        for (event, version) in zip(events, eventVersions) {
            var e = ByteWriter()
            e.day(event.date)
            e.string(event.commit)
            e.number(HistoryEvent.Kind.allCases.firstIndex(of: event.kind) ?? 0)
            e.string(event.field)
            e.string(event.old)
            e.string(event.new)
            e.string(event.text)
            w.number(version)
            w.number(e.bytes.count)
            w.raw(e.bytes)
        }
    }

    /// The versions too large to read, first in the stored form.
    static func tooLarge(from r: inout ByteReader) throws -> [TooLarge] {
        var tooLarge: [TooLarge] = []
        for _ in 0..<(try r.count()) { tooLarge.append(TooLarge(version: try r.number(), size: try r.number())) }
        return tooLarge
    }

    package init(from r: inout ByteReader, fromVersion: Int) throws {
        self.init()
        tooLarge = try Self.tooLarge(from: &r)
        name = try r.optionalString()
        stageSince = try r.day()
        whatChangedOn = try r.day()
        for _ in 0..<(try r.count()) { stays.append(Stay(stage: try r.someStage(), days: try r.number())) }
        errors = try r.number()
        firstError = try r.optionalString()
        if try r.flag() { deal = try Deal(from: &r) }
        let kinds = HistoryEvent.Kind.allCases
        for _ in 0..<(try r.count()) {
            let version = try r.number(), length = try r.count()
            guard version >= fromVersion else {
                _ = try r.raw(length)
                continue
            }
            let date = try r.day(), commit = try r.optionalString(), kind = try r.count()
            guard kind < kinds.count else { throw ByteReader.Corrupt() }
            events.append(
                HistoryEvent(
                    date: date, commit: commit, kind: kinds[kind], field: try r.optionalString(),
                    old: try r.optionalString(), new: try r.optionalString(), text: try r.string()))
            eventVersions.append(version)
        }
    }
}

extension TimelineDigest.Deal {
    func encode(into w: inout ByteWriter) {
        w.stage(stage)
        w.number(dates.count)
        for run in dates {
            w.string(run.label)
            w.day(run.first)
            w.day(run.last)
            w.number(run.pushedOn.count)
            for day in run.pushedOn { w.day(day) }
        }
        w.number(backMoves.count)
        for m in backMoves {
            w.stage(m.from)
            w.stage(m.to)
            w.day(m.day)
        }
        w.number(keyContactsGone.count)
        for g in keyContactsGone {
            w.string(g.role)
            w.string(g.name)
            w.flag(g.removed)
            w.day(g.day)
        }
        w.number(lateDecisionMakers.count)
        for l in lateDecisionMakers {
            w.string(l.name)
            w.string(l.role)
            w.stage(l.stage)
            w.day(l.day)
        }
        w.day(nextStepSince)
        w.number(assumptions.count)
        for a in assumptions {
            w.string(a.text)
            w.day(a.since)
        }
    }

    init(from r: inout ByteReader) throws {
        typealias D = TimelineDigest
        self.init(stage: try r.someStage(), nextStepSince: nil)
        for _ in 0..<(try r.count()) {
            let label = try r.string()
            let first = try r.someDay(), last = try r.someDay()
            var pushed: [Day?] = []
            for _ in 0..<(try r.count()) { pushed.append(try r.day()) }
            dates.append(D.DateRun(label: label, first: first, last: last, pushedOn: pushed))
        }
        for _ in 0..<(try r.count()) {
            backMoves.append(
                D.BackMove(from: try r.someStage(), to: try r.someStage(), day: try r.day()))
        }
        for _ in 0..<(try r.count()) {
            keyContactsGone.append(
                D.Gone(role: try r.string(), name: try r.string(), removed: try r.flag(), day: try r.day()))
        }
        for _ in 0..<(try r.count()) {
            lateDecisionMakers.append(
                D.Late(
                    name: try r.string(), role: try r.string(), stage: try r.someStage(),
                    day: try r.day()))
        }
        nextStepSince = try r.day()
        for _ in 0..<(try r.count()) {
            assumptions.append(D.Assumed(text: try r.string(), since: try r.day()))
        }
    }
}
