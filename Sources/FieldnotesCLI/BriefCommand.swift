import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// `fieldnotes brief [PATH…]`: one-page account briefs, to stdout or written to a folder.
enum BriefCommand {
    static let spec = CommandSpec(
        name: "brief",
        abstract: "Write one-page account briefs: people, risks, how they decide, open questions.",
        discussion: """
            A brief shows everything the notes say: the facts, risks and contacts, every section with text
            (the checklist's by category in its order, then your own sections and the text above the first
            one), competitors, opportunities, assumptions, the open questions and every log entry, newest
            first. A section without text is not printed. Values are in words and amounts grouped ("85,000
            USD"); JSON keeps the ids.

            Prints the briefs, or with --out writes one Markdown file per account to a folder (default: the
            'briefs' folder of fieldnotes.yml): only files whose content changed are rewritten, each atomically
            and marked as generated; generated briefs whose account no longer exists are removed, and a file
            without the mark, or one that reads as an account, is never touched. The folder may not be, hold
            or sit inside the accounts folder or git's folder. --check writes nothing and exits 1 if the folder
            is not what would be generated (for CI). An account with errors still gets a brief of what could
            be read, with the errors at the top.

            Markdown and HTML briefs can share one folder: each format only writes, checks and removes files
            of its own extension (.md, .html). With --format html --out, index.html (the pipeline page) is
            always built from every account of the notes repository, even when paths or --owner choose
            which briefs are written.
            """,
        arguments: [
            .init(
                name: "paths", help: "Account files or folders (default: every account of the notes repository).",
                repeating: true, optional: true)
        ],
        options: [
            .init(
                "format", value: "format", allowed: ReportFormat.allowed(.markdown, .json, .html),
                help:
                    "Output format: markdown, json or html (a self-contained page to print, where the log keeps "
                    + "its newest three entries; with --out, also an index.html pipeline page linking them; "
                    + "default: markdown)."
            ),
            .init(
                "out", value: "dir", valueOptional: true,
                help:
                    "Write one file per account to this folder (alone: the 'briefs' folder of fieldnotes.yml; "
                    + "write --out=DIR when paths follow)."
            ),
            .init("check", help: "Write nothing; exit 1 if the briefs folder is not up to date, listing what differs."),
            .init(
                "share",
                help:
                    "Briefs to share outside the team: without the internal sections ('internal:' in fieldnotes.yml; "
                    + "default personal_pain and politics), the internal roles ('internal_roles:'; default champion, "
                    + "coach, blocker, gatekeeper), our position, pain, coverage, the risk flags, the assumptions "
                    + "(and the paragraphs that mark them), competitors' strengths and weaknesses, how we rate each "
                    + "person (their stance included) and when we last met them, and the log; open questions only in the checklist's 'say:' words for the customer."
            ),
        ] + ReportScope.options)

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = try BriefOptions(parsed, env)
        try refuseConflictingOptions(options)
        // Markdown briefs are written on the core that checked the account, and the notes' text
        // is then let go; HTML and JSON keep the text until the end.
        let markdown = options.format == .markdown
        let share = options.share
        // Printed, they go to stdout as each chunk of accounts is checked, one after the other.
        var printed = 0
        let run = try ReportRun.load(
            options.scope, env, keep: markdown ? .facts : .text,
            renderer: markdown
                ? { workspace in
                    let brief = Self.briefs(workspace, share: share)
                    return { brief($0).markdownBytes() }
                } : nil,
            emit: markdown && !options.writes
                ? { brief in
                    if printed > 0 { env.stdout("\n---\n\n") }
                    env.stdoutBytes(brief)
                    printed += 1
                } : nil,
            // The pipeline page written with HTML briefs shows every account, its history included.
            historyOfEveryAccount: options.format == .html && options.writes)
        let pages: [Brief] = markdown ? [] : run.facts.map(Self.briefs(run.workspace, share: share))
        guard options.writes else { return try printBriefs(options.format, pages, run, env) }
        return try writeBriefs(options, pages, run, env)
    }

    /// Options that ask for two things `brief` cannot do at once.
    private static func refuseConflictingOptions(_ options: BriefOptions) throws {
        if options.writes && options.format == .json {
            throw UsageError(
                "--out and --check write Markdown or HTML briefs", command: "brief",
                help: "leave out --format, or print JSON to stdout without --out")
        }
        if options.share && options.writes && options.namedFolder == nil {
            throw UsageError(
                "--share writes briefs for outside the team: give them a folder of their own", command: "brief",
                help: "write --out=DIR (for example --out=briefs-shared), so the team's briefs are not replaced")
        }
    }

    /// `brief --out` and `brief --check`: the briefs folder made (or compared with) what the notes give.
    private static func writeBriefs(
        _ options: BriefOptions, _ pages: [Brief], _ run: ReportRun, _ env: CommandEnvironment
    ) throws -> Int32 {
        let config = run.workspace.config
        let directory = briefsFolder(options, run, env)
        let glob = Glob(config.accounts)
        let accountsFolder = glob.staticPrefix.joined(separator: "/")
        let accountFiles =
            options.scope.paths.isEmpty
            ? run.files.map(\.location)
            : Workspace.walk(run.workspace.root, glob: glob).map { run.workspace.root.path + "/" + $0 }
        try refuseUnsafeFolder(
            directory, root: run.workspace.root, accountsFolder: accountsFolder, accountFiles: accountFiles,
            cwd: env.cwd)
        let paths = try briefPaths(
            run, folder: directory, glob: glob, accountsFolder: accountsFolder,
            extension: options.format == .html ? "html" : "md")
        let files =
            options.format == .html
            ? try htmlFiles(pages, paths: paths, options, run, env, accountsFolder: accountsFolder)
            : Array(zip(paths, run.rendered))
        let writer = BriefWriter(
            directory: directory, root: run.workspace.root, fileExtension: options.format == .html ? "html" : "md",
            accounts: glob)
        let names = BriefNames(
            shown: Workspace.relative(directory, to: env.cwd),
            accountOf: Dictionary(
                zip(paths.map { Array($0.utf8) }, run.facts.map(\.path)), uniquingKeysWith: { a, _ in a }))
        if options.check {
            return try checkBriefs(writer, files, names, options, run, env)
        }
        return try reportWrite(writer.write(.init(files: files)), names, run, env)
    }

    /// The folder the briefs go to: the one named with --out (from the working directory), or
    /// the 'briefs' folder of fieldnotes.yml (from the notes repository's root).
    private static func briefsFolder(_ options: BriefOptions, _ run: ReportRun, _ env: CommandEnvironment) -> URL {
        let folder = options.namedFolder ?? run.workspace.config.briefs
        if folder.hasPrefix("/") { return URL(fileURLWithPath: folder) }
        return options.namedFolder == nil
            ? run.workspace.root.appendingPathComponent(folder) : Workspace.resolve(folder, env.cwd)
    }

    /// Each account's brief path inside the briefs folder; none may land where the accounts glob matches.
    private static func briefPaths(
        _ run: ReportRun, folder directory: URL, glob: Glob, accountsFolder: String, extension ext: String
    ) throws -> [String] {
        let folderInRepository = Workspace.relative(directory, to: run.workspace.root)
        var paths: [String] = []
        for facts in run.facts {
            let rel = BriefWriter.briefPath(for: facts.path, accountsFolder: accountsFolder, extension: ext)
            let location =
                folderInRepository.hasPrefix("/")
                ? folderInRepository + "/" + rel
                : folderInRepository.isEmpty ? rel : folderInRepository + "/" + rel
            if !location.hasPrefix("/") && glob.matches(location) {
                throw ToolError(
                    "the briefs would be written among the accounts ('\(TerminalText.escaped(location))' matches "
                        + "'\(TerminalText.escaped(run.workspace.config.accounts))')",
                    help: "write them to another folder: --out=briefs")
            }
            paths.append(rel)
        }
        return paths
    }

    /// The HTML briefs and the pipeline page, index.html, that links them.
    private static func htmlFiles(
        _ pages: [Brief], paths: [String], _ options: BriefOptions, _ run: ReportRun, _ env: CommandEnvironment,
        accountsFolder: String
    ) throws -> [(path: String, contents: [UInt8])] {
        try refuseIndexBrief(paths)
        // Each page links back to the pipeline page written next to them, index.html.
        var files: [(path: String, contents: [UInt8])] = Batch.map(pages.count) { [paths] i in
            let up = String(repeating: "../", count: paths[i].split(separator: "/").count - 1)
            return (path: paths[i], contents: Array(pages[i].html(pipeline: up + "index.html").utf8))
        }
        // The pipeline page is every account of the notes repository, whichever briefs this run writes.
        let pipeline = options.scope.narrowed ? try everyAccount(run, env) : run.facts
        let pipelinePaths = pipeline.map {
            BriefWriter.briefPath(for: $0.path, accountsFolder: accountsFolder, extension: "html")
        }
        try refuseIndexBrief(pipelinePaths)
        let summary = Summary(accounts: pipeline, checklist: run.workspace.checklist)
        // By the paths' bytes: accounts whose names differ only in how an accent is composed each have their brief.
        let byPath = Dictionary(
            zip(pipeline.map { Array($0.path.utf8) }, pipelinePaths), uniquingKeysWith: { a, _ in a })
        let mark = Brief.mark(for: run.workspace.config.accounts)
        files.append(
            (path: "index.html", contents: Array(summary.html(brief: { byPath[Array($0.path.utf8)] }, mark: mark).utf8))
        )
        return files
    }

    /// An account named 'index' would have its HTML brief where the pipeline page goes.
    private static func refuseIndexBrief(_ paths: [String]) throws {
        if paths.contains("index.html") {
            throw ToolError(
                "an account is named 'index': its HTML brief would take the pipeline page's place",
                help: "rename the account file")
        }
    }

    /// `brief --check`: lists what differs from what would be written, and writes nothing.
    private static func checkBriefs(
        _ writer: BriefWriter, _ files: [(path: String, contents: [UInt8])], _ names: BriefNames,
        _ options: BriefOptions, _ run: ReportRun, _ env: CommandEnvironment
    ) throws -> Int32 {
        var problems: [String] = []
        for change in try writer.changes(.init(files: files)) {
            switch change {
            case .created(let rel): problems.append("missing: \(names.name(rel))")
            case .updated(let rel): problems.append("stale: \(names.name(rel))")
            case .removed(let rel): problems.append("orphaned: \(names.name(rel)) (its account no longer exists)")
            case .conflict(let rel):
                problems.append("conflict: \(names.name(rel)) (a file fieldnotes did not write is in the way)")
            case .stray(let rel):
                problems.append("stray: \(names.name(rel)) (a temporary file left by an interrupted 'brief --out')")
            case .sameFile(let rel, let other): problems.append("conflict: \(names.sameFile(rel, other))")
            case .unchanged: break
            }
        }
        if problems.isEmpty {
            env.stdout(
                "briefs are up to date (\(files.count) \(files.count == 1 ? "file" : "files") in \(names.folder))\n")
            // A folder that could not be read may hold accounts these briefs miss.
            return run.unreadableFolders.isEmpty ? ExitStatus.success : ExitStatus.findings
        }
        env.stdout(problems.joined(separator: "\n") + "\n")
        let command =
            "fieldnotes brief" + (options.format == .html ? " --format html" : "") + " --out"
            + (options.namedFolder.map { "=\($0)" } ?? "") + (run.asOf.map { " --as-of \($0)" } ?? "")
        env.say(
            .error,
            "the briefs in \(names.folder) are not up to date\n  = help: run '\(command)' and commit the result")
        return ExitStatus.findings
    }

    /// What `brief --out` did, file by file, then in counts; files it would not write are errors.
    private static func reportWrite(
        _ changes: [BriefWriter.Change], _ names: BriefNames, _ run: ReportRun, _ env: CommandEnvironment
    ) -> Int32 {
        var counts = (created: 0, updated: 0, removed: 0, unchanged: 0)
        var conflicts: [String] = [], sameFiles: [String] = []
        for change in changes {
            switch change {
            case .conflict(let rel): conflicts.append(names.name(rel))
            case .sameFile(let rel, let other): sameFiles.append(names.sameFile(rel, other))
            case .created(let rel): counts.created += 1; env.stdout("created \(names.name(rel))\n")
            case .updated(let rel): counts.updated += 1; env.stdout("updated \(names.name(rel))\n")
            case .removed(let rel): counts.removed += 1; env.stdout("removed \(names.name(rel))\n")
            case .stray(let rel):
                env.stdout("removed \(names.name(rel)) (a temporary file left by an interrupted run)\n")
            case .unchanged: counts.unchanged += 1
            }
        }
        env.stdout(
            "\(counts.created) created, \(counts.updated) updated, \(counts.removed) removed, "
                + "\(counts.unchanged) unchanged\n")
        for path in conflicts {
            env.say(
                .error,
                "'\(path)' exists and was not generated by fieldnotes: its brief was not written\n"
                    + "  = help: move the file away, or write the briefs to another folder with --out=DIR; "
                    + "fieldnotes never overwrites a file it did not write")
        }
        for message in sameFiles {
            env.say(
                .error,
                "\(message); only the first was written\n"
                    + "  = help: rename one of the two account files so that their names differ in more than case "
                    + "or accents")
        }
        return conflicts.isEmpty && sameFiles.isEmpty ? run.finish() : ExitStatus.findings
    }

    /// The brief of each account, with the sections of this checklist worked out once.
    static func briefs(_ workspace: Workspace, share: Bool) -> @Sendable (AccountFacts) -> Brief {
        let checklist = workspace.checklist, internalQuestions = Set(workspace.config.internalQuestions)
        let internalRoles = workspace.config.internalRoles
        let outline = BriefOutline(checklist: checklist, share: share, internalQuestions: internalQuestions)
        return { facts in
            Brief(
                facts: facts, checklist: checklist, share: share, internalQuestions: internalQuestions,
                internalRoles: internalRoles, outline: outline)
        }
    }

    /// Briefs printed to stdout: Markdown briefs (rendered while loading) one after the other, the
    /// JSON of every brief, or the HTML page of one.
    static func printBriefs(
        _ format: ReportFormat, _ pages: [Brief], _ run: ReportRun, _ env: CommandEnvironment
    ) throws -> Int32 {
        switch format {
        case .html:
            guard pages.count == 1 else {
                throw UsageError(
                    "--format html prints one page: name one account file, or write every brief with --out",
                    command: "brief")
            }
            env.stdout(pages[0].html())
        case .json:
            let all = JSONValue.array(pages.map { $0.json() })
            env.stdout(JSONWriter.pretty(.object([("version", .int(1)), ("briefs", all)])) + "\n")
        case .markdown, .text:
            break  // printed while loading (`ReportRun.load`'s emit)
        }
        return run.finish()
    }

    /// Every account of the notes repository, for the pipeline page (what the briefs' facts
    /// are when no path and no --owner narrow them).
    static func everyAccount(_ run: ReportRun, _ env: CommandEnvironment) throws -> [AccountFacts] {
        let files = try run.workspace.accountFiles(paths: [], cwd: env.cwd).filter { $0.unreadableFolder == nil }
        return run.pipeline.facts(of: files)
    }

    /// Refuses a briefs folder that is, contains or sits inside the accounts folder (the accounts
    /// glob's folder, and every folder an account lives in) or a git folder: `brief --out`
    /// rewrites and removes files in its folder, and must never reach an account or git's own
    /// files. Real paths are compared, after resolving symbolic links (a link to the accounts
    /// folder is the accounts folder). An account at the root of the notes repository allows a
    /// briefs folder under the root (the briefs' own paths are checked against the glob).
    static func refuseUnsafeFolder(
        _ directory: URL, root: URL, accountsFolder: String, accountFiles: [String], cwd: URL
    ) throws {
        let out = realPath(directory.standardizedFileURL.path)
        let realRoot = realPath(root.standardizedFileURL.path)
        func shown(_ path: String) -> String {
            let rel = Workspace.relative(URL(fileURLWithPath: path), to: cwd)
            return TerminalText.escaped(rel.isEmpty ? "." : rel)
        }
        let givenFolder = shown(directory.standardizedFileURL.path)
        var help =
            "write the briefs to a folder of their own, for example --out=briefs (or 'briefs: briefs' in "
            + "fieldnotes.yml): brief --out rewrites and removes files in its folder"
        if directory.pathExtension == "md" {
            // `brief --out accounts/x.md` reads the account as the folder: say how to write it.
            help =
                "'--out \(givenFolder)' takes '\(givenFolder)' as the briefs folder; to brief that account, "
                + "write 'fieldnotes brief --out=briefs \(givenFolder)'"
        }
        let folders = accountsFolders(
            root: root, realRoot: realRoot, accountsFolder: accountsFolder, accountFiles: accountFiles)
        for (folder, insideAllowed) in folders {
            let what = "the accounts folder '\(shown(folder))'"
            if FileSystem.isInside(folder, out) {
                let relation = Array(folder.utf8) == Array(out.utf8) ? "is" : "contains"
                throw UsageError(
                    "the briefs folder '\(givenFolder)' \(relation) \(what): the briefs would be written among "
                        + "the accounts",
                    command: "brief", help: help)
            }
            if !insideAllowed && FileSystem.isInside(out, folder) {
                throw UsageError(
                    "the briefs folder '\(givenFolder)' is inside \(what): the briefs would be written among the "
                        + "accounts",
                    command: "brief", help: help)
            }
        }
        try refuseGitFolder(out, realRoot: realRoot, givenFolder: givenFolder, shown: shown, help: help)
    }

    /// The accounts folders, each with whether a briefs folder may sit inside it (only the notes
    /// repository's root, when accounts live there).
    private static func accountsFolders(
        root: URL, realRoot: String, accountsFolder: String, accountFiles: [String]
    ) -> [(path: String, insideAllowed: Bool)] {
        var folders: [(path: String, insideAllowed: Bool)] = []
        if !accountsFolder.isEmpty { folders.append((realPath(root.path + "/" + accountsFolder), false)) }
        var seen = Set<[UInt8]>()
        for file in accountFiles {
            guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { continue }
            let folder = String(file[..<slash])
            guard seen.insert(Array(folder.utf8)).inserted else { continue }
            let real = realPath(folder)
            folders.append((real, Array(real.utf8) == Array(realRoot.utf8)))
        }
        return folders
    }

    /// Git's folder: `.git` at the root of the notes repository or of any folder above it.
    private static func refuseGitFolder(
        _ out: String, realRoot: String, givenFolder: String, shown: (String) -> String, help: String
    ) throws {
        var dir = realRoot
        while true {
            let git = dir == "/" ? "/.git" : dir + "/.git"
            if FileSystem.kindOfLink(git) != nil {
                let gitFolder = realPath(git)
                if FileSystem.isInside(gitFolder, out) || FileSystem.isInside(out, gitFolder) {
                    let relation =
                        Array(out.utf8) == Array(gitFolder.utf8)
                        ? "is" : FileSystem.isInside(out, gitFolder) ? "is inside" : "contains"
                    throw UsageError(
                        "the briefs folder '\(givenFolder)' \(relation) git's folder '\(shown(git))'",
                        command: "brief", help: help)
                }
            }
            guard let slash = dir.utf8.lastIndex(of: UInt8(ascii: "/")), dir != "/" else { break }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
    }

    /// How messages show the briefs: paths from the working directory, control characters escaped, on one line.
    private struct BriefNames {
        let shown: String
        /// The account of each brief, by the brief's path, to name both accounts of two briefs that are one file.
        let accountOf: [[UInt8]: String]

        var folder: String { shown.isEmpty ? "." : TerminalText.escaped(shown) }

        func name(_ rel: String) -> String { TerminalText.escaped((shown.isEmpty ? "" : shown + "/") + rel) }

        func account(_ rel: String) -> String { TerminalText.escaped(accountOf[Array(rel.utf8)] ?? rel) }

        /// Two briefs the file system takes for one file, said with their accounts.
        func sameFile(_ rel: String, _ other: String) -> String {
            "\(name(rel)) is \(name(other)) on this file system (it folds case or accents): the briefs of "
                + "'\(account(rel))' and '\(account(other))' would be one file"
        }
    }

    /// `path` with every symbolic link resolved (`FileSystem.realPath`); the part that does not
    /// exist yet is kept as given.
    static func realPath(_ path: String) -> String {
        if let resolved = FileSystem.realPath(path) { return resolved }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.startIndex else { return path }
        let parent = realPath(String(path[..<slash]))
        return (parent == "/" ? "" : parent) + String(path[slash...])
    }
}
