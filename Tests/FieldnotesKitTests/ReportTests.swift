import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Golden tests for missing, brief and summary, on the template and on fixtures with gaps,
/// assumptions, errors and every risk flag (Fixtures/reports).
struct ReportTests {
    static let reports = Project.fixtures.appendingPathComponent("reports")

    static let goldenRuns: [(name: String, args: [String])] = [
        ("missing-template.txt", ["missing", "--as-of", "2026-11-20"]),
        ("missing-template.md", ["missing", "--format", "markdown", "--next"]),
        ("missing-template.json", ["missing", "--format", "json", "--next"]),
        ("brief-template.md", ["brief", "--as-of", "2026-11-20"]),
        ("brief-template.json", ["brief", "--format", "json"]),
        ("summary-template.txt", ["summary", "--format", "text", "--as-of", "2026-11-20"]),
        ("summary-template.md", ["summary", "--format", "markdown"]),
        ("summary-template.json", ["summary", "--format", "json", "--as-of", "2026-11-20"]),
    ]

    @Test(arguments: goldenRuns.map(\.name))
    func template(_ name: String) throws {
        // The template is inside the project's repository: its output must not follow the project's commits.
        let args = Self.goldenRuns.first { $0.name == name }!.args + ["--no-history"]
        let run = runCLI(args, in: Project.template)
        #expect(run.status == 0, "\(run.stderr)")
        try assertGolden(run.stdout, "reports/\(name)")
    }

    @Test(arguments: ["missing", "brief", "summary"])
    func fixturesWithGapsErrorsAndEveryRisk(_ command: String) throws {
        let formats = command == "brief" ? ["markdown", "json"] : ["text", "markdown", "json"]
        for format in formats {
            let run = runCLI([command, "--no-history", "--format", format, "--as-of", "2026-11-20"], in: Self.reports)
            #expect(run.status == 1, "the fixtures have errors: the report is complete, the status says so")
            try assertGolden(
                run.stdout,
                "reports/fixtures-\(command).\(format == "markdown" ? "md" : format == "json" ? "json" : "txt")")
        }
    }

    @Test func everyRiskFlagIsProduced() throws {
        let run = runCLI(["summary", "--no-history", "--format", "json", "--as-of", "2026-11-20"], in: Self.reports)
        // The history's flags need git: HistorySignalTests raises each of them.
        for flag in RiskFlag.allCases where !flag.needsHistory {
            #expect(run.stdout.contains("\"\(flag.rawValue)\""), "\(flag.rawValue)")
        }
    }

    @Test func theBriefOfTheExampleWithGapsNamesThem() throws {
        let brief = runCLI(["brief", "--no-history", "accounts/initech.md"], in: Project.template).stdout
        for gap in [
            "economic-buyer-not-met", "Harold Brandt (economic buyer): no last_met", "incumbent-competitor",
            "Who gives the final yes", "'Harold Brandt' (economic buyer) was never met",
            "Kessler Workholding **(incumbent)** |  |",
            "Assumption: José is ready to change supplier",
            "### What changed on their end\n\nHeard on Oct 28",
        ] {
            #expect(brief.contains(gap), "\(gap)")
        }
        // A section not written yet is not printed: its question is among the open ones when due.
        #expect(!brief.contains("Not known yet") && !brief.contains("### Decision criteria"))
    }

    @Test func aBrokenAccountStillGetsABriefWithItsErrorsFirst() throws {
        let brief = runCLI(["brief", "--no-history", "accounts/broken.md"], in: Self.reports).stdout
        #expect(brief.contains("> **The notes have errors; this brief shows what could be read.**"))
        #expect(brief.contains("## Risks\n\nNot evaluated: the stage is missing or not valid."))
        #expect(brief.contains("`accounts/broken.md:4:8: unknown stage 'discvery'`"))
        #expect(brief.contains("| Name | Roles |\n|---|---|\n| Ana Lima | champion |\n"), "\(brief)")
    }

    @Test func clockContentOnlyWithAsOf() throws {
        let without = runCLI(["summary", "--no-history", "--format", "json"], in: Self.reports).stdout
        #expect(!without.contains("\"stale\"") && !without.contains("decision-date-passed"))
        let brief = runCLI(["brief", "--no-history", "accounts/acme-risky.md"], in: Self.reports).stdout
        #expect(!brief.contains("days ago"))
        let dated = runCLI(
            ["brief", "--no-history", "accounts/acme-risky.md", "--as-of", "2026-11-20"], in: Self.reports
        ).stdout
        #expect(dated.contains("2026-08-01 (111 days ago)"))
        let today = runCLI(["summary", "--no-history", "--format", "json", "--as-of", "today"], in: Self.reports).stdout
        #expect(today.contains("\"stale\""))
        #expect(runCLI(["check", "--as-of", "today"], in: Self.reports).status == 1)
        // An error that depends on the date is not counted without --as-of.
        let repo = try TempRepo([
            "accounts/a.md": validNote.replacingOccurrences(
                of: "stage: prospecting", with: "stage: prospecting\nlast_contact: 2999-01-01")
        ])
        #expect(runCLI(["summary", "--format", "json"], in: repo.url).stdout.contains("\"errors\": 0"))
        #expect(
            runCLI(["summary", "--format", "json", "--as-of", "2026-11-20"], in: repo.url).stdout.contains(
                "\"errors\": 1"))
    }

    @Test func sameNotesSameBytes() throws {
        for args in [["missing", "--format", "json"], ["brief"], ["summary", "--format", "markdown"]] {
            let a = try runBinary(args + ["--no-history"], in: Project.template)
            let b = try runBinary(args + ["--no-history"], in: Project.template)
            #expect(a.stdout == b.stdout && !a.stdout.isEmpty)
            #expect(!a.stdout.contains("\r"))
        }
    }

    @Test func ownerFilter() throws {
        let run = runCLI(
            ["summary", "--no-history", "--format", "json", "--owner", "sam.okafor"], in: Project.template)
        #expect(run.stdout.contains("Initech") && !run.stdout.contains("Binford"))
        let typo = runCLI(["missing", "--no-history", "--owner", "sam.okafr"], in: Project.template)
        #expect(typo.stderr.contains("no accounts owned by 'sam.okafr'; did you mean 'sam.okafor'?"))
    }
}

/// `brief --out`: atomic, only changed files, marked, orphans removed, foreign files untouched.
struct BriefOutTests {
    func repo() throws -> TempRepo {
        var files: [String: String] = ["fieldnotes.yml": "briefs: briefs\n"]
        for file in EmbeddedTemplate.files where file.path.hasPrefix("accounts/") { files[file.path] = file.contents }
        return try TempRepo(files)
    }

    func modificationDates(_ dir: URL) -> [String: Date] {
        var out: [String: Date] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
            out[name] =
                (try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(name).path))?[
                    .modificationDate] as? Date
        }
        return out
    }

    @Test func writesOnlyWhatChanged() throws {
        let r = try repo()
        let first = runCLI(["brief", "--out"], in: r.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasSuffix("3 created, 0 updated, 0 removed, 0 unchanged\n"))
        let briefs = r.url.appendingPathComponent("briefs")
        let text = try String(contentsOf: briefs.appendingPathComponent("initech.md"), encoding: .utf8)
        #expect(
            text.hasPrefix("<!-- generated by fieldnotes from accounts/initech.md; edit the notes, not this file -->\n")
        )
        #expect(text == runCLI(["brief", "accounts/initech.md"], in: r.url).stdout)
        let dates = modificationDates(briefs)
        Thread.sleep(forTimeInterval: 0.05)
        let second = runCLI(["brief", "--out"], in: r.url)
        #expect(second.stdout == "0 created, 0 updated, 0 removed, 3 unchanged\n")
        #expect(modificationDates(briefs) == dates, "nothing is rewritten")
        #expect(runCLI(["brief", "--check"], in: r.url).status == 0)
        // No temporary files are left behind.
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: briefs.path)) == [
                "binford-tools.md", "initech.md", "ridgeline-pumps.md",
            ])
    }

    @Test func checkListsStaleMissingAndOrphaned() throws {
        let r = try repo()
        _ = runCLI(["brief", "--out"], in: r.url)
        try r.write(
            "accounts/initech.md",
            try String(contentsOf: r.url.appendingPathComponent("accounts/initech.md"), encoding: .utf8)
                .replacingOccurrences(of: "budget: unknown", with: "budget: planned"))
        try r.write("accounts/newco.md", validNote)
        try FileManager.default.removeItem(at: r.url.appendingPathComponent("accounts/ridgeline-pumps.md"))
        try r.write("briefs/notes-by-hand.md", "# My own notes\n")
        let check = runCLI(["brief", "--check"], in: r.url)
        #expect(check.status == 1)
        #expect(
            check.stdout
                == "stale: briefs/initech.md\nmissing: briefs/newco.md\n"
                + "orphaned: briefs/ridgeline-pumps.md (its account no longer exists)\n"
        )
        #expect(check.stderr.contains("run 'fieldnotes brief --out' and commit the result"))
        let write = runCLI(["brief", "--out"], in: r.url)
        #expect(
            write.stdout
                == "updated briefs/initech.md\ncreated briefs/newco.md\nremoved briefs/ridgeline-pumps.md\n"
                + "1 created, 1 updated, 1 removed, 1 unchanged\n"
        )
        // A file without the mark is never touched.
        #expect(
            try String(contentsOf: r.url.appendingPathComponent("briefs/notes-by-hand.md"), encoding: .utf8)
                == "# My own notes\n")
        #expect(runCLI(["brief", "--check"], in: r.url).status == 0)
    }

    @Test func neverOverwritesAFileItDidNotWrite() throws {
        let r = try repo()
        try r.write("briefs/initech.md", "# Hand-written\n")
        let run = runCLI(["brief", "--out"], in: r.url)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "'briefs/initech.md' exists and was not generated by fieldnotes: its brief was not written"))
        #expect(
            try String(contentsOf: r.url.appendingPathComponent("briefs/initech.md"), encoding: .utf8)
                == "# Hand-written\n")
        // The other briefs are still written, each whole.
        #expect(run.stdout.hasSuffix("2 created, 0 updated, 0 removed, 0 unchanged\n"))
        let check = runCLI(["brief", "--check"], in: r.url)
        #expect(check.status == 1)
        #expect(check.stdout == "conflict: briefs/initech.md (a file fieldnotes did not write is in the way)\n")
    }

    @Test func emptyFoldersOfRemovedBriefsGo() throws {
        let r = try repo()
        try r.write("accounts/east/acme.md", validNote)
        _ = runCLI(["brief", "--out"], in: r.url)
        #expect(FileManager.default.fileExists(atPath: r.url.appendingPathComponent("briefs/east/acme.md").path))
        try FileManager.default.removeItem(at: r.url.appendingPathComponent("accounts/east"))
        #expect(runCLI(["brief", "--out"], in: r.url).stdout.contains("removed briefs/east/acme.md"))
        #expect(!FileManager.default.fileExists(atPath: r.url.appendingPathComponent("briefs/east").path))
        #expect(FileManager.default.fileExists(atPath: r.url.appendingPathComponent("briefs").path))
    }

    @Test func refusesToWriteAmongTheAccounts() throws {
        let r = try repo()
        let run = runCLI(["brief", "--out=accounts/generated"], in: r.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("among the accounts"))
        #expect(runCLI(["brief", "--out", "--format", "json"], in: r.url).status == 2)
    }

    @Test func explicitFolderAndNestedAccounts() throws {
        let r = try repo()
        try r.write("accounts/east/acme.md", validNote)
        let run = runCLI(["brief", "--out=out/b"], in: r.url)
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: r.url.appendingPathComponent("out/b/east/acme.md").path))
    }
}
