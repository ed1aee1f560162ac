import FieldnotesSupport
import Foundation

/// A notes repository: its root folder, config and checklist, and its account files.
public struct Workspace: Sendable {
    public var root: URL
    public var config: Config
    public var checklist: Checklist
    /// The config file, when there is one.
    public var configFile: URL?
    /// The settings as read through `extends:`, with where each comes from.
    public var settings = ConfigChain()

    public static let configName = "fieldnotes.yml"
    /// The checklist read when fieldnotes.yml names none and this file is at the root.
    package static let defaultChecklistName = "checklist.yml"

    /// The nearest folder from `start` up holding fieldnotes.yml, not above `top` when given:
    /// where the notes repository of a path or working directory is.
    package static func configFolder(above start: URL, within top: URL? = nil) -> URL? {
        var dir = start
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(configName).path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            if let top, Workspace.strip(top.path, from: parent.path) == nil { return nil }
            dir = parent
        }
    }

    /// The settings files of this repository, relative to its root: fieldnotes.yml and the
    /// checklist (a change to either changes every account's check).
    package var settingsFiles: [String] {
        var files = [
            configFile.map { Workspace.relative($0, to: root) } ?? Workspace.configName,
            config.checklist ?? Workspace.defaultChecklistName,
        ]
        // The files fieldnotes.yml extends, when they are in the notes repository.
        for url in settings.locations.dropFirst() {
            let path = Workspace.relative(url, to: root)
            if !path.hasPrefix("/") { files.append(path) }
        }
        return files
    }

    /// Finds the notes repository for `paths` (or the working directory): walks up for
    /// `fieldnotes.yml`, like git does for `.git`; without one, built-in defaults apply.
    /// Reads a settings file; `check --staged` reads the staged version instead of the working copy.
    public typealias SettingsReader = @Sendable (_ url: URL, _ display: String) -> FileReader.Outcome?

    public static func open(
        paths: [String], cwd: URL, configPath: String?, settings: SettingsReader? = nil
    ) throws -> Workspace {
        try open(located: locate(paths: paths, cwd: cwd, configPath: configPath), cwd: cwd, settings: settings)
    }

    /// The notes repository of a note named `path` that need not exist on disk (`check
    /// --stdin-filename`): fieldnotes.yml is looked for from the nearest folder of the path that does.
    public static func open(noteNamed path: String, cwd: URL, configPath: String?) throws -> Workspace {
        var folder = resolve(path, cwd).deletingLastPathComponent()
        var isDir: ObjCBool = false
        while !(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir) && isDir.boolValue) {
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        if configPath != nil { return try open(paths: [], cwd: cwd, configPath: configPath) }
        let configURL = configFolder(above: folder).map { $0.appendingPathComponent(configName) }
        return try open(located: (configURL, configURL?.deletingLastPathComponent() ?? cwd), cwd: cwd, settings: nil)
    }

    /// The note named `path` (`check --stdin-filename`): how messages name it, and whether it is
    /// an account of this repository (it matches `accounts:`).
    public func note(named path: String, cwd: URL) -> (path: String, isAccount: Bool) {
        let url = Workspace.resolve(path, cwd)
        let display = Workspace.relative(url, to: root)
        if display.hasPrefix("/") { return (Workspace.relative(url, to: cwd), false) }
        return (display, Workspace.isAccountPath(display, glob: Glob(config.accounts)))
    }

    private static func open(
        located: (config: URL?, root: URL), cwd: URL, settings: SettingsReader?
    ) throws -> Workspace {
        let (configURL, root) = located
        var chain = ConfigChain()
        if let configURL {
            chain = try ConfigChain.load(configURL, cwd: cwd) { try readSettingsFile($0, display: $1, settings) }
        }
        let config = chain.config
        let checklist = try loadChecklist(chain, root: root, configURL: configURL, cwd: cwd, settings)
        try checkInternalQuestions(chain, checklist: checklist, configURL: configURL, cwd: cwd)
        var workspace = Workspace(root: root, config: config, checklist: checklist, configFile: configURL)
        workspace.settings = chain
        return workspace
    }

    /// fieldnotes.yml (given, or found from the first path or the working directory up) and the
    /// notes repository's root: its folder, else the folder given, else the working directory.
    private static func locate(paths: [String], cwd: URL, configPath: String?) throws -> (config: URL?, root: URL) {
        let fm = FileManager.default
        if let configPath {
            let url = Workspace.resolve(configPath, cwd)
            guard fm.fileExists(atPath: url.path) else {
                throw ToolError("the configuration file '\(configPath)' does not exist")
            }
            return (url, url.deletingLastPathComponent())
        }
        var start = cwd
        var givenFolder: URL?
        if let first = paths.first {
            let url = Workspace.resolve(first, cwd)
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isDir) {
                start = isDir.boolValue ? url : url.deletingLastPathComponent()
                if isDir.boolValue { givenFolder = url }
            }
        }
        let configURL = configFolder(above: start).map { $0.appendingPathComponent(configName) }
        return (configURL, configURL?.deletingLastPathComponent() ?? givenFolder ?? cwd)
    }

    /// The checklist: the configured one, else checklist.yml at the root, else the built-in default.
    private static func loadChecklist(
        _ chain: ConfigChain, root: URL, configURL: URL?, cwd: URL, _ settings: SettingsReader?
    ) throws -> Checklist {
        let config = chain.config
        var checklistURL: URL?
        if let name = config.checklist {
            // Relative to the notes repository's folder, or absolute (a team's checklist kept elsewhere).
            let url = Workspace.resolve(name, root)
            guard FileManager.default.fileExists(atPath: url.path) || settings?(url, name) != nil else {
                var files: [FileDiagnostics] = []
                let origin = chain.origins["checklist"]
                let written =
                    origin.map {
                        $0.file.slice($0.valueRange).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                    }
                    ?? name
                if let origin {
                    let missing = Diagnostic(
                        nil, "no such file '\(written)'", at: origin.valueRange,
                        help: "create it, or remove the 'checklist:' line to use the built-in checklist")
                    files.append(FileDiagnostics(path: origin.file.path, source: origin.file, diagnostics: [missing]))
                }
                let named = origin?.file.path ?? configURL.map { relative($0, to: cwd) } ?? Workspace.configName
                throw ToolError("the checklist '\(written)' named in \(named) does not exist", files: files)
            }
            checklistURL = url
        } else if FileManager.default.fileExists(atPath: root.appendingPathComponent(defaultChecklistName).path) {
            checklistURL = root.appendingPathComponent(defaultChecklistName)
        }
        guard let checklistURL else { return .builtIn }
        let source = try readSettingsFile(checklistURL, display: relative(checklistURL, to: cwd), settings)
        switch ChecklistLoader.load(source, schema: config.accountSchema) {
        case .success(let c): return c
        case .failure(let e): throw e
        }
    }

    /// 'internal:' names checklist questions: a typo would silently share what should not be.
    /// Only a written 'internal:' is checked (the defaults may name questions a team's own
    /// checklist does not have).
    private static func checkInternalQuestions(
        _ chain: ConfigChain, checklist: Checklist, configURL: URL?, cwd: URL
    ) throws {
        let ids = checklist.questions.map(\.id)
        guard let origin = chain.origins["internal"] else { return }
        for id in chain.config.internalQuestions where !ids.contains(id) {
            let unknown = Diagnostic(
                nil, "'internal' names '\(id)', which is not a question of the checklist", at: origin.valueRange,
                help: Suggest.closest(to: id, in: ids).map { "did you mean '\($0)'?" }
                    ?? "the checklist's questions are: \(ids.joined(separator: ", "))")
            let files = [FileDiagnostics(path: origin.file.path, source: origin.file, diagnostics: [unknown])]
            let named = origin.file.path
            throw ToolError("'internal' in \(named) names an unknown question '\(id)'", files: files)
        }
    }

    private static func readSettingsFile(_ url: URL, display: String, _ settings: SettingsReader?) throws -> SourceFile
    {
        switch settings?(url, display) ?? FileReader.read(url, displayPath: display) {
        case .text(let source): return source
        case .unreadable(let source, let diagnostic):
            var d = diagnostic
            d.rule = nil
            throw ToolError(
                "cannot read '\(display)'", files: [FileDiagnostics(path: display, source: source, diagnostics: [d])])
        }
    }

    /// A path from the command line, relative to the working directory unless absolute.
    public static func resolve(_ path: String, _ cwd: URL) -> URL {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : cwd.appendingPathComponent(path)
        return url.standardizedFileURL
    }

    /// Where `folder` sits in the git work tree `top`, as a prefix of paths from the top
    /// ("notes/", or "" for the top itself); nil when it is outside.
    package static func pathPrefix(of folder: URL, inWorkTree top: URL) -> String? {
        let rel = relative(folder, to: top)
        if rel.hasPrefix("/") { return nil }
        return rel.isEmpty ? "" : rel + "/"
    }

    /// `url` relative to `base` with `/`, or the absolute path when it is not inside it.
    public static func relative(_ url: URL, to base: URL) -> String {
        let path = url.standardizedFileURL.path
        var basePath = base.standardizedFileURL.path
        if path.utf8.elementsEqual(basePath.utf8) { return "" }
        if !basePath.hasSuffix("/") { basePath += "/" }
        return strip(basePath, from: path) ?? path
    }

    /// `path` without `prefix`, or nil when it does not start with it. Compares bytes: paths are
    /// bytes, and two names equal as text (`zoë` composed or decomposed) are two files.
    package static func strip(_ prefix: String, from path: String) -> String? {
        guard path.utf8.starts(with: prefix.utf8) else { return nil }
        return String(decoding: path.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
    }

    /// A path named on the command line that does not exist: every command refuses it the same
    /// way, exit status 2 (a file that exists but cannot be read is a located diagnostic instead).
    package static func noSuchPath(_ path: String) -> ToolError {
        ToolError(
            "no such file or folder '\(path)'",
            help: "check the path (relative to the working directory): it does not exist")
    }

    /// Orders paths as text, and two paths equal as text by their bytes, so output never depends
    /// on the order the file system lists them in.
    package static func pathPrecedes(_ a: String, _ b: String) -> Bool {
        if a < b { return true }
        if b < a { return false }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// A file to check: where it is, and how it is named in output.
    public struct AccountFile: Sendable {
        /// Where the file is on disk (absolute).
        public var location: String
        /// The path shown in messages (relative to the notes repository, or to the working directory).
        public var path: String

        public init(url: URL, path: String) {
            self.init(location: url.path, path: path)
        }

        /// Why the file is refused without being read (a link out of the notes repository, a folder
        /// that cannot be read, a name that is not UTF-8), or nil.
        public var refusal: FileReader.Refusal?

        /// Why the walk could not enter the folder at `path` ("permission denied"), when this is such a
        /// folder rather than a file: a problem of the walk, not an account. `check` reports it like a
        /// refused file; the reports say it without making an account of it.
        public var unreadableFolder: String?

        /// A file found by walking the repository: no `URL` per file (they cost more than reading it).
        package init(
            location: String, path: String, refusal: FileReader.Refusal? = nil, unreadableFolder: String? = nil
        ) {
            self.location = location
            self.path = path
            self.refusal = refusal
            self.unreadableFolder = unreadableFolder
        }
    }

    /// The account files for `paths` (all accounts when empty), sorted by path.
    public func accountFiles(paths: [String], cwd: URL) throws -> [AccountFile] {
        let glob = Glob(config.accounts)
        let all = { () -> [AccountFile] in
            let base = self.root.path
            return Workspace.scan(self.root, glob: glob).map {
                AccountFile(
                    location: base + "/" + $0.path, path: $0.path, refusal: $0.refusal,
                    unreadableFolder: $0.unreadableFolder)
            }
        }
        if paths.isEmpty { return all() }
        // Keyed by bytes: two names equal as text (`zoë` composed and decomposed) are two files.
        var result: [[UInt8]: AccountFile] = [:]
        func add(_ key: String, _ file: AccountFile) { result[Array(key.utf8)] = file }
        var cachedAll: [AccountFile]?
        let fm = FileManager.default
        let realRoot = FileSystem.realPath(root.path)
        for path in paths {
            let url = Workspace.resolve(path, cwd)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDir) else {
                guard (try? fm.destinationOfSymbolicLink(atPath: url.path)) != nil else {
                    throw Workspace.noSuchPath(path)
                }
                // A dangling symbolic link is a file that cannot be read, not a usage error.
                let display = Workspace.relative(url, to: root)
                add(display, AccountFile(url: url, path: display))
                continue
            }
            guard isDir.boolValue else {
                let display = Workspace.relative(url, to: root)
                add(display, namedFile(url, display: display, cwd: cwd, realRoot: realRoot))
                continue
            }
            let prefix = Workspace.relative(url, to: root)
            if prefix.hasPrefix("/") {
                for file in Self.markdownFiles(outside: url, cwd: cwd) { add(file.location, file) }
                continue
            }
            if cachedAll == nil { cachedAll = all() }
            for file in cachedAll!
            where prefix.isEmpty || file.path.utf8.elementsEqual(prefix.utf8)
                || Workspace.strip(prefix + "/", from: file.path) != nil
            {
                add(file.path, file)
            }
        }
        return result.values.sorted { Workspace.pathPrecedes($0.path, $1.path) }
    }

    /// A file named on the command line; inside the notes repository, one that resolves outside it is refused.
    private func namedFile(_ url: URL, display: String, cwd: URL, realRoot: String?) -> AccountFile {
        var file = AccountFile(url: url, path: display.hasPrefix("/") ? Workspace.relative(url, to: cwd) : display)
        if !display.hasPrefix("/"), let realRoot, let real = FileSystem.realPath(url.path),
            !FileSystem.isInside(real, realRoot)
        {
            file.refusal = Workspace.linkOutside
        }
        return file
    }

    /// A folder outside the notes repository: every Markdown file in it, shown from `cwd`.
    private static func markdownFiles(outside url: URL, cwd: URL) -> [AccountFile] {
        scan(url, glob: Glob("**/*.md")).map { found in
            let file = found.path.isEmpty ? url : url.appendingPathComponent(found.path)
            return AccountFile(
                location: file.path, path: Workspace.relative(file, to: cwd), refusal: found.refusal,
                unreadableFolder: found.unreadableFolder)
        }
    }

    /// A file inside the notes repository that leads outside it (a link, or a folder that is one):
    /// refused, so a note never shows another file's content.
    package static let linkOutside = FileReader.Refusal(
        "the file is a link to a place outside the notes repository",
        help: "copy the note into the notes repository instead of linking to it")

    /// Whether `rel` (relative to the notes repository) is an account: it matches the accounts
    /// glob, no folder or file of it starts with ".", and the file name does not start with "_"
    /// (`_template.md`). `walk` applies the same rule while it descends.
    package static func isAccountPath(_ rel: String, glob: Glob) -> Bool {
        let parts = rel.split(separator: "/")
        guard let name = parts.last, !name.hasPrefix("_"), !parts.contains(where: { $0.hasPrefix(".") }) else {
            return false
        }
        return glob.matches(rel)
    }

    /// Relative paths under `base` that match `glob`, skipping hidden folders, templates (`_*`)
    /// and symbolic links to folders (which could loop).
    package static func walk(_ base: URL, glob: Glob) -> [String] {
        scan(base, glob: glob).map(\.path)
    }

    /// What walking finds: a file to read, or one refused with the reason.
    package struct Found: Equatable {
        package var path: String
        package var refusal: FileReader.Refusal?
        /// Why the walk could not enter the folder at `path`, when it is one (then `refusal` says it too).
        package var unreadableFolder: String?
    }

    /// A folder the walk cannot enter, for `reason`: listed so `check` fails on it, never skipped silently.
    package static func unreadable(folder rel: String, _ reason: String, _ refusal: FileReader.Refusal) -> Found {
        Found(path: rel, refusal: refusal, unreadableFolder: reason)
    }

    /// The files under `base` that match `glob` (relative paths, sorted), skipping hidden folders,
    /// templates (`_*`) and symbolic links to folders (which could loop). Nothing is skipped
    /// silently: a folder that cannot be read, a link that leads outside `base`, and a name that
    /// is not UTF-8 are listed with the reason they are refused; a pipe, a socket or a device
    /// named like an account is listed, for the reader to refuse. `list` reads a folder.
    package static func scan(
        _ base: URL, glob: Glob, list: (String) -> FileSystem.Listing = FileSystem.listing
    ) -> [Found] {
        var out: [Found] = []
        let prefix = glob.staticPrefix.joined(separator: "/")
        var stack: [String] = [prefix]
        var realBase: String??  // resolved once, when the first link is met
        while let rel = stack.popLast() {
            let dir = rel.isEmpty ? base.path : base.path + "/" + rel
            let entries: [FileSystem.Entry]
            switch list(dir) {
            case .entries(let listed): entries = listed
            case .failed(let code):
                if let found = unreadable(folder: rel, code: code) { out.append(found) }
                continue
            }
            for entry in entries where !entry.name.hasPrefix(".") {
                let name = entry.name
                let childRel = rel.isEmpty ? name : rel + "/" + name
                guard entry.isUTF8 else {
                    if let found = badName(entry, childRel, glob: glob) { out.append(found) }
                    continue
                }
                let child = dir + "/" + name
                guard var kind = entry.kind ?? FileSystem.kindOfLink(child) else { continue }
                var refusal: FileReader.Refusal?
                if kind == .symbolicLink {
                    // A link to a folder is not followed (it could loop); a dangling link is
                    // listed, to be reported as unreadable.
                    let target = FileSystem.kind(child)
                    if target == .directory { continue }
                    if target != nil { refusal = linkRefusal(child, base: base, realBase: &realBase) }
                    kind = .regular
                }
                if kind == .directory {
                    stack.append(childRel)
                } else if !name.hasPrefix("_") && glob.matches(childRel) {
                    out.append(Found(path: childRel, refusal: refusal))  // a pipe or socket too: the reader refuses it
                }
            }
        }
        return out.sorted { pathPrecedes($0.path, $1.path) }
    }

    /// A folder the walk could not list, by the error's code; no folder where the accounts would
    /// be is no account (nil), any other error is reported.
    private static func unreadable(folder rel: String, code: Int32) -> Found? {
        if code == ENOENT || code == ENOTDIR { return nil }
        let reason = code == EACCES || code == EPERM ? "permission denied" : String(cString: strerror(code))
        return unreadable(
            folder: rel, reason,
            FileReader.Refusal(
                "cannot read the folder: \(reason)",
                help: "check the folder's permissions, or move it out of the notes folder"))
    }

    /// An entry whose name is not UTF-8 cannot be opened by its (escaped) name: said, whether
    /// file or folder (a file only when named like an account).
    private static func badName(_ entry: FileSystem.Entry, _ childRel: String, glob: Glob) -> Found? {
        let refusal = FileReader.Refusal(
            "the name is not valid UTF-8, so it cannot be read", help: "rename it with a UTF-8 name")
        if entry.kind == .directory { return unreadable(folder: childRel, "its name is not valid UTF-8", refusal) }
        return glob.matches(childRel) ? Found(path: childRel, refusal: refusal) : nil
    }

    /// Why a link to a file is refused: it leads out of `base`. `realBase` is resolved at the first link.
    private static func linkRefusal(_ child: String, base: URL, realBase: inout String??) -> FileReader.Refusal? {
        if realBase == nil { realBase = .some(FileSystem.realPath(base.path)) }
        if let realBase = realBase!, let real = FileSystem.realPath(child), !FileSystem.isInside(real, realBase) {
            return linkOutside
        }
        return nil
    }
}
