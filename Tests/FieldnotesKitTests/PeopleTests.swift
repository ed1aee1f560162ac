import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// The people of an account: each role's test (explain, hover, completion), and how briefs show
/// contacts who left, their stance and when we last met them.
@Suite struct PeopleTests {
    /// Words of `text` on one line: `explain` wraps its text.
    private func unwrapped(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test func everyRoleHasAMeaningAndATest() {
        #expect(BuiltinSchema.roles == Roles.all.map(\.id))
        #expect(Set(BuiltinSchema.roles).count == BuiltinSchema.roles.count)
        for role in Roles.all {
            #expect(BuiltinSchema.describe(role.id, of: "roles") == role.meaning, "\(role.id)")
            #expect(role.test.hasSuffix("?") || role.test.hasSuffix("."), "\(role.id)")
            #expect(BuiltinSchema.test(role.id, of: "roles") == role.test)
        }
        #expect(Roles.role("economic_buyer")?.test.contains("alone release the money") == true)
        #expect(Roles.role("champion")?.test.contains("when we are not in the room") == true)
        #expect(BuiltinSchema.test("warm", of: "relationship") == nil)
    }

    @Test func explainRolesListsEveryRoleWithItsTest() throws {
        let run = runCLI(["explain", "roles"])
        #expect(run.status == 0 && run.stderr.isEmpty)
        let text = unwrapped(run.stdout)
        for role in Roles.all {
            #expect(text.contains("\(role.id) \(role.meaning) Test: \(role.test)"), "\(role.id)")
        }
        #expect(text.contains("internal_roles:") && text.contains("status: left"))
        try assertGolden(run.stdout, "cli/explain-roles.txt")
    }

    @Test func repGuideHasEveryRoleWithItsTest() throws {
        let guide = try String(contentsOf: Project.template.appendingPathComponent("README.md"), encoding: .utf8)
        for role in Roles.all {
            #expect(guide.contains("| `\(role.id)` | \(role.meaning) | \(role.test) |\n"), "\(role.id)")
        }
    }

    @Test func explainListsTopicsAndSuggestsThem() {
        let list = runCLI(["explain"])
        #expect(list.stdout.contains("roles                   the roles of contacts"))
        #expect(list.stdout.contains("'fieldnotes explain roles'"))
        let typo = runCLI(["explain", "role"])
        #expect(typo.status == 2 && typo.stderr.contains("unknown rule or topic 'role'"))
        #expect(typo.stderr.contains("did you mean 'roles'?"))
        let rule = runCLI(["explain", "invalid-valu"])
        #expect(rule.status == 2 && rule.stderr.contains("did you mean 'invalid-value'?"))
        let help = runCLI(["explain", "--help"])
        #expect(help.stdout.contains("or a topic: roles, risks, or a risk"))
    }

    private let note = """
        ---
        account: Globex
        owner: dana.reyes
        stage: discovery
        contacts:
          - name: Ann Lee
            roles: [technical_buyer, champion]
            status: left
          - name: Raj Patel
            roles:
              - economic_buyer
        ---
        # Globex

        """

    @Test func hoverOnARoleShowsItsTest() throws {
        let h = LSPHarness()
        let uri = templateURI("people-hover.md")
        h.open(uri, note)
        func hover(_ needle: String, after: String? = nil) -> JSONValue? {
            let p = utf16Position(of: needle, in: note, after: after)
            return h.request("textDocument/hover", h.at(uri, p.line, p.character + 2))?["result"]
        }
        // In a flow list, and as a block list item.
        let champion = hover("champion")?["contents"]?["value"]?.string ?? ""
        let test = try #require(Roles.role("champion")?.test)
        #expect(champion.hasPrefix("`champion` — sells for us on the inside\n\n**Test:** \(test)"), "\(champion)")
        #expect(champion.contains("**roles**"))
        let range = hover("champion")?["range"]
        let p = utf16Position(of: "champion", in: note)
        #expect(range?["start"]?["character"]?.int == p.character)
        #expect(range?["end"]?["character"]?.int == p.character + "champion".utf16.count)
        let buyer = hover("economic_buyer")?["contents"]?["value"]?.string ?? ""
        #expect(buyer.contains(try #require(Roles.role("economic_buyer")?.test)), "\(buyer)")
        // A value without a test still says what it means; the key keeps the field's text.
        let status = hover("left")?["contents"]?["value"]?.string ?? ""
        #expect(status.hasPrefix("`left` — left the company or the project") && !status.contains("**Test:**"))
        #expect(hover("roles:")?["contents"]?["value"]?.string?.hasPrefix("**roles**") == true)
    }

    @Test func roleCompletionsCarryTheirTest() throws {
        let h = LSPHarness()
        let uri = templateURI("people-complete.md")
        let text = "---\naccount: Globex\ncontacts:\n  - name: Ann\n    roles: [\n"
        h.open(uri, text)
        let items = h.request("textDocument/completion", h.at(uri, 4, 12))?["result"]?["items"]?.array ?? []
        #expect(items.count == Roles.all.count)
        for role in Roles.all {
            let item = items.first { $0["label"]?.string == role.id }
            #expect(item?["detail"]?.string == role.meaning)
            #expect(item?["documentation"]?["value"]?.string?.contains("**Test:** \(role.test)") == true, "\(role.id)")
        }
    }

    private func peopleRepo() throws -> TempRepo {
        try TempRepo([
            "fieldnotes.yml": "briefs: briefs\n",
            "accounts/acme.md": """
            ---
            account: Acme Tools
            owner: dana.reyes
            stage: discovery
            last_contact: 2026-11-10
            next_step: Call Ann on Dec 3 to book the line trial
            contacts:
              - name: Bob Stone
                title: Former Plant Manager
                roles: [economic_buyer]
                status: left
                stance: for
                last_met: 2026-09-01
              - name: Ann Lee
                title: Quality Manager
                roles: [technical_buyer, champion]
                stance: for
              - name: Carl <Diaz>
                roles: [procurement]
                stance: against
            ---
            # Acme Tools

            ## Log

            ### 2026-11-10 — Call with Ann

            Ann walked us through the line.

            """,
        ])
    }

    @Test func markdownBriefStrikesWhoLeftAfterTheOthersWithStanceAndLastMet() throws {
        let repo = try peopleRepo()
        let run = runCLI(["brief", "accounts/acme.md"], in: repo.url)
        #expect(run.status == 0, "\(run.stderr)")
        let expected = """
            | Name | Title | Roles | Stance | Last met |
            |---|---|---|---|---|
            | Ann Lee | Quality Manager | technical buyer, champion | for | 2026-11-10 |
            | Carl &lt;Diaz&gt; |  | procurement | against |  |
            | ~~Bob Stone~~ (left) | Former Plant Manager | economic buyer | for | 2026-09-01 |
            """
        #expect(run.stdout.contains(expected), "\(run.stdout)")
    }

    @Test func columnsNobodyFillsAreLeftOut() throws {
        let repo = try TempRepo([
            "fieldnotes.yml": "briefs: briefs\n",
            "accounts/a.md": "---\naccount: A\nowner: o\nstage: discovery\ncontacts:\n  - name: Ann Lee\n---\n# A\n",
        ])
        let run = runCLI(["brief", "accounts/a.md"], in: repo.url)
        #expect(run.stdout.contains("| Name |\n|---|\n| Ann Lee |\n"), "\(run.stdout)")
        let html = runCLI(["brief", "--format", "html", "accounts/a.md"], in: repo.url).stdout
        #expect(!html.contains("Stance") && !html.contains("Last met") && !html.contains("<s>"))
    }

    @Test func htmlBriefStrikesWhoLeft() throws {
        let repo = try peopleRepo()
        let html = runCLI(["brief", "--format", "html", "accounts/acme.md"], in: repo.url).stdout
        #expect(html.contains("<th class=\"short\">Stance</th><th class=\"short\">Last met</th>"))
        #expect(html.contains("<tr><td><s>Bob Stone</s> (left)</td>"))
        #expect(html.contains("<td>Carl &lt;Diaz&gt;</td>"))
        let ann = try #require(html.range(of: "<td>Ann Lee")), bob = try #require(html.range(of: "<td><s>Bob Stone"))
        #expect(ann.lowerBound < bob.lowerBound)
        #expect(html.contains("<td class=\"short\">against</td><td class=\"short\"></td></tr>"))
    }

    @Test func jsonBriefSaysStatusStanceAndLastMet() throws {
        let repo = try peopleRepo()
        let json = try JSONParser.parse(runCLI(["brief", "--format", "json", "accounts/acme.md"], in: repo.url).stdout)
        let people = try #require(json["briefs"]?.array?.first?["people"]?.array)
        #expect(people.compactMap { $0["name"]?.string } == ["Ann Lee", "Carl <Diaz>", "Bob Stone"])
        #expect(people.compactMap { $0["status"]?.string } == ["active", "active", "left"])
        #expect(people.compactMap { $0["stance"]?.string } == ["for", "against", "for"])
        #expect(people.map { $0["last_met"]?.string } == ["2026-11-10", nil, "2026-09-01"])
    }

    @Test func sharedBriefLeavesOutStanceAndLastMet() throws {
        let repo = try peopleRepo()
        let md = runCLI(["brief", "--share", "accounts/acme.md"], in: repo.url).stdout
        #expect(md.contains("| Name | Title | Roles |\n"))
        #expect(md.contains("| ~~Bob Stone~~ (left) | Former Plant Manager | economic buyer |\n"))
        #expect(!md.contains("Stance") && !md.contains("Last met") && !md.contains("against"))
        #expect(md.contains("how we rate each person (their stance included), when we last met them"))
        let html = runCLI(["brief", "--share", "--format", "html", "accounts/acme.md"], in: repo.url).stdout
        #expect(!html.contains(">Stance<") && !html.contains(">Last met<") && html.contains("<s>Bob Stone</s>"))
        let json = try JSONParser.parse(
            runCLI(["brief", "--share", "--format", "json", "accounts/acme.md"], in: repo.url).stdout)
        let people = try #require(json["briefs"]?.array?.first?["people"]?.array)
        #expect(people.compactMap { $0["status"]?.string } == ["active", "active", "left"])
        for person in people { #expect(person["stance"] == nil && person["last_met"] == nil) }
    }
}
