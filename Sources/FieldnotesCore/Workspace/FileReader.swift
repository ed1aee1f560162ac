import FieldnotesSupport
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
        if let bad = Bytes.firstInvalidUTF8(bytes) {
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

}
