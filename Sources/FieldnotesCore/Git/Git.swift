import FieldnotesSupport
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

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var status: Int32
        public var stderr: String

        /// "git failed (exit 128): fatal: …", git's first line of errors as it said it.
        public var description: String {
            let said = stderr.split(separator: "\n").first.map { ": " + $0 } ?? ""
            return "git failed (exit \(status))" + said
        }
    }

    /// Runs `git args…` and returns its standard output; throws when git fails or is absent.
    ///
    /// Started with posix_spawn rather than Foundation's Process, whose run loop adds tens of
    /// milliseconds per call on Linux: a pre-commit hook must feel instant.
    @discardableResult
    public func run(_ args: [String], input: Data? = nil, environment: [String: String] = [:]) throws -> Data {
        var out: [UInt8] = []
        try run(args, input: input, environment: environment) { out.append(contentsOf: $0) }
        return Data(out)
    }

    /// Runs `git args…`, handing its standard output to `output` as it comes (a long output is
    /// never held whole); throws when git fails or is absent.
    public func run(
        _ args: [String], input: Data? = nil, environment: [String: String] = [:],
        output: (ArraySlice<UInt8>) -> Void
    ) throws {
        // Not `--no-optional-locks`: without writing the refreshed index, `git diff` hashes every
        // racily clean file again on each run (a second in a fresh 10k-account clone, in a hook
        // that must feel instant). When the lock is taken (`git commit` holds it while the hook
        // runs), git simply does not write the index.
        let (pid, inFD, outFD, errFD) = try Self.spawn(["git", "-C", directory.path] + args, environment: environment)
        let err = Git.exchange(
            input: input.map { [UInt8]($0) } ?? [], stdin: inFD, stdout: outFD, stderr: errFD, output: output)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        if code != 0 {
            throw Failure(status: code, stderr: String(decoding: err, as: UTF8.self))
        }
    }

    /// Held while pipes are made and git is started: git started from another thread must not
    /// inherit this run's pipes (it would keep this git's input open, and each git would wait for
    /// the other's input to end). Pipes are marked close-on-exec before anyone else may spawn.
    private static let spawnLock = NSLock()

    /// Starts `argv` with three pipes, in this process's environment with `environment`'s
    /// variables set: returns its pid and the parent's ends (input, output, errors).
    private static func spawn(_ argv: [String], environment: [String: String]) throws -> (pid_t, Int32, Int32, Int32) {
        try spawnLock.withLock {
            var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0], inPipe: [Int32] = [0, 0]
            guard pipe(&outPipe) == 0 else { throw ToolError("cannot run git: no pipes left") }
            guard pipe(&errPipe) == 0 else {
                for fd in outPipe { close(fd) }
                throw ToolError("cannot run git: no pipes left")
            }
            guard pipe(&inPipe) == 0 else {
                for fd in outPipe + errPipe { close(fd) }
                throw ToolError("cannot run git: no pipes left")
            }
            for fd in inPipe + outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            #if os(Linux)
                // A larger pipe for git's output (a long one, as `cat-file --batch`'s, then
                // comes in fewer reads, and git waits less for them); where the system does
                // not allow it, the pipe keeps its size.
                _ = fcntl(outPipe[0], 1031 /* F_SETPIPE_SZ */, Int32(1 << 20))
            #endif
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            // dup2 clears close-on-exec on the three ends git gets.
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
            var cArgs = argv.map { strdup($0) } + [nil]
            defer { for p in cArgs { free(p) } }
            var cEnvironment = environment.isEmpty ? [] : Self.environment(with: environment).map { strdup($0) } + [nil]
            defer { for p in cEnvironment { free(p) } }
            var pid: pid_t = 0
            let spawned =
                cEnvironment.isEmpty
                ? posix_spawnp(&pid, "git", &actions, nil, &cArgs, environ)
                : posix_spawnp(&pid, "git", &actions, nil, &cArgs, &cEnvironment)
            close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
            guard spawned == 0 else {
                close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
                throw ToolError(
                    "cannot run git: \(String(cString: strerror(spawned)))",
                    help: "install git, or run fieldnotes where git is on the PATH")
            }
            return (pid, inPipe[1], outPipe[0], errPipe[0])
        }
    }

    /// This process's environment (`NAME=value` lines), with `overrides` set.
    private static func environment(with overrides: [String: String]) -> [String] {
        var lines: [String] = []
        var entry = environ
        while let line = entry.pointee {
            let text = String(cString: line)
            let name = text.prefix { $0 != "=" }
            if overrides[String(name)] == nil { lines.append(text) }
            entry += 1
        }
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) { lines.append("\(name)=\(value)") }
        return lines
    }

    /// Feeds `input` to git's standard input while draining its output and errors, in one `poll`
    /// loop on the calling thread, so no pipe can fill up and block git. Not on Dispatch's threads:
    /// their pool is as small as the machine, a blocked read holds one, and a new thread comes
    /// only after a second (a hook that waited a second now and then). Closes the three ends.
    /// Standard output goes to `output` as it is read; the errors are returned.
    package static func exchange(
        input: [UInt8], stdin inFD: Int32, stdout outFD: Int32, stderr errFD: Int32,
        output: (ArraySlice<UInt8>) -> Void
    ) -> [UInt8] {
        var err: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        var inOpen = !input.isEmpty, outOpen = true, errOpen = true
        var written = 0
        if inOpen {
            _ = fcntl(inFD, F_SETFL, fcntl(inFD, F_GETFL) | O_NONBLOCK)
        } else {
            close(inFD)
        }
        func drain(_ fd: Int32, open: inout Bool, _ sink: (ArraySlice<UInt8>) -> Void) {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                sink(buffer[0..<n])
            } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                close(fd)
                open = false
            }
        }
        while outOpen || errOpen || inOpen {
            var fds: [pollfd] = []
            if outOpen { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
            if errOpen { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
            if inOpen { fds.append(pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0)) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for p in fds where p.revents != 0 {
                if p.fd == outFD {
                    drain(outFD, open: &outOpen, output)
                } else if p.fd == errFD {
                    drain(errFD, open: &errOpen) { err.append(contentsOf: $0) }
                } else if p.fd == inFD {
                    let n = input.withUnsafeBytes {
                        write(inFD, $0.baseAddress! + written, min(65536, input.count - written))
                    }
                    if n > 0 { written += n }
                    if written == input.count || (n < 0 && errno != EINTR && errno != EAGAIN)
                        || p.revents & Int16(POLLERR | POLLHUP) != 0 && n <= 0
                    {
                        close(inFD)
                        inOpen = false
                    }
                }
            }
        }
        if inOpen { close(inFD) }
        if outOpen { close(outFD) }
        if errOpen { close(errFD) }
        return err
    }

    public func string(_ args: [String]) throws -> String {
        String(decoding: try run(args), as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// The top folder of the work tree, or nil outside a git repository.
    public func topLevel() -> URL? {
        guard let path = try? string(["rev-parse", "--show-toplevel"]), !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    /// What one `git rev-parse` tells of a repository (a git run is milliseconds of a run that
    /// must feel instant: four questions, one run).
    public struct Repository: Sendable, Equatable {
        /// The top folder of the work tree.
        public var top: URL
        /// Where git keeps what every work tree of the repository shares (`.git`), absolute.
        public var commonDirectory: String
        public var isShallow: Bool
        /// HEAD's commit; nil before the first commit.
        public var head: String?
    }

    /// The repository `directory` is in, or nil outside one.
    public func repository() -> Repository? {
        var out: [UInt8] = []
        var status: Int32 = 0
        do {
            try run([
                "rev-parse", "--show-toplevel", "--path-format=absolute", "--git-common-dir", "--is-shallow-repository",
                "--verify", "--quiet", "--end-of-options", "HEAD^{commit}",
            ]) { out.append(contentsOf: $0) }
        } catch let failure as Failure {
            status = failure.status
        } catch {
            return nil
        }
        // Before the first commit, `--verify --quiet` prints nothing for HEAD and exits 1 after
        // the other answers; outside a repository git exits 128.
        // Split as bytes: a "\r\n" in a folder's name is one `Character`, not a line break and more.
        var lines = out.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        if lines.last == "" { lines.removeLast() }
        guard status == 0 && lines.count == 4 || status == 1 && lines.count == 3 else {
            // A folder whose name holds a line break: one question a run.
            guard status != 128, let top = topLevel() else { return nil }
            let common = try? string(["rev-parse", "--path-format=absolute", "--git-common-dir"])
            guard let common, !common.isEmpty else { return nil }
            return Repository(
                top: top, commonDirectory: common,
                isShallow: (try? string(["rev-parse", "--is-shallow-repository"])) == "true", head: commit("HEAD"))
        }
        guard !lines[0].isEmpty, !lines[1].isEmpty else { return nil }
        return Repository(
            top: URL(fileURLWithPath: lines[0], isDirectory: true).standardizedFileURL,
            commonDirectory: lines[1], isShallow: lines[2] == "true",
            head: status == 0 && !lines[3].isEmpty ? lines[3] : nil)
    }

    /// A staged change: what git will commit.
    public struct StagedChange: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case added, modified, deleted, renamed(from: String), copied(from: String), typeChanged
        }
        public var kind: Kind
        /// Path relative to the top of the work tree.
        public var path: String
    }

    /// The changes listed by `git diff --name-status -z`: a status, then one path (two for a
    /// rename or copy), each ended by a NUL.
    package static func nameStatus(_ data: Data) -> [StagedChange] {
        let fields = data.split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
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
                let kind: StagedChange.Kind =
                    letter == "A" ? .added : letter == "D" ? .deleted : letter == "T" ? .typeChanged : .modified
                out.append(StagedChange(kind: kind, path: fields[i + 1]))
                i += 2
            }
        }
        return out
    }

    /// A file of the index or of a commit, as git lists it with `-z` (any path is safe).
    public struct Entry: Sendable {
        /// Path relative to the top of the work tree, as text (a name that is not UTF-8 is escaped).
        public var path: String
        /// The path's bytes: what tells two files apart (`zoë` composed and decomposed are two).
        public var pathBytes: [UInt8]
        /// The git mode: "100644" or "100755" for a file, "120000" a link, "160000" a submodule.
        public var mode: String
        /// The object id of the content.
        public var id: String
        /// The size, when git listed it.
        public var size: Int?
        /// A staged change's status letter (A, M, R, C, T, U…); "U" is an unresolved merge conflict.
        public var status: Character

        /// Whether the entry is a regular file (not a link or a submodule).
        public var isFile: Bool { mode == "100644" || mode == "100755" }
        public var isUnmerged: Bool { status == "U" }

        package init(pathBytes: [UInt8], mode: String, id: String, size: Int? = nil, status: Character) {
            self.path = FileSystem.displayName(pathBytes).text
            self.pathBytes = pathBytes
            self.mode = mode
            self.id = id
            self.size = size
            self.status = status
        }
    }

    /// The staged changes, with their new modes and object ids (`git diff --cached --raw -z`,
    /// renames detected): a deletion has status "D" (and no content); a path in an unresolved
    /// merge conflict is listed once, with status "U".
    public func stagedEntries() throws -> [Entry] {
        Self.rawDiff(try run(["diff", "--cached", "--raw", "-z", "-M", "--no-abbrev", "--no-color", "--no-ext-diff"]))
    }

    /// Parses `git diff --raw -z`: `:oldmode newmode oldid newid status`, then one path (two for a
    /// rename or copy), each ended by a NUL.
    package static func rawDiff(_ data: Data) -> [Entry] {
        let fields = data.split(separator: 0, omittingEmptySubsequences: false)
        var out: [Entry] = []
        var i = 0
        while i < fields.count {
            let header = String(decoding: fields[i], as: UTF8.self).split(separator: " ")
            guard header.count == 5, header[0].hasPrefix(":"), let letter = header[4].first else { i += 1; continue }
            let paths = letter == "R" || letter == "C" ? 2 : 1
            guard i + paths < fields.count else { break }
            out.append(
                Entry(
                    pathBytes: Array(fields[i + paths]), mode: String(header[1]), id: String(header[3]), status: letter)
            )
            i += 1 + paths
        }
        return out
    }

    /// The entries of the index (what the next commit holds) under a folder, relative to the top
    /// (`git ls-files -s -z`). A path in an unresolved merge conflict is listed once, with status "U".
    public func indexEntries(under prefix: String) throws -> [Entry] {
        let data = try run(["ls-files", "-s", "-z", "--"] + (prefix.isEmpty ? [] : [prefix]))
        var out: [Entry] = []
        var unmerged = Set<[UInt8]>()
        for record in data.split(separator: 0) {
            // "mode id stage<TAB>path"
            guard let tab = record.firstIndex(of: 0x09) else { continue }
            let fields = String(decoding: record[record.startIndex..<tab], as: UTF8.self).split(separator: " ")
            guard fields.count == 3 else { continue }
            let path = Array(record[(tab + 1)...])
            if fields[2] != "0" {
                if unmerged.insert(path).inserted {
                    out.append(Entry(pathBytes: path, mode: String(fields[0]), id: String(fields[1]), status: "U"))
                }
            } else {
                out.append(Entry(pathBytes: path, mode: String(fields[0]), id: String(fields[1]), status: "M"))
            }
        }
        return out
    }

    /// What `blobs` found for one name.
    public enum Blob: Sendable, Equatable {
        case content([UInt8])
        /// A blob larger than the limit: its content was not read.
        case tooLarge(Int)
        /// Git has no such object (or it cannot be read).
        case missing
        /// The object is not a blob (a tree, a commit…).
        case notABlob(String)
    }

    /// Reads objects named by object ids, or by `REV:path` / `:path` (the index) names without a
    /// line break. Sizes come first (`git cat-file --batch-check`); then only the blobs within
    /// `maxSize` are read, by object id (`git cat-file --batch`), so no larger content is ever
    /// read and no path is ever written to git one per line. Results in input order.
    public func blobs(_ names: [String], maxSize: Int) throws -> [Blob] {
        let checked = try check(names, maxSize: maxSize)
        var seen = Set<String>()
        let ids = checked.compactMap { if case .read(let id) = $0 { id } else { nil } }.filter {
            seen.insert($0).inserted
        }
        var contents: [String: Blob] = [:]
        try streamBlobs(ids, maxSize: maxSize, chunk: .max, chunkBytes: .max) {
            for (id, blob) in $0 { contents[id] = blob }
        }
        return checked.map {
            switch $0 {
            case .done(let blob): return blob
            case .read(let id): return contents[id] ?? .missing
            }
        }
    }

    /// What `git cat-file --batch-check` says of a name: the object id to read, or the answer
    /// already (missing, not a blob, larger than the limit).
    package enum Checked: Sendable {
        case read(String)
        case done(Blob)
    }

    /// Each name checked, in input order, in one `git cat-file --batch-check` run: names that are
    /// empty or hold a line break are missing without asking git.
    package func check(_ names: [String], maxSize: Int) throws -> [Checked] {
        var result = [Checked](repeating: .done(.missing), count: names.count)
        let asked = names.indices.filter {
            !names[$0].isEmpty && !names[$0].contains("\n") && !names[$0].contains("\r")
        }
        guard !asked.isEmpty else { return result }
        var input: [UInt8] = []
        for i in asked { input += names[i].utf8 + [0x0A] }
        var output: [UInt8] = []
        try run(["cat-file", "--batch-check"], input: Data(input)) { output += $0 }
        // One line out per line in: "<id> <type> <size>", or "<name> missing" (or "ambiguous").
        let lines = output.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (k, i) in asked.enumerated() where k < lines.count {
            guard let answer = Git.objectHeader(lines[k]) else { continue }
            if answer.type != "blob" {
                result[i] = .done(.notABlob(answer.type))
            } else if answer.size > maxSize {
                result[i] = .done(.tooLarge(answer.size))
            } else {
                result[i] = .read(answer.id)
            }
        }
        return result
    }

    /// The full name of a commit, or nil when `revision` names none.
    public func commit(_ revision: String) -> String? {
        guard !revision.hasPrefix("-"),
            let sha = try? string(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"]),
            !sha.isEmpty
        else { return nil }
        return sha
    }

    /// The newest commit of HEAD's first-parent history dated before `day`, or nil. Dated as the
    /// history's events are, by the committer's own calendar date (`%cs`), not by this machine's
    /// time zone: a commit made at 01:00 in Berlin on the 22nd is on the 22nd everywhere.
    public func lastCommit(before day: Day) -> String? {
        guard let log = try? string(["log", "--first-parent", "--no-show-signature", "--format=%H %cs", "HEAD"])
        else { return nil }
        for line in log.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, case .success(let date) = Day.parse(String(parts[1])), date < day {
                return String(parts[0])
            }
        }
        return nil
    }

    /// The oldest commit available on HEAD's first-parent history (the root, or where a shallow
    /// clone stops), with its committer date.
    public func oldestCommit() -> (sha: String, date: String)? {
        guard
            let line = try? string([
                "log", "--first-parent", "--max-parents=0", "--no-show-signature", "--format=%H %cs", "HEAD",
            ]).split(
                separator: "\n"
            ).last
        else { return nil }
        let parts = line.split(separator: " ")
        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
    }

    /// Runs `body` with an environment whose index (`GIT_INDEX_FILE`) is a copy of the
    /// repository's, removed afterwards: what `body` stages there never touches the real index.
    package func withIndexCopy<T>(_ body: ([String: String]) throws -> T) throws -> T {
        let index = try string(["rev-parse", "--path-format=absolute", "--git-path", "index"])
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-index-\(UUID().uuidString)"
        ).path
        try FileManager.default.copyItem(atPath: index, toPath: copy)
        defer {
            try? FileManager.default.removeItem(atPath: copy)
            try? FileManager.default.removeItem(atPath: copy + ".lock")
        }
        return try body(["GIT_INDEX_FILE": copy])
    }

    public func isShallow() -> Bool { (try? string(["rev-parse", "--is-shallow-repository"])) == "true" }

}
