import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Control characters and workflow commands from the notes never reach a terminal or a CI log raw.
@Suite struct TerminalTextTests {
    @Test func controlCharactersAreShownEscaped() {
        #expect(TerminalText.escaped("Acme\u{1B}]0;title\u{07}") == "Acme\\u{1B}]0;title\\u{07}")
        #expect(TerminalText.escaped("a\rb\nc\td\u{7F}\u{85}") == "a\\u{0D}b\\u{0A}c\\u{09}d\\u{7F}\\u{85}")
        #expect(TerminalText.escaped("Zoë Lambert — 株式会社") == "Zoë Lambert — 株式会社")
        #expect(TerminalText.escapedKeepingLines("one\r\ntwo\n\tthree\u{1B}[2J") == "one\ntwo\n\tthree\\u{1B}[2J")
        #expect(TerminalText.escapedKeepingLines("lone\rreturn") == "lone\\u{0D}return")
    }

    @Test func noLineStartsWithAWorkflowCommand() {
        #expect(TerminalText.escaped("::error file=a::b") == "\\::error file=a::b")
        #expect(TerminalText.escaped("  ::add-mask::x") == "  \\::add-mask::x")
        #expect(TerminalText.escaped("\u{A0}::x") == "\u{A0}\\::x", "a no-break space is white space to the runner")
        #expect(TerminalText.escaped("a ::b") == "a ::b")
        #expect(
            TerminalText.escapedKeepingLines("ok\n::warning::x\n ::notice::y") == "ok\n\\::warning::x\n \\::notice::y")
        #expect(TerminalText.escaped(":") == ":")
    }

    /// The escaped text against a plain reading of the rule, on generated strings.
    @Test func escapingAgreesWithThePlainRule() {
        var rng = SystemRandomNumberGenerator()
        let pieces = [
            "a", " ", "\t", "\n", "\r", "\r\n", ":", "::", "\u{1B}", "\u{07}", "\u{7F}", "\u{9B}", "é", "e\u{301}",
            "株", "\u{2028}", "\u{A0}", "\u{3000}",
        ]
        for _ in 0..<3000 {
            let s = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            for keep in [false, true] {
                let out = keep ? TerminalText.escapedKeepingLines(s) : TerminalText.escaped(s)
                for scalar in out.unicodeScalars where TerminalText.isControl(scalar) {
                    #expect(
                        keep && (scalar == "\n" || scalar == "\t"),
                        "raw control \(scalar.value) in \(out.debugDescription)")
                }
                for line in out.split(separator: "\n", omittingEmptySubsequences: false) {
                    #expect(!line.drop(while: { $0.isWhitespace }).hasPrefix("::"), "\(out.debugDescription)")
                }
                // Nothing else changes: the text without the escapes reads as the input.
                var back = out.replacingOccurrences(of: "\\::", with: "::")
                for v in 0..<0xA0 where v < 0x20 || v >= 0x7F {
                    let hex = String(v, radix: 16, uppercase: true)
                    back = back.replacingOccurrences(
                        of: "\\u{\(hex.count < 2 ? "0" : "")\(hex)}", with: String(UnicodeScalar(UInt8(v))))
                }
                let expected = keep ? s.replacingOccurrences(of: "\r\n", with: "\n") : s
                #expect(
                    Array(back.unicodeScalars) == Array(expected.unicodeScalars),
                    "\(s.debugDescription) → \(out.debugDescription)")
            }
        }
    }

    /// Carets stay under what they point at when the line holds an escaped control character.
    @Test func caretsLineUpAfterAnEscapedControl() {
        let text = "---\naccount: \"A\u{1B}B\"\nowner: x\n---\n"
        let file = FileDiagnostics(
            path: "accounts/test.md", source: SourceFile(path: "accounts/test.md", text: text),
            diagnostics: [Diagnostic(.invalidValue, "x", at: SourceRange(13, 18))])
        let lines = TextRenderer(color: false).render(file.diagnostics[0], in: file).split(separator: "\n")
        #expect(lines[1] == "  2 | account: \"A\\u{1B}B\"")
        #expect(
            lines[2] == "    | " + String(repeating: " ", count: 9) + String(repeating: "^", count: 10),
            "the carets span the six columns of the escape")
    }

    /// A repository whose values and file names carry escapes, newlines and workflow commands,
    /// through every human-readable output.
    @Test func hostileNotesReachNoTerminalRaw() throws {
        let evil = """
            ---
            account: "Evil\\e]0;pwned\\a Corp\\n::error file=x::owned"
            owner: "dana\\rX"
            stage: discvery
            next_step: "Call\\u001b[2J them"
            ---

            # Evil

            ## Why they are buying
            ::warning::boom
            Assumption: \u{1B}[31mred\u{1B}[0m they want it
            """
        let repo = try GitRepo([
            "fieldnotes.yml": "accounts: accounts/**/*.md\n", "accounts/evil.md": evil,
            "accounts/::error file=a::b\u{1B}[2J.md": "---\naccount: X\nowner: y\nstage: nope\n---\n",
        ])
        try repo.write("accounts/evil.md", evil.replacingOccurrences(of: "stage: discvery", with: "stage: discovery"))
        try repo.git("commit", "-qam", "stage")
        let commands: [[String]] = [
            ["check"], ["check", "--format", "github"], ["missing"], ["missing", "--format", "markdown"],
            ["summary"], ["summary", "--format", "markdown"], ["changes", "--since", "HEAD~1"],
            ["changes", "--since", "HEAD~1", "--format", "markdown"],
        ]
        for command in commands {
            let run = try runBinary(command + ["--as-of", "2026-11-20"], in: repo.url)
            #expect(run.status != 2, "\(command): \(run.stderr)")
            #expect(
                (run.stdout + run.stderr).contains("\\u{1B}"),
                "\(command) shows the hostile text, escaped: \(run.stdout)")
            for (name, output) in [("stdout", run.stdout), ("stderr", run.stderr)] {
                for scalar in output.unicodeScalars where TerminalText.isControl(scalar) && scalar != "\n" {
                    Issue.record("\(command) \(name): raw control \(scalar.value)")
                }
                for line in output.split(separator: "\n") {
                    let start = line.drop(while: { $0 == " " })
                    if command.contains("github") && name == "stdout" && !line.isEmpty {
                        #expect(
                            line.hasPrefix("::error file=") || line.hasPrefix("::warning file=")
                                || line.hasPrefix("::notice file="), "\(line)")
                    } else {
                        #expect(!start.hasPrefix("::"), "\(command) \(name): \(line)")
                    }
                }
            }
        }
    }
}
