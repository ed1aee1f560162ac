import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesSupport

/// `check --select`, `--ignore` (and `select:`/`ignore:`), `--statistics`, `--output-format`.
@Suite struct RuleSelectionTests {
    /// The template as of a day when Ridgeline is stale: unanswered questions and a stale contact.
    static let asOf = ["--as-of", "2026-12-01"]

    static func rules(_ run: Run) -> Set<String> {
        Set(
            run.stdout.split(separator: "\n").compactMap { line in
                guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"),
                    line.contains(": warning[") || line.contains(": error[")
                else { return nil }
                return String(line[line.index(after: open)..<close])
            })
    }

    @Test func selectNarrowsAndIgnoreRemoves() {
        let all = runCLI(["check", "--output-format", "concise"] + Self.asOf, in: Project.template)
        #expect(Self.rules(all) == ["unanswered-question", "stale-contact"])
        let selected = runCLI(
            ["check", "--output-format", "concise", "--select", "stale-contact"] + Self.asOf, in: Project.template)
        #expect(Self.rules(selected) == ["stale-contact"])
        #expect(selected.stdout.hasSuffix("0 errors, 1 warning in 1 of 3 files\n"))
        let ignored = runCLI(
            ["check", "--output-format", "concise", "--ignore", "unanswered-question"] + Self.asOf,
            in: Project.template)
        #expect(Self.rules(ignored) == ["stale-contact"])
        let both = runCLI(
            [
                "check", "--output-format", "concise", "--select", "stale-contact, unanswered-question", "--ignore",
                "stale-contact",
            ] + Self.asOf, in: Project.template)
        #expect(Self.rules(both) == ["unanswered-question"])
    }

    @Test func theConfigListsApplyAndTheCommandLineWins() throws {
        let notes = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: notes) }
        let config = notes.appendingPathComponent("fieldnotes.yml")
        let original = try String(contentsOf: config, encoding: .utf8)
        try (original + "\nignore: [unanswered-question]\n").write(to: config, atomically: true, encoding: .utf8)
        #expect(Self.rules(runCLI(["check", "--format", "concise"] + Self.asOf, in: notes)) == ["stale-contact"])
        // --ignore replaces the file's list.
        let replaced = runCLI(["check", "--format", "concise", "--ignore", "stale-contact"] + Self.asOf, in: notes)
        #expect(Self.rules(replaced) == ["unanswered-question"])
        try (original + "\nselect:\n  - unanswered-question\n").write(to: config, atomically: true, encoding: .utf8)
        #expect(Self.rules(runCLI(["check", "--format", "concise"] + Self.asOf, in: notes)) == ["unanswered-question"])
        let selected = runCLI(["check", "--format", "concise", "--select", "stale-contact"] + Self.asOf, in: notes)
        #expect(Self.rules(selected) == ["stale-contact"])
    }

    @Test func anUnknownRuleInTheConfigIsLocatedWithADidYouMean() throws {
        let repo = try TempRepo([
            "fieldnotes.yml": "select: [stale-contact, unanswerd-question]\nignore: stale-contakt\n",
            "accounts/a.md": validNote,
        ])
        let run = runCLI(["check"], in: repo.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("fieldnotes.yml:1:25: error: unknown rule 'unanswerd-question' in 'select'"))
        #expect(run.stderr.contains("did you mean 'unanswered-question'?"))
        #expect(run.stderr.contains("fieldnotes.yml:2:9: error: unknown rule 'stale-contakt' in 'ignore'"))
        #expect(run.stderr.contains("did you mean 'stale-contact'?"))
    }

    @Test func anUnknownRuleOnTheCommandLineIsAUsageError() {
        let run = runCLI(["check", "--select", "stale-contact,unknown-feild"], in: Project.template)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: unknown rule 'unknown-feild' in '--select'"))
        #expect(run.stderr.contains("did you mean 'unknown-field'?"))
        #expect(runCLI(["check", "--ignore", ","], in: Project.template).stderr.contains("'--ignore' names no rule"))
    }
}

@Suite struct StatisticsAndConciseTests {
    @Test func statisticsCountPerRuleMostFrequentFirst() throws {
        let run = runCLI(["check", "--statistics"] + RuleSelectionTests.asOf, in: Project.template)
        #expect(run.status == 0)
        #expect(
            run.stdout
                == "9  unanswered-question  warning\n1  stale-contact        warning\n\n"
                + "0 errors, 10 warnings in 2 of 3 files\n")
        let json = runCLI(
            ["check", "--statistics", "--output-format", "json"] + RuleSelectionTests.asOf, in: Project.template)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let counts = try #require(object["statistics"] as? [[String: Any]])
        #expect(counts.map { $0["rule"] as? String } == ["unanswered-question", "stale-contact"])
        #expect(counts.map { $0["count"] as? Int } == [9, 1])
        #expect((object["summary"] as? [String: Int])?["warnings"] == 10)
        let sarif = runCLI(["check", "--statistics", "--format", "sarif"], in: Project.template)
        #expect(sarif.status == 2)
    }

    @Test func equalCountsAreInRuleOrder() {
        let pending: [[StatisticsRenderer.Count]] = [
            [.init(rule: .unknownField, severity: .warning, count: 2)],
            [
                .init(rule: .invalidDate, severity: .error, count: 1),
                .init(rule: .unknownField, severity: .warning, count: 1),
            ],
            [.init(rule: .duplicateKey, severity: .error, count: 3)],
        ]
        let counts = StatisticsRenderer.counts(pending)
        #expect(counts.map(\.rule) == [.duplicateKey, .unknownField, .invalidDate])
        #expect(counts.map(\.count) == [3, 3, 1])
        #expect(
            StatisticsRenderer.text(counts)
                == "3  duplicate-key  error\n3  unknown-field  warning\n1  invalid-date   error\n")
    }

    @Test func conciseIsOneLinePerFinding() {
        let full = runCLI(["check"] + RuleSelectionTests.asOf, in: Project.template)
        let concise = runCLI(["check", "--output-format", "concise"] + RuleSelectionTests.asOf, in: Project.template)
        #expect(concise.status == full.status)
        let lines = concise.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let findings = lines.filter { $0.contains(": warning[") }
        #expect(findings.count == 10)
        #expect(lines.count == 12)  // the findings, the totals, the final line break
        #expect(
            findings.first
                == "accounts/initech.md:4:8: warning[unanswered-question]: 6 questions due at discovery have no section or field"
        )
        // Each is the first line of the full form's finding.
        for line in findings { #expect(full.stdout.contains(line + "\n  ")) }
        #expect(concise.stdout.hasSuffix("\n0 errors, 10 warnings in 2 of 3 files\n"))
    }

    @Test func formatIsTheSynonymOfOutputFormat() {
        for value in ["concise", "json", "full", "text"] {
            let a = runCLI(["check", "--format", value, "--as-of", "2026-11-20"], in: Project.template)
            let b = runCLI(["check", "--output-format", value, "--as-of", "2026-11-20"], in: Project.template)
            #expect(a.stdout == b.stdout && a.status == b.status, "\(value)")
        }
        #expect(
            runCLI(["check", "--format", "text"], in: Project.template).stdout
                == runCLI(["check", "--output-format", "full"], in: Project.template).stdout)
        let both = runCLI(["check", "--format", "json", "--output-format", "json"], in: Project.template)
        #expect(both.status == 0)
        let clash = runCLI(["check", "--format", "json", "--output-format", "sarif"], in: Project.template)
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("disagree"))
    }
}

/// `--help` and the full form on a terminal, at the terminal's width.
@Suite struct WrappingTests {
    @Test func helpIsWrappedToTheTerminalWidthWithAHangingIndent() {
        for width in [40, 60, 80, 100] {
            for command in CLI.commands.map(\.spec.name) + [""] {
                let args = command.isEmpty ? ["--help"] : [command, "--help"]
                let help = runCLI(args, variables: ["COLUMNS": String(width)]).stdout
                for line in help.split(separator: "\n") where line.count > width {
                    // Only a word longer than the line may stick out, alone on its line.
                    #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "\(command) at \(width): \(line)")
                }
            }
        }
        let help = runCLI(["check", "--help"], variables: ["COLUMNS": "60"]).stdout
        // An option's text goes on under its first line, not under the option's name.
        let lines = help.split(separator: "\n").map(String.init)
        let select = try? #require(lines.firstIndex { $0.hasPrefix("  --select <rules>") })
        #expect(select.map { lines[$0 + 1].hasPrefix(String(repeating: " ", count: 20)) } == true)
        // Without COLUMNS and a terminal: 80.
        #expect(
            runCLI(["check", "--help"]).stdout == runCLI(["check", "--help"], variables: ["COLUMNS": "80"]).stdout)
        #expect(
            runCLI(["check", "--help"], variables: ["COLUMNS": "500"]).stdout.split(separator: "\n").allSatisfy {
                $0.count <= 100
            })
    }

    @Test func theFullFormWrapsHelpAndNotesOnATerminalOnly() {
        let args = ["check", "--no-color", "--as-of", "2026-11-20"]
        let terminal = runCLI(args, in: Project.template, variables: ["COLUMNS": "70"], terminal: true).stdout
        for line in terminal.split(separator: "\n") where line.hasPrefix("  = ") || line.hasPrefix("          ") {
            #expect(line.count <= 70, "\(line)")
        }
        #expect(
            terminal.contains(
                "  = help: ask the customer, then write each answer where its note\n          below says;"))
        let piped = runCLI(args, in: Project.template, variables: ["COLUMNS": "70"]).stdout
        #expect(piped.split(separator: "\n").contains { $0.count > 200 })
        // The same words either way.
        func words(_ s: String) -> [Substring] { s.split(whereSeparator: { $0 == " " || $0 == "\n" }) }
        #expect(words(terminal) == words(piped))
    }
}
