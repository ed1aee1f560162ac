import Foundation

/// `check --staged`: what git will commit. The staged (index) content of the staged account
/// files is checked, not the working copy; when the config or the checklist is staged, every
/// account in the index is checked against the staged versions.
public struct StagedCheck: Sendable {
    public var workspace: Workspace
    /// The files to check, with their staged content.
    public var files: [(path: String, bytes: [UInt8])]

    public static func prepare(cwd: URL, configPath: String?, asOf: Day) throws -> StagedCheck {
        let git = Git(directory: cwd)
        guard let top = git.topLevel() else {
            throw ToolError("--staged checks what git will commit, and this is not a git repository",
                            help: "run it inside the repository of the notes, or check the files with 'fieldnotes check'")
        }
        let staged = try git.stagedChanges()
        // One `git cat-file --batch` reads the likely settings files and every staged note at once:
        // starting git is what costs time here, not reading.
        var guess = cwd
        if configPath == nil {
            var dir = cwd
            while true {
                if FileManager.default.fileExists(atPath: dir.appendingPathComponent(Workspace.configName).path) { guess = dir; break }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path || !parent.path.hasPrefix(top.path) { break }
                dir = parent
            }
        }
        let guessPrefix = Workspace.relative(guess, to: top)
        let settingsGuess = [Workspace.configName, "checklist.yml"].map { guessPrefix.isEmpty || guessPrefix.hasPrefix("/") ? $0 : guessPrefix + "/" + $0 }
        let stagedNotes = staged.filter { $0.kind != .deleted && $0.path.hasSuffix(".md") }.map(\.path)
        let prefetched = try Git(directory: top).stagedContents(settingsGuess + stagedNotes)
        // Settings come from the index when they are there: the commit will hold those versions.
        let settings: Workspace.SettingsReader = { url, display in
            let rel = Workspace.relative(url, to: top)
            guard !rel.hasPrefix("/") else { return nil }
            let data: Data?
            if settingsGuess.contains(rel) { data = prefetched[rel] } else { data = try? Git(directory: top).stagedContents([rel])[rel] }
            guard let data else { return nil }
            return FileReader.decode([UInt8](data), displayPath: display)
        }
        let workspace = try Workspace.open(paths: [], cwd: cwd, configPath: configPath, settings: settings)
        guard let rootPrefix = Workspace.pathPrefix(of: workspace.root, inWorkTree: top) else {
            throw ToolError("the notes repository '\(workspace.root.path)' is outside the git work tree '\(top.path)'")
        }
        func underRoot(_ path: String) -> String? {
            path.hasPrefix(rootPrefix) ? String(path.dropFirst(rootPrefix.count)) : nil
        }
        let glob = Glob(workspace.config.accounts)
        func isAccount(_ rel: String) -> Bool { Workspace.isAccountPath(rel, glob: glob) }
        let settingsFiles = Set([workspace.configFile.map { Workspace.relative($0, to: workspace.root) } ?? Workspace.configName,
                                 workspace.config.checklist ?? "checklist.yml"])
        let settingsStaged = staged.contains { change in underRoot(change.path).map(settingsFiles.contains) ?? false }
        var paths: [String] = []  // relative to the top of the work tree
        if settingsStaged {
            paths = try git.indexedFiles(under: rootPrefix).filter { underRoot($0).map(isAccount) ?? false }
        } else {
            for change in staged where change.kind != .deleted {
                if let rel = underRoot(change.path), isAccount(rel) { paths.append(change.path) }
            }
        }
        let missing = paths.filter { prefetched[$0] == nil }
        let contents = prefetched.merging(try Git(directory: top).stagedContents(missing)) { a, _ in a }
        var files: [(String, [UInt8])] = []
        for path in paths.sorted() {
            guard let data = contents[path] else { continue }  // a submodule or symlink target outside the index
            files.append((underRoot(path)!, [UInt8](data)))
        }
        return StagedCheck(workspace: workspace, files: files)
    }

    /// Checks the staged files in `range` on every core, each report turned by `then` into what
    /// the caller keeps (on the same core); results in input order.
    public func reports<T>(asOf: Day, range: Range<Int>, then: @escaping @Sendable (AccountReport) -> T) -> [T] {
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: asOf)
        return Batch.map(range.count) { i in
            let file = files[range.lowerBound + i]
            return then(Checker.check(FileReader.decode(file.bytes, displayPath: file.path), path: file.path, context: context))
        }
    }
}
