/// Text built by appending, kept as UTF-8 bytes: cheaper than growing a `String` piece by
/// piece when thousands of diagnostics are rendered.
package struct TextBuffer: Sendable {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    package var isEmpty: Bool { bytes.isEmpty }

    /// A copy of the bytes without the spare capacity the buffer grew with.
    package var exactBytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { copy, count in
            count = bytes.withUnsafeBufferPointer { copy.initialize(fromContentsOf: $0) }
        }
    }

    /// The text (the bytes are valid UTF-8: only strings and valid slices are written).
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    package mutating func write(_ s: String) {
        // A copy of memory, not byte by byte (small strings are spilled to the stack).
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Bytes of a source file (valid UTF-8: the file was validated when read).
    package mutating func write(_ b: ArraySlice<UInt8>) {
        bytes.append(contentsOf: b)
    }

    /// Leaves out the first `count` bytes (at most all of them).
    package mutating func removeFirst(_ count: Int) {
        bytes.removeFirst(min(count, bytes.count))
    }

    package mutating func write(_ buffer: TextBuffer) {
        bytes.append(contentsOf: buffer.bytes)
    }

    package static func += (buffer: inout TextBuffer, s: String) {
        buffer.write(s)
    }

    /// A number in decimal.
    package mutating func write(_ n: Int) {
        if n >= 0 && n < 10 {
            bytes.append(UInt8(48 + n))
        } else {
            write(String(n))
        }
    }

    /// `s` (one ASCII character) `count` times.
    package mutating func write(_ s: Unicode.Scalar, count: Int) {
        guard count > 0 else { return }
        bytes.append(contentsOf: repeatElement(UInt8(s.value), count: count))
    }
}
