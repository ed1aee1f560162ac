import FieldnotesSupport
import Foundation

/// `check --staged`: what git will commit. The staged (index) content of the staged account
/// files is checked, not the working copy; when the config or the checklist is staged, every
/// account in the index is checked against the staged versions.
///
/// Staged content is read by object id, never by path, so any path is checked (a line break, a
/// name that is not UTF-8); paths are told apart by their bytes. A staged account that cannot be
/// checked (a link, a submodule, a merge conflict, content over the size limit, an object git
/// cannot read) is an error on its path: nothing staged is skipped.
public struct StagedCheck: Sendable {
    public var workspace: Workspace
    /// A staged file: its content, or why it is refused.
    public enum Content: Sendable {
        case bytes([UInt8])
        case refused(FileReader.Refusal)
    }
    /// The files to check (paths relative to the notes repository), with their staged content.
    public var files: [(path: String, content: Content)]
    /// The files checked whose working copy differs from what is staged (paths as in `files`): the
    /// check saw the staged version, not the edits the rep may have made since.
    public var unstaged: [String] = []

    public static func prepare(cwd: URL, configPath: String?, asOf: Day) throws -> StagedCheck {
        let git = Git(directory: cwd)
        guard let top = git.topLevel() else {
            throw ToolError(
                "--staged checks what git will commit, and this is not a git repository",
                help: "run it inside the repository of the notes, or check the files with 'fieldnotes check'")
        }
        let topGit = Git(directory: top)
        let staged = try git.stagedEntries()
        // Which files differ from the index, asked of git while the staged content is read.
        let unstagedPaths = staged.isEmpty ? nil : UnstagedPaths(topGit)
        // One `git cat-file` run reads the likely settings files and every staged note at once:
        // starting git is what costs time here, not reading.
        let guess = configPath == nil ? Workspace.configFolder(above: cwd, within: top) ?? cwd : cwd
        let guessPrefix = Workspace.relative(guess, to: top)
        let settingsGuess = [Workspace.configName, Workspace.defaultChecklistName].map {
            guessPrefix.isEmpty || guessPrefix.hasPrefix("/") ? $0 : guessPrefix + "/" + $0
        }
        let stagedNotes = staged.filter { $0.isFile && !$0.isUnmerged && $0.path.hasSuffix(".md") }
        let prefetched = try topGit.blobs(
            settingsGuess.map { ":" + $0 } + stagedNotes.map(\.id), maxSize: FileReader.maxSize)
        let settingsBlobs = Dictionary(
            zip(settingsGuess.map { Array($0.utf8) }, prefetched), uniquingKeysWith: { a, _ in a })
        var noteBlobs: [String: Git.Blob] = [:]  // by object id
        for (i, note) in stagedNotes.enumerated() { noteBlobs[note.id] = prefetched[settingsGuess.count + i] }
        let unmergedPaths = Set(staged.filter(\.isUnmerged).map(\.pathBytes))
        let settings = settingsReader(top: top, git: topGit, prefetched: settingsBlobs, unmerged: unmergedPaths)
        let workspace = try Workspace.open(paths: [], cwd: cwd, configPath: configPath, settings: settings)
        guard let rootPrefix = Workspace.pathPrefix(of: workspace.root, inWorkTree: top) else {
            throw ToolError("the notes repository '\(workspace.root.path)' is outside the git work tree '\(top.path)'")
        }
        func underRoot(_ path: String) -> String? { Workspace.strip(rootPrefix, from: path) }
        let entries = try accountEntries(staged, workspace: workspace, rootPrefix: rootPrefix, git: topGit)
        // Every staged account's content, read by object id; what the first read did not ask for
        // (every account, when the settings are staged) is read now.
        let unread = Array(Set(entries.filter { $0.isFile && !$0.isUnmerged && noteBlobs[$0.id] == nil }.map(\.id)))
            .sorted()
        for (id, blob) in zip(unread, try topGit.blobs(unread, maxSize: FileReader.maxSize)) { noteBlobs[id] = blob }
        var files: [(path: String, content: Content)] = []
        for entry in entries {
            guard let rel = underRoot(entry.path) else { continue }
            files.append((rel, content(of: entry, blob: noteBlobs[entry.id])))
        }
        files.sort { Workspace.pathPrecedes($0.path, $1.path) }
        let changed = unstagedPaths?.result ?? []
        let unstaged = entries.filter { !$0.isUnmerged && changed.contains($0.pathBytes) }.compactMap {
            underRoot($0.path)
        }
        return StagedCheck(workspace: workspace, files: files, unstaged: unstaged.sorted(by: Workspace.pathPrecedes))
    }

    /// Settings come from the index when they are there: the commit will hold those versions.
    private static func settingsReader(
        top: URL, git: Git, prefetched: [[UInt8]: Git.Blob], unmerged: Set<[UInt8]>
    ) -> Workspace.SettingsReader {
        { url, display in
            let rel = Workspace.relative(url, to: top)
            guard !rel.hasPrefix("/") else { return nil }
            if unmerged.contains(Array(rel.utf8)) { return conflict.outcome(displayPath: display) }
            let blob = try? prefetched[Array(rel.utf8)] ?? git.blobs([":" + rel], maxSize: FileReader.maxSize).first
            switch blob {
            case .content(let bytes): return FileReader.decode(bytes, displayPath: display)
            case .tooLarge(let size): return FileReader.Refusal.tooLarge(size).outcome(displayPath: display)
            default: return nil
            }
        }
    }

    /// The entries to check, relative to the top of the work tree, once per path (by its bytes):
    /// the staged accounts, or every account in the index when a settings file is staged.
    private static func accountEntries(
        _ staged: [Git.Entry], workspace: Workspace, rootPrefix: String, git: Git
    ) throws -> [Git.Entry] {
        func underRoot(_ path: String) -> String? { Workspace.strip(rootPrefix, from: path) }
        let glob = Glob(workspace.config.accounts)
        let settingsFiles = Set(workspace.settingsFiles.map { Array($0.utf8) })
        let settingsStaged = staged.contains { entry in
            underRoot(entry.path).map { settingsFiles.contains(Array($0.utf8)) } ?? false
        }
        let candidates = settingsStaged ? try git.indexEntries(under: rootPrefix) : staged
        var seen = Set<[UInt8]>()
        return candidates.filter { entry in
            guard entry.status != "D", let rel = underRoot(entry.path), Workspace.isAccountPath(rel, glob: glob) else {
                return false
            }
            return seen.insert(entry.pathBytes).inserted
        }
    }

    /// The paths (bytes, from the top of the work tree) whose working copy differs from the index:
    /// one `git diff --name-only -z`, run on another thread from the moment it is started. It only
    /// informs, so a git that fails here gives no paths rather than an error.
    package final class UnstagedPaths: @unchecked Sendable {
        private let group = DispatchGroup()
        private var paths: Set<[UInt8]> = []

        package init(_ git: Git) {
            DispatchQueue.global().async(group: group) { [self] in
                let args = [
                    "diff", "--name-only", "-z", "--no-relative", "--no-renames", "--no-ext-diff", "--no-color",
                ]
                guard let data = try? git.run(args) else { return }
                paths = Set(data.split(separator: 0).map { Array($0) })
            }
        }

        /// The paths, once git has answered.
        package var result: Set<[UInt8]> {
            group.wait()
            return paths
        }
    }

    /// A staged file in an unresolved merge conflict: the commit cannot hold it as it is.
    package static let conflict = FileReader.Refusal(
        "the file has an unresolved merge conflict",
        help: "resolve the conflict, 'git add' the file, and commit again")

    /// What is checked for a staged entry: its content, or why it cannot be.
    package static func content(of entry: Git.Entry, blob: Git.Blob?) -> Content {
        if entry.isUnmerged { return .refused(conflict) }
        switch entry.mode {
        case "120000":
            return .refused(
                FileReader.Refusal(
                    "the staged file is a symbolic link: fieldnotes checks notes, not links",
                    help: "commit the note itself instead of a link to it"))
        case "160000":
            return .refused(
                FileReader.Refusal(
                    "the staged path is a submodule, not a note",
                    help: "move the submodule out of the accounts folder, or change 'accounts' in fieldnotes.yml"))
        default:
            break
        }
        guard entry.isFile else {
            return .refused(
                FileReader.Refusal(
                    "the staged path is not a regular file (git mode \(entry.mode))",
                    help: "account notes are text files"))
        }
        switch blob {
        case .content(let bytes): return .bytes(bytes)
        case .tooLarge(let size): return .refused(.tooLarge(size))
        case .notABlob(let type): return .refused(FileReader.Refusal("the staged content is a git \(type), not a file"))
        case .missing, nil:
            return .refused(
                FileReader.Refusal(
                    "git cannot read the staged content (object \(entry.id))",
                    help: "run 'git fsck', then 'git add' the file again"))
        }
    }

    /// Checks the staged files in `range` on every core, each report turned by `then` into what
    /// the caller keeps (on the same core); results in input order.
    public func reports<T>(asOf: Day, range: Range<Int>, then: @escaping @Sendable (AccountReport) -> T) -> [T] {
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: asOf)
        return Batch.map(range.count) { i in
            let file = files[range.lowerBound + i]
            let outcome: FileReader.Outcome
            switch file.content {
            case .bytes(let bytes): outcome = FileReader.decode(bytes, displayPath: file.path)
            case .refused(let refusal): outcome = refusal.outcome(displayPath: file.path)
            }
            return then(Checker.check(outcome, path: file.path, context: context))
        }
    }
}
