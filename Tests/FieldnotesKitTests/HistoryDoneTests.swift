import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// The test history (`HistoryFixtures.binford()`) through the commands a manager runs on Monday:
/// every slip it holds is said in `history` and `summary`, in every format, from one engine.
@Suite struct HistoryDoneTests {
    static let asOf = ["--as-of", "2026-11-30"]

    /// What each slip looks like in any format: its id or words, and the +92 days in total.
    static let slips = [
        "decision-date-pushed", "+92 days", "stage-regressed", "key-contact-removed", "Raj Patel",
        "late-decision-maker", "Susan Ng", "downgraded",
    ]

    @Test(arguments: ["text", "markdown", "json", "html"])
    func summarySaysEverySlip(format: String) throws {
        let repo = try HistoryFixtures.binford()
        let run = runCLI(["summary", "--format", format] + Self.asOf, in: repo.url)
        #expect(run.status == 0, "\(run.stderr)")
        var said = run.stdout
        if format == "html" { said = said.replacingOccurrences(of: "&#43;", with: "+") }
        // The page and the tables give the flag's id; why (with the +92 days) is in JSON, the
        // brief, and the page's hover text.
        for slip in [
            "decision-date-pushed", "stage-regressed", "key-contact-removed", "late-decision-maker", "downgraded",
        ] {
            #expect(said.contains(slip), "\(format): \(slip)")
        }
        if format == "json" || format == "html" {
            #expect(said.contains("decision date pushed 3 times: 2026-11-15 → 2027-02-15 (+92 days)"), "\(format)")
        }
        // Binford is at risk: two critical flags from its history.
        if format == "json" {
            let json = try JSONParser.parse(run.stdout)
            let binford = try #require(
                json["accounts"]?.array?.first { $0["path"]?.string == "accounts/binford-tools.md" })
            let critical = binford["risks"]?.array?.filter { $0["severity"]?.string == "critical" }.compactMap {
                $0["id"]?.string
            }
            #expect(critical == ["decision-date-pushed", "key-contact-removed"])
        }
    }

    @Test(arguments: ["text", "markdown", "json"])
    func historyTellsEveryMove(format: String) throws {
        let repo = try HistoryFixtures.binford()
        let run = runCLI(["history", "accounts/binford-tools.md", "--format", format] + Self.asOf, in: repo.url)
        #expect(run.status == 0, "\(run.stderr)")
        for said in [
            "2026-11-15 → 2026-12-15 (+30 days)", "2026-12-15 → 2027-01-15 (+31 days)",
            "2027-01-15 → 2027-02-15 (+31 days)", "proposal → solution (back)", "preferred → contender (down)",
            "approved → planned (down)", "contact removed: Raj Patel", "contact added: Susan Ng",
        ] {
            #expect(run.stdout.contains(said), "\(format): \(said)")
        }
    }

    @Test func theBriefSaysWhyWithTheDays() throws {
        let repo = try HistoryFixtures.binford()
        let brief = runCLI(["brief", "accounts/binford-tools.md"] + Self.asOf, in: repo.url).stdout
        #expect(brief.contains("decision date pushed 3 times: 2026-11-15 → 2027-02-15 (+92 days)"))
        #expect(brief.contains("Raj Patel (champion) removed on 2026-11-10"))
        #expect(brief.contains("Susan Ng became economic buyer at solution on 2026-11-10"))
        #expect(brief.contains("at stage since 2026-10-10 (51 days)"))
    }

    @Test func changesOverTheWindowTellsEveryEventNotTheEnds() throws {
        let repo = try HistoryFixtures.binford()
        let json = try JSONParser.parse(
            runCLI(["changes", "--since", "2026-09-02", "--format", "json"] + Self.asOf, in: repo.url).stdout)
        let binford = try #require(json["accounts"]?.array?.first { $0["path"]?.string == "accounts/binford-tools.md" })
        let events = try #require(binford["changes"]?.array)
        let pushes = events.filter { $0["kind"]?.string == "decision-date-pushed" }
        #expect(pushes.map { $0["old"]?.string ?? "" } == ["2026-11-15", "2026-12-15", "2027-01-15"])
        #expect(pushes.map { $0["new"]?.string ?? "" } == ["2026-12-15", "2027-01-15", "2027-02-15"])
        #expect(events.contains { $0["kind"]?.string == "stage-back" && $0["new"]?.string == "solution" })
        #expect(events.filter { $0["kind"]?.string == "downgraded" }.count == 2)
    }
}
