import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// The formats of `check` as types: the option's values and help come from the cases, every
/// renderer prints through one protocol what its whole-run form prints, and `--quiet` decides
/// by a message's severity.
@Suite struct DiagnosticFormatTests {
    /// One file with an error, a warning and two notes, sorted as `check` has them.
    static let file: FileDiagnostics = {
        let source = SourceFile(path: "accounts/a.md", text: "---\naccount: A\nstage: x\n---\n\nText.\n")
        let diagnostics = [
            Diagnostic(.frontMatterUnclosed, "no closing '---'", at: SourceRange(0, 3), severity: .note),
            Diagnostic(.invalidValue, "odd value", at: SourceRange(22, 23), severity: .warning),
            Diagnostic(.invalidValue, "unknown stage 'x'", at: SourceRange(22, 23), help: "use discovery"),
            Diagnostic(.invalidValue, "another", at: SourceRange(30, 34), severity: .note),
        ]
        return FileDiagnostics(path: "accounts/a.md", source: source, diagnostics: diagnostics)
    }()

    static let totals: DiagnosticTotals = {
        var totals = DiagnosticTotals(files: 1)
        totals.counts = [.error: 1, .warning: 1, .note: 2]
        totals.filesWithFindings = 1
        return totals
    }()

    /// Renders `file` as `check` does: the opening, each file (the first without its
    /// separator), then the end.
    static func run<R: DiagnosticRenderer>(
        _ renderer: R, _ files: [FileDiagnostics], totals: DiagnosticTotals
    )
        -> String
    {
        var out = TextBuffer()
        var pending: [R.Pending] = []
        for file in files {
            var each = TextBuffer()
            pending.append(renderer.render(file, into: &each))
            if out.isEmpty { each.removeFirst(renderer.separatorBytes) }
            out.write(each)
        }
        let opening = renderer.opening(renderer.openingNeedsTotals ? totals : nil)
        return opening + out.text + renderer.finish(pending, totals: totals)
    }

    // MARK: The option

    @Test func theFormatOptionIsMadeFromTheCases() throws {
        #expect(DiagnosticFormat.names == ["full", "concise", "json", "sarif", "github", "text"])
        let option = try #require(CheckCommand.spec.options.first { $0.long == "output-format" })
        #expect(option.allowed == DiagnosticFormat.names)
        #expect(
            option.help
                == "Output format: full (each finding with its line, help and notes), concise (one line per "
                + "finding), json, sarif (SARIF 2.1.0 for code scanning), github (GitHub Actions annotations) or "
                + "text (the same as full); default: full.")
        let synonym = try #require(CheckCommand.spec.options.first { $0.long == "format" })
        #expect(synonym.allowed == DiagnosticFormat.names)
        #expect(HookCommand.Action.helpList == "install or uninstall")
        let stage = try #require(NewCommand.spec.options.first { $0.long == "stage" })
        #expect(stage.allowed == Stage.allCases.map(\.rawValue))
    }

    @Test func aFormatIsReadAsItsCase() throws {
        let parsed = try CheckCommand.spec.parse(["--format", "sarif"])
        #expect(parsed.choice("format", default: DiagnosticFormat.default) == .sarif)
        let none = try CheckCommand.spec.parse([])
        #expect(none.choice("format", default: DiagnosticFormat.default) == .full)
        #expect(throws: UsageError.self) { try CheckCommand.spec.parse(["--format", "xml"]) }
    }

    @Test func checkOptionsHoldTheDefaultsAndRefusePathsWithStaged() throws {
        let env = CommandEnvironment(
            arguments: [], variables: [:], cwd: Project.root, stdoutIsTerminal: true, today: testDay,
            stdout: { _ in }, stderr: { _ in })
        let options = try CheckCommand.Options(try CheckCommand.spec.parse(["a.md"]), env)
        #expect(options.format == .full && options.asOf == testDay && options.paths == ["a.md"])
        #expect(options.color && !options.quiet && !options.strict && !options.staged && options.config == nil)
        let plain = try CheckCommand.Options(try CheckCommand.spec.parse(["--no-color"]), env)
        #expect(!plain.color)
        #expect(throws: UsageError.self) {
            _ = try CheckCommand.Options(try CheckCommand.spec.parse(["--staged", "a.md"]), env)
        }
    }

    // MARK: Renderers through the protocol

    @Test func everyRendererPrintsWhatItsWholeRunFormPrints() {
        let file = Self.file
        #expect(Self.run(JSONRenderer(), [file], totals: Self.totals) == JSONRenderer.render([file], fileCount: 1))
        #expect(
            Self.run(SARIFRenderer(uriPrefix: "notes/", version: "9"), [file], totals: Self.totals)
                == SARIFRenderer.render([file], uriPrefix: "notes/", version: "9"))
        #expect(
            Self.run(GitHubRenderer(uriPrefix: "notes/"), [file], totals: Self.totals)
                == GitHubRenderer.render([file], uriPrefix: "notes/"))
        let text = TextRenderer(color: false)
        let each = file.diagnostics.map { text.render($0, in: file) + "\n" }.joined()
        #expect(Self.run(text, [file], totals: Self.totals) == each + "1 error, 1 warning, 2 notes in 1 file\n")
    }

    @Test func aSARIFLogLeavesOutFilesWithoutFindings() {
        let clean = FileDiagnostics(path: "accounts/b.md", source: Self.file.source, diagnostics: [])
        let renderer = SARIFRenderer(uriPrefix: "", version: "9")
        var out = TextBuffer()
        #expect(renderer.render(clean, into: &out) == 0)
        #expect(out.isEmpty)
        // Written between files without findings, the log is the whole document's.
        #expect(
            Self.run(renderer, [clean, Self.file, clean, Self.file], totals: Self.totals)
                == SARIFRenderer.render([clean, Self.file, clean, Self.file], uriPrefix: "", version: "9"))
        #expect(
            Self.run(renderer, [clean], totals: DiagnosticTotals(files: 1))
                == SARIFRenderer.render([clean], uriPrefix: "", version: "9"))
        #expect(
            Self.run(JSONRenderer(), [clean], totals: DiagnosticTotals(files: 1))
                == JSONRenderer.render([clean], fileCount: 1))
    }

    @Test func beforeACommitWhatDoesNotBlockIsCountedOnOneLine() {
        var style = TextRunStyle()
        style.shown = .error
        style.countsHidden = true
        style.commit = .init(strict: false, unstaged: ["accounts/a.md"])
        let output = Self.run(TextRenderer(color: false, run: style), [Self.file], totals: Self.totals)
        #expect(output.hasPrefix("accounts/a.md:3:8: error[invalid-value]: unknown stage 'x'\n"), "\(output)")
        #expect(Self.file.sorted.map(\.message) == Self.file.diagnostics.map(\.message))
        #expect(!output.contains("odd value") && !output.contains("another"), "\(output)")
        #expect(
            output.contains(
                "Not blocking (see them with 'fieldnotes check FILE'):\n  accounts/a.md: 1 warning, 2 notes\n"))
        #expect(output.contains("note: accounts/a.md: checked as staged"))
        #expect(
            output.hasSuffix("The commit was stopped: fix the errors above, 'git add' the files, and commit again.\n"))
    }

    @Test func aQuietStrictRunShowsWarningsAndNoTotals() {
        var style = TextRunStyle()
        style.shown = .warning
        style.summary = false
        let output = Self.run(TextRenderer(color: false, run: style), [Self.file], totals: Self.totals)
        #expect(output.contains("unknown stage 'x'") && output.contains("odd value"))
        #expect(!output.contains("another") && !output.contains("no closing"))
        #expect(!output.contains(" in 1 file"), "\(output)")
    }

    @Test func aCommitThatStagesNoNotesSaysNothing() {
        var style = TextRunStyle()
        style.commit = .init(strict: false, unstaged: [])
        #expect(Self.run(TextRenderer(color: false, run: style), [], totals: DiagnosticTotals(files: 0)).isEmpty)
        #expect(Self.run(TextRenderer(color: false), [], totals: DiagnosticTotals(files: 0)) == "no files checked\n")
    }

    @Test func strictFailsOnWarnings() {
        var totals = DiagnosticTotals(files: 1)
        totals.counts = [.warning: 1]
        #expect(!totals.failing(strict: false))
        #expect(totals.failing(strict: true))
    }

    // MARK: Messages on stderr

    @Test func quietDecidesByTheSeverityNotTheText() {
        final class Sink: @unchecked Sendable { var err = "" }
        let sink = Sink()
        let env = CommandEnvironment(
            arguments: [], variables: [:], cwd: Project.root, stdoutIsTerminal: false, today: testDay,
            stdout: { _ in }, stderr: { sink.err += $0 })
        env.say(.warning, "loud warning")
        #expect(sink.err == "warning: loud warning\n")
        sink.err = ""
        let quiet = env.quiet
        quiet.say(.warning, "a warning")
        quiet.say(.note, "a note")
        #expect(sink.err.isEmpty)
        quiet.say(.error, "warning: text that looks like a warning")
        #expect(sink.err == "error: warning: text that looks like a warning\n")
    }

    @Test func quietNewLeavesOutTheNoteAboutFieldsToFill() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("formats-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(runCLI(["init", dir.path]).status == 0)
        let loud = runCLI(["new", "Loud Co", "--stage", "proposal"], in: dir)
        #expect(loud.stderr.hasPrefix("note: fill in "), "\(loud.stderr)")
        #expect(loud.stderr.contains("(required at stage 'proposal')"), "\(loud.stderr)")
        let quiet = runCLI(["new", "Quiet Co", "--stage", "proposal", "--quiet"], in: dir)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
    }
}
