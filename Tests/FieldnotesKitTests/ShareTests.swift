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
        let full = runCLI(["brief", "accounts/binford-tools.md"], in: Project.template)
        let shared = runCLI(["brief", "--share", "accounts/binford-tools.md"], in: Project.template)
        #expect(full.status == 0 && shared.status == 0)
        for text in [
            "### Politics", "### Personal pain", "Raj and Tom get on well", "| Relationship |", "## Log",
            // Internal roles, our position, the risks, competitors' strengths and weaknesses.
            "champion, technical buyer", "**Our position:** contender", "## Risks", "incumbent-competitor",
            "| Strengths |", "Ten years on the old lines", "Slow on engineering changes",
        ] {
            #expect(full.stdout.contains(text), "\(text)")
            #expect(!shared.stdout.contains(text), "\(text)")
        }
        #expect(
            shared.stdout.contains(
                "_To share: left out are the internal sections (Personal pain, Politics), the internal roles "
                    + "(champion, coach, blocker, gatekeeper), our position, the risk flags, competitors' strengths "
                    + "and weaknesses, how we rate each person, and the log._"
            ))
        #expect(shared.stdout.contains("### Decision process") && shared.stdout.contains("| Name | Title | Roles |"))
        #expect(shared.stdout.contains("| Raj Patel | Manufacturing Engineering Manager | technical buyer |"))
        #expect(shared.stdout.contains("| Acme Fixtures **(incumbent)** | Lowest piece price"))
        try assertGolden(shared.stdout, "reports/brief-share.md")
        // JSON: the same things left out.
        let json = try JSONParser.parse(
            runCLI(["brief", "--share", "--format", "json", "accounts/binford-tools.md"], in: Project.template).stdout)
        let brief = try #require(json["briefs"]?.array?.first)
        #expect(brief["shared"]?.bool == true)
        let ids = brief["sections"]?.array?.compactMap { $0["id"]?.string } ?? []
        #expect(!ids.contains("politics") && !ids.contains("personal_pain") && ids.contains("decision_process"))
        #expect(brief["people"]?.array?.allSatisfy { $0["relationship"] == nil && $0["influence"] == nil } == true)
        let roles = brief["people"]?.array?.flatMap { $0["roles"]?.array?.compactMap(\.string) ?? [] } ?? []
        #expect(!roles.isEmpty && !roles.contains("champion"))
        #expect(brief["our_position"] == nil && brief["risks"] == nil)
        #expect(brief["competitors"]?.array?.allSatisfy { $0["strengths"] == nil && $0["weaknesses"] == nil } == true)
        #expect(brief["log"]?.array?.isEmpty == true)
        #expect(
            brief["open"]?.array?.contains { ["politics", "personal_pain"].contains($0["id"]?.string ?? "") } == false)
        #expect(
            brief["assumptions"]?.array?.contains { ["politics", "personal_pain"].contains($0["id"]?.string ?? "") }
                == false)
        // HTML: the same, and the line at the top says so.
        let html = runCLI(["brief", "--share", "--format", "html", "accounts/binford-tools.md"], in: Project.template)
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

    /// When every open question is internal, a shared brief has none to list, in every format.
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
        #expect(
            markdown.contains(
                "## Open questions for the next meeting\n\nEvery question due at this stage is answered.\n"),
            "\(markdown)")
        let html = runCLI(["brief", "--share", "--format", "html", "accounts/initech.md"], in: dir).stdout
        #expect(html.contains("Every question due at this stage is answered."))
        let json = try JSONParser.parse(
            runCLI(["brief", "--share", "--format", "json", "accounts/initech.md"], in: dir).stdout)
        #expect(json["briefs"]?.array?.first?["open"]?.array?.isEmpty == true)
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
