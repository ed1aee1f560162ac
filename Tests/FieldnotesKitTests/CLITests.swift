import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// A temporary notes repository, removed when the test ends.
final class TempRepo {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-test-\(UUID().uuidString)")
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

let validNote = """
    ---
    account: Binford Tools
    owner: dana.reyes
    stage: prospecting
    ---

    # Binford Tools

    ## What changed
    New plant manager since October.

    ## Current feedback
    Samples passed their first checks.

    """

@Suite struct CheckCommandTests {
    @Test func templateText() throws {
        let run = runCLI(["check", "notes-template", "--as-of", "2026-11-20"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        try assertGolden(run.stdout, "check/template.txt")
    }

    @Test func templateJSON() throws {
        let run = runCLI(["check", "notes-template", "--as-of", "2026-11-20", "--format", "json"])
        #expect(run.status == 0)
        try assertGolden(run.stdout, "check/template.json")
        // It is valid JSON with the contract's keys.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["files"] == 3)
        let first = try #require((object["diagnostics"] as? [[String: Any]])?.first)
        // A diagnostic with notes has them after its help.
        #expect(
            Set(first.keys) == [
                "path", "line", "column", "end_line", "end_column", "severity", "rule", "message", "help", "notes",
            ])
        let last = try #require((object["diagnostics"] as? [[String: Any]])?.last)
        #expect(
            Set(last.keys) == [
                "path", "line", "column", "end_line", "end_column", "severity", "rule", "message", "help",
            ])
    }

    @Test func theBinaryPrintsTheSameBytes() throws {
        for format in ["text", "json"] {
            let binary = try runBinary(["check", "notes-template", "--as-of", "2026-11-20", "--format", format])
            let inProcess = runCLI(["check", "notes-template", "--as-of", "2026-11-20", "--format", format])
            #expect(binary.status == 0)
            #expect(binary.stdout == inProcess.stdout)
            #expect(!binary.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        }
    }

    @Test func badNoteEndToEnd() throws {
        let repo = try TempRepo([
            "fieldnotes.yml": "stale_after_days: 30\n",
            "accounts/binford.md": validNote.replacingOccurrences(of: "stage: prospecting", with: "stage: discvery"),
            "accounts/acme.md": "# Acme\n\nNo front matter here.\n",
            "accounts/good.md": validNote,
        ])
        let run = try runBinary(["check", "--as-of", "2026-11-20"], in: repo.url)
        #expect(run.status == 1)
        #expect(
            run.stdout == """
                accounts/acme.md:1:1: error[front-matter-missing]: the file does not start with '---' front matter
                  1 | # Acme
                    | ^^^
                  = help: start the file with a '---' line, the account's fields (account, owner, stage, …), \
                then a closing '---' line

                accounts/binford.md:4:8: error[invalid-value]: unknown stage 'discvery'
                  4 | stage: discvery
                    |        ^^^^^^^^
                  = help: did you mean 'discovery'?

                2 errors, 0 warnings in 2 of 3 files
                1 of them has a fix that 'fieldnotes fix' applies ('fieldnotes fix --diff' shows it first)

                """)
        let json = try runBinary(["check", "--as-of", "2026-11-20", "--format", "json"], in: repo.url)
        #expect(json.status == 1)
        #expect(
            json.stdout.contains(
                """
                      "path": "accounts/binford.md",
                      "line": 4,
                      "column": 8,
                      "end_line": 4,
                      "end_column": 16,
                      "severity": "error",
                      "rule": "invalid-value",
                      "message": "unknown stage 'discvery'",
                      "help": "did you mean 'discovery'?"
                """))
    }

    @Test func exitStatusAndStrict() throws {
        let repo = try TempRepo(["accounts/a.md": validNote + "\n## What changed\nagain\n"])
        let run = runCLI(["check", "--as-of", "2026-11-20"], in: repo.url)
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("0 errors, 1 warning in 1 file\n"))
        #expect(runCLI(["check", "--strict", "--as-of", "2026-11-20"], in: repo.url).status == 1)
        let quiet = runCLI(["check", "--quiet", "--as-of", "2026-11-20"], in: repo.url)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
    }

    @Test func colourOnlyOnATerminal() throws {
        let repo = try TempRepo(["accounts/a.md": validNote.replacingOccurrences(of: "prospecting", with: "discvery")])
        #expect(runCLI(["check"], in: repo.url, terminal: true).stdout.contains("\u{1B}[1;31merror"))
        #expect(
            !runCLI(["check"], in: repo.url, variables: ["NO_COLOR": "1"], terminal: true).stdout.contains("\u{1B}["))
        #expect(!runCLI(["check", "--no-color"], in: repo.url, terminal: true).stdout.contains("\u{1B}["))
        #expect(!runCLI(["check"], in: repo.url, terminal: false).stdout.contains("\u{1B}["))
    }

    @Test func findsTheRepositoryFromASubfolder() throws {
        let run = runCLI(["check", "--as-of", "2026-11-20"], in: Project.template.appendingPathComponent("accounts"))
        #expect(run.stdout.hasSuffix(" of 3 files\n"))
        #expect(run.stdout.contains("accounts/initech.md:"))
    }

    @Test func withoutAConfigTheBuiltInDefaultsApply() throws {
        let repo = try TempRepo([
            "accounts/a.md": validNote, "accounts/_template.md": "not checked", "notes.md": "not an account",
        ])
        let run = runCLI(["check", "--as-of", "2026-11-20"], in: repo.url)
        #expect(run.status == 0)
        #expect(run.stdout == "no problems in 1 file\n")
    }

    @Test func explicitFilesAndFolders() throws {
        let repo = try TempRepo([
            "fieldnotes.yml": "", "accounts/a.md": validNote, "accounts/east/b.md": validNote, "other/c.md": validNote,
        ])
        #expect(runCLI(["check", "accounts/east"], in: repo.url).stdout.hasSuffix("in 1 file\n"))
        #expect(runCLI(["check", "other/c.md", "accounts/a.md"], in: repo.url).stdout.hasSuffix("in 2 files\n"))
        let missing = runCLI(["check", "nope.md"], in: repo.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or folder 'nope.md'"))
    }

    @Test func noAccountsIsAWarningNotAFailure() throws {
        let repo = try TempRepo(["fieldnotes.yml": "accounts: notes/*.md\n"])
        let run = runCLI(["check"], in: repo.url)
        #expect(run.status == 0)
        #expect(run.stderr.contains("no account files match 'notes/*.md'"))
    }

    @Test func oneBadFileNeverHidesTheOthers() throws {
        let repo = try TempRepo([
            "accounts/a.md": "---\naccount: [\n",
            "accounts/b.md": String(repeating: "x", count: 10),
            "accounts/c.md": validNote.replacingOccurrences(of: "owner: dana.reyes\n", with: ""),
        ])
        try FileManager.default.createSymbolicLink(
            atPath: repo.url.appendingPathComponent("accounts/d.md").path, withDestinationPath: "/nonexistent/file.md")
        let run = runCLI(["check", "--format", "json"], in: repo.url)
        #expect(run.status == 1)
        for (path, rule) in [
            ("accounts/a.md", "front-matter-unclosed"), ("accounts/b.md", "front-matter-missing"),
            ("accounts/c.md", "missing-field"), ("accounts/d.md", "encoding"),
        ] {
            #expect(
                run.stdout.contains("\"path\": \"\(path)\"") && run.stdout.contains("\"rule\": \"\(rule)\""),
                "\(path) \(rule)")
        }
    }

    @Test func configOption() throws {
        let repo = try TempRepo([
            "team/settings.yml": "accounts: '*.md'\nseverity:\n  invalid-value: warning\n",
            "team/a.md": validNote.replacingOccurrences(of: "prospecting", with: "discvery"),
        ])
        let run = runCLI(["check", "--config", "team/settings.yml"], in: repo.url)
        #expect(run.status == 0)
        #expect(run.stdout.contains("a.md:4:8: warning[invalid-value]"))
    }

    @Test func severityOverridesApply() throws {
        let repo = try TempRepo([
            "fieldnotes.yml": "severity:\n  unknown-field: error\n  invalid-value: off\n",
            "accounts/a.md": validNote.replacingOccurrences(
                of: "stage: prospecting", with: "stage: discvery\nregion: west"),
        ])
        let run = runCLI(["check"], in: repo.url)
        #expect(run.status == 1)
        #expect(run.stdout.contains("error[unknown-field]: unknown field 'region'"))
        #expect(!run.stdout.contains("invalid-value"))
    }
}

@Suite struct ConfigErrorTests {
    @Test func badConfigIsLocatedAndExits2() throws {
        let repo = try TempRepo([
            "fieldnotes.yml":
                "stale_after: 30\nseverity:\n  unanswerd-question: off\n  invalid-value: loud\nfields:\n"
                + "  tier: { type: enum }\n  region: { type: strng }\n  stage: { type: string }\n"
                + "stale_after_days: soon\n",
            "accounts/a.md": validNote,
        ])
        let run = runCLI(["check"], in: repo.url)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        try assertGolden(run.stderr, "check/bad-config.txt")
    }

    @Test func malformedConfigYAML() throws {
        let repo = try TempRepo([
            "fieldnotes.yml": "severity:\n\tunanswered-question: off\n", "accounts/a.md": validNote,
        ])
        let run = runCLI(["check"], in: repo.url)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("fieldnotes.yml:2:1: error: tab character used for indentation"), "\(run.stderr)")
    }

    @Test func badChecklistIsLocatedAndExits2() throws {
        let repo = try TempRepo([
            "checklist.yml": """
            questions:
              - id: decision_process
                ask: How do they decide?
                category: Decision
                from: discvery
                section: Decision process
              - id: Budget
                ask: Is it funded?
                category: Commercial
                from: discovery
                feild: budget
              - id: champion
                ask: Who sells for us?
                category: People
                from: solution
                field: contact
                where: { roles: champion }
              - id: decision_process
                ask: again
                category: Decision
                from: discovery
                section: x
                min: 2

            """,
            "accounts/a.md": validNote,
        ])
        let run = runCLI(["check"], in: repo.url)
        #expect(run.status == 2)
        try assertGolden(run.stderr, "check/bad-checklist.txt")
    }

    @Test func unknownChecklistFieldIsReported() throws {
        let repo = try TempRepo([
            "checklist.yml":
                "questions:\n  - id: champion\n    ask: Who sells for us?\n    category: People\n"
                + "    from: solution\n    field: contact\n    where: { roles: champion }\n",
            "accounts/a.md": validNote,
        ])
        let run = runCLI(["check"], in: repo.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("checklist.yml:6:12: error: question 'champion' names an unknown field 'contact'"))
        #expect(run.stderr.contains("did you mean 'contacts'?"))
    }

    @Test func missingChecklistFile() throws {
        let repo = try TempRepo(["fieldnotes.yml": "checklist: team-checklist.yml\n", "accounts/a.md": validNote])
        let run = runCLI(["check"], in: repo.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("the checklist 'team-checklist.yml' named in fieldnotes.yml does not exist"))
    }

    @Test func teamFieldsAreChecked() throws {
        let repo = try TempRepo([
            "fieldnotes.yml":
                "fields:\n  tier: { type: enum, values: [a, b, c] }\n"
                + "  segment: { type: string, required: prospecting }\n  renewal: { type: date }\n",
            "accounts/a.md": validNote.replacingOccurrences(
                of: "stage: prospecting", with: "stage: prospecting\ntier: d\nrenewal: 2026-13-01"),
        ])
        let run = runCLI(["check", "--format", "json"], in: repo.url)
        #expect(run.status == 1)
        #expect(run.stdout.contains("unknown tier 'd'"))
        #expect(run.stdout.contains("missing field 'segment'"))
        #expect(run.stdout.contains("no such day '2026-13-01'"))
    }
}

@Suite struct CommandLineTests {
    @Test func versionAndHelp() throws {
        #expect(runCLI(["--version"]).stdout == "fieldnotes \(Version.current)\n")
        let help = runCLI(["--help"])
        #expect(help.status == 0)
        try assertGolden(help.stdout, "cli/help.txt")
        #expect(runCLI([]).stdout == help.stdout)
        let checkHelp = runCLI(["check", "--help"])
        #expect(checkHelp.status == 0)
        try assertGolden(checkHelp.stdout, "cli/check-help.txt")
        #expect(runCLI(["help", "check"]).stdout == checkHelp.stdout)
        #expect(runCLI(["check", "-h"]).stdout == checkHelp.stdout)
        try assertGolden(runCLI(["explain", "--help"]).stdout, "cli/explain-help.txt")
    }

    @Test func badFlagsGetADidYouMean() {
        let run = runCLI(["check", "--fromat", "json"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr
                == "error: unknown option '--fromat'\n  = help: did you mean '--format'?\n"
                + "See 'fieldnotes check --help'.\n"
        )
        let value = runCLI(["check", "--format", "jsn"])
        #expect(value.status == 2)
        #expect(value.stderr.contains("invalid value 'jsn' for '--format'"))
        #expect(value.stderr.contains("did you mean 'json'?"))
        let missing = runCLI(["check", "--format"])
        #expect(missing.status == 2 && missing.stderr.contains("missing value for '--format <format>'"))
        let command = runCLI(["chek"])
        #expect(command.status == 2)
        #expect(
            command.stderr
                == "error: unknown command 'chek'\n  = help: did you mean 'check'?\nSee 'fieldnotes --help'.\n")
        let date = runCLI(["check", "--as-of", "2026-02-30"])
        #expect(date.status == 2 && date.stderr.contains("February 2026 has 28 days"))
        #expect(runCLI(["check", "--strict=yes"]).status == 2)
        #expect(runCLI(["explain", "a", "b"]).stderr.contains("unexpected argument 'b'"))
        #expect(runCLI(["--verison"]).stderr.contains("did you mean '--version'?"))
    }

    @Test func optionForms() throws {
        let a = runCLI(["check", "notes-template", "--format=json", "--as-of=2026-11-20"])
        let b = runCLI(["check", "--format", "json", "--as-of", "2026-11-20", "--", "notes-template"])
        #expect(a.status == 0 && a.stdout == b.stdout)
    }

    @Test func explain() throws {
        let list = runCLI(["explain"])
        #expect(list.status == 0)
        try assertGolden(list.stdout, "cli/explain.txt")
        for rule in Rule.allCases { #expect(list.stdout.contains(rule.rawValue)) }
        let one = runCLI(["explain", "invalid-value"])
        #expect(one.status == 0)
        try assertGolden(one.stdout, "cli/explain-invalid-value.txt")
        let typo = runCLI(["explain", "invalid-valu"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 'invalid-value'?"))
    }
}

@Suite struct ChecklistConditionTests {
    /// Conditions name fields and values that must exist, or a question could never be answered.
    @Test func conditionsAreValidated() throws {
        let repo = try TempRepo([
            "checklist.yml": """
            questions:
              - id: economic_buyer
                ask: Who gives the final yes?
                category: People
                from: discovery
                field: contacts
                where: { roles: economic_buyr }
              - id: contact_roles
                ask: What is each person's role?
                category: People
                from: discovery
                field: contacts
                each: role
              - id: pain
                ask: Is the pain confirmed?
                category: Need
                from: discovery
                field: pain
                not: [unknwn, assumed]
              - id: tags
                ask: Tagged?
                category: Other
                from: discovery
                field: tags
                where: { name: x }

            """,
            "accounts/a.md": validNote,
        ])
        let run = runCLI(["check"], in: repo.url)
        #expect(run.status == 2)
        try assertGolden(run.stderr, "check/bad-checklist-conditions.txt")
    }
}

@Suite struct ParseCommandTests {
    @Test func frontMatterAsJSON() throws {
        let run = runCLI(["parse", "accounts/initech.md"], in: Project.template)
        #expect(run.status == 0)
        try assertGolden(run.stdout, "parse/initech.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["last_contact"] as? String == "2026-11-10")
    }

    @Test func textIsNeverTyped() throws {
        let repo = try TempRepo([
            "a.md": "---\nincumbent: no\nvalue: 1.0\nempty:\nquoted: 'it''s'\nfolded: >\n  a\n  b\n---\n"
        ])
        let run = runCLI(["parse", "a.md"], in: repo.url)
        #expect(
            run.stdout
                == "{\n  \"incumbent\": \"no\",\n  \"value\": \"1.0\",\n  \"empty\": null,\n"
                + "  \"quoted\": \"it's\",\n  \"folded\": \"a b\\n\"\n}\n"
        )
    }

    @Test func severalFilesAndRanges() throws {
        let repo = try TempRepo(["a.md": "---\nx: 1\n---\n", "b.md": "---\ny: [2]\n---\n", "c.yml": "z: |\n  text\n"])
        #expect(
            runCLI(["parse", "a.md", "b.md"], in: repo.url).stdout
                == "{\n  \"a.md\": {\n    \"x\": \"1\"\n  },\n  \"b.md\": {\n    \"y\": [\n      \"2\"\n    ]\n  }\n}\n"
        )
        #expect(runCLI(["parse", "--yaml", "c.yml"], in: repo.url).stdout == "{\n  \"z\": \"text\\n\"\n}\n")
        #expect(
            runCLI(["parse", "--ranges", "b.md"], in: repo.url).stdout
                == "mapping @2:1-2:7\n  key @2:1-2:2 \"y\"\n    sequence @2:4-2:7\n      plain @2:5-2:6 \"2\"\n")
    }

    @Test func badInput() throws {
        let repo = try TempRepo([
            "bad.md": "---\nstage: &a discovery\n---\n", "none.md": "no front matter\n", "ok.md": "---\na: b\n---\n",
        ])
        let run = runCLI(["parse", "bad.md", "none.md", "ok.md"], in: repo.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad.md:2:8: error[yaml-unsupported]: YAML anchors ('&') are not supported"))
        #expect(run.stderr.contains("none.md:1:1: error[front-matter-missing]"))
        #expect(run.stdout.contains("\"ok.md\""))
        #expect(runCLI(["parse", "missing.md"], in: repo.url).status == 2)
        #expect(runCLI(["parse"], in: repo.url).stderr.contains("missing argument '<files>'"))
    }
}
