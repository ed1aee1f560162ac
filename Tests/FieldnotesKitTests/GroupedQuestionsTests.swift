import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesSupport

/// The questions due at the stage that have nothing in the notes: one finding at `stage:`, each
/// question a note, in every format and in the editor.
@Suite struct GroupedQuestionsTests {
    static let initech = Project.template.appendingPathComponent("accounts/initech.md")
    static let ids = [
        "success_metrics", "their_customers", "decision_criteria", "meeting_cadence",
        "compelling_event", "partners",
    ]

    static func report(_ text: String) -> AccountReport {
        let context = CheckContext(config: Config(), checklist: .builtIn, asOf: testDay)
        return Checker.check(SourceFile(path: "a.md", text: text), path: "accounts/a.md", context: context)
    }

    @Test func theQuestionsDueAtTheStageAreOneFindingWithANoteEach() throws {
        let text = try String(contentsOf: Self.initech, encoding: .utf8)
        let report = Self.report(text)
        let stage = try #require(report.fields.stage)
        let atStage = report.diagnostics.filter { $0.range == stage.range }
        #expect(atStage.count == 1)
        let group = try #require(atStage.first)
        #expect(group.is(UnansweredQuestion.Message.dueAtStage))
        #expect(group.message == "6 questions due at discovery have no section or field")
        #expect(group.subject == "discovery")
        #expect(group.notes.map { $0.message.split(separator: "'")[0] } == Self.ids.map { Substring($0) })
        #expect(group.notes.allSatisfy { $0.range == nil && $0.message.contains("; ask: ") })
        #expect(!report.diagnostics.contains { $0.is(UnansweredQuestion.Message.due) })
        // The open questions themselves are unchanged: `missing` and the agenda read them.
        #expect(report.results.filter { $0.status.isOpen && $0.range == nil }.count >= 6)
    }

    @Test func sectionsOnlySayNoSectionAndOneQuestionStaysAsItWas() throws {
        // With compelling_event set, only sections are due and missing.
        let text = try String(contentsOf: Self.initech, encoding: .utf8)
            .replacingOccurrences(of: "stage: discovery\n", with: "stage: discovery\ncompelling_event: Audit in May\n")
        let group = try #require(Self.report(text).diagnostics.first { $0.is(UnansweredQuestion.Message.dueAtStage) })
        #expect(group.message == "5 questions due at discovery have no section")
        let one = Self.report(validNote).diagnostics.filter { $0.rule == .unansweredQuestion }
        #expect(!one.contains { $0.is(UnansweredQuestion.Message.dueAtStage) })
    }

    @Test func everyFormatCarriesTheNotes() throws {
        let base = ["check", "accounts/initech.md", "--as-of", "2026-11-20"]
        let text = runCLI(base, in: Project.template).stdout
        for id in Self.ids { #expect(text.contains("  = note: '\(id)': "), "\(id)") }
        let json = runCLI(base + ["--format", "json"], in: Project.template).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let group = try #require(diagnostics.first { ($0["message"] as? String)?.hasPrefix("6 questions") == true })
        let notes = try #require(group["notes"] as? [[String: Any]])
        #expect(notes.count == 6)
        #expect(notes[0]["line"] is NSNull)
        #expect(diagnostics.filter { $0["notes"] != nil }.count == 1)
        let sarif = runCLI(base + ["--format", "sarif"], in: Project.template).stdout
        #expect(sarif.contains("have no section or field\\nhelp: ask the customer, then write each answer"))
        #expect(sarif.contains("\\nnote: 'partners': add a '## Partners' section"))
        let github = runCLI(base + ["--format", "github"], in: Project.template).stdout
        #expect(github.contains("%0Anote: 'partners'%3A") || github.contains("%0Anote: 'partners':"))
    }

    @Test func theEditorGetsEachQuestionAsRelatedInformation() throws {
        let text = try String(contentsOf: Self.initech, encoding: .utf8)
        let report = Self.report(text)
        let group = try #require(report.diagnostics.first { $0.is(UnansweredQuestion.Message.dueAtStage) })
        let server = LanguageServer()
        let lsp = server.lspDiagnostic(group, in: report.source, uri: "file:///a.md")
        guard case .object(let members) = lsp else { Issue.record("not an object"); return }
        let message = members.first { $0.0 == "message" }?.1
        guard case .string(let m)? = message else { Issue.record("no message"); return }
        #expect(!m.contains("note:"))
        guard case .array(let related)? = members.first(where: { $0.0 == "relatedInformation" })?.1 else {
            Issue.record("no related information")
            return
        }
        #expect(related.count == 6)
        #expect(JSONWriter.compact(related[0]).contains("'success_metrics': add a '## Success metrics' section"))
    }
}

/// `check --format json|sarif` write file by file what the whole document would be.
@Suite struct StreamedDocumentTests {
    /// More files than a chunk, some without findings (the first ones among them).
    static func repo() throws -> TempRepo {
        var files: [String: String] = [:]
        for i in 0..<(CheckCommand.chunkSize + 40) {
            let name = String(format: "accounts/a%04d.md", i)
            files[name] =
                i % 3 == 0 || i < 5
                ? validNote
                : validNote.replacingOccurrences(of: "stage: prospecting", with: "stage: discovery\ntier: x")
        }
        return try TempRepo(files)
    }

    static func fileDiagnostics(_ url: URL) throws -> [FileDiagnostics] {
        let workspace = try Workspace.open(paths: [], cwd: url, configPath: nil)
        let files = try workspace.accountFiles(paths: [], cwd: url)
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: testDay)
        return Batch.check(files, context: context) { $0.fileDiagnostics }
    }

    @Test func jsonAndSARIFAreTheWholeDocumentByteForByte() throws {
        let repo = try Self.repo()
        let files = try Self.fileDiagnostics(repo.url)
        #expect(files.count == CheckCommand.chunkSize + 40)
        let json = runCLI(["check", "--format", "json"], in: repo.url)
        #expect(json.stdout.contains("\"end_line\""))
        #expect(json.stdout == JSONRenderer.render(files, fileCount: files.count))
        let sarif = runCLI(["check", "--format", "sarif"], in: repo.url)
        #expect(sarif.stdout == SARIFRenderer.render(files, uriPrefix: "", version: Version.current))
        #expect(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) is [String: Any])
    }

    @Test func documentsWithoutFindingsAreTheWholeDocumentToo() throws {
        let repo = try TempRepo(["accounts/a.md": validNote, "accounts/b.md": validNote])
        let files = try Self.fileDiagnostics(repo.url)
        #expect(files.allSatisfy { $0.diagnostics.isEmpty })
        #expect(runCLI(["check", "--format", "json"], in: repo.url).stdout == JSONRenderer.render(files, fileCount: 2))
        #expect(
            runCLI(["check", "--format", "sarif"], in: repo.url).stdout
                == SARIFRenderer.render(files, uriPrefix: "", version: Version.current))
        #expect(runCLI(["check", "--format", "json"], in: repo.url).stdout.contains("\"diagnostics\": []\n}\n"))
    }

    @Test func heldOutputComesBackWholeFromDiskOrMemory() {
        let parts: [[UInt8]] = [Array("first ".utf8), Array(repeating: 0x61, count: 3_000_000), Array(" last".utf8)]
        for folder in [nil, "/nonexistent-folder-for-fieldnotes"] {
            let held = HeldOutput(temporaryFolder: folder)
            for part in parts { held.append(part) }
            var out: [UInt8] = []
            held.copy(to: { out += $0 })
            #expect(out == parts.flatMap { $0 }, "\(folder ?? "the temporary folder")")
        }
    }
}

/// `fieldnotes completions bash|zsh|fish`.
@Suite struct CompletionsTests {
    static func script(_ shell: String) -> String {
        let run = runCLI(["completions", shell])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    @Test(arguments: ["bash", "zsh", "fish"]) func everyCommandAndOptionIsThere(shell: String) {
        let script = Self.script(shell)
        for spec in CLI.commands.map(\.spec) {
            #expect(script.contains(spec.name), "\(shell): \(spec.name)")
            for option in spec.options {
                // fish names options without the dashes (`-l output-format`).
                let named = shell == "fish" ? "-l \(option.long)" : "--\(option.long)"
                #expect(script.contains(named), "\(shell): \(spec.name) --\(option.long)")
                for value in option.allowed ?? [] { #expect(script.contains(value), "\(shell): \(value)") }
            }
        }
        for rule in Rule.allCases { #expect(script.contains(rule.rawValue), "\(shell): \(rule.rawValue)") }
    }

    @Test func eachChoiceIsDescribedByTheFirstSentenceOfItsHelp() {
        #expect(
            Completions.summary("Print only what fails (errors; with --strict, warnings too), and no summary line.")
                == "Print only what fails (errors; with --strict, warnings too), and no summary line")
        #expect(Completions.summary("Output format: text or json; default: text.") == "Output format: text or json")
        #expect(Completions.summary("Use this file. Else the one found.") == "Use this file")
    }

    @Test func anUnknownShellIsAUsageError() {
        let run = runCLI(["completions", "bsh"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("did you mean 'bash'?"))
    }

    /// Writes the script to a file and has the shell parse it without running it.
    static func parses(_ shell: String, _ args: [String]) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-completion-\(UUID())")
        defer { try? FileManager.default.removeItem(at: file) }
        try Self.script(shell).write(to: file, atomically: true, encoding: .utf8)
        let run = try runProgram(try #require(toolPath(shell)), args + [file.path])
        #expect(run.status == 0, "\(shell): \(run.stderr)")
    }

    @Test(.needs("bash")) func bashParsesIt() throws {
        try Self.parses("bash", ["-n"])
        // Sourced, it completes: the commands after `fieldnotes `, the formats after `--format`.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-completion-\(UUID())")
        defer { try? FileManager.default.removeItem(at: file) }
        try Self.script("bash").write(to: file, atomically: true, encoding: .utf8)
        let probe = """
            source '\(file.path)'
            COMP_WORDS=(fieldnotes ch); COMP_CWORD=1; _fieldnotes; echo "${COMPREPLY[*]}"
            COMP_WORDS=(fieldnotes check --output-format c); COMP_CWORD=3; _fieldnotes; echo "${COMPREPLY[*]}"
            COMP_WORDS=(fieldnotes check --sel); COMP_CWORD=2; _fieldnotes; echo "${COMPREPLY[*]}"
            """
        let run = try runProgram(try #require(toolPath("bash")), ["-c", probe])
        #expect(run.stdout == "check changes\nconcise\n--select\n", "\(run.stderr)")
    }

    @Test(.needs("zsh")) func zshParsesIt() throws {
        try Self.parses("zsh", ["-n"])
    }

    @Test(.needs("fish")) func fishParsesIt() throws {
        try Self.parses("fish", ["--no-execute"])
    }
}
