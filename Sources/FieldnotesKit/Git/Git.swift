import Foundation

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
    @discardableResult
    public func run(_ args: [String], input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + args
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        // Paths as bytes, never quoted or translated, whatever the user's git config says.
        environment["GIT_CONFIG_PARAMETERS"] = nil
        process.environment = environment
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        do { try process.run() } catch {
            throw ToolError("cannot run git: \(error.localizedDescription)", help: "install git, or run fieldnotes where git is on the PATH")
        }
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let input {
            DispatchQueue.global().async {
                inPipe.fileHandleForWriting.write(input)
                try? inPipe.fileHandleForWriting.close()
            }
        } else {
            try? inPipe.fileHandleForWriting.close()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw Failure(status: process.terminationStatus, stderr: String(decoding: errBox.data, as: UTF8.self))
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
        let data = try run(["diff", "--cached", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff"])
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
        guard !paths.isEmpty else { return [:] }
        var input = Data()
        for p in paths { input.append(contentsOf: Array(":\(p)\n".utf8)) }
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
}
