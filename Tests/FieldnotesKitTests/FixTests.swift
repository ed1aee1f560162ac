import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesSupport

/// A note with one mistake of each kind `fix` repairs, all but the missing sections on their own line.
let messyNote = """
    ---
    account: Acme Tools
    owner: dana.reyes
    stage: discovry
    last_contact: 2026-11-9
    last_visit: 10/11/2026
    next_step: Call Raj on 2026-11-25
    next_meeting_with: [Raj Patle]
    contacts:
      - name: Raj Patel
        roles: [economic_buyer, champion]
      - name: Jenny Wu
        roles: [user_buyer]
        reports_to: Raj Patl
    competitors:
      - name: Kessler
        incumbent: yes
        value_proposition: Cheaper clamps
    ---

    # Acme Tools

    ## What changed
    Volumes grew.

    ## Log
    ### 2026-9-5 — Call with Raj
    He asked for a quote.

    """

@Suite struct FixModelTests {
    private func fix(_ report: AccountReport, at needle: String) -> Diagnostic.Fix? {
        report.diagnostics.first { report.source.slice($0.range) == needle }?.fix
    }

    @Test func eachRuleAttachesItsFixWithItsApplicability() throws {
        let report = checkText(messyNote)
        let cases: [(String, String, Diagnostic.Fix.Applicability)] = [
            ("discovry", "discovery", .safe),
            ("2026-11-9", "2026-11-09", .safe),
            ("Raj Patle", "Raj Patel", .safe),
            ("Raj Patl", "Raj Patel", .safe),
            ("yes", "true", .safe),
            ("2026-9-5", "2026-09-05", .safe),
            ("10/11/2026", "2026-11-10", .unsafe),
        ]
        for (written, replacement, applicability) in cases {
            let f = try #require(fix(report, at: written), "\(written)")
            #expect(f.edits.map(\.replacement) == [replacement], "\(written)")
            #expect(f.applicability == applicability, "\(written)")
        }
        // The ambiguous date says which reading it picked.
        #expect(fix(report, at: "10/11/2026")?.title == "Replace with '2026-11-10' (read as day/month/year)")
        // A date with the year last that is only one day is safe.
        #expect(checkFix("next_meeting: 18/11/2026")?.applicability == .safe)
        #expect(checkFix("next_meeting: 18/11/2026")?.edits.first?.replacement == "2026-11-18")
        // A time is dropped: a person looks.
        #expect(checkFix("next_meeting: 2026-11-10T10:00")?.applicability == .unsafe)
        #expect(checkFix("next_meeting: 2026-11-10T10:00")?.title.hasSuffix("(the time is dropped)") == true)
        // A misspelled field: the key is renamed.
        #expect(checkFix("budgte: unknown")?.edits.first?.replacement == "budget")
        // A currency in lower case.
        #expect(
            checkFix("opportunities:\n  - name: X\n    value: 10\n    currency: eur")?.edits.first?.replacement == "EUR"
        )
    }

    /// The fix of the finding on `line`, added to a valid note's front matter.
    private func checkFix(_ line: String) -> Diagnostic.Fix? {
        let text = messyNote.replacingOccurrences(
            of: "next_step: Call Raj on 2026-11-25", with: "next_step: Call\n" + line)
        let report = checkText(text)
        let start =
            text.utf8.count - (text.components(separatedBy: line).dropFirst().joined(separator: line).utf8.count)
        let lineRange = SourceRange(start - line.utf8.count, start)
        return report.diagnostics.first {
            $0.fix != nil && lineRange.start <= $0.range.start && $0.range.end <= lineRange.end
        }?
        .fix
    }

    @Test func aNameAsCloseToTwoContactsIsAnUnsafeFix() throws {
        let text = messyNote.replacingOccurrences(
            of: "  - name: Jenny Wu\n", with: "  - name: Raj Pitel\n    roles: [coach]\n  - name: Jenny Wu\n"
        ).replacingOccurrences(of: "reports_to: Raj Patl", with: "reports_to: Raj Ptel")
        let report = checkText(text)
        // "Raj Ptel" is one edit from "Raj Patel" and from "Raj Pitel": two answers.
        let f = try #require(fix(report, at: "Raj Ptel"))
        #expect(f.applicability == .unsafe)
        // "Raj Patle" is one transposition from "Raj Patel", two edits from "Raj Pitel".
        #expect(fix(report, at: "Raj Patle")?.applicability == .safe)
    }

    @Test func theMissingSectionsAreOneUnsafeFixBeforeTheLog() throws {
        // Once the stage is known: `fix` gets there in its second pass.
        let report = checkText(messyNote.replacingOccurrences(of: "discovry", with: "discovery"))
        // The questions due at the stage are one finding there; any other due question carries the same fix.
        let due = report.diagnostics.filter {
            ($0.is(UnansweredQuestion.Message.due) || $0.is(UnansweredQuestion.Message.dueAtStage)) && $0.fix != nil
        }
        #expect(due.contains { $0.is(UnansweredQuestion.Message.dueAtStage) })
        let f = try #require(due.first?.fix)
        #expect(due.allSatisfy { $0.fix == f })
        #expect(f.applicability == .unsafe)
        let missing = report.results.filter { $0.status.isOpen && $0.range == nil }.compactMap(\.question.primaryTitle)
        #expect(missing.count > 1)
        #expect(f.title.hasPrefix("Add the \(missing.count) missing sections due at"))
        let edit = try #require(f.edits.first)
        #expect(report.source.slice(SourceRange(edit.range.start, edit.range.start + 6)) == "## Log")
        #expect(edit.replacement == missing.map { "## \($0)\n\n" }.joined())
    }

    @Test func overlappingEditsFirstWinsAndTheSameFixCountsForEachFinding() {
        let source = SourceFile(path: "a.md", text: "abcdef\n")
        let fixes = [
            Diagnostic.Fix(SourceRange(2, 4), "XY"),
            Diagnostic.Fix(SourceRange(0, 3), "Q"),  // overlaps the first in the text's order: left out
            Diagnostic.Fix(SourceRange(5, 5), "!"),
            Diagnostic.Fix(SourceRange(5, 5), "!"),  // the same fix again: applied once, counted twice
            Diagnostic.Fix(SourceRange(5, 5), "?"),  // another insertion at the same place: left out
        ]
        let applied = Fixer.apply(fixes, to: source.bytes, checked: source)
        // "Q" at 0..<3 comes first in the text: it wins over "XY" at 2..<4.
        #expect(String(decoding: applied.bytes, as: UTF8.self) == "Qde!f\n")
        #expect(applied.count == 3)
    }

    @Test func fixesKeepTheFilesLineEndingsAndMark() {
        let text = "\u{FEFF}---\r\naccount: Acme Tools\r\nowner: dana.reyes\r\nstage: discovry\r\n---\r\n\r\n# Acme\r\n"
        let bytes = Array(text.utf8)
        let context = CheckContext(config: Config(), checklist: .builtIn, asOf: testDay)
        let outcome = Fixer.fix(bytes, path: "accounts/a.md", context: context, unsafe: true)
        let fixed = String(decoding: outcome.fixed, as: UTF8.self)
        #expect(fixed.hasPrefix("\u{FEFF}---\r\n"))
        #expect(fixed.contains("stage: discovery\r\n"))
        // The missing sections, at the end of a note without a log, with CRLF line breaks.
        #expect(fixed.contains("\r\n## What changed\r\n"))
        #expect(!fixed.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func fixingConvergesAndASecondRunHasNothingToDo() {
        let context = CheckContext(config: Config(), checklist: .builtIn, asOf: testDay)
        let first = Fixer.fix(Array(messyNote.utf8), path: "accounts/a.md", context: context, unsafe: true)
        #expect(first.changed && first.fixedCount > 7)
        #expect(!first.report.diagnostics.contains { $0.fix != nil })
        let second = Fixer.fix(first.fixed, path: "accounts/a.md", context: context, unsafe: true)
        #expect(!second.changed && second.fixedCount == 0)
    }

    @Test func unsafeFixesOnlyWhenAskedFor() {
        let context = CheckContext(config: Config(), checklist: .builtIn, asOf: testDay)
        let safe = Fixer.fix(Array(messyNote.utf8), path: "accounts/a.md", context: context, unsafe: false)
        let text = String(decoding: safe.fixed, as: UTF8.self)
        #expect(text.contains("last_visit: 10/11/2026") && !text.contains("## Success metrics"))
        #expect(text.contains("stage: discovery") && text.contains("### 2026-09-05 — Call"))
        #expect(safe.unsafeLeft == safe.report.diagnostics.filter { $0.fix?.applicability == .unsafe }.count)
        #expect(safe.unsafeLeft > 1)
    }
}

@Suite struct FixWriteTests {
    @Test func aFileChangedSinceItWasReadIsNotWritten() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("accounts/initech.md").path
        let now = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let read = now + Array("more\n".utf8)  // what was read is not what is there now
        #expect(throws: Fixer.WriteFailure.changed) {
            try Fixer.write(Array("fixed\n".utf8), over: read, at: path, shown: "accounts/initech.md")
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == now)
        // As read: written in one step, permissions kept, no temporary file left.
        chmod(path, 0o640)
        try Fixer.write(Array("fixed\n".utf8), over: now, at: path, shown: "accounts/initech.md")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "fixed\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("accounts").path)
        #expect(!left.contains { $0.hasPrefix(".fieldnotes-") })
    }

    @Test func aLinkedAccountStaysALink() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("accounts/initech.md").path
        let link = dir.appendingPathComponent("accounts/link.md").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "initech.md")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: real)))
        try Fixer.write(Array("fixed\n".utf8), over: bytes, at: link, shown: "accounts/link.md")
        #expect(FileSystem.kindOfLink(link) == .symbolicLink)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "fixed\n")
    }
}

@Suite struct FixCommandTests {
    /// A copy of the template with the messy note beside its accounts; every file dated in the past.
    private func repository() throws -> URL {
        let dir = try copyOfTemplate()
        try messyNote.write(to: dir.appendingPathComponent("accounts/acme.md"), atomically: true, encoding: .utf8)
        try backdate(dir)
        return dir
    }

    private func backdate(_ dir: URL) throws {
        let accounts = dir.appendingPathComponent("accounts")
        for name in try FileManager.default.contentsOfDirectory(atPath: accounts.path) {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)],
                ofItemAtPath: accounts.appendingPathComponent(name).path)
        }
    }

    private func snapshot(_ dir: URL) throws -> [String: (Date, Data)] {
        let accounts = dir.appendingPathComponent("accounts")
        var out: [String: (Date, Data)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: accounts.path) {
            let url = accounts.appendingPathComponent(name)
            let date = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as! Date
            out[name] = (date, try Data(contentsOf: url))
        }
        return out
    }

    @Test func fixWritesOnlyWhatItFixesAndASecondRunChangesNothing() throws {
        let dir = try repository()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try snapshot(dir)
        let run = runCLI(["fix"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("accounts/acme.md: fixed 6 findings\n"), "\(run.stdout)")
        #expect(run.stdout.contains("Fixed 6 findings ("), "\(run.stdout)")
        #expect(run.stdout.hasSuffix(" more fixes available with --unsafe-fixes)\n"))
        let after = try snapshot(dir)
        for (name, (date, data)) in before where name != "acme.md" {
            // Nothing to fix: not written, not even touched.
            #expect(after[name]?.0 == date && after[name]?.1 == data, "\(name)")
        }
        #expect(after["acme.md"]?.1 != before["acme.md"]?.1)
        let fixed = try String(contentsOf: dir.appendingPathComponent("accounts/acme.md"), encoding: .utf8)
        #expect(fixed.contains("stage: discovery\n") && fixed.contains("incumbent: true\n"))
        // Twice: nothing more to do, nothing written.
        try backdate(dir)
        let settled = try snapshot(dir)
        let again = runCLI(["fix"], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Nothing fixed ("), "\(again.stdout)")
        let last = try snapshot(dir)
        for (name, (date, data)) in settled { #expect(last[name]?.0 == date && last[name]?.1 == data, "\(name)") }
        // The unsafe fixes, then nothing left at all.
        let unsafe = runCLI(["fix", "--unsafe-fixes"], in: dir)
        #expect(unsafe.status == 0)
        let all = try String(contentsOf: dir.appendingPathComponent("accounts/acme.md"), encoding: .utf8)
        #expect(all.contains("last_visit: 2026-11-10\n") && all.contains("## Success metrics\n"))
        #expect(runCLI(["fix", "--unsafe-fixes"], in: dir).stdout == "Nothing fixed\n")
    }

    @Test func diffPrintsWhatWouldChangeAndWritesNothing() throws {
        let dir = try repository()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try snapshot(dir)
        let run = runCLI(["fix", "--diff", "--unsafe-fixes", "accounts/acme.md"], in: dir)
        #expect(run.status == 1)
        try assertGolden(run.stdout, "fix/acme-unsafe.diff")
        // 6 safe fixes, the date read day first, and the missing sections (one finding at the stage).
        #expect(run.stderr == "Would fix 8 findings\n", "\(run.stderr)")
        let after = try snapshot(dir)
        for (name, (date, data)) in before { #expect(after[name]?.0 == date && after[name]?.1 == data, "\(name)") }
        // The diff applies as git reads it.
        if let git = toolPath("git") {
            let patch = dir.appendingPathComponent("fix.patch")
            try run.stdout.write(to: patch, atomically: true, encoding: .utf8)
            let check = try runProgram(git, ["apply", "--check", "-v", patch.path], in: dir)
            #expect(check.status == 0, "\(check.stderr)")
        }
        // Nothing to fix: no diff, exit 0.
        let clean = runCLI(["fix", "--diff", "accounts/initech.md"], in: dir)
        #expect(clean.status == 0 && clean.stdout.isEmpty)
        #expect(clean.stderr == "Nothing would be fixed (1 more fix available with --unsafe-fixes)\n")
    }

    @Test func checkFixFixesThenReportsWhatIsLeft() throws {
        let dir = try repository()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = runCLI(["check", "--fix", "accounts/acme.md"], in: dir)
        #expect(run.stderr.hasPrefix("accounts/acme.md: fixed 6 findings\nFixed 6 findings ("), "\(run.stderr)")
        // What is left is what check says of the fixed file.
        let check = runCLI(["check", "accounts/acme.md"], in: dir)
        #expect(run.stdout == check.stdout)
        #expect(run.status == check.status)
        #expect(check.stdout.contains("invalid-date") && !check.stdout.contains("unknown stage"))
        #expect(runCLI(["check", "--unsafe-fixes"], in: dir).status == 2)
        #expect(runCLI(["check", "--fix", "--staged"], in: dir).status == 2)
    }

    @Test func fixHelpSaysWhatItDoes() throws {
        let help = runCLI(["fix", "--help"])
        #expect(help.status == 0)
        try assertGolden(help.stdout, "cli/fix-help.txt")
    }
}

/// The editor's quick fixes are the fixes `fieldnotes fix` applies.
@Suite struct FixInTheEditorTests {
    @Test func theQuickFixesAreTheFixesFixApplies() throws {
        let h = LSPHarness()
        let uri = templateURI("acme-fix.md")
        h.open(uri, messyNote)
        let lines = messyNote.split(separator: "\n", omittingEmptySubsequences: false).count
        let params: JSONValue = .object([
            ("textDocument", .object([("uri", .string(uri))])),
            ("range", LSPHarness.range(0, 0, lines, 0)),
            ("context", .object([("diagnostics", .array([]))])),
        ])
        let actions = h.request("textDocument/codeAction", params)?["result"]?.array ?? []
        // The language server reads the template's settings: so does this check.
        let workspace = try Workspace.open(paths: [], cwd: Project.template, configPath: nil)
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: testDay)
        let report = Checker.check(
            FileReader.decode(Array(messyNote.utf8), displayPath: "accounts/acme-fix.md"), path: "accounts/acme-fix.md",
            context: context)
        // One action per distinct fix, with its title, edits and applicability.
        var fixes: [Diagnostic.Fix] = []
        for d in report.diagnostics { if let f = d.fix, !fixes.contains(f) { fixes.append(f) } }
        #expect(actions.map { $0["title"]?.string ?? "" } == fixes.map(\.title))
        for (action, fix) in zip(actions, fixes) {
            #expect(action["kind"]?.string == "quickfix")
            #expect(action["isPreferred"]?.bool == (fix.applicability == .safe), "\(fix.title)")
            let edits = action["edit"]?["changes"]?[uri]?.array ?? []
            #expect(edits.map { $0["newText"]?.string ?? "" } == fix.edits.map(\.replacement))
            for (edit, e) in zip(edits, fix.edits) {
                let start = report.source.location(of: e.range.start)
                #expect(edit["range"]?["start"]?["line"]?.int == start.line - 1)
                #expect(edit["range"]?["start"]?["character"]?.int == start.utf16Column)
            }
        }
        // Applying the preferred quick fixes gives the text `fix` writes in its first pass.
        var text = Array(messyNote.utf8)
        let preferred = zip(actions, fixes).filter { $0.0["isPreferred"]?.bool == true }.map(\.1)
        for e in preferred.flatMap(\.edits).sorted(by: { $0.range.start > $1.range.start }) {
            text.replaceSubrange(e.range.start..<e.range.end, with: Array(e.replacement.utf8))
        }
        let fixed = Fixer.fix(Array(messyNote.utf8), path: "accounts/acme-fix.md", context: context, unsafe: false)
        #expect(String(decoding: text, as: UTF8.self) == String(decoding: fixed.fixed, as: UTF8.self))
    }
}
