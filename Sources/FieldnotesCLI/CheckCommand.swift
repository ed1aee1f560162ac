import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// `fieldnotes check [PATH…]`: validate accounts, print diagnostics, exit 0/1/2.
enum CheckCommand {
    static let formats = ["text", "json", "sarif", "github"]

    static let spec = CommandSpec(
        name: "check",
        abstract: "Validate account notes against the schema and the discovery checklist.",
        discussion: """
            Checks every account of the notes repository (found by walking up from the first PATH or the
            working directory to a folder with fieldnotes.yml), or only the files and folders given.
            Exit status: 0 no errors (warnings allowed unless --strict), 1 errors found, 2 usage error or
            unreadable config or checklist. 'fieldnotes explain RULE' tells what a rule means.
            """,
        arguments: [
            .init(
                name: "paths", help: "Account files or folders (default: every account of the notes repository).",
                repeating: true, optional: true)
        ],
        options: [
            .init(
                "format", value: "format", allowed: formats,
                help:
                    "Output format: text, json, sarif (SARIF 2.1.0 for code scanning) or github (GitHub Actions annotations); default: text."
            ),
            .init(
                "as-of", value: "date",
                help: "The date that stands for today, YYYY-MM-DD or 'today' (default: the system date)."),
            ReportRun.configOption,
            .init(
                "staged",
                help:
                    "Check what git will commit: the staged content of staged account files (every account when the config or checklist is staged)."
            ),
            .init("strict", help: "Fail (exit 1) on warnings too."),
            .init(
                "quiet", short: "q",
                help: "Print only what fails the check (errors; with --strict, warnings too), and no summary line."),
        ])

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let asOf = try CLI.asOf(parsed, env, command: "check")
        let staged = parsed.flags.contains("staged")
        let format = parsed.values["format"] ?? "text"
        let quiet = parsed.flags.contains("quiet")
        let strict = parsed.flags.contains("strict")
        // Code-scanning tools want paths from the top of the repository.
        func repositoryPrefix(_ notesRoot: URL) -> String {
            guard let top = Git(directory: notesRoot).topLevel() else { return "" }
            return Workspace.pathPrefix(of: notesRoot, inWorkTree: top) ?? ""
        }
        let renderer = TextRenderer(color: env.useColor(parsed))
        let condensed = staged && !strict  // before a commit: what blocks in full, the rest one line per file
        // What is printed for one file, made on the core that checked it.
        @Sendable func output(_ report: AccountReport, uriPrefix: String) -> FileOutput {
            var result = FileOutput()
            for d in report.diagnostics { result.counts[d.severity, default: 0] += 1 }
            let file = report.fileDiagnostics
            switch format {
            case "json":
                result.json = report.diagnostics.map { JSONRenderer.diagnostic($0, in: file) }
            case "sarif":
                if !report.diagnostics.isEmpty { result.kept = file }
            case "github":
                result.rendered.write(GitHubRenderer.render([file], uriPrefix: uriPrefix))
            default:
                var text = TextBuffer()
                for d in report.diagnostics where !quiet || d.severity == .error || (strict && d.severity == .warning) {
                    if condensed && d.severity != .error { continue }
                    renderer.render(d, in: file, into: &text)
                    text.write("\n")
                }
                result.rendered = text
                if condensed && !quiet {
                    let warnings = result.counts[.warning] ?? 0, notes = result.counts[.note] ?? 0
                    if warnings + notes > 0 {
                        var parts: [String] = []
                        if warnings > 0 { parts.append("\(warnings) \(warnings == 1 ? "warning" : "warnings")") }
                        if notes > 0 { parts.append("\(notes) \(notes == 1 ? "note" : "notes")") }
                        result.condensed = "  \(TerminalText.escaped(report.path)): \(parts.joined(separator: ", "))\n"
                    }
                }
            }
            return result
        }
        // The files, and a way to check a range of them. Files are checked in chunks and each chunk's
        // output is printed before the next is read, so memory does not grow with the number of accounts.
        let count: Int
        let checkRange: (Range<Int>) -> [FileOutput]
        var uriPrefix = ""
        var unstaged: [String] = []
        if staged {
            if !parsed.positionals.isEmpty {
                throw UsageError("--staged checks the staged files; it takes no paths", command: "check")
            }
            let prepared = try StagedCheck.prepare(cwd: env.cwd, configPath: parsed.values["config"], asOf: asOf)
            if format == "sarif" || format == "github" { uriPrefix = repositoryPrefix(prepared.workspace.root) }
            count = prepared.files.count
            unstaged = prepared.unstaged
            checkRange = { [uriPrefix] in prepared.reports(asOf: asOf, range: $0) { output($0, uriPrefix: uriPrefix) } }
        } else {
            let workspace = try Workspace.open(
                paths: parsed.positionals, cwd: env.cwd, configPath: parsed.values["config"])
            if format == "sarif" || format == "github" { uriPrefix = repositoryPrefix(workspace.root) }
            let files = try workspace.accountFiles(paths: parsed.positionals, cwd: env.cwd)
            let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: asOf)
            if files.isEmpty {
                let shown = Workspace.relative(workspace.root, to: env.cwd)
                env.stderr(
                    TerminalText.escaped(
                        "warning: no account files match '\(workspace.config.accounts)' in '\(shown.isEmpty ? "." : shown)'"
                    ) + "\n")
            }
            count = files.count
            checkRange = { [uriPrefix] in
                Batch.check(Array(files[$0]), context: context) { output($0, uriPrefix: uriPrefix) }
            }
        }
        var counts: [Severity: Int] = [:]
        var filesWithFindings = 0
        var condensedLines = ""
        var kept: [FileDiagnostics] = []  // sarif needs every diagnostic before it can print
        var jsonItems: [JSONValue] = []  // json too, kept small: without the files' text
        var chunkStart = 0
        let chunkSize = 512
        // A chunk's text is written while the next chunk is checked (in order: one writer). At most
        // two chunks wait for a slow terminal, so memory stays bounded.
        let writer = DispatchQueue(label: "fieldnotes.check.output")
        let waiting = DispatchSemaphore(value: 2)
        let write = UncheckedSendable(env.stdoutBytes)
        repeat {
            let range = chunkStart..<min(count, chunkStart + chunkSize)
            var rendered: [TextBuffer] = []
            for file in range.isEmpty ? [] : checkRange(range) {
                counts.merge(file.counts, uniquingKeysWith: +)
                if !file.counts.isEmpty { filesWithFindings += 1 }
                if !file.rendered.isEmpty { rendered.append(file.rendered) }
                condensedLines += file.condensed
                jsonItems += file.json
                if let k = file.kept { kept.append(k) }
            }
            if !rendered.isEmpty {
                waiting.wait()
                writer.async { [rendered] in
                    var out = TextBuffer(capacity: rendered.reduce(0) { $0 + $1.bytes.count })
                    for text in rendered { out.write(text) }
                    write.value(out.bytes)
                    waiting.signal()
                }
            }
            chunkStart = range.upperBound
        } while chunkStart < count
        writer.sync {}
        switch format {
        case "json":
            env.stdout(JSONRenderer.render(items: jsonItems, counts: counts, fileCount: count))
        case "sarif":
            env.stdout(SARIFRenderer.render(kept, uriPrefix: uriPrefix, version: Version.current))
        case "github":
            break
        default:
            // A commit that stages no notes: the hook has nothing to say.
            if staged && count == 0 { break }
            var out = ""
            if !condensedLines.isEmpty {
                out += "Not blocking (see them with 'fieldnotes check FILE'):\n" + condensedLines + "\n"
            }
            if !quiet {
                // The rep may have fixed a note in the editor without 'git add': say what was checked.
                for path in unstaged {
                    out +=
                        "note: \(TerminalText.escaped(path)): checked as staged; the working copy has changes that are not staged ('git add' them to commit them)\n"
                }
                out +=
                    TextRenderer.summaryLine(
                        errors: counts[.error] ?? 0, warnings: counts[.warning] ?? 0, notes: counts[.note] ?? 0,
                        filesWithFindings: filesWithFindings, files: count) + "\n"
            }
            if staged {
                // What the rep sees in the terminal when git runs the pre-commit hook.
                let failing = (counts[.error] ?? 0) > 0 || (strict && (counts[.warning] ?? 0) > 0)
                if failing {
                    out +=
                        "The commit was stopped: fix the \(strict ? "problems" : "errors") above, 'git add' the files, and commit again.\n"
                } else if (counts[.warning] ?? 0) > 0 && !quiet {
                    out += "Warnings do not stop the commit.\n"
                }
            }
            env.stdout(out)
        }
        let failing = (counts[.error] ?? 0) > 0 || (strict && (counts[.warning] ?? 0) > 0)
        return failing ? ExitStatus.findings : ExitStatus.success
    }
}

/// A value handed to another thread that is only ever used from one thread at a time (here:
/// standard output, written by one serial queue while the main thread waits before its last line).
private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// What `check` prints for one file.
private struct FileOutput: Sendable {
    var counts: [Severity: Int] = [:]
    /// The diagnostics as text (text and github formats).
    var rendered = TextBuffer()
    var condensed = ""
    var json: [JSONValue] = []
    var kept: FileDiagnostics?
}
