import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes briefs to a folder the way git likes it: only files whose content changed, each
/// written atomically, each marked as generated; generated briefs whose account is gone are
/// removed, and a file without the mark is never touched.
public struct BriefWriter {
    public var directory: URL
    /// The notes repository root, to tell whether a brief's account still exists.
    public var root: URL

    public struct Plan: Sendable {
        /// Relative path in the folder → content (UTF-8).
        public var files: [(path: String, contents: [UInt8])]

        public init(files: [(path: String, contents: [UInt8])]) {
            self.files = files
        }

        init(texts: [(path: String, contents: String)]) {
            files = texts.map { (path: $0.path, contents: Array($0.contents.utf8)) }
        }
    }

    public enum Change: Equatable, Sendable {
        case created(String), updated(String), removed(String), unchanged(String)
        /// A file is in the way that fieldnotes did not write: it is left alone.
        case conflict(String)
    }

    /// Where the brief of `accountPath` goes: its path under the accounts folder, in `directory`.
    public static func briefPath(for accountPath: String, glob: Glob, extension ext: String = "md") -> String {
        briefPath(for: accountPath, accountsFolder: glob.staticPrefix.joined(separator: "/"), extension: ext)
    }

    /// `accountsFolder`: the glob's static prefix ("accounts"), computed once for many briefs.
    static func briefPath(for accountPath: String, accountsFolder: String, extension ext: String) -> String {
        // Non-ASCII paths by characters, so that differently composed spellings of a name compare equal.
        guard accountPath.utf8.allSatisfy({ $0 < 0x80 }) && accountsFolder.utf8.allSatisfy({ $0 < 0x80 }) else {
            var parts = accountPath.split(separator: "/").map(String.init)
            let prefix = accountsFolder.split(separator: "/").map(String.init)
            if parts.count > prefix.count, Array(parts.prefix(prefix.count)) == prefix { parts.removeFirst(prefix.count) }
            var name = parts.joined(separator: "/")
            if let dot = name.lastIndex(of: "."), !name[dot...].contains("/") { name = String(name[..<dot]) }
            return name + "." + ext
        }
        // Empty path components ("a//b", a trailing "/") do not count.
        let slash = UInt8(ascii: "/")
        let u = accountPath.utf8
        let clean = u.first != slash && u.last != slash && !zip(u, u.dropFirst()).contains { $0 == slash && $1 == slash }
        var name = clean ? Substring(accountPath) : Substring(accountPath.split(separator: "/").joined(separator: "/"))
        if !accountsFolder.isEmpty && name.utf8.count > accountsFolder.utf8.count + 1 && name.utf8.starts(with: accountsFolder.utf8)
            && name.utf8.dropFirst(accountsFolder.utf8.count).first == UInt8(ascii: "/") {
            name = name[name.utf8.index(name.startIndex, offsetBy: accountsFolder.utf8.count + 1)...]
        }
        // Without the extension: from the last "." of the file name.
        if let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), !name.utf8[dot...].contains(UInt8(ascii: "/")) {
            name = name[..<dot]
        }
        return name + "." + ext
    }

    /// Generated files in the folder (those with the mark) other than `skipping`, relative path →
    /// the account they came from.
    func generatedFiles(skipping known: Set<String> = []) -> [String: String] {
        var out: [String: String] = [:]
        var stack = [""]
        while let rel = stack.popLast() {
            let dir = rel.isEmpty ? directory.path : directory.path + "/" + rel
            for (name, listed) in FileSystem.list(dir) ?? [] {
                let child = rel.isEmpty ? name : rel + "/" + name
                let kind = listed ?? FileSystem.kindOfLink(dir + "/" + name)
                if kind == .directory { stack.append(child); continue }
                guard kind == .regular, !known.contains(child),
                      case .bytes(let bytes) = FileSystem.read(dir + "/" + name, maxSize: FileReader.maxSize),
                      let source = Self.generatedSource(bytes) else { continue }
                out[child] = source
            }
        }
        return out
    }

    /// The account a generated brief came from, read from its first line; nil without the mark.
    static func generatedSource(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(512)
        let firstLine = head.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? head
        return Brief.source(ofGenerated: Substring(String(decoding: firstLine, as: UTF8.self)))
    }

    /// What writing `plan` would change (nothing is written). The existing files are compared on
    /// every core.
    public func changes(_ plan: Plan) throws -> [Change] {
        let directory = directory.path
        var out: [Change] = Batch.map(plan.files.count) { i in
            let file = plan.files[i]
            switch FileSystem.read(directory + "/" + file.path, maxSize: FileReader.maxSize) {
            case .bytes(let existing):
                if Bytes.equal(existing, file.contents) { return .unchanged(file.path) }
                return Self.generatedSource(existing) == nil ? .conflict(file.path) : .updated(file.path)
            case .missing:
                return .created(file.path)
            default:
                // A folder, a device or an unreadable file in the way: never written over.
                return .conflict(file.path)
            }
        }
        let planned = Set(plan.files.map(\.path))
        for (rel, source) in generatedFiles(skipping: planned).sorted(by: { $0.key < $1.key }) {
            if FileSystem.kind(root.path + "/" + source) == nil { out.append(.removed(rel)) }
        }
        return out
    }

    /// Applies `plan`: writes created and updated files atomically, removes orphaned briefs.
    @discardableResult
    public func write(_ plan: Plan) throws -> [Change] {
        let changes = try changes(plan)
        // The changes are in the plan's order, followed by the removals. Two accounts with the
        // same brief path: the first one's brief is written.
        var written = Set<String>()
        for (i, change) in changes.enumerated() {
            switch change {
            case .created(let rel), .updated(let rel):
                assert(plan.files[i].path == rel)
                guard written.insert(rel).inserted else { continue }
                try writeAtomically(plan.files[i].contents, to: directory.appendingPathComponent(rel))
            case .removed(let rel):
                try FileManager.default.removeItem(at: directory.appendingPathComponent(rel))
                removeEmptyFolders(above: directory.appendingPathComponent(rel))
            case .unchanged, .conflict:
                break
            }
        }
        return changes
    }

    /// After removing a brief, the folders it leaves empty go too (never the briefs folder itself).
    func removeEmptyFolders(above file: URL) {
        let fm = FileManager.default
        var dir = file.deletingLastPathComponent().standardizedFileURL
        while dir.path.hasPrefix(directory.standardizedFileURL.path + "/"),
              (try? fm.contentsOfDirectory(atPath: dir.path))?.isEmpty == true {
            try? fm.removeItem(at: dir)
            dir = dir.deletingLastPathComponent()
        }
    }

    /// Writes to a temporary file in the same folder, then renames it over the target: a reader
    /// sees the old file or the new one, never half of one.
    func writeAtomically(_ bytes: [UInt8], to url: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        guard fm.createFile(atPath: temp.path, contents: Data(bytes)) else {
            throw ToolError("cannot write '\(Workspace.relative(url, to: root))'", help: "check that the folder is writable")
        }
        if rename(temp.path, url.path) != 0 {
            try? fm.removeItem(at: temp)
            throw ToolError("cannot write '\(Workspace.relative(url, to: root))'", help: "check that the folder is writable")
        }
    }
}
