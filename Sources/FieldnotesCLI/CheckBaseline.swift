import FieldnotesCore
import FieldnotesSupport
import Foundation

/// What `check --baseline FILE` and `check --write-baseline FILE` do to a run: the findings the
/// baseline holds are not reported (the summary line counts them), and the findings of the run
/// are recorded.
struct CheckBaseline: Sendable {
    /// The two options, as given.
    struct Paths {
        var read: String?
        var write: String?

        init(_ parsed: ParsedArguments, staged: Bool) throws {
            read = parsed.values["baseline"]
            write = parsed.values["write-baseline"]
            if staged && write != nil {
                throw UsageError(
                    "--write-baseline records the working copy's findings; it cannot be used with --staged",
                    command: "check", help: "run 'fieldnotes check --write-baseline FILE' without --staged")
            }
        }
    }

    /// The baseline read (`--baseline`).
    private var held: Baseline?
    /// Where to write one (`--write-baseline`), as given and resolved.
    private var target: (shown: String, path: String)?

    var recording: Bool { target != nil }

    init(_ paths: Paths, _ env: CommandEnvironment) throws {
        if let read = paths.read {
            held = try Baseline.read(Workspace.resolve(read, env.cwd).path, shown: read)
        }
        if let write = paths.write { target = (write, Workspace.resolve(write, env.cwd).path) }
    }

    /// The findings of `file` that are reported, and how many were hidden. Writing a baseline
    /// without reading one hides them all: the run reports what `--baseline` will report next.
    func filter(_ file: FileDiagnostics) -> (file: FileDiagnostics, hidden: Int) {
        if let held { return held.filter(file) }
        guard recording else { return (file, 0) }
        var none = file
        none.diagnostics = []
        return (none, file.diagnostics.count)
    }

    /// The findings of a run by baseline key, and the files it checked.
    struct Recorded {
        var counts: [Baseline.Key: Int] = [:]
        var paths: Set<String> = []

        mutating func add(_ file: [Baseline.Key: Int], path: String) {
            paths.insert(path)
            counts.merge(file, uniquingKeysWith: +)
        }
    }

    /// Writes the baseline, if asked to. A run over some files only keeps what the baseline held
    /// for the others; a run over every account drops the files that are gone.
    func write(_ recorded: Recorded, wholeRun: Bool, _ env: CommandEnvironment) throws {
        guard let target else { return }
        var previous = held ?? Baseline()
        if held == nil && !wholeRun && FileManager.default.fileExists(atPath: target.path) {
            previous = try Baseline.read(target.path, shown: target.shown)
        }
        let next = previous.updated(
            recorded: recorded.counts, checked: recorded.paths, onlyHeld: held != nil, keepUnchecked: !wholeRun)
        try next.write(to: target.path, shown: target.shown)
        let files = Set(next.counts.keys.map(\.path)).count
        let findings = next.total
        env.say(
            .note,
            TerminalText.escaped(
                "wrote the baseline '\(target.shown)': \(findings) finding\(findings == 1 ? "" : "s") in \(files) "
                    + "file\(files == 1 ? "" : "s")"))
    }
}
