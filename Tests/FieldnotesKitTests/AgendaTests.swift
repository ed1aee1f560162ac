import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// `fieldnotes agenda`: which accounts get one, how the questions are ranked and worded, what
/// the shared version leaves out, and that text from the notes stays escaped.
@Suite struct AgendaTests {
    static let goldenRuns: [(name: String, args: [String])] = [
        ("agenda-template.txt", ["agenda", "--format", "text", "--as-of", "2026-11-30"]),
        ("agenda-template.md", ["agenda", "--format", "markdown", "--as-of", "2026-11-30"]),
        ("agenda-template.json", ["agenda", "--format", "json", "--as-of", "2026-11-30"]),
        ("agenda-share.md", ["agenda", "--share", "--as-of", "2026-11-30"]),
    ]

    @Test(arguments: goldenRuns.map(\.name))
    func template(_ name: String) throws {
        // The template is inside the project's repository: its output must not follow the project's commits.
        let args = Self.goldenRuns.first { $0.name == name }!.args + ["--no-history"]
        let run = runCLI(args, in: Project.template)
        #expect(run.status == 0, "\(run.stderr)")
        try assertGolden(run.stdout, "reports/\(name)")
    }

    /// A checklist that says how to ask some questions (`say:`), which matter most
    /// (`priority:`) and who can answer them (`who:`).
    static let checklist = """
        questions:
          - id: what_changed
            ask: What changed on their end?
            category: Change
            from: prospecting
            section: What changed
            say: What has changed for you?
          - id: low_missing
            ask: Low ask
            category: Misc
            from: prospecting
            section: Low
            priority: low
            say: Could we talk about the low one?
          - id: normal_assumed
            ask: Normal assumed ask
            category: Misc
            from: prospecting
            section: Assumed
          - id: normal_missing
            ask: Normal missing ask
            category: Misc
            from: prospecting
            section: Normal
            who: [technical_buyer]
            say: How do you measure changeovers today?
          - id: high_partial
            ask: What is each person's role?
            category: People
            from: prospecting
            field: contacts
            each: roles
            priority: high
            who: [champion, economic_buyer]
          - id: high_missing
            ask: High missing ask
            category: Misc
            from: prospecting
            section: High
            priority: high
            say: What would a good outcome look like for you?
          - id: politics
            ask: Who gets on with whom?
            category: People
            from: prospecting
            section: Politics
            say: Who else should we involve?

        """

    static let config = "accounts: accounts/**/*.md\nchecklist: checklist.yml\ninternal: [politics]\n"

    static func note(
        _ name: String, stage: String = "prospecting", meeting: String? = "2026-12-02",
        extra: String = "", body: String = ""
    ) -> String {
        """
        ---
        account: \(name)
        owner: dana.reyes
        stage: \(stage)
        last_contact: 2026-11-18
        \(meeting.map { "next_meeting: \($0)\n" } ?? "")\(extra)---

        # \(name)

        \(body)
        """
    }

    /// The account the ranking tests read: every question open, in every way.
    static let ranked = note(
        "Binford Tools",
        extra: """
            next_meeting_with: [Raj Patel, Tom Alvarez, Pat Outsider]
            next_meeting_goal: Agree the sample plan
            contacts:
              - name: Raj Patel
                title: Engineering Manager
                roles: [champion, technical_buyer]
              - name: Tom Alvarez
                title: VP Operations
                roles: [economic_buyer]
              - name: Kim Lee
                title: Buyer

            """,
        body: """
            ## Assumed
            Assumption: they want it by March.

            ## Log
            ### 2026-11-18 — Call with Raj
            Agreed on the Dec 2 review at the line.

            ### 2026-11-02 — Visit
            Timed a changeover.

            """)

    func repo(_ accounts: [String: String]) throws -> TempRepo {
        var files = ["fieldnotes.yml": Self.config, "checklist.yml": Self.checklist]
        for (name, text) in accounts { files["accounts/\(name)"] = text }
        return try TempRepo(files)
    }

    func json(_ run: Run) throws -> [JSONValue] {
        let value = try JSONParser.parse(run.stdout)
        guard case .array(let agendas)? = value["agendas"] else {
            Issue.record("no agendas in \(run.stdout)")
            return []
        }
        return agendas
    }

    func questionIDs(_ agenda: JSONValue) -> [String] {
        guard case .array(let questions)? = agenda["questions"] else { return [] }
        return questions.compactMap { $0["id"]?.string }
    }

    @Test func priorityBeatsStatusBeatsChecklistOrder() throws {
        let repo = try repo(["binford.md": Self.ranked])
        let run = runCLI(["agenda", "--format", "json", "--max", "10"], in: repo.url)
        #expect(run.status == 0, "\(run.stderr)")
        let agendas = try json(run)
        try #require(agendas.count == 1)
        // High (missing, then partial), normal (missing in checklist order, then assumed), low.
        #expect(
            questionIDs(agendas[0]) == [
                "high_missing", "high_partial", "normal_missing", "politics", "normal_assumed", "low_missing",
            ])
        // The opening question stands for what_changed, which is never listed again.
        #expect(agendas[0]["opening"]?.string == "What has changed on your side since 18 November?")
        let text = runCLI(["agenda", "--format", "text", "--max", "10"], in: repo.url).stdout
        // Each in its say: wording when it has one, else its ask:; with its status when not missing.
        #expect(text.contains("2. What would a good outcome look like for you?"))
        #expect(text.contains("3. What is each person's role?"))
        #expect(text.contains("partly answered: 'Kim Lee' has no 'roles'"))
        #expect(text.contains("6. Normal assumed ask") && text.contains("assumed: verify it"))
        #expect(!text.contains("What changed on their end?") && !text.contains("What has changed for you?"))
    }

    @Test func maxLimitsTheQuestionsAndIsChecked() throws {
        let repo = try repo(["binford.md": Self.ranked])
        let agendas = try json(runCLI(["agenda", "--format", "json", "--max", "2"], in: repo.url))
        #expect(agendas.map(questionIDs) == [["high_missing", "high_partial"]])
        let text = runCLI(["agenda", "--format", "text", "--max", "2"], in: repo.url).stdout
        #expect(text.contains("and 4 more ('fieldnotes missing' lists them all)"))
        #expect(try json(runCLI(["agenda", "--format", "json"], in: repo.url)).map(questionIDs).first?.count == 5)
        for bad in ["0", "-1", "two", "1.5"] {
            let run = runCLI(["agenda", "--max=\(bad)"], in: repo.url)
            #expect(run.status == ExitStatus.failure, "--max \(bad)")
            #expect(run.stderr.contains("invalid value '\(bad)' for '--max'"), "\(run.stderr)")
        }
    }

    @Test func attendeesAreMatchedToTheRolesOfWho() throws {
        let repo = try repo(["binford.md": Self.ranked])
        let agendas = try json(runCLI(["agenda", "--format", "json", "--max", "10"], in: repo.url))
        guard case .array(let questions)? = agendas.first?["questions"] else {
            Issue.record("no questions")
            return
        }
        func attendees(_ id: String) -> [String] {
            guard case .array(let names)? = questions.first(where: { $0["id"]?.string == id })?["attendees"]
            else { return [] }
            return names.compactMap(\.string)
        }
        #expect(attendees("high_partial") == ["Raj Patel", "Tom Alvarez"])
        #expect(attendees("normal_missing") == ["Raj Patel"])
        // No who: no one named; questions are never filtered by who attends.
        #expect(attendees("high_missing").isEmpty && questions.count == 6)
        let text = runCLI(["agenda", "--format", "text"], in: repo.url).stdout
        #expect(text.contains("for Raj Patel, Tom Alvarez"))
        // Too long for one line: one attendee a line, each with their title when they are a contact.
        #expect(
            text.contains(
                "  With: Raj Patel (Engineering Manager)\n        Tom Alvarez (VP Operations)\n        Pat Outsider\n"))
        let markdown = runCLI(["agenda", "--format", "markdown"], in: repo.url).stdout
        #expect(
            markdown.contains(
                "3. What is each person's role? — _partly answered: 'Kim Lee' has no 'roles'_ · "
                    + "for Raj Patel, Tom Alvarez"))
    }

    func keys(_ value: JSONValue?) -> [String] {
        guard case .object(let members)? = value else { return [] }
        return members.map(\.0)
    }

    @Test func theSharedVersionKeepsWhatTheCustomerMaySee() throws {
        let repo = try repo(["binford.md": Self.ranked])
        let agendas = try json(runCLI(["agenda", "--format", "json", "--share", "--max", "10"], in: repo.url))
        // Only say: questions, the internal one (politics) left out, in the customer's words; no path,
        // ids, ask: wording, priorities, statuses, roles, assumptions or the log.
        let agenda = try #require(agendas.first)
        #expect(keys(agenda) == ["account", "meeting", "opening", "questions"])
        #expect(keys(agenda["meeting"]) == ["date", "with", "goal"])
        let questions = try #require(agenda["questions"]?.array)
        #expect(questions.map(keys) == Array(repeating: ["say"], count: 3))
        #expect(
            questions.compactMap { $0["say"]?.string } == [
                "What would a good outcome look like for you?", "How do you measure changeovers today?",
                "Could we talk about the low one?",
            ])
        // The team's version keeps them all.
        let team = try #require(try json(runCLI(["agenda", "--format", "json"], in: repo.url)).first)
        #expect(keys(team) == ["path", "account", "meeting", "opening", "questions", "assumptions", "agreed"])
        #expect(
            keys(team["questions"]?.array?.first) == ["id", "say", "ask", "status", "priority", "attendees"])
        let markdown = runCLI(["agenda", "--share"], in: repo.url).stdout
        #expect(markdown.hasPrefix("# Agenda — Binford Tools, Wednesday 2 December 2026\n"))
        #expect(markdown.contains("2. What would a good outcome look like for you?\n"))
        for hidden in [
            "Who else should we involve", "What is each person", "partly", "Raj Patel, Tom", "Agreed",
            "Assumption", "For the team", "dana.reyes", "--share", "champion", "binford.md", "high_missing",
            "High missing ask", "Normal missing ask", "Low ask", "Prospecting",
        ] {
            #expect(!markdown.contains(hidden), "\(hidden)")
        }
        let text = runCLI(["agenda", "--share", "--format", "text"], in: repo.url).stdout
        #expect(text.hasPrefix("Agenda — Binford Tools, Wednesday 2 December 2026\n"))
        for hidden in [
            "partly", "Agreed", "For the team", "binford.md", "dana.reyes", "high_missing", "High missing ask",
            "Low ask", "Prospecting",
        ] {
            #expect(!text.contains(hidden), "\(hidden)")
        }
    }

    @Test func theTeamVersionSaysWhatWasAgreedAndWhatToVerify() throws {
        let repo = try repo(["binford.md": Self.ranked])
        let agenda = try #require(try json(runCLI(["agenda", "--format", "json"], in: repo.url)).first)
        #expect(agenda["agreed"]?["date"]?.string == "2026-11-18")
        #expect(agenda["agreed"]?["heading"]?.string == "2026-11-18 — Call with Raj")
        #expect(agenda["agreed"]?["lines"]?.array?.compactMap(\.string) == ["Agreed on the Dec 2 review at the line."])
        guard case .array(let assumptions)? = agenda["assumptions"] else {
            Issue.record("no assumptions")
            return
        }
        #expect(assumptions.map { $0["id"]?.string } == ["normal_assumed"])
        let text = runCLI(["agenda", "--format", "text"], in: repo.url).stdout
        #expect(text.hasPrefix("For the team:"))
        #expect(text.contains("\n  Agreed last time\n    2026-11-18 — Call with Raj\n      Agreed on the Dec 2"))
    }

    @Test func atMostThreeAssumptionsOldestFirst() throws {
        let body = (1...5).map { "## Section \($0)\nAssumption: number \($0).\n" }.joined(separator: "\n")
        let repo = try repo(["a.md": Self.note("Acme", body: body)])
        let agenda = try #require(try json(runCLI(["agenda", "--format", "json"], in: repo.url)).first)
        guard case .array(let assumptions)? = agenda["assumptions"] else { return }
        #expect(assumptions.compactMap { $0["text"]?.string } == (1...3).map { "Assumption: number \($0)." })
        #expect(runCLI(["agenda", "--format", "text"], in: repo.url).stdout.contains("and 2 more"))
    }

    @Test func whichAccountsAndInWhatOrder() throws {
        let repo = try repo([
            "later.md": Self.note("Alpha Later", meeting: "2026-12-09"),
            "beta.md": Self.note("Beta", meeting: "2026-12-02"),
            "alpha.md": Self.note("Alpha", meeting: "2026-12-02"),
            "soon.md": Self.note("Soon", meeting: "2026-11-25"),
            "none.md": Self.note("No Meeting", meeting: nil),
            "lost.md": Self.note("Lost", stage: "closed_lost", meeting: "2026-12-01"),
            "broken.md": Self.note("Broken", stage: "nonsense", meeting: nil),
        ])
        func accounts(_ args: [String]) throws -> [String] {
            try json(runCLI(["agenda", "--format", "json"] + args, in: repo.url)).compactMap {
                $0["account"]?.string
            }
        }
        #expect(try accounts([]) == ["Soon", "Alpha", "Beta", "Alpha Later"])
        #expect(try accounts(["--as-of", "2026-12-01"]) == ["Alpha", "Beta", "Alpha Later"])
        // Named: those accounts, a closed-lost one too, and one without a meeting last.
        #expect(
            try accounts(["accounts/none.md", "accounts/beta.md", "accounts/lost.md"]) == [
                "Lost", "Beta", "No Meeting",
            ])
        // The status speaks of the accounts on the agenda: the broken one is not on it.
        #expect(runCLI(["agenda"], in: repo.url).status == 0)
        #expect(runCLI(["agenda", "accounts/broken.md"], in: repo.url).status == 1)
        let text = runCLI(["agenda", "--format", "text", "--as-of", "2026-11-20"], in: repo.url).stdout
        #expect(text.contains("Agenda: Soon — Wednesday 25 November 2026 (in 5 days)\n"))
        #expect(text.contains("Agenda: Alpha Later — Wednesday 9 December 2026 (in 19 days)\n"))
        let named = runCLI(["agenda", "accounts/soon.md", "--format", "text", "--as-of", "2026-11-26"], in: repo.url)
        #expect(named.stdout.contains("Agenda: Soon — Wednesday 25 November 2026 (yesterday)\n"))
    }

    @Test func aNamedAccountWithoutAMeetingStillGetsItsAgenda() throws {
        let repo = try repo(["none.md": Self.note("No Meeting", meeting: nil)])
        let run = runCLI(["agenda", "accounts/none.md", "--format", "text"], in: repo.url)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Agenda: No Meeting — date not set (next_meeting)\n"))
        #expect(run.stdout.contains("  With: not set (next_meeting_with)\n"))
        #expect(run.stdout.contains("  Goal: not set (next_meeting_goal)\n"))
        #expect(run.stdout.contains("1. What has changed on your side since 18 November 2026?"))
        let agenda = try #require(
            try json(runCLI(["agenda", "accounts/none.md", "--format", "json"], in: repo.url)).first)
        #expect(agenda["meeting"].map(JSONWriter.compact) == #"{"date":null,"with":[],"goal":null}"#)
        #expect(agenda["agreed"]?.isNull == true)
    }

    @Test func noUpcomingMeetingIsSaidPlainly() throws {
        let repo = try repo([
            "none.md": Self.note("No Meeting", meeting: nil), "old.md": Self.note("Old", meeting: "2026-11-25"),
        ])
        for format in ["text", "markdown"] {
            let run = runCLI(["agenda", "--format", format, "--as-of", "2026-12-01"], in: repo.url)
            #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
            #expect(run.stdout.hasPrefix("No account has a next meeting on or after 2026-12-01"), "\(run.stdout)")
        }
        let json = runCLI(["agenda", "--format", "json", "--as-of", "2026-12-01"], in: repo.url)
        #expect(json.status == 0 && json.stdout == "{\n  \"version\": 1,\n  \"agendas\": []\n}\n")
    }

    @Test func theOpeningQuestionWithoutAContactAndAcrossAYear() {
        #expect(
            AgendaDocument.opening(since: nil, meeting: nil) == "What has changed on your side since we last spoke?")
        let december = Day(year: 2025, month: 12, day: 20)!, january = Day(year: 2026, month: 1, day: 10)!
        #expect(
            AgendaDocument.opening(since: december, meeting: january)
                == "What has changed on your side since 20 December 2025?")
        #expect(AgendaDocument.meetingDate(Day(year: 1970, month: 1, day: 1)!) == "Thursday 1 January 1970")
        #expect(AgendaDocument.meetingDate(Day(year: 2026, month: 11, day: 30)!) == "Monday 30 November 2026")
    }

    @Test func hostileTextStaysEscaped() throws {
        let hostile = Self.note(
            "Evil Corp",
            extra: #"""
                next_meeting_with: ["Mal \e]8;;x\a Lory"]
                next_meeting_goal: "<script>alert(1)</script> \e[2J"
                contacts:
                  - name: "Mal \e]8;;x\a Lory"
                    title: "Boss\r\n::error::title"
                    roles: [champion]

                """#,
            body: """
                ## Assumed
                Assumption: ::warning::assumed <b>bold</b>

                ## Log
                ### 2026-11-18 — ::error::heading
                ::error file=x::from the log
                  ::add-mask::secret

                """)
        let repo = try repo(["evil.md": hostile])
        for format in ["text", "markdown"] {
            for share in [false, true] {
                let run = runCLI(["agenda", "--format", format] + (share ? ["--share"] : []), in: repo.url)
                #expect(!run.stdout.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
                for line in run.stdout.split(separator: "\n") {
                    #expect(!line.trimmingCharacters(in: .whitespaces).hasPrefix("::"), "\(format): \(line)")
                }
                if format == "markdown" {
                    #expect(!run.stdout.contains("<script>") && run.stdout.contains("&lt;script&gt;"))
                }
            }
        }
        // In text, a line from the notes never starts a line: the log's lines are indented.
        let text = runCLI(["agenda", "--format", "text"], in: repo.url).stdout
        #expect(text.contains("\n      \\::error file=x::from the log\n"))
        #expect(text.contains("\n        \\::add-mask::secret\n"))
        for line in text.split(separator: "\n") where !line.hasPrefix(" ") {
            #expect(["For the team", "an agenda", "Agenda: "].contains { line.hasPrefix($0) }, "\(line)")
        }
        // JSON keeps the text as it is, escaped by JSON.
        let agenda = try #require(try json(runCLI(["agenda", "--format", "json"], in: repo.url)).first)
        #expect(agenda["meeting"]?["goal"]?.string == "<script>alert(1)</script> \u{1B}[2J")
    }

    /// A checklist's wording is escaped like the notes: a line break or an escape character in a
    /// `say:` never starts a line nor reaches the terminal raw.
    @Test func aHostileSayWordingStaysOnItsLine() throws {
        let checklist = Self.checklist.replacingOccurrences(
            of: "say: How do you measure changeovers today?",
            with: #"say: "How do you measure\n::error::x \e[31mred?""#)
        let repo = try TempRepo([
            "fieldnotes.yml": Self.config, "checklist.yml": checklist, "accounts/binford.md": Self.ranked,
        ])
        for format in ["text", "markdown"] {
            for share in [false, true] {
                let run = runCLI(
                    ["agenda", "--format", format, "--max", "10"] + (share ? ["--share"] : []), in: repo.url)
                #expect(run.status == 0, "\(run.stderr)")
                // Text shows the line break escaped; Markdown, where a line break is a space, a space.
                let shown = format == "text" ? #"\u{0A}::error::x"# : " ::error::x"
                #expect(run.stdout.contains("How do you measure\(shown) \\u{1B}[31mred?"), "\(run.stdout)")
                #expect(!run.stdout.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" })
                for line in run.stdout.split(separator: "\n") {
                    #expect(!line.hasPrefix("::") && !line.hasPrefix("x "), "\(line)")
                    if format == "text" && !line.hasPrefix(" ") {
                        #expect(["For the team", "an agenda", "Agenda"].contains { line.hasPrefix($0) }, "\(line)")
                    }
                }
            }
        }
    }

    /// Text is wrapped by the columns it takes on a terminal: a CJK character takes two.
    @Test func wrappingCountsDisplayWidth() throws {
        let wide = Array(repeating: "会議の目標", count: 8).joined(separator: " ")
        let repo = try repo([
            "a.md": Self.note("Acme", extra: "next_meeting_goal: \(wide)\n")
        ])
        let text = runCLI(["agenda", "--format", "text"], in: repo.url).stdout
        let goal = text.split(separator: "\n").filter { $0.hasPrefix("  Goal: ") || $0.hasPrefix("        会") }
        // 8 words of 10 columns: 6 fit in the 72 columns after "  Goal: ", not all 8 (they are 5 characters).
        #expect(
            goal == ["  Goal: " + Array(repeating: "会議の目標", count: 6).joined(separator: " "), "        会議の目標 会議の目標"])
        #expect(goal.allSatisfy { TextRenderer.displayWidth(String($0)) <= 80 })
        // TextWrap's other callers count characters, as before.
        #expect(TextWrap.lines("ab cd ef", width: 5) == ["ab cd", "ef"])
        #expect(TextWrap.lines("会議 会議 会議", width: 5) == ["会議 会議", "会議"])
        #expect(TextWrap.lines("会議 会議 会議", width: 5, measure: TextRenderer.displayWidth) == ["会議", "会議", "会議"])
    }

    /// The README's example is what the command prints.
    @Test func theReadmeExampleIsTheOutput() throws {
        let readme = try String(contentsOf: Project.root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "In the notes template (`cd notes-template && fieldnotes agenda"))
        let open = try #require(readme.range(of: "```\n", range: start.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "```\n", range: open.upperBound..<readme.endIndex))
        let run = runCLI(
            ["agenda", "--no-history", "accounts/binford-tools.md", "--as-of", "2026-11-30", "--format", "text"],
            in: Project.template)
        #expect(String(readme[open.upperBound..<close.lowerBound]) == run.stdout)
    }

    @Test func helpAndOverviewListTheCommand() {
        let help = runCLI(["agenda", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--share") && help.stdout.contains("--max <n>"))
        #expect(runCLI(["--help"]).stdout.contains("  agenda "))
    }

    /// Accounts without a meeting cost no log reading, and the document is built from facts.
    @Test func manyAccountsStayLinear() throws {
        var facts: [AccountFacts] = []
        for i in 0..<2000 {
            let report = checkText(Self.note("Account \(i)", meeting: i % 2 == 0 ? "2026-12-0\(1 + i % 9)" : nil))
            facts.append(AccountFacts(report, checklist: .builtIn, staleAfterDays: 30, asOf: nil))
        }
        let doc = AgendaDocument(facts: facts, agreed: [], settings: AgendaDocument.Settings())
        #expect(doc.accounts.count == 1000)
        #expect(doc.accounts.map(\.meeting) == doc.accounts.map(\.meeting).sorted { ($0 ?? .first) < ($1 ?? .first) })
    }
}
