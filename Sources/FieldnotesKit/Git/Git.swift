import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs git. fieldnotes only reads from git (the index, the history); it never changes what
/// git tracks, except `hook install`, which writes one hook file.
public struct Git: Sendable {
    /// The folder git runs in.
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public struct Failure: Error, Sendable {
        public var status: Int32
        public var stderr: String
    }

    /// Runs `git args…` and returns its standard output; throws when git fails or is absent.
    ///
    /// Started with posix_spawn rather than Foundation's Process, whose run loop adds tens of
    /// milliseconds per call on Linux: a pre-commit hook must feel instant.
    @discardableResult
    public func run(_ args: [String], input: Data? = nil) throws -> Data {
        let argv = ["git", "-C", directory.path] + args
        var stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0], stdinPipe: [Int32] = [0, 0]
        guard pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0, pipe(&stdinPipe) == 0 else {
            throw ToolError("cannot run git: no pipes left")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        for fd in stdinPipe + stdoutPipe + stderrPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "git", &actions, nil, &cArgs, environ)
        close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1])
        guard spawned == 0 else {
            close(stdinPipe[1]); close(stdoutPipe[0]); close(stderrPipe[0])
            throw ToolError("cannot run git: \(String(cString: strerror(spawned)))", help: "install git, or run fieldnotes where git is on the PATH")
        }
        // Feed stdin and drain stderr on their own threads, so no pipe can fill up and block git.
        let group = DispatchGroup()
        let errBox = DataBox()
        let inFD = stdinPipe[1], errFD = stderrPipe[0]
        DispatchQueue.global().async(group: group) {
            if let input { _ = FileSystem.writeAll(inFD, [UInt8](input)) }
            close(inFD)
        }
        DispatchQueue.global().async(group: group) {
            errBox.data = Git.readAll(errFD)
            close(errFD)
        }
        let out = Git.readAll(stdoutPipe[0])
        close(stdoutPipe[0])
        group.wait()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        if code != 0 {
            throw Failure(status: code, stderr: String(decoding: errBox.data, as: UTF8.self))
        }
        return out
    }

    private static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 { data.append(contentsOf: buffer[0..<n]) } else if n == 0 || errno != EINTR { break }
        }
        return data
    }

    private final class DataBox: @unchecked Sendable { var data = Data() }

    public func string(_ args: [String]) throws -> String {
        String(decoding: try run(args), as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// The top folder of the work tree, or nil outside a git repository.
    public func topLevel() -> URL? {
        guard let path = try? string(["rev-parse", "--show-toplevel"]), !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    /// A staged change: what git will commit.
    public struct StagedChange: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case added, modified, deleted, renamed(from: String), copied(from: String), typeChanged }
        public var kind: Kind
        /// Path relative to the top of the work tree.
        public var path: String
    }

    /// The staged changes, with renames detected (`git diff --cached -z`, so any path is safe).
    public func stagedChanges() throws -> [StagedChange] {
        Self.nameStatus(try run(["diff", "--cached", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff"]))
    }

    /// The changes listed by `git diff --name-status -z`: a status, then one path (two for a
    /// rename or copy), each ended by a NUL.
    static func nameStatus(_ data: Data) -> [StagedChange] {
        let fields = data.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var out: [StagedChange] = []
        var i = 0
        while i < fields.count {
            let status = fields[i]
            guard let letter = status.first else { i += 1; continue }
            switch letter {
            case "R", "C":
                guard i + 2 < fields.count else { return out }
                let from = fields[i + 1], to = fields[i + 2]
                out.append(StagedChange(kind: letter == "R" ? .renamed(from: from) : .copied(from: from), path: to))
                i += 3
            default:
                guard i + 1 < fields.count else { return out }
                let kind: StagedChange.Kind = letter == "A" ? .added : letter == "D" ? .deleted : letter == "T" ? .typeChanged : .modified
                out.append(StagedChange(kind: kind, path: fields[i + 1]))
                i += 2
            }
        }
        return out
    }

    /// Paths of the index (what the next commit holds) under a folder, relative to the top.
    public func indexedFiles(under prefix: String) throws -> [String] {
        let data = try run(["ls-files", "-z", "--cached", "--"] + (prefix.isEmpty ? [] : [prefix]))
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The staged content of files (`:path`), read in one `git cat-file --batch` run.
    public func stagedContents(_ paths: [String]) throws -> [String: Data] {
        try contents(paths, at: "")
    }

    /// The content of files in a commit (`REV:path`; the index when `revision` is empty), read
    /// in one `git cat-file --batch` run. Files absent there are absent from the result.
    public func contents(_ paths: [String], at revision: String) throws -> [String: Data] {
        guard !paths.isEmpty else { return [:] }
        // `cat-file --batch` reads one path per line: a path with a line break cannot be asked for.
        let paths = paths.filter { !$0.contains("\n") }
        var input = Data()
        for p in paths { input.append(contentsOf: Array("\(revision):\(p)\n".utf8)) }
        let data = try run(["cat-file", "--batch"], input: input)
        var out: [String: Data] = [:]
        var offset = data.startIndex
        for path in paths {
            guard let newline = data[offset...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: data[offset..<newline], as: UTF8.self)
            offset = newline + 1
            let parts = header.split(separator: " ")
            guard parts.count == 3, parts[1] == "blob", let size = Int(parts[2]) else { continue }  // "missing"
            out[path] = Data(data[offset..<(offset + size)])
            offset += size + 1
        }
        return out
    }

    /// The full name of a commit, or nil when `revision` names none.
    public func commit(_ revision: String) -> String? {
        guard !revision.hasPrefix("-"), let sha = try? string(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"]),
              !sha.isEmpty else { return nil }
        return sha
    }

    /// The newest commit of HEAD's history made before the start of `day`, or nil.
    public func lastCommit(before day: Day) -> String? {
        guard let sha = try? string(["rev-list", "-1", "--first-parent", "--before=\(day) 00:00:00", "HEAD"]), !sha.isEmpty else { return nil }
        return sha
    }

    /// The oldest commit available on HEAD's first-parent history (the root, or where a shallow clone stops).
    public func oldestCommit() -> (sha: String, date: String)? {
        guard let line = try? string(["log", "--first-parent", "--format=%H %cs", "--reverse", "HEAD"]).split(separator: "\n").first else { return nil }
        let parts = line.split(separator: " ")
        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
    }

    public func isShallow() -> Bool { (try? string(["rev-parse", "--is-shallow-repository"])) == "true" }

    /// Files of `commit` under a folder (relative to the top).
    public func files(at commit: String, under prefix: String) throws -> [String] {
        let data = try run(["ls-tree", "-r", "-z", "--name-only", commit, "--"] + (prefix.isEmpty ? [] : [prefix]))
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Renames between `commit` and the work tree under a folder: new path → old path.
    public func renames(since commit: String, under prefix: String) throws -> [String: String] {
        let data = try run(["diff", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff", commit, "--"] + (prefix.isEmpty ? [] : [prefix]))
        var out: [String: String] = [:]
        for change in Self.nameStatus(data) {
            if case .renamed(let from) = change.kind { out[change.path] = from }
        }
        return out
    }
}
