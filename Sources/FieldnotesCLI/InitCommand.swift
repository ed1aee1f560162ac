import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// `fieldnotes init [DIR]`: a new notes repository from the template built into the binary.
enum InitCommand {
    static let spec = CommandSpec(
        name: "init",
        abstract: "Create a notes repository from the built-in template (config, checklist, examples).",
        discussion: """
            Writes fieldnotes.yml, checklist.yml (the built-in discovery checklist), accounts/_template.md,
            example accounts, a README for reps and a .pre-commit-config.yaml into DIR (default: the current
            folder). Needs nothing but the fieldnotes binary. Existing files are never overwritten: if any is in
            the way, nothing is written. --git also runs 'git init' (unless DIR is already in a git repository)
            and installs the pre-commit hook.
            """,
        arguments: [
            .init(
                name: "dir", help: "The folder to create the notes repository in (default: .).", repeating: false,
                optional: true)
        ],
        options: [.init("git", help: "Also 'git init' the folder and install the pre-commit hook.")])

    /// The options of `init`, read once.
    struct Options {
        /// The folder to create the notes repository in.
        var dir: String
        /// Also `git init` and install the pre-commit hook.
        var git: Bool

        init(_ parsed: ParsedArguments) {
            dir = parsed.positionals.first ?? "."
            git = parsed.flag("git")
        }
    }

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = Options(parsed)
        let dir = Workspace.resolve(options.dir, env.cwd)
        try write(EmbeddedTemplate.files, into: dir, cwd: env.cwd)
        let shown = Workspace.relative(dir, to: env.cwd)
        env.stdout(
            "created a notes repository in \(shown.isEmpty ? "." : shown) (\(EmbeddedTemplate.files.count) files)\n")
        if options.git {
            let git = Git(directory: dir)
            if git.topLevel() == nil {
                do { try git.run(["init", "-q"]) } catch let failure as Git.Failure {
                    throw ToolError(
                        "git init failed: \(failure.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
                }
                env.stdout("initialized a git repository\n")
            }
            let binary = Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? "fieldnotes"
            let hook = try Hook.install(cwd: dir, binary: binary)
            env.stdout("installed the pre-commit hook: \(Workspace.relative(hook.path, to: env.cwd))\n")
        }
        var next = "\nNext:\n"
        if !shown.isEmpty && shown != "." { next += "  cd \(shown.contains(" ") ? "'\(shown)'" : shown)\n" }
        next += "  fieldnotes check                                 # check the example accounts\n"
        next += "  fieldnotes new \"Account Name\" --owner your.name   # start an account\n"
        next += "  fieldnotes missing                               # the open questions, account by account\n"
        if !options.git {
            next +=
                "  fieldnotes hook install                          # check the notes before every commit (in git)\n"
        }
        env.stdout(next)
        return ExitStatus.success
    }

    /// Writes `files` into `dir`, or nothing at all: every target is checked first (nothing may be
    /// there, not even a dangling link; each folder on the way is a folder or absent), each file
    /// is created exclusively, and what this run wrote is removed again if a later file fails.
    static func write(_ files: [(path: String, contents: String)], into dir: URL, cwd: URL) throws {
        func shown(_ url: URL) -> String {
            let r = Workspace.relative(url, to: cwd)
            return r.isEmpty ? "." : r
        }
        let conflicts = files.map(\.path).filter { FileSystem.kindOfLink(dir.appendingPathComponent($0).path) != nil }
        if !conflicts.isEmpty {
            throw ToolError(
                "these files already exist in '\(shown(dir))': \(conflicts.joined(separator: ", "))",
                help: "nothing was written; choose an empty folder, or move those files away")
        }
        let folders = Set(files.map { dir.appendingPathComponent($0.path).deletingLastPathComponent().path }).sorted()
        for folder in folders {
            if let obstacle = FileSystem.folderObstacle(folder) {
                throw ToolError(
                    "cannot create the notes repository in '\(shown(dir))': "
                        + "'\(shown(URL(fileURLWithPath: obstacle.path)))' \(obstacle.why)",
                    help: "nothing was written; move it away, or choose another folder")
            }
        }
        var createdFiles: [String] = [], createdFolders: [String] = []
        do {
            for file in files {
                let url = dir.appendingPathComponent(file.path)
                createdFolders += try FileSystem.createFolders(
                    url.deletingLastPathComponent().path, shown: shown(url.deletingLastPathComponent()))
                try FileSystem.createNew(url.path, bytes: Array(file.contents.utf8), shown: shown(url))
                createdFiles.append(url.path)
            }
        } catch let failure as FileSystem.CreateFailure {
            for path in createdFiles.reversed() { unlink(path) }
            for path in createdFolders.reversed() { rmdir(path) }
            var error = failure.toolError
            error.help = [error.help, "nothing was written"].compactMap { $0 }.joined(separator: "; ")
            throw error
        }
    }
}

/// `fieldnotes new NAME`: a new account file from the template.
enum NewCommand {
    static let spec = CommandSpec(
        name: "new",
        abstract: "Create a new account file from the template, with the name and today's date filled in.",
        discussion: """
            Creates accounts/<name>.md (in the accounts folder of the notes repository) from
            accounts/_template.md, or the built-in template, and prints its path. Never overwrites a file.
            The file name is the name's letters and digits, lowercase, with dashes between words; Latin
            letters are written in ASCII ("Ørsted Pumps" → orsted-pumps.md, "Müller Gießerei" →
            muller-giesserei.md), letters of other scripts are kept. The template's comments are kept,
            the allowed values after 'stage:' included.
            """,
        arguments: [
            .init(name: "name", help: "The account's name, e.g. \"Binford Tools\".", repeating: false, optional: false)
        ],
        options: [
            .init("owner", value: "name", help: "Who owns the account (fills 'owner:')."),
            .init(
                "stage", value: "stage", allowed: Stage.names,
                help: "The deal's stage (default: \(Options.defaultStage.rawValue))."),
            .init(
                "as-of", value: "date",
                help:
                    "The date to fill in as the last contact, YYYY-MM-DD from 1900-01-01 to 9999-12-31 "
                    + "(default: today)."
            ),
            ReportRun.configOption,
        ])

    /// The options of `new`, read once; the defaults are here.
    struct Options {
        static let defaultStage = Stage.prospecting

        /// The account's name, trimmed.
        var name: String
        var owner: String?
        var stage: Stage
        /// The date filled in as the last contact.
        var today: Day
        var config: String?

        init(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws {
            name = parsed.positionals[0].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { throw UsageError("the account name is empty", command: "new") }
            owner = parsed.values["owner"]
            stage = parsed.choice("stage", default: Options.defaultStage)
            today = try CLI.asOf(parsed, env, command: "new")
            config = parsed.values["config"]
        }
    }

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = try Options(parsed, env)
        let name = options.name, today = options.today
        let workspace = try Workspace.open(paths: [], cwd: env.cwd, configPath: options.config)
        let folder = Glob(workspace.config.accounts).staticPrefix.joined(separator: "/")
        let templateURL = workspace.root.appendingPathComponent(
            folder.isEmpty ? "_template.md" : "\(folder)/_template.md")
        let template = try readTemplate(templateURL, cwd: env.cwd)
        guard let slug = AccountFile.fileName(name) else {
            throw UsageError(
                "the name '\(AccountFile.shown(name))' has no letter or digit to make a file name from", command: "new",
                help: "give the account's name in words, e.g. \"Binford Tools\"")
        }
        let rel = (folder.isEmpty ? "" : folder + "/") + slug + ".md"
        let url = workspace.root.appendingPathComponent(rel)
        let shown = Workspace.relative(url, to: env.cwd)
        let text = AccountFile.fill(
            template,
            values: [
                "account": name, "owner": options.owner ?? "",
                "stage": options.stage.rawValue,
                "last_contact": today.description,
            ], title: name)
        do {
            try FileSystem.createFolders(
                url.deletingLastPathComponent().path,
                shown: Workspace.relative(url.deletingLastPathComponent(), to: env.cwd))
            try FileSystem.createNew(url.path, bytes: Array(text.utf8), shown: shown)
        } catch let failure as FileSystem.CreateFailure where failure.code == EEXIST && failure.path == shown {
            throw ToolError(
                "'\(shown)' already exists",
                help: "fieldnotes never overwrites an account; choose another name, or edit that file")
        } catch let failure as FileSystem.CreateFailure {
            throw failure.toolError
        }
        env.stdout(Workspace.relative(url, to: env.cwd) + "\n")
        // What the new account still needs before it passes the check (and the commit hook).
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: today)
        let report = Checker.check(SourceFile(path: rel, text: text), path: rel, context: context)
        let missing = report.diagnostics.filter { $0.rule == .missingField }.compactMap(\.subject)
        if !missing.isEmpty {
            env.say(
                .note,
                "fill in \(missing.map { "'\($0):'" }.joined(separator: ", ")) before committing "
                    + "(required at stage '\(options.stage.rawValue)')")
        }
        return ExitStatus.success
    }

    /// The repository's account template, read within the limit of a note; the built-in one when
    /// there is none.
    static func readTemplate(_ url: URL, cwd: URL) throws -> String {
        let shown = Workspace.relative(url, to: cwd)
        switch FileSystem.read(url.path, maxSize: FileReader.maxSize) {
        case .bytes(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ToolError(
                    "the template '\(shown)' is not UTF-8 text",
                    help: "save it as UTF-8, or remove it to use the built-in template")
            }
            return text
        case .missing:
            return EmbeddedTemplate.files.first { $0.path == "accounts/_template.md" }?.contents ?? ""
        case .tooLarge(let size):
            throw ToolError(
                "the template '\(shown)' is too large (\(size) bytes; an account may have at most "
                    + "\(FileReader.maxSize) bytes)",
                help: "shorten it, or remove it to use the built-in template")
        case .denied:
            throw ToolError(
                "cannot read the template '\(shown)': permission denied",
                help: "check its permissions, or remove it to use the built-in template")
        case .folder, .notRegular:
            throw ToolError(
                "the template '\(shown)' is not a regular file", help: "remove it to use the built-in template")
        case .failed(let why):
            throw ToolError("cannot read the template '\(shown)': \(why)")
        }
    }
}

/// Making a new account file: its name, and the template with values filled in.
public enum AccountFile {
    /// "Zoë & Co. GmbH" → "zoe-co-gmbh": lowercase, no accents, dashes between words
    /// ("account" when the name has no letter or digit). Latin letters are written in ASCII:
    /// accents dropped (`ü` → `u`), letters without a base letter spelled out (`ø` → `o`,
    /// `ß` → `ss`, `æ` → `ae`): "Ørsted Pumps" → "orsted-pumps", "Müller Gießerei" →
    /// "muller-giesserei". Letters of other scripts are kept ("株式会社トヨタ").
    public static func slug(_ name: String) -> String { fileName(name) ?? "account" }

    /// The longest file name made, in UTF-8 bytes: well under every file system's limit (255),
    /// with room for ".md" and a temporary name.
    static let maxFileNameBytes = 200

    /// The file name (without ".md") for an account's name, or nil when the name has no letter
    /// or digit. Made of letters, digits and dashes only: never '/', '.', '..' or a hidden name.
    public static func fileName(_ name: String) -> String? {
        var out = ""
        var bytes = 0
        for c in name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased() {
            let piece: String
            if let ascii = latinLetters[c] {
                piece = ascii
            } else if c.isLetter || c.isNumber {
                // A letter carrying marks that folding left (or an emoji sequence) is kept to its base.
                piece =
                    c.unicodeScalars.count > 4 ? String(c.unicodeScalars.first.map(Character.init) ?? "-") : String(c)
            } else if !out.isEmpty && out.last != "-" {
                piece = "-"
            } else {
                continue
            }
            if out.count >= 80 || bytes + piece.utf8.count > maxFileNameBytes { break }
            out += piece
            bytes += piece.utf8.count
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? nil : out
    }

    /// Lowercase Latin letters that dropping accents leaves as they are, in ASCII.
    static let latinLetters: [Character: String] = [
        "ø": "o", "ß": "ss", "ẞ": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d",
        "ł": "l", "þ": "th", "ı": "i",
        "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "k", "ſ": "s", "ƒ": "f", "ĳ": "ij", "ŀ": "l",
    ]

    /// A name as shown in a message: as all text from the notes on a terminal.
    static func shown(_ name: String) -> String { TerminalText.escaped(name) }

    /// The template with `values` set on its top-level front-matter lines and the first `#` title
    /// replaced. The template's comments stay whole: a filled line keeps its comment (the allowed
    /// values after `stage:`) at its column, and of the template's own instruction ("Copy this
    /// file … and fill it in.") only that sentence goes, the rest of its comment rewrapped.
    public static func fill(_ template: String, values: [String: String], title: String) -> String {
        var lines = template.components(separatedBy: "\n")
        // The front matter as the checker finds it (a line's "\r" is part of its line break).
        var front =
            FrontMatterSplit.lines(count: lines.count) {
                lines[$0].utf8.last == 0x0D ? lines[$0].utf8.dropLast() : lines[$0].utf8[...]
            }?.yaml ?? 0..<0
        var titled = false
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let inFront = front.contains(i)
            if inFront && line.hasPrefix("# Copy this file") {
                // The template's own instruction, not for the new account.
                let end = instructionEnd(lines, from: i)
                let rest = withoutInstruction(Array(lines[i..<end]))
                lines.replaceSubrange(i..<end, with: rest)
                front = front.lowerBound..<(front.upperBound + rest.count - (end - i))
                i += rest.count
                continue
            } else if inFront {
                if let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("#"),
                    let value = values[String(line[..<colon])]
                {
                    let key = String(line[..<colon])
                    let filled = value.isEmpty ? "\(key):" : "\(key): \(YAMLScalarWriter.scalar(value))"
                    lines[i] = withComment(filled, of: line)
                }
            } else if !titled && line.hasPrefix("# ") {
                lines[i] = "# " + oneLine(title)
                titled = true
            }
            i += 1
        }
        return lines.joined(separator: "\n")
    }

    /// `filled` with the comment of the template's line `line` (`key: value  # comment`): at the
    /// comment's column when the value leaves room for two spaces, else two spaces after it.
    static func withComment(_ filled: String, of line: String) -> String {
        let carriageReturn = line.hasSuffix("\r") ? "\r" : ""
        let chars = Array(line.trimmingCharacters(in: ["\r"]))
        var quote: Character?
        var i = chars.firstIndex(of: ":").map { $0 + 1 } ?? chars.count
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" && (chars[i - 1] == " " || chars[i - 1] == "\t") {
                let width = filled.count
                let pad = width + 2 <= i ? i - width : 2
                return filled + String(repeating: " ", count: pad) + String(chars[i...]) + carriageReturn
            }
            i += 1
        }
        return filled + carriageReturn
    }

    /// The end (exclusive) of the comment lines the instruction at `start` flows into: up to the
    /// first comment line that ends a sentence, within the comment block.
    static func instructionEnd(_ lines: [String], from start: Int) -> Int {
        var end = start
        while end < lines.count, lines[end].hasPrefix("#") {
            end += 1
            let text = lines[end - 1].trimmingCharacters(in: .whitespaces.union(["\r"]))
            if text.hasSuffix(".") || text.hasSuffix(")") { break }
        }
        return max(end, start + 1)
    }

    /// Comment lines that start with the template's instruction, without its first sentence:
    /// the rest rewrapped as `#` lines no wider than the widest of them (nothing when nothing
    /// is left).
    static func withoutInstruction(_ comment: [String]) -> [String] {
        let carriageReturn = comment.first?.hasSuffix("\r") == true ? "\r" : ""
        let words = comment.map { $0.trimmingCharacters(in: ["\r"]).dropFirst().split(separator: " ") }.joined().map(
            String.init)
        // The instruction is the first sentence: up to the first word ending with ".".
        guard let last = words.firstIndex(where: { $0.hasSuffix(".") }) else { return [] }
        let rest = words[(last + 1)...]
        let width = max(40, comment.map { $0.trimmingCharacters(in: ["\r"]).count }.max() ?? 80)
        var out: [String] = []
        var line = "#"
        for word in rest {
            if line != "#" && line.count + 1 + word.count > width {
                out.append(line + carriageReturn)
                line = "#"
            }
            line += " " + word
        }
        if line != "#" { out.append(line + carriageReturn) }
        return out
    }

    /// `text` on one line: every control or line-breaking character becomes a space, so a
    /// title cannot start a new line (or heading) of its own.
    static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            out.unicodeScalars.append(YAMLScalarWriter.needsEscape(scalar) ? " " : scalar)
        }
        return out
    }

}
