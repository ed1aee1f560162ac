import Foundation

/// Reads an account file as UTF-8 text, or says precisely why it cannot.
public enum FileReader {
    public static let maxSize = 10 * 1024 * 1024

    public enum Outcome {
        case text(SourceFile)
        /// The file is not usable text; the diagnostic says why, located in `source`.
        case unreadable(SourceFile, Diagnostic)
    }

    /// Why a file is refused without being read: it is named in messages, located at 1:1, as an
    /// `encoding` error (what it leads to is never shown).
    public struct Refusal: Sendable, Equatable {
        public var message: String
        public var help: String?
        /// Which of the encoding rule's messages it is.
        package var messageID: Encoding.Message

        public init(_ message: String, help: String? = nil) {
            self.init(.refused, message, help: help)
        }

        package init(_ messageID: Encoding.Message, _ message: String, help: String? = nil) {
            self.messageID = messageID
            self.message = message
            self.help = help
        }

        /// The outcome of reading a refused file named `displayPath`.
        public func outcome(displayPath: String) -> Outcome {
            .unreadable(SourceFile(path: displayPath, text: ""), Encoding.refused(self))
        }

        /// A note larger than `maxSize` (the working copy, the index or the history alike).
        public static func tooLarge(_ size: Int) -> Refusal { Encoding.tooLarge(size) }
    }

    /// A size for messages, never rounded down to the limit it exceeds: megabytes with one
    /// decimal (rounded down), or bytes when that would read as 10.0 MB or less.
    public static func describeSize(_ size: Int) -> String {
        let tenths = size / 1_048_576 * 10 + size % 1_048_576 * 10 / 1_048_576
        guard tenths > maxSize * 10 / 1_048_576 else { return "\(size) bytes" }
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    /// Reads an account file found by the workspace: a refused one is not opened.
    public static func read(_ file: Workspace.AccountFile) -> Outcome {
        if let refusal = file.refusal { return refusal.outcome(displayPath: file.path) }
        return read(atPath: file.location, displayPath: file.path)
    }

    public static func read(_ url: URL, displayPath: String) -> Outcome {
        read(atPath: url.path, displayPath: displayPath)
    }

    public static func read(atPath location: String, displayPath: String) -> Outcome {
        let empty = SourceFile(path: displayPath, text: "")
        switch FileSystem.read(location, maxSize: maxSize) {
        case .bytes(let bytes): return decode(bytes, displayPath: displayPath)
        case .missing: return .unreadable(empty, Encoding.missing())
        case .folder: return .unreadable(empty, Encoding.folder())
        // Only regular files are read: reading a named pipe or a device could wait forever.
        case .notRegular: return .unreadable(empty, Encoding.notRegular())
        case .tooLarge(let size): return Refusal.tooLarge(size).outcome(displayPath: displayPath)
        case .denied: return .unreadable(empty, Encoding.denied())
        case .failed(let reason): return .unreadable(empty, Encoding.unreadable(reason))
        }
    }

    /// Validates UTF-8 and NUL bytes; the location of the first bad byte is reported.
    public static func decode(_ bytes: [UInt8], displayPath: String) -> Outcome {
        if let bad = firstInvalidUTF8(bytes) {
            let prefix = SourceFile(path: displayPath, text: String(decoding: bytes[..<bad], as: UTF8.self))
            let source = SourceFile(path: displayPath, text: String(decoding: bytes, as: UTF8.self))
            return .unreadable(source, Encoding.invalidUTF8(bytes[bad], at: prefix.bytes.count))
        }
        let source = SourceFile(path: displayPath, bytes: bytes)
        if let nul = Bytes.firstIndex(of: 0, in: source.bytes[...]) {
            return .unreadable(source, Encoding.nulByte(at: nul))
        }
        return .text(source)
    }

    /// Offset of the first byte that is not part of valid UTF-8, or nil.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            var i = 0
            let n = b.count
            while i < n {
                // Notes are mostly ASCII: skip runs of it eight bytes at a time.
                if i + 8 <= n,
                    UnsafeRawBufferPointer(b).loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
                        == 0
                {
                    i += 8
                    continue
                }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                var need = 0
                var min: UInt32 = 0
                var value: UInt32 = 0
                if c & 0xE0 == 0xC0 {
                    need = 1; min = 0x80; value = UInt32(c & 0x1F)
                } else if c & 0xF0 == 0xE0 {
                    need = 2; min = 0x800; value = UInt32(c & 0x0F)
                } else if c & 0xF8 == 0xF0 {
                    need = 3; min = 0x10000; value = UInt32(c & 0x07)
                } else {
                    return i
                }
                if i + need > n - 1 { return i }
                for k in 1...need {
                    let cc = b[i + k]
                    guard cc & 0xC0 == 0x80 else { return i }
                    value = (value << 6) | UInt32(cc & 0x3F)
                }
                if value < min || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i }
                i += need + 1
            }
            return nil
        }
    }
}
