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
        arguments: [.init(name: "dir", help: "The folder to create the notes repository in (default: .).", repeating: false, optional: true)],
        options: [.init("git", help: "Also 'git init' the folder and install the pre-commit hook.")])

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let dir = Workspace.resolve(parsed.positionals.first ?? ".", env.cwd)
        let fm = FileManager.default
        let conflicts = EmbeddedTemplate.files.map(\.path).filter { fm.fileExists(atPath: dir.appendingPathComponent($0).path) }
        if !conflicts.isEmpty {
            throw ToolError("these files already exist in '\(Workspace.relative(dir, to: env.cwd).isEmpty ? "." : Workspace.relative(dir, to: env.cwd))': \(conflicts.joined(separator: ", "))",
                            help: "nothing was written; choose an empty folder, or move those files away")
        }
        for file in EmbeddedTemplate.files {
            let url = dir.appendingPathComponent(file.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard fm.createFile(atPath: url.path, contents: Data(file.contents.utf8)) else {
                throw ToolError("cannot write '\(url.path)'", help: "check that the folder is writable")
            }
        }
        let shown = Workspace.relative(dir, to: env.cwd)
        env.stdout("created a notes repository in \(shown.isEmpty ? "." : shown) (\(EmbeddedTemplate.files.count) files)\n")
        if parsed.flags.contains("git") {
            let git = Git(directory: dir)
            if git.topLevel() == nil {
                do { try git.run(["init", "-q"]) } catch let failure as Git.Failure {
                    throw ToolError("git init failed: \(failure.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
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
        if !parsed.flags.contains("git") {
            next += "  fieldnotes hook install                          # check the notes before every commit (in git)\n"
        }
        env.stdout(next)
        return ExitStatus.success
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
        """,
        arguments: [.init(name: "name", help: "The account's name, e.g. \"Binford Tools\".", repeating: false, optional: false)],
        options: [
            .init("owner", value: "name", help: "Who owns the account (fills 'owner:')."),
            .init("stage", value: "stage", allowed: Stage.allCases.map(\.rawValue), help: "The deal's stage (default: prospecting)."),
            .init("as-of", value: "date", help: "The date to fill in as the last contact, YYYY-MM-DD (default: today)."),
            ReportRun.configOption,
        ])

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let name = parsed.positionals[0].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw UsageError("the account name is empty", command: "new") }
        let today = try CLI.asOf(parsed, env, command: "new")
        let workspace = try Workspace.open(paths: [], cwd: env.cwd, configPath: parsed.values["config"])
        let folder = Glob(workspace.config.accounts).staticPrefix.joined(separator: "/")
        let templateURL = workspace.root.appendingPathComponent(folder.isEmpty ? "_template.md" : "\(folder)/_template.md")
        let template = (try? String(contentsOf: templateURL, encoding: .utf8))
            ?? EmbeddedTemplate.files.first { $0.path == "accounts/_template.md" }!.contents
        let slug = AccountFile.slug(name)
        let rel = (folder.isEmpty ? "" : folder + "/") + slug + ".md"
        let url = workspace.root.appendingPathComponent(rel)
        if FileManager.default.fileExists(atPath: url.path) {
            throw ToolError("'\(Workspace.relative(url, to: env.cwd))' already exists", help: "fieldnotes never overwrites an account; choose another name, or edit that file")
        }
        let text = AccountFile.fill(template, values: [
            "account": name, "owner": parsed.values["owner"] ?? "", "stage": parsed.values["stage"] ?? "prospecting",
            "last_contact": today.description,
        ], title: name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8)) else {
            throw ToolError("cannot write '\(url.path)'", help: "check that the folder is writable")
        }
        env.stdout(Workspace.relative(url, to: env.cwd) + "\n")
        // What the new account still needs before it passes the check (and the commit hook).
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: today)
        let report = Checker.check(SourceFile(path: rel, text: text), path: rel, context: context)
        let missing = report.diagnostics.filter { $0.rule == .missingField }.compactMap { d -> String? in
            guard let start = d.message.range(of: "'"), let end = d.message[start.upperBound...].range(of: "'") else { return nil }
            return String(d.message[start.upperBound..<end.lowerBound])
        }
        if !missing.isEmpty {
            env.stderr("note: fill in \(missing.map { "'\($0):'" }.joined(separator: ", ")) before committing (required at stage '\(parsed.values["stage"] ?? "prospecting")')\n")
        }
        return ExitStatus.success
    }
}

/// Making a new account file: its name, and the template with values filled in.
public enum AccountFile {
    /// "Zoë & Co. GmbH" → "zoe-co-gmbh": lowercase, no accents, dashes between words.
    public static func slug(_ name: String) -> String {
        var out = ""
        for c in name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased() {
            if c.isLetter || c.isNumber { out.append(c) } else if !out.isEmpty && out.last != "-" { out.append("-") }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "account" : String(out.prefix(80))
    }

    /// The template with `values` set on its top-level front-matter lines and the first `#` title replaced.
    public static func fill(_ template: String, values: [String: String], title: String) -> String {
        var lines = template.components(separatedBy: "\n")
        var inFront = false
        var titled = false
        for i in lines.indices {
            let line = lines[i]
            if line == "---" { inFront.toggle(); continue }
            if inFront && line.hasPrefix("# Copy this file") {
                lines[i] = "\u{0}"  // the template's own instruction, not for the new account
                continue
            }
            if inFront {
                guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("#") else { continue }
                let key = String(line[..<colon])
                guard let value = values[key] else { continue }
                lines[i] = value.isEmpty ? "\(key):" : "\(key): \(yamlScalar(value))"
            } else if !titled && line.hasPrefix("# ") {
                lines[i] = "# " + title
                titled = true
            }
        }
        return lines.filter { $0 != "\u{0}" }.joined(separator: "\n")
    }

    /// A value as YAML: plain when that reads back the same, else double-quoted.
    public static func yamlScalar(_ s: String) -> String {
        let special: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`"]
        let needsQuotes = s.contains(": ") || s.contains(" #") || s.hasSuffix(":") || s.first.map { special.contains($0) || $0 == " " } ?? true
            || s.last == " " || s.contains("\n") || s.contains("\t")
        guard needsQuotes else { return s }
        return JSONWriter.quote(s)
    }
}
