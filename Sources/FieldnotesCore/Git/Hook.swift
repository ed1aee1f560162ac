import FieldnotesSupport
import Foundation

/// The git pre-commit hook that runs `fieldnotes check --staged`.
public enum Hook {
    /// The line that tells our hook from anyone else's.
    public static let marker = "# fieldnotes pre-commit hook"

    /// The hook script: run from the top of the work tree, as git does, it goes to the notes
    /// folder and checks what is staged.
    public static func script(binary: String, notesFolder: String) -> String {
        func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var out = """
            #!/bin/sh
            \(marker): checks the staged notes before each commit.
            # Installed by 'fieldnotes hook install'; remove it with 'fieldnotes hook uninstall'.
            # 'git commit --no-verify' skips it for one commit.
            FIELDNOTES=\(quote(binary))
            [ -x "$FIELDNOTES" ] || FIELDNOTES=fieldnotes

            """
        if !notesFolder.isEmpty {
            out += "cd \(quote(notesFolder)) || exit 1\n"
        }
        out += "exec \"$FIELDNOTES\" check --staged\n"
        return out
    }

    /// Where git looks for the pre-commit hook (honours core.hooksPath).
    package static func hookURL(_ git: Git, top: URL) throws -> URL {
        let path = try git.string(["rev-parse", "--git-path", "hooks/pre-commit"])
        return path.hasPrefix("/")
            ? URL(fileURLWithPath: path) : git.directory.appendingPathComponent(path).standardizedFileURL
    }

    /// Every text of the hook fieldnotes has written, newest first, as functions of the binary
    /// and the notes folder: only a file that is exactly one of them is replaced or removed.
    /// When `script` changes, the previous version goes here.
    package static let versions: [@Sendable (_ binary: String, _ notesFolder: String) -> String] = [script]

    /// A hook larger than this cannot be one fieldnotes wrote: it is not read.
    package static let maxHookSize = 64 * 1024

    /// Whether `text` is byte for byte a hook fieldnotes wrote (any version, any binary and folder).
    public static func isOurs(_ text: [UInt8]) -> Bool {
        // The binary and folder are read back from the text, then the whole text is written again
        // from them and compared: a hook that merely contains our lines is not ours.
        let string = String(decoding: text, as: UTF8.self)
        guard Array(string.utf8) == text else { return false }  // not UTF-8: not ours
        let head = "FIELDNOTES="
        let fallback = "\n[ -x \"$FIELDNOTES\" ] || FIELDNOTES=fieldnotes\n"
        guard let binaryStart = string.range(of: "\n" + head)?.upperBound,
            let fallbackRange = string.range(of: fallback, range: binaryStart..<string.endIndex),
            let binary = unquote(string[binaryStart..<fallbackRange.lowerBound])
        else { return false }
        var folder = ""
        let rest = string[fallbackRange.upperBound...]
        if rest.hasPrefix("cd "), let end = rest.range(of: " || exit 1\n", options: .backwards) {
            guard let f = unquote(rest[rest.index(rest.startIndex, offsetBy: 3)..<end.lowerBound]) else { return false }
            folder = f
        }
        return versions.contains { Array($0(binary, folder).utf8) == text }
    }

    /// The text of a single-quoted shell word as `script` writes it ('it'\''s'), or nil.
    package static func unquote(_ word: Substring) -> String? {
        guard word.count >= 2, word.hasPrefix("'"), word.hasSuffix("'") else { return nil }
        return word.dropFirst().dropLast().replacingOccurrences(of: "'\\''", with: "'")
    }

    /// What is at the hook's path.
    package enum Existing {
        case none
        case ours
        /// Anything else, with why it is not replaced.
        case foreign(String)
    }

    /// Looks at the hook's path without following a link or reading more than `maxHookSize`.
    package static func existing(at path: String) -> Existing {
        switch FileSystem.kindOfLink(path) {
        case nil: return .none
        case .symbolicLink: return .foreign("it is a symbolic link")
        case .directory: return .foreign("it is a folder")
        case .other: return .foreign("it is not a regular file")
        case .regular: break
        }
        switch FileSystem.read(path, maxSize: maxHookSize) {
        case .bytes(let bytes): return isOurs(bytes) ? .ours : .foreign("was not written by fieldnotes")
        case .tooLarge: return .foreign("was not written by fieldnotes (it is larger than any hook fieldnotes writes)")
        case .denied: return .foreign("cannot be read, so fieldnotes cannot tell whether it wrote it")
        case .missing: return .none
        case .folder: return .foreign("it is a folder")
        case .notRegular: return .foreign("it is not a regular file")
        case .failed(let why): return .foreign("cannot be read (\(why))")
        }
    }

    public struct Result {
        public var path: URL
        public var replacedOurs: Bool
    }

    public static func install(cwd: URL, binary: String) throws -> Result {
        let git = Git(directory: cwd)
        guard let top = git.topLevel() else {
            throw ToolError("not a git repository", help: "run 'git init' first (or 'fieldnotes init --git')")
        }
        let workspace = try Workspace.open(paths: [], cwd: cwd, configPath: nil)
        let folder = Workspace.relative(workspace.root, to: top)
        let url = try hookURL(git, top: top)
        let shown = Workspace.relative(url, to: cwd)
        let text = Array(script(binary: binary, notesFolder: folder.hasPrefix("/") ? "" : folder).utf8)
        do {
            switch existing(at: url.path) {
            case .foreign(let why):
                throw ToolError(
                    "a pre-commit hook already exists at '\(shown)' and \(why)",
                    help: "fieldnotes will not replace it. To run both, add this line to that hook:\n"
                        + "  (cd \"$(git rev-parse --show-toplevel)\(folder.isEmpty ? "" : "/" + folder)\" "
                        + "&& fieldnotes check --staged) || exit 1\n"
                        + "or use the pre-commit framework (see the README)")
            case .ours:
                try FileSystem.replace(url.path, bytes: text, permissions: 0o755, shown: shown)
                return Result(path: url, replacedOurs: true)
            case .none:
                try FileSystem.createFolders(
                    url.deletingLastPathComponent().path,
                    shown: Workspace.relative(url.deletingLastPathComponent(), to: cwd))
                try FileSystem.createNew(url.path, bytes: text, permissions: 0o755, shown: shown)
                return Result(path: url, replacedOurs: false)
            }
        } catch let failure as FileSystem.CreateFailure {
            throw failure.toolError
        }
    }

    /// Removes our hook; a hook we did not write is left alone.
    public static func uninstall(cwd: URL) throws -> URL? {
        let git = Git(directory: cwd)
        guard let top = git.topLevel() else { throw ToolError("not a git repository") }
        let url = try hookURL(git, top: top)
        let shown = Workspace.relative(url, to: cwd)
        switch existing(at: url.path) {
        case .none: return nil
        case .foreign(let why):
            throw ToolError(
                "the pre-commit hook at '\(shown)' is left as it is: \(why.hasPrefix("it ") ? why : "it " + why)",
                help: "remove the fieldnotes line from it by hand, if it has one")
        case .ours:
            guard unlink(url.path) == 0 else {
                let code = errno
                throw ToolError(
                    "cannot remove '\(shown)': \(FileSystem.reason(code))", help: FileSystem.remedy(code, path: shown))
            }
            return url
        }
    }
}
