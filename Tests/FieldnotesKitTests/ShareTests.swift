import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// `brief --share`: a brief that can leave the team.
@Suite struct ShareTests {
    @Test func internalSectionsRatingsAndLogAreLeftOut() throws {
        let full = runCLI(["brief", "--no-history", "accounts/binford-tools.md"], in: Project.template)
        let shared = runCLI(["brief", "--no-history", "--share", "accounts/binford-tools.md"], in: Project.template)
        #expect(full.status == 0 && shared.status == 0)
        for text in [
            "### Politics", "### Personal pain", "Raj and Tom get on well", "| Relationship |", "## Log",
            // Internal roles, our position, the risks, competitors' strengths and weaknesses.
            "champion, technical buyer", "**Our position:** contender", "## Risks",
            "| Strengths |", "Ten years on the old lines", "Slow on engineering changes",
        ] {
            #expect(full.stdout.contains(text), "\(text)")
            #expect(!shared.stdout.contains(text), "\(text)")
        }
        #expect(
            shared.stdout.contains(
                "_To share: left out are the internal sections (Personal pain, Politics), the internal roles "
                    + "(champion, coach, blocker, gatekeeper), our position, the pain and the coverage, the risk "
                    + "flags, the unverified assumptions and the paragraphs that mark them, competitors' strengths "
                    + "and weaknesses, how we rate each person (their stance included), when we last met them, the "
                    + "open questions without a wording for the customer, and the log._"
            ))
        #expect(shared.stdout.contains("### Decision process") && shared.stdout.contains("| Name | Title | Roles |"))
        #expect(shared.stdout.contains("| Raj Patel | Manufacturing Engineering Manager | technical buyer |"))
        #expect(shared.stdout.contains("| Acme Fixtures **(incumbent)** | Lowest piece price"))
        try assertGolden(shared.stdout, "reports/brief-share.md")
        // JSON: the same things left out.
        let json = try JSONParser.parse(
            runCLI(
                ["brief", "--no-history", "--share", "--format", "json", "accounts/binford-tools.md"],
                in: Project.template
            ).stdout)
        let brief = try #require(json["briefs"]?.array?.first)
        #expect(brief["shared"]?.bool == true)
        let ids = brief["sections"]?.array?.compactMap { $0["id"]?.string } ?? []
        #expect(!ids.contains("politics") && !ids.contains("personal_pain") && ids.contains("decision_process"))
        #expect(brief["people"]?.array?.allSatisfy { $0["relationship"] == nil && $0["influence"] == nil } == true)
        let roles = brief["people"]?.array?.flatMap { $0["roles"]?.array?.compactMap(\.string) ?? [] } ?? []
        #expect(!roles.isEmpty && !roles.contains("champion"))
        #expect(brief["our_position"] == nil && brief["risks"] == nil && brief["pain"] == nil)
        #expect(brief["due"] == nil && brief["answered"] == nil && brief["assumptions"] == nil)
        #expect(brief["competitors"]?.array?.allSatisfy { $0["strengths"] == nil && $0["weaknesses"] == nil } == true)
        #expect(brief["log"]?.array?.isEmpty == true)
        #expect(
            brief["open"]?.array?.contains { ["politics", "personal_pain"].contains($0["id"]?.string ?? "") } == false)
        // HTML: the same, and the line at the top says so.
        let html = runCLI(
            ["brief", "--no-history", "--share", "--format", "html", "accounts/binford-tools.md"], in: Project.template)
        for text in [
            "champion, technical buyer", "contender", "incumbent-competitor", "<th>Strengths</th>",
            "<th>Weaknesses</th>",
        ] {
            #expect(!html.stdout.contains(text), "\(text)")
        }
        #expect(html.stdout.contains("<p class=\"note\">To share: left out are the internal sections"))
    }

    /// A contact whose only roles are internal shows no roles; `internal_roles:` says which are.
    @Test func internalRolesAreTheTeamsChoice() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let note = """
            ---
            account: Oak Valves
            stage: discovery
            contacts:
              - name: Ivo Sand
                roles: [champion, coach]
              - name: Mia Roth
                roles: [economic_buyer]
            ---

            ## Why they are buying
            Old fixtures wear out.
            """
        try note.write(to: dir.appendingPathComponent("accounts/oak.md"), atomically: true, encoding: .utf8)
        let shared = runCLI(["brief", "--share", "accounts/oak.md"], in: dir).stdout
        #expect(shared.contains("| Ivo Sand |  |\n") && shared.contains("| Mia Roth | economic buyer |\n"), "\(shared)")
        let json = try JSONParser.parse(
            runCLI(["brief", "--share", "--format", "json", "accounts/oak.md"], in: dir).stdout)
        #expect(json["briefs"]?.array?.first?["people"]?.array?.first?["roles"]?.array?.isEmpty == true)
        // The team says which roles are internal.
        let config = dir.appendingPathComponent("fieldnotes.yml")
        let settings = try String(contentsOf: config, encoding: .utf8)
        #expect(settings.contains("internal_roles: [champion, coach, blocker, gatekeeper]\n"))
        try settings.replacingOccurrences(
            of: "internal_roles: [champion, coach, blocker, gatekeeper]\n", with: "internal_roles: [economic_buyer]\n"
        ).write(to: config, atomically: true, encoding: .utf8)
        let own = runCLI(["brief", "--share", "accounts/oak.md"], in: dir).stdout
        #expect(own.contains("| Ivo Sand | champion, coach |\n") && own.contains("| Mia Roth |  |\n"), "\(own)")
        #expect(own.contains("the internal roles (economic buyer)"))
    }

    /// When every open question is internal, a shared brief has none to list and no section
    /// for them, in every format (it does not claim that every question is answered).
    @Test func openQuestionsThatAreAllInternalLeaveNoneInEveryFormat() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try JSONParser.parse(
            runCLI(["missing", "--format", "json", "accounts/initech.md"], in: dir).stdout)
        let open = try #require(missing["accounts"]?.array?.first?["open"]?.array?.compactMap { $0["id"]?.string })
        #expect(open.count > 3)
        let config = dir.appendingPathComponent("fieldnotes.yml")
        let original = try String(contentsOf: config, encoding: .utf8)
        try original.replacingOccurrences(
            of: "internal: [personal_pain, politics]\n", with: "internal: [\(open.joined(separator: ", "))]\n"
        )
        .write(to: config, atomically: true, encoding: .utf8)
        let markdown = runCLI(["brief", "--share", "accounts/initech.md"], in: dir).stdout
        let html = runCLI(["brief", "--share", "--format", "html", "accounts/initech.md"], in: dir).stdout
        for page in [markdown, html] {
            #expect(page.contains("Stage") && !page.contains("Open questions") && !page.contains("is answered"))
        }
        let json = try JSONParser.parse(
            runCLI(["brief", "--share", "--format", "json", "accounts/initech.md"], in: dir).stdout)
        #expect(json["briefs"]?.array?.first?["open"]?.array?.isEmpty == true)
    }

    /// A shared brief goes to the customer: none of our judgement (assumptions wherever they are
    /// marked, pain, coverage), and its open questions only those worded for the customer, in
    /// that wording, without how far each is answered, never an internal question's.
    @Test func aSharedBriefKeepsNoJudgementAndAsksInTheCustomersWords() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("fieldnotes.yml")
        let settings = try String(contentsOf: config, encoding: .utf8)
        try settings.replacingOccurrences(
            of: "internal: [personal_pain, politics]\n", with: "internal: [personal_pain, politics, cost_of_inaction]\n"
        ).write(to: config, atomically: true, encoding: .utf8)
        let account = dir.appendingPathComponent("accounts/initech.md")
        let notes = try String(contentsOf: account, encoding: .utf8)
        #expect(notes.contains("## Log\n"))
        try notes.replacingOccurrences(
            of: "## Log\n", with: "## Log\nAssumption: Marker-log-assumption, the controller signs.\n\n"
        ).write(to: account, atomically: true, encoding: .utf8)
        let checklist = Checklist.builtIn
        func q(_ id: String) throws -> Question { try #require(checklist.questions.first { $0.id == id }) }
        let customer = try [q("buying_mode"), q("decision_process"), q("readiness_to_change")].map { $0.say ?? "" }
        // The rep's wording, and an internal question's (open, with a `say:` of its own).
        let teamOnly = try [q("buying_mode").ask, q("decision_process").ask, q("cost_of_inaction").ask]
        let internalSay = try #require(try q("cost_of_inaction").say)
        let judgement = [
            "Marker-log-assumption", "Assumption:", "(assumed)", "Pain", "pain: assumed", "Coverage",
            "questions answered", "Unverified assumptions", "verify it", "partly answered",
            "Final sign-off by the plant controller", "José is ready to change supplier",
        ]
        let full = runCLI(["brief", "accounts/initech.md"], in: dir)
        for text in judgement + teamOnly { #expect(full.stdout.contains(text), "\(text)") }
        for format in ["markdown", "html", "json"] {
            let shared = runCLI(["brief", "--share", "--format", format, "accounts/initech.md"], in: dir)
            #expect(shared.status == 0)
            for text in customer { #expect(shared.stdout.contains(text), "\(format): \(text)") }
            for text in judgement + teamOnly + [internalSay] {
                #expect(!shared.stdout.contains(text), "\(format): \(text)")
            }
        }
        let json = try JSONParser.parse(
            runCLI(["brief", "--share", "--format", "json", "accounts/initech.md"], in: dir).stdout)
        let open = try #require(json["briefs"]?.array?.first?["open"]?.array)
        #expect(
            !open.isEmpty && open.allSatisfy { $0["say"]?.string != nil && $0["status"] == nil && $0["ask"] == nil })
        #expect(open.allSatisfy { $0["gaps"] == nil && $0["id"]?.string != "cost_of_inaction" })
    }

    @Test func theTeamChoosesWhatIsInternal() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("fieldnotes.yml")
        let original = try String(contentsOf: config, encoding: .utf8)
        #expect(original.contains("internal: [personal_pain, politics]\n"))
        try original.replacingOccurrences(
            of: "internal: [personal_pain, politics]\n", with: "internal: [decision_process]\n"
        )
        .write(to: config, atomically: true, encoding: .utf8)
        let shared = runCLI(["brief", "--share", "accounts/binford-tools.md"], in: dir)
        #expect(!shared.stdout.contains("### Decision process") && shared.stdout.contains("### Politics"))
        // A misspelt id would share what should not be: an error, located, with a suggestion.
        try original.replacingOccurrences(
            of: "internal: [personal_pain, politics]\n", with: "internal: [personal_pain, politcs]\n"
        )
        .write(to: config, atomically: true, encoding: .utf8)
        let bad = runCLI(["brief", "--share"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'internal' names 'politcs', which is not a question of the checklist"))
        #expect(bad.stderr.contains("did you mean 'politics'?") && bad.stderr.contains("fieldnotes.yml:"))
    }

    @Test func sharedBriefsGetAFolderOfTheirOwn() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let refused = runCLI(["brief", "--share", "--out"], in: dir)
        #expect(refused.status == 2 && refused.stderr.contains("--out=DIR"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("briefs").path))
        let written = runCLI(["brief", "--share", "--out=briefs-shared"], in: dir)
        #expect(written.status == 0 && written.stdout.contains("3 created"))
        let page = try String(contentsOf: dir.appendingPathComponent("briefs-shared/binford-tools.md"), encoding: .utf8)
        #expect(!page.contains("### Politics") && page.contains("_To share:"))
    }
}
