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

        public init(_ message: String, help: String? = nil) {
            self.message = message
            self.help = help
        }

        /// The outcome of reading a refused file named `displayPath`.
        public func outcome(displayPath: String) -> Outcome {
            .unreadable(
                SourceFile(path: displayPath, text: ""),
                Diagnostic(.encoding, message, at: SourceRange(0, 0), help: help))
        }

        /// A note larger than `maxSize` (the working copy, the index or the history alike).
        public static func tooLarge(_ size: Int) -> Refusal {
            Refusal(
                "the file is larger than 10 MB (\(FileReader.describeSize(size)))",
                help: "account notes are text; keep attachments and exports out of the notes folder")
        }
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
        func unreadable(_ message: String, help: String? = nil) -> Outcome {
            .unreadable(empty, Diagnostic(.encoding, message, at: SourceRange(0, 0), help: help))
        }
        switch FileSystem.read(location, maxSize: maxSize) {
        case .bytes(let bytes):
            return decode(bytes, displayPath: displayPath)
        case .missing:
            return unreadable("cannot read the file: it does not exist (or is a broken link)")
        case .folder:
            return unreadable(
                "cannot read the file: it is a folder",
                help: "rename the folder, or change 'accounts' in fieldnotes.yml so it matches only notes")
        case .notRegular:
            // Only regular files are read: reading a named pipe or a device could wait forever.
            return unreadable(
                "cannot read the file: it is not a regular file",
                help: "account notes are text files; move this out of the notes folder")
        case .tooLarge(let size):
            return Refusal.tooLarge(size).outcome(displayPath: displayPath)
        case .denied:
            return unreadable("cannot read the file: permission denied", help: "check the file's permissions")
        case .failed(let reason):
            return unreadable("cannot read the file: \(reason)")
        }
    }

    /// Validates UTF-8 and NUL bytes; the location of the first bad byte is reported.
    public static func decode(_ bytes: [UInt8], displayPath: String) -> Outcome {
        if let bad = Bytes.firstInvalidUTF8(bytes) {
            let prefix = SourceFile(path: displayPath, text: String(decoding: bytes[..<bad], as: UTF8.self))
            let source = SourceFile(path: displayPath, text: String(decoding: bytes, as: UTF8.self))
            let offset = prefix.bytes.count
            let hex = String(bytes[bad], radix: 16, uppercase: true)
            return .unreadable(
                source,
                Diagnostic(
                    .encoding, "the file is not valid UTF-8 (byte 0x\(hex.count == 1 ? "0" : "")\(hex))",
                    at: SourceRange(offset, offset + 1),
                    help: "save the file as UTF-8 in your editor"))
        }
        let source = SourceFile(path: displayPath, bytes: bytes)
        if let nul = Bytes.firstIndex(of: 0, in: source.bytes[...]) {
            return .unreadable(
                source,
                Diagnostic(
                    .encoding, "the file contains a NUL byte: it is not a text file", at: SourceRange(nul, nul + 1),
                    help: "remove the binary content, or move the file out of the notes folder"))
        }
        return .text(source)
    }

}
