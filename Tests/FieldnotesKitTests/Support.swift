import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Paths of the project, found from this file's location.
enum Project {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static let template = root.appendingPathComponent("notes-template")
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")

    /// The built `fieldnotes` executable (the test target depends on it, so it is built).
    static var binary: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("fieldnotes"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("fieldnotes"),
            root.appendingPathComponent(".build/debug/fieldnotes"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }
}

/// A copy of the bundled notes-template in a new temporary folder (the caller removes it).
func copyOfTemplate() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-template-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: Project.template, to: dir)
    return dir
}

/// The date every test uses as "today".
let testDay = Day(year: 2026, month: 11, day: 20)!

/// Result of running the binary.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built binary with `arguments` in `directory`.
func runBinary(
    _ arguments: [String], in directory: URL = Project.root, environment: [String: String] = [:], stdin: String? = nil
) throws -> Run {
    try runProgram(Project.binary.path, arguments, in: directory, environment: environment, stdin: stdin)
}

/// Runs a program with `arguments` in `directory`.
func runProgram(
    _ program: String, _ arguments: [String], in directory: URL = Project.root, environment: [String: String] = [:],
    stdin: String? = nil
) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "NO_COLOR")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    // Read both pipes before waiting, so a large output cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Run(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs the CLI in-process.
func runCLI(
    _ arguments: [String], in directory: URL = Project.root, variables: [String: String] = [:], terminal: Bool = false
) -> Run {
    final class Sink: @unchecked Sendable { var out = ""; var err = "" }
    let sink = Sink()
    let env = CommandEnvironment(
        arguments: arguments, variables: variables, cwd: directory, stdoutIsTerminal: terminal, today: testDay,
        stdout: { sink.out += $0 }, stderr: { sink.err += $0 })
    let status = CLI.run(env)
    return Run(status: status, stdout: sink.out, stderr: sink.err)
}

/// Compares `actual` with the golden file `name`; `FIELDNOTES_RECORD=1` rewrites it (and fails).
func assertGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = Project.fixtures.appendingPathComponent("golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["FIELDNOTES_RECORD"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(name); run again without FIELDNOTES_RECORD", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(name); record it with FIELDNOTES_RECORD=1", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        Issue.record(
            """
            \(name) differs at line \(first + 1):
              expected: \(first < e.count ? String(e[first]) : "<end>")
              actual:   \(first < a.count ? String(a[first]) : "<end>")
            """, sourceLocation: sourceLocation)
    }
}

/// Checks one file's text against the default context.
func checkText(
    _ text: String, path: String = "accounts/test.md", config: Config = Config(), checklist: Checklist = .builtIn
) -> AccountReport {
    let context = CheckContext(config: config, checklist: checklist, asOf: testDay)
    return Checker.check(FileReader.decode(Array(text.utf8), displayPath: path), path: path, context: context)
}

/// Whether this run is CI, where every optional tool must be present (`.ci/run` installs them).
let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// The path of a program on the PATH, or nil.
func toolPath(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// The path of a program the test needs (see the `needs` trait): in CI a missing tool is a failure.
func requireTool(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
    if let path = toolPath(name) { return path }
    Issue.record("\(name) is missing; .ci/run installs it", sourceLocation: sourceLocation)
    return nil
}

/// Whether two names that differ only in Unicode normalization are two files here.
let twinNamesKeptApart: Bool = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-twins-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    guard (try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)) != nil else {
        return false
    }
    for name in ["zo\u{EB}.md", "zoe\u{308}.md"] {
        let fd = open(dir.path + "/" + name, O_CREAT | O_WRONLY, 0o644)
        if fd >= 0 { close(fd) }
    }
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.count ?? 0) == 2
}()

extension Trait where Self == ConditionTrait {
    /// Runs the test when `tool` is installed; elsewhere the runner reports it skipped, with the
    /// reason. In CI it always runs (`.ci/run` installs every tool), so a missing tool fails.
    static func needs(_ tool: String) -> Self {
        .enabled(if: isCI || toolPath(tool) != nil, "\(tool) is not installed")
    }

    /// Runs the test where a file can be made unreadable to the binary: as a normal user, or as root
    /// with `runuser` (the test runs the binary as "nobody").
    static var canDropPrivileges: Self {
        .enabled(
            if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"),
            "running as root without runuser")
    }

    /// Runs the test where the file system keeps two names apart that differ only in Unicode
    /// normalization (`zoë.md` composed and decomposed): Linux file systems do, macOS's APFS does not.
    static var keepsTwinNamesApart: Self {
        .enabled(if: twinNamesKeptApart, "this file system takes composed and decomposed names for one")
    }

    /// Runs the test when `path` exists (material from outside the project, such as `../shared/corpora`).
    static func needsFile(_ path: URL, _ reason: String) -> Self {
        .enabled(if: FileManager.default.fileExists(atPath: path.path), Comment(rawValue: reason))
    }
}

/// A temporary git repository with a commit of `files`.
final class GitRepo {
    let url: URL
    init(_ files: [String: String], subfolder: String = "") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
        try git("config", "user.email", "rep@example.com")
        try git("config", "user.name", "Rep")
        try git("config", "commit.gpgsign", "false")
        for (path, text) in files { try write(subfolder.isEmpty ? path : "\(subfolder)/\(path)", text) }
        try git("add", "-A")
        try git("commit", "-q", "-m", "notes")
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    /// Extra environment for every git command (e.g. PRE_COMMIT_HOME for hooks git runs).
    var environment: [String: String] = [:]

    @discardableResult
    func git(_ args: String..., in sub: String = "") throws -> Run {
        let run = try runProgram(
            "/usr/bin/env", ["git"] + args, in: sub.isEmpty ? url : url.appendingPathComponent(sub),
            environment: environment)
        if run.status != 0 && args.first != "commit" {
            throw ToolError("git \(args.joined(separator: " ")) failed: \(run.stderr)")
        }
        return run
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A `textDocument/didOpen` notification for a Markdown document, as an editor sends it.
func didOpenMessage(uri: String, text: String, version: Int = 1) -> String {
    let document: JSONValue = .object([
        ("uri", .string(uri)), ("languageId", .string("markdown")), ("version", .int(version)),
        ("text", .string(text)),
    ])
    return JSONWriter.compact(
        .object([
            ("jsonrpc", .string("2.0")), ("method", .string("textDocument/didOpen")),
            ("params", .object([("textDocument", document)])),
        ]))
}
