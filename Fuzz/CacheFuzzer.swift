// libFuzzer target: the history cache's decoder. The input is read as an account (its facts must
// come back the same from their binary form, and that form with one byte changed must decode or be
// refused), as the entries of a cache file with a right checksum (each must decode or be
// refused), and as an account's digest. Nothing may trap.
// Built with Fuzz/run; libFuzzer provides main().

import FieldnotesCore
import FieldnotesHistory
import FieldnotesSupport

let fuzzContext = CheckContext(config: Config(), checklist: .builtIn, asOf: .last)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCache(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    // The input as an account: its facts round-trip, and a changed byte never traps.
    if case .snapshot(let snapshot) = HistoryEngine.fact(of: bytes, context: fuzzContext) {
        var w = ByteWriter()
        snapshot.encode(into: &w)
        var r = ByteReader(w.bytes)
        precondition((try? AccountSnapshot(from: &r)) == snapshot, "a snapshot does not round-trip")
        if !w.bytes.isEmpty {
            var changed = w.bytes
            changed[Int(StableHash.of(bytes) % UInt64(changed.count))] ^= UInt8(truncatingIfNeeded: size | 1)
            var reader = ByteReader(changed)
            _ = try? AccountSnapshot(from: &reader)
        }
    }

    // The input as a cache file's entries, after its magic and an empty fingerprint.
    var reader = ByteReader(bytes)
    _ = try? AccountSnapshot(from: &reader)
    let body = SnapshotCache.magic + [0] + bytes
    var sum = ByteWriter()
    sum.word(CacheFile.checksum(body[...]))
    let cache = SnapshotCache(bytes: body + sum.bytes, fingerprint: "")
    for id in cache.storedIDs { _ = cache.fact(id) }

    // The input as an account's digest (the accounts' cache), from the start and with old events skipped.
    for from in [0, 3] {
        var digest = ByteReader(bytes)
        _ = try? TimelineDigest(from: &digest, fromVersion: from)
    }
    return 0
}
