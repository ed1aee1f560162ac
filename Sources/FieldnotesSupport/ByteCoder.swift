/// A compact binary form for caches: unsigned LEB128 numbers, length-prefixed strings.
/// A reader never traps on bytes it did not write: a truncated or corrupt input is an error.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// A writer with room for `capacity` bytes (one that knows its size never grows its buffer).
    public init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Empties the writer, keeping its buffer for what is written next.
    public mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    public mutating func number(_ n: Int) {
        var v = UInt64(bitPattern: Int64(n))
        repeat {
            let low = UInt8(v & 0x7F)
            v >>= 7
            bytes.append(v == 0 ? low : low | 0x80)
        } while v != 0
    }

    public mutating func flag(_ b: Bool) { bytes.append(b ? 1 : 0) }

    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            number(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// An optional string: 0 for none, else 1 + the string.
    public mutating func string(_ s: String?) {
        flag(s != nil)
        if let s { string(s) }
    }

    public mutating func raw(_ b: [UInt8]) { bytes += b }

    /// Eight bytes, little-endian.
    public mutating func word(_ w: UInt64) {
        withUnsafeBytes(of: w.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

public struct ByteReader {
    public struct Corrupt: Error, Sendable { public init() {} }

    private let bytes: [UInt8]
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var atEnd: Bool { offset >= bytes.count }

    public mutating func number() throws -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Corrupt() }
            let b = bytes[offset]
            offset += 1
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: v))
    }

    /// A count of items that follow, each at least one byte: never more than the bytes left.
    public mutating func count() throws -> Int {
        let n = try number()
        guard n >= 0, n <= bytes.count - offset else { throw Corrupt() }
        return n
    }

    public mutating func flag() throws -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Corrupt() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    public mutating func string() throws -> String {
        let n = try count()
        defer { offset += n }
        return String(decoding: bytes[offset..<(offset + n)], as: UTF8.self)
    }

    public mutating func optionalString() throws -> String? {
        try flag() ? try string() : nil
    }

    public mutating func raw(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.count - offset else { throw Corrupt() }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }

    public mutating func word() throws -> UInt64 {
        let b = try raw(8)
        var w: UInt64 = 0
        for (i, byte) in b.enumerated() { w |= UInt64(byte) << (8 * UInt64(i)) }
        return w
    }
}

/// FNV-1a, 64 bits: a stable hash of bytes (Swift's `Hasher` is seeded per process).
public enum StableHash {
    public static func of<S: Sequence>(_ bytes: S, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64
    where S.Element == UInt8 {
        var h = seed
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    public static func of(_ s: String) -> UInt64 { of(s.utf8) }

    /// A hash of `bytes` a word at a time (FNV-1a over 8-byte little-endian words, the last one
    /// padded with zeros, then the length, then splitmix64's mix so that every bit of the input
    /// reaches every bit), for what is hashed in bulk: a version's lines, a cache file.
    /// `transform`: applied to each word first (the padding's zeros included).
    @inlinable
    public static func words(
        _ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0xcbf2_9ce4_8422_2325,
        transform: (UInt64) -> UInt64 = { $0 }
    ) -> UInt64 {
        var h = seed
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            h =
                (h ^ transform(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))))
                &* 0x100_0000_01b3
            i += 8
        }
        if i < n {
            var last: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                last |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ transform(last)) &* 0x100_0000_01b3
        }
        return finish(h, count: n)
    }

    /// The end of `words`: the length, then splitmix64's mix.
    @inlinable
    static func finish(_ hash: UInt64, count: Int) -> UInt64 {
        var h = (hash ^ UInt64(count)) &* 0x100_0000_01b3
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    /// `words` of bytes given a piece at a time (a file written a block at a time): the same hash
    /// as `words` of all of them at once.
    public struct Words: Sendable {
        private var h: UInt64
        /// The bytes of a word not yet whole (little-endian), and how many there are.
        private var pending: UInt64 = 0
        private var pendingCount = 0
        private var count = 0

        public init(seed: UInt64 = 0xcbf2_9ce4_8422_2325) { h = seed }

        public mutating func add(_ bytes: UnsafeRawBufferPointer) {
            var i = 0
            let n = bytes.count
            count += n
            if pendingCount > 0 {
                while pendingCount < 8 && i < n {
                    pending |= UInt64(bytes[i]) << (8 * UInt64(pendingCount))
                    pendingCount += 1
                    i += 1
                }
                guard pendingCount == 8 else { return }
                h = (h ^ pending) &* 0x100_0000_01b3
                (pending, pendingCount) = (0, 0)
            }
            while i + 8 <= n {
                h =
                    (h ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                    &* 0x100_0000_01b3
                i += 8
            }
            while i < n {
                pending |= UInt64(bytes[i]) << (8 * UInt64(pendingCount))
                pendingCount += 1
                i += 1
            }
        }

        /// The hash of every byte added.
        public func finish() -> UInt64 {
            StableHash.finish(pendingCount > 0 ? (h ^ pending) &* 0x100_0000_01b3 : h, count: count)
        }
    }

    /// Each ASCII capital letter of the eight bytes of `w` in lowercase; every other byte as it is.
    @inlinable
    public static func asciiLowercased(_ w: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7 = w & ~high
        // 0x80 in each byte whose low seven bits are at least 'A', and in each over 'Z'.
        let atLeastA = (low7 &+ 0x3F3F_3F3F_3F3F_3F3F) & high
        let overZ = (low7 &+ 0x2525_2525_2525_2525) & high
        let capital = atLeastA & ~overZ & ~w & high
        return w | (capital >> 2)
    }
}
