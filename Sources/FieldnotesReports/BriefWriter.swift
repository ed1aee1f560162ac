import FieldnotesCore
import FieldnotesSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes briefs to a folder the way git likes it: only files whose content changed, each
/// written atomically, each marked as generated; generated briefs whose account is gone are
/// removed, and a file without the mark, or one that reads as an account, is never touched.
/// Markdown and HTML briefs share a folder: a writer only looks at files of its own format, so
/// each format removes only its own orphans and never the other's files (nor the pipeline page).
/// Paths are compared by their bytes: two names that differ only in how an accent is composed
/// (NFC, NFD) are two files.
public struct BriefWriter {
    public var directory: URL
    /// The notes repository root, to tell whether a brief's account still exists.
    public var root: URL
    /// The extension of the briefs this writer writes ("md" or "html"): only such files can be
    /// its orphans.
    public var fileExtension: String = "md"
    /// The accounts glob: a brief whose source no longer matches it is an orphan (nil: any
    /// regular file at the source keeps its brief).
    public var accounts: Glob? = nil
    /// Which file a path is, to find two brief paths that are one file where the file system
    /// folds names (case, accent composition). A seam for tests on file systems that do not fold.
    package var identity: @Sendable (String) -> FileSystem.FileIdentity? = FileSystem.identity

    public init(directory: URL, root: URL, fileExtension: String = "md", accounts: Glob? = nil) {
        self.directory = directory
        self.root = root
        self.fileExtension = fileExtension
        self.accounts = accounts
    }

    public struct Plan: Sendable {
        /// Relative path in the folder → content (UTF-8).
        public var files: [(path: String, contents: [UInt8])]

        public init(files: [(path: String, contents: [UInt8])]) {
            self.files = files
        }

        package init(texts: [(path: String, contents: String)]) {
            files = texts.map { (path: $0.path, contents: Array($0.contents.utf8)) }
        }
    }

    public enum Change: Equatable, Sendable {
        case created(String), updated(String), removed(String), unchanged(String)
        /// A file is in the way that fieldnotes did not write: it is left alone.
        case conflict(String)
        /// A temporary file an interrupted `brief --out` left behind: the next one removes it.
        case stray(String)
        /// The file system takes this brief's path and another one's (`as`) for one file (it
        /// folds case or accent composition): this brief is not written, the other one is.
        case sameFile(String, as: String)
    }

    /// Where the brief of `accountPath` goes: its path under the accounts folder, in `directory`.
    public static func briefPath(for accountPath: String, glob: Glob, extension ext: String = "md") -> String {
        briefPath(for: accountPath, accountsFolder: glob.staticPrefix.joined(separator: "/"), extension: ext)
    }

    /// `accountsFolder`: the glob's static prefix ("accounts"), computed once for many briefs.
    package static func briefPath(for accountPath: String, accountsFolder: String, extension ext: String) -> String {
        PathText.stem(accountPath, under: accountsFolder) + "." + ext
    }

    /// Leftovers in the briefs folder: generated briefs not in `known` (relative path → the
    /// account named in their mark) and temporary files of an interrupted run. Only where briefs
    /// are written is looked at: folders not starting with "." (links not followed), files with
    /// this writer's extension (the other format's briefs are the other format's business),
    /// never a file that reads as an account.
    package func leftovers(skipping known: Set<[UInt8]>) -> (briefs: [(path: String, source: String)], strays: [String])
    {
        var briefs: [(path: String, source: String)] = [], strays: [String] = []
        var stack = [""]
        while let rel = stack.popLast() {
            let dir = rel.isEmpty ? directory.path : directory.path + "/" + rel
            for (name, listed) in FileSystem.list(dir) ?? [] {
                let child = rel.isEmpty ? name : rel + "/" + name
                let kind = listed ?? FileSystem.kindOfLink(dir + "/" + name)
                if kind == .directory {
                    if !name.hasPrefix(".") { stack.append(child) }
                    continue
                }
                guard kind == .regular else { continue }
                if FileSystem.isStaleTemporary(name) { strays.append(child); continue }
                guard !name.hasPrefix("."), let dot = name.lastIndex(of: "."),
                    name[name.index(after: dot)...] == fileExtension,
                    !known.contains(Array(child.utf8)),
                    case .bytes(let bytes) = FileSystem.read(dir + "/" + name, maxSize: FileReader.maxSize),
                    let source = Self.generatedSource(bytes), !Self.readsAsAccount(bytes)
                else { continue }
                briefs.append((child, source))
            }
        }
        func byBytes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        return (briefs.sorted { byBytes($0.path, $1.path) }, strays.sorted(by: byBytes))
    }

    /// The account a generated brief came from, read from its first line; nil without the mark.
    package static func generatedSource(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096)
        let firstLine =
            head.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? head
        return Brief.source(ofGenerated: Substring(String(decoding: firstLine, as: UTF8.self)))
    }

    /// Whether a file was written by fieldnotes as a brief: it has the mark and does not read
    /// as an account.
    package static func isBrief(_ bytes: [UInt8]) -> Bool {
        generatedSource(bytes) != nil && !readsAsAccount(bytes)
    }

    /// Whether a file reads as an account: front matter (a `---` line first, or after a first
    /// line that is a comment) with an `account:` field before its closing line. Such a file is
    /// never taken for a brief, whatever its first line says: it is never overwritten or removed.
    package static func readsAsAccount(_ bytes: [UInt8]) -> Bool {
        var lines = bytes.prefix(1 << 16).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)[...]
        func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var end = line.endIndex
            while end > line.startIndex && (line[end - 1] == 0x0D || Bytes.isSpace(line[end - 1])) { end -= 1 }
            return line[line.startIndex..<end]
        }
        if let first = lines.first, first.starts(with: Bytes.open) { lines = lines.dropFirst() }
        while let line = lines.first, trimmed(line).isEmpty { lines = lines.dropFirst() }
        guard let opening = lines.first, trimmed(opening).elementsEqual("---".utf8) else { return false }
        for line in lines.dropFirst() {
            let t = trimmed(line)
            if t.elementsEqual("---".utf8) || t.elementsEqual("...".utf8) { return false }
            if t.starts(with: "account:".utf8) { return true }
        }
        return false
    }

    /// What writing `plan` would change (nothing is written). The existing files are compared on
    /// every core.
    public func changes(_ plan: Plan) throws -> [Change] {
        plannedChanges(plan).map(\.change)
    }

    /// `changes`, each with the plan's file it writes. A second file with the same path (the
    /// same bytes) is left out: the first one's brief is written.
    package func plannedChanges(_ plan: Plan) -> [(change: Change, file: Int?)] {
        var seen = Set<[UInt8]>()
        let unique = plan.files.indices.filter { seen.insert(Array(plan.files[$0].path.utf8)).inserted }
        let directory = directory.path
        var out: [(change: Change, file: Int?)] = Batch.map(unique.count) { k in
            let i = unique[k], file = plan.files[i]
            switch FileSystem.read(directory + "/" + file.path, maxSize: FileReader.maxSize) {
            case .bytes(let existing):
                if Bytes.equal(existing, file.contents) { return (.unchanged(file.path), i) }
                return (Self.isBrief(existing) ? .updated(file.path) : .conflict(file.path), i)
            case .missing:
                // A dangling link in the way is not written through.
                return (
                    FileSystem.kindOfLink(directory + "/" + file.path) == nil
                        ? .created(file.path) : .conflict(file.path), i
                )
            default:
                // A folder, a device or an unreadable file in the way: never written over.
                return (.conflict(file.path), i)
            }
        }
        markSameFiles(&out, plan)
        let found = leftovers(skipping: seen)
        for (rel, source) in found.briefs where !accountExists(source) {
            out.append((.removed(rel), nil))
        }
        out += found.strays.map { (.stray($0), nil) }
        return out
    }

    /// Whether the account a generated brief names still exists: a regular file (links
    /// followed) that is an account of the accounts glob. A folder, or a file the glob no longer
    /// takes, at that path does not keep its brief.
    package func accountExists(_ source: String) -> Bool {
        guard FileSystem.kind(root.path + "/" + source) == .regular else { return false }
        return accounts.map { Workspace.isAccountPath(source, glob: $0) } ?? true
    }

    /// Briefs whose paths differ in bytes but that the file system takes for one existing file
    /// (it folds case or accent composition): the first keeps its change, each other one is
    /// `.sameFile`, never written over the first.
    package func markSameFiles(_ out: inout [(change: Change, file: Int?)], _ plan: Plan) {
        let directory = directory.path
        var first: [FileSystem.FileIdentity: String] = [:]
        for k in out.indices {
            guard let i = out[k].file, case let rel = plan.files[i].path,
                let id = identity(directory + "/" + rel)
            else { continue }
            if let other = first[id] {
                out[k].change = .sameFile(rel, as: other)
            } else {
                first[id] = rel
            }
        }
    }

    /// Applies `plan`: writes created and updated files atomically, removes orphaned briefs and
    /// the temporary files of an interrupted run. The changes returned are those made: a brief
    /// found to be another one's file once that one is written is `.sameFile`, not written.
    @discardableResult
    public func write(_ plan: Plan) throws -> [Change] {
        var planned = plannedChanges(plan)
        // The files this run wrote, by identity: a later path that lands on one of them is that file.
        var written: [FileSystem.FileIdentity: String] = [:]
        try InterruptCleanup.during {
            for k in planned.indices {
                let (change, file) = planned[k]
                switch change {
                case .created(let rel), .updated(let rel):
                    guard let file else { continue }
                    let path = directory.path + "/" + rel
                    if let id = identity(path), let other = written[id], Array(other.utf8) != Array(rel.utf8) {
                        planned[k].change = .sameFile(rel, as: other)
                        continue
                    }
                    try writeAtomically(plan.files[file].contents, to: rel)
                    if let id = identity(path) { written[id] = rel }
                case .removed(let rel), .stray(let rel):
                    let path = directory.path + "/" + rel
                    if unlink(path) != 0 && errno != ENOENT {
                        throw Self.fileError(errno, doing: "remove", shown(rel))
                    }
                    removeEmptyFolders(above: directory.appendingPathComponent(rel))
                case .unchanged, .conflict, .sameFile:
                    break
                }
            }
        }
        return planned.map(\.change)
    }

    /// A path in the briefs folder as messages show it: from the notes repository, control
    /// characters escaped.
    package func shown(_ rel: String) -> String {
        TerminalText.escaped(Workspace.relative(directory.appendingPathComponent(rel), to: root))
    }

    /// After removing a brief, the folders it leaves empty go too (never the briefs folder itself).
    package func removeEmptyFolders(above file: URL) {
        let fm = FileManager.default
        var dir = file.deletingLastPathComponent().standardizedFileURL
        while dir.path.hasPrefix(directory.standardizedFileURL.path + "/"),
            (try? fm.contentsOfDirectory(atPath: dir.path))?.isEmpty == true
        {
            try? fm.removeItem(at: dir)
            dir = dir.deletingLastPathComponent()
        }
    }

    // MARK: - Writing one file

    /// Writes the brief with `FileSystem.replace`, as every file fieldnotes replaces: a temporary
    /// file next to the target (`.fieldnotes-PID-RANDOM.tmp`, written whole, flushed to disk),
    /// renamed over it, so that a reader sees the old file or the new one, never half of one. An
    /// interrupt meanwhile removes the temporary file; one left by a killed run is a `.stray`.
    package func writeAtomically(_ bytes: [UInt8], to rel: String) throws {
        let target = directory.path + "/" + rel
        let folder = FileSystem.parent(of: target)
        do {
            try FileSystem.createFolders(folder, shown: Self.shownFolder(of: shown(rel)))
        } catch let failure as FileSystem.CreateFailure {
            throw Self.fileError(failure.code, doing: "create the folder", failure.path)
        }
        do {
            try FileSystem.replace(target, bytes: bytes, shown: shown(rel))
        } catch let failure as FileSystem.CreateFailure {
            throw Self.fileError(failure.code, doing: "write", failure.path)
        }
    }

    /// The folder part of a shown path.
    package static func shownFolder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    }

    /// A failed write, removal or folder creation said in words, with the path.
    /// The error in words comes from `FileSystem.reason`, as for every file fieldnotes creates;
    /// the help is about briefs.
    package static func fileError(_ code: Int32, doing action: String, _ path: String) -> ToolError {
        let help: String?
        switch code {
        case EACCES, EPERM:
            help = "check that the folder is writable, or write the briefs to another folder with --out=DIR"
        case EROFS: help = "write the briefs to another folder with --out=DIR"
        case ENOSPC, EDQUOT: help = "free some space, then run 'fieldnotes brief --out' again"
        case ENAMETOOLONG: help = "shorten the account's file name, or write the briefs to a folder with a shorter path"
        case ENOTDIR: help = "move that file away, or write the briefs to another folder with --out=DIR"
        case EISDIR: help = "move the folder away, or write the briefs to another folder with --out=DIR"
        case ELOOP: help = "check the links in the briefs folder's path"
        default: help = nil
        }
        return ToolError("cannot \(action) '\(path)': \(FileSystem.reason(code))", help: help)
    }
}
