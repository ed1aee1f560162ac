import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// `summary` as the Monday pipeline review: open value per currency, decision dates, the sorts,
/// the closed deals after the open pipeline, and a row per opportunity.
@Suite struct PipelineReviewTests {
    // MARK: - Goldens of the template

    static let goldenRuns: [(name: String, args: [String])] = [
        ("summary-sort-decision.md", ["summary", "--format", "markdown", "--sort", "decision"]),
        ("summary-sort-value.md", ["summary", "--format", "markdown", "--sort", "value"]),
        ("summary-sort-account.md", ["summary", "--format", "markdown", "--sort", "account"]),
        ("summary-sort-owner.md", ["summary", "--format", "markdown", "--sort", "owner"]),
        (
            "summary-by-opportunity.txt",
            ["summary", "--format", "text", "--by", "opportunity", "--as-of", "2026-11-30"]
        ),
        ("summary-by-opportunity.json", ["summary", "--format", "json", "--by", "opportunity", "--sort", "decision"]),
        (
            "summary-by-opportunity-value.md",
            ["summary", "--format", "markdown", "--by", "opportunity", "--sort", "value"]
        ),
    ]

    @Test(arguments: goldenRuns.map(\.name))
    func template(_ name: String) throws {
        // The template is inside the project's repository: its output must not follow the project's commits.
        let args = Self.goldenRuns.first { $0.name == name }!.args + ["--no-history"]
        let run = runCLI(args, in: Project.template)
        #expect(run.status == 0, "\(run.stderr)")
        try assertGolden(run.stdout, "reports/\(name)")
    }

    /// An owner whose name is a stage id is still shown as written: only stage totals read as labels.
    @Test func anOwnerNamedLikeAStageIsShownAsWritten() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("accounts/initech.md")
        try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
            of: "owner: sam.okafor", with: "owner: discovery"
        ).write(to: file, atomically: true, encoding: .utf8)
        let run = runCLI(["summary", "--format", "markdown"], in: dir)
        #expect(run.stdout.contains("\n| discovery | 1 | 14 |"), "\(run.stdout)")
        #expect(run.stdout.contains("\n| Discovery | 1 | 14 |"))
    }

    @Test func htmlPageOfOpportunities() throws {
        let run = runCLI(
            ["summary", "--no-history", "--format", "html", "--by", "opportunity", "--sort", "value"],
            in: Project.template)
        try assertGolden(run.stdout, "html/pipeline-by-opportunity.html")
    }

    /// The text reads in a terminal: no line of the template's summary is wider than 120 columns.
    @Test func textFitsATerminal() {
        for by in SummaryRows.allCases {
            let text = runCLI(
                ["summary", "--no-history", "--format", "text", "--by", by.rawValue], in: Project.template
            ).stdout
            for line in text.split(separator: "\n") {
                #expect(TextRenderer.displayWidth(String(line)) <= 120, "\(by): \(line)")
            }
        }
    }

    // MARK: - A portfolio with every case

    /// Accounts with decision dates (their own or an opportunity's), values in two currencies and
    /// without one, an account without owner, one closed with the nearest date and the largest value.
    static func portfolio() throws -> TempRepo {
        func note(_ name: String, _ lines: String) -> String {
            "---\naccount: \(name)\n\(lines)\n---\n\n# \(name)\n"
        }
        return try TempRepo([
            "fieldnotes.yml": "accounts: accounts/**/*.md\n",
            "accounts/alder.md": note(
                "Alder",
                """
                owner: zed
                stage: proposal
                decision_date: 2027-03-01
                next_step: Walk the proposal through with finance on Mar 1
                our_position: contender
                opportunities:
                  - name: A1
                    value: 50000
                    currency: USD
                """),
            "accounts/birch.md": note(
                "Birch",
                """
                owner: amy
                stage: discovery
                opportunities:
                  - name: B1
                    value: 90000
                    currency: EUR
                    decision_date: 2027-02-01
                  - name: B2
                    stage: closed_lost
                    value: 999999
                    currency: EUR
                    decision_date: 2026-01-01
                """),
            "accounts/cedar.md": note(
                "Cedar",
                """
                owner: amy
                stage: closed_won
                decision_date: 2026-05-01
                outcome:
                  result: won
                opportunities:
                  - name: C1
                    value: 500000
                    currency: USD
                """),
            "accounts/dogwood.md": note("Dogwood", "stage: prospecting"),
            "accounts/elm.md": note(
                "Elm",
                """
                owner: amy
                stage: discovery
                decision_date: 2027-01-10
                opportunities:
                  - name: E1
                    value: 12500.50
                    currency: USD
                    next_step: Send the sample plan
                  - name: E2
                    value: 007
                """),
        ])
    }

    func json(_ args: [String], in repo: TempRepo) throws -> [String: Any] {
        let run = runCLI(["summary", "--format", "json"] + args, in: repo.url)
        #expect(run.status != 2, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    func order(_ object: [String: Any], _ list: String, _ key: String) -> [String] {
        ((object[list] as? [[String: Any]]) ?? []).map { ($0[key] as? String) ?? "?" }
    }

    @Test func everySortOrdersTheOpenPipelineAndKeepsClosedDealsLast() throws {
        let repo = try Self.portfolio()
        let expected: [SummarySort: [String]] = [
            .stage: ["Dogwood", "Birch", "Elm", "Alder", "Cedar"],
            // Birch goes by its opportunity's date; Dogwood has none.
            .decision: ["Elm", "Birch", "Alder", "Dogwood", "Cedar"],
            // Largest open amount: B2 (closed_lost) does not count; Dogwood has no value.
            .value: ["Birch", "Alder", "Elm", "Dogwood", "Cedar"],
            .account: ["Alder", "Birch", "Dogwood", "Elm", "Cedar"],
            // By owner (none last), then stage, then name.
            .owner: ["Birch", "Elm", "Alder", "Dogwood", "Cedar"],
        ]
        for sort in SummarySort.allCases {
            let object = try json(["--sort", sort.rawValue], in: repo)
            #expect(order(object, "accounts", "account") == expected[sort], "\(sort)")
            // The pages list the open pipeline first, then the closed deals under their own heading.
            let text = runCLI(["summary", "--format", "text", "--sort", sort.rawValue], in: repo.url).stdout
            let closed = try #require(text.range(of: "\nClosed:\n"))
            #expect(text[closed.upperBound...].contains("Cedar") && !text[..<closed.lowerBound].contains("Cedar"))
            let markdown = runCLI(["summary", "--format", "markdown", "--sort", sort.rawValue], in: repo.url).stdout
            let heading = try #require(markdown.range(of: "\n## Closed\n"))
            #expect(!markdown[..<heading.lowerBound].contains("Cedar"))
        }
    }

    @Test func opportunitiesSortByTheirOwnDatesAndValues() throws {
        let repo = try Self.portfolio()
        let expected: [SummarySort: [String]] = [
            // Closed stages in their order: closed_won, then closed_lost.
            .stage: ["B1", "E1", "E2", "A1", "C1", "B2"],
            // E1 and E2 go by Elm's date, A1 by Alder's; the closed ones after.
            .decision: ["E1", "E2", "B1", "A1", "B2", "C1"],
            .value: ["B1", "A1", "E1", "E2", "B2", "C1"],
            .account: ["A1", "B1", "E1", "E2", "B2", "C1"],
            .owner: ["B1", "E1", "E2", "A1", "C1", "B2"],
        ]
        for sort in SummarySort.allCases {
            let object = try json(["--by", "opportunity", "--sort", sort.rawValue], in: repo)
            #expect(order(object, "opportunities", "name") == expected[sort], "\(sort)")
            #expect(object["accounts"] == nil)
        }
        let text = runCLI(["summary", "--format", "text", "--by", "opportunity", "--sort", "decision"], in: repo.url)
        #expect(text.stdout.contains("2027-01-10*") && text.stdout.contains("* the account's decision date"))
        #expect(text.stdout.contains("E1 (Elm): Send the sample plan"))
    }

    @Test func amountsInDifferentCurrenciesAreNeverAdded() throws {
        let repo = try Self.portfolio()
        let object = try json([], in: repo)
        let totals = try #require(object["totals"] as? [String: Any])
        let stages = try #require(totals["stages"] as? [[String: Any]])
        let discovery = try #require(stages.first { $0["name"] as? String == "discovery" })
        let value = try #require(discovery["value"] as? [String: NSNumber])
        #expect(value == ["EUR": 90000, "USD": 12500.5, "": 7])
        let owners = try #require(totals["owners"] as? [[String: Any]])
        let amy = try #require(owners.first { $0["name"] as? String == "amy" })
        #expect((amy["value"] as? [String: NSNumber]) == ["EUR": 90000, "USD": 12500.5, "": 7])
        // Each page shows the amounts apart, never a sum of them.
        for format in ["text", "markdown", "html"] {
            let page = runCLI(["summary", "--format", format], in: repo.url).stdout
            #expect(page.contains("90,000 EUR") && page.contains("12,500.50 USD"), "\(format)")
            #expect(!page.contains("102,500") && !page.contains("102,507"), "\(format)")
        }
        // The document itself: one amount per currency in the stage's total.
        let doc = Summary(
            accounts: [
                facts(
                    "---\naccount: X\nowner: a\nstage: solution\nopportunities:\n  - name: x\n    value: 100\n    currency: EUR\n---\n"
                ),
                facts(
                    "---\naccount: Y\nowner: a\nstage: solution\nopportunities:\n  - name: y\n    value: 100\n    currency: USD\n---\n"
                ),
            ], checklist: .builtIn
        ).document()
        #expect(
            doc.stages.map(\.value) == [[Money(currency: "EUR", amount: 100), Money(currency: "USD", amount: 100)]])
    }

    func facts(_ text: String) -> AccountFacts {
        AccountFacts(checkText(text), checklist: .builtIn, staleAfterDays: 30, asOf: nil)
    }

    @Test func jsonKeysHaveTheirTypes() throws {
        let repo = try Self.portfolio()
        let run = runCLI(["summary", "--format", "json"], in: repo.url)
        // Amounts as the notes write them: 12500.50 keeps its zero; 007 is written as JSON allows.
        #expect(run.stdout.contains("\"value\": 12500.50,") && run.stdout.contains("\"value\": 7,"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let accounts = try #require(object["accounts"] as? [[String: Any]])
        let alder = try #require(accounts.first { $0["account"] as? String == "Alder" })
        #expect((alder["value"] as? [String: NSNumber]) == ["USD": 50000])
        #expect(alder["decision_date"] as? String == "2027-03-01")
        #expect(alder["next_step"] as? String == "Walk the proposal through with finance on Mar 1")
        #expect(alder["our_position"] as? String == "contender")
        let birch = try #require(accounts.first { $0["account"] as? String == "Birch" })
        #expect(birch["decision_date"] is NSNull && birch["next_step"] is NSNull && birch["our_position"] is NSNull)
        let opportunities = try #require(birch["opportunities"] as? [[String: Any]])
        #expect(opportunities.map { Set($0.keys) } == Array(repeating: Self.opportunityKeys, count: 2))
        #expect(opportunities[0]["stage"] is NSNull && opportunities[1]["stage"] as? String == "closed_lost")
        #expect((opportunities[0]["value"] as? NSNumber) == 90000 && opportunities[0]["currency"] as? String == "EUR")
        #expect(opportunities[0]["decision_date"] as? String == "2027-02-01" && opportunities[0]["next_step"] is NSNull)
        // Open value: without the closed_lost opportunity; Dogwood has none.
        #expect((birch["value"] as? [String: NSNumber]) == ["EUR": 90000])
        let dogwood = try #require(accounts.first { $0["account"] as? String == "Dogwood" })
        #expect(
            (dogwood["value"] as? [String: Any])?.isEmpty == true
                && (dogwood["opportunities"] as? [Any])?.isEmpty == true)
        let stage = try #require(((object["totals"] as? [String: Any])?["stages"] as? [[String: Any]])?.first)
        #expect(Set(stage.keys) == ["name", "accounts", "open", "at_risk", "value"] && stage["value"] is [String: Any])
        // A row per opportunity: where it is, whose, and the opportunity's keys.
        let deals = try json(["--by", "opportunity"], in: repo)
        let first = try #require((deals["opportunities"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == Self.opportunityKeys.union(["path", "account", "owner", "account_stage"]))
        let dealStage = try #require(((deals["totals"] as? [String: Any])?["stages"] as? [[String: Any]])?.first)
        #expect(Set(dealStage.keys) == ["name", "opportunities", "value"])
    }

    static let opportunityKeys: Set<String> = ["name", "stage", "value", "currency", "decision_date", "next_step"]

    @Test func theDecisionDateOfAnOpportunityIsMarked() throws {
        let repo = try Self.portfolio()
        for format in ["text", "markdown", "html"] {
            let page = runCLI(["summary", "--format", format, "--sort", "decision"], in: repo.url).stdout
            #expect(page.contains("2027-02-01*") || page.contains("2027-02-01\\*"), "\(format)")
            #expect(page.contains("earliest decision date of the account's open opportunities"), "\(format)")
        }
    }

    /// Accounts that list no opportunity: the first line says so, and no empty table follows.
    @Test func noOpportunitiesNoEmptyTables() throws {
        let repo = try TempRepo(["fieldnotes.yml": "accounts: accounts/*.md\n", "accounts/a.md": validNote])
        for format in ["text", "markdown", "html"] {
            let page = runCLI(["summary", "--format", format, "--by", "opportunity"], in: repo.url).stdout
            #expect(page.contains("0 opportunities in 1 account, 0 open. 1 account lists none."), "\(format)")
            #expect(!page.uppercased().contains("OPPORTUNITIES  OPEN VALUE") && !page.contains("By stage"), "\(format)")
        }
    }

    // MARK: - The option and the writer

    @Test func sortAndByAreChoices() {
        let typo = runCLI(["summary", "--no-history", "--sort", "decison"], in: Project.template)
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 'decision'"))
        #expect(runCLI(["summary", "--no-history", "--by", "deal"], in: Project.template).status == 2)
        let help = runCLI(["summary", "--help"], in: Project.template).stdout.replacingOccurrences(of: "\n", with: " ")
            .split(separator: " ").joined(separator: " ")
        for phrase in SummarySort.allCases.map(\.helpPhrase) + ["Currencies are not converted", "opportunities[]"] {
            #expect(help.contains(phrase), "\(phrase)")
        }
    }

    @Test func jsonNumbersAreWrittenExactlyOrNotAtAll() {
        for valid in ["0", "-0", "185000", "-12500.50", "1.0e10", "2E-3"] {
            #expect(JSONWriter.isNumber(valid), "\(valid)")
            #expect(JSONWriter.compact(.number(valid)) == valid)
        }
        for invalid in ["", "-", "007", "1.", ".5", "+1", "1e", "0x10", "1,000", "NaN", "12 000"] {
            #expect(!JSONWriter.isNumber(invalid), "\(invalid)")
            #expect(JSONWriter.compact(.number(invalid)) == "null")
        }
        #expect(JSONWriter.compact(.array([.number("12500.50"), .number("1x")])) == "[12500.50,null]")
        #expect(JSONWriter.compact(SummaryJSONWriter.number("007")) == "7")
    }
}
