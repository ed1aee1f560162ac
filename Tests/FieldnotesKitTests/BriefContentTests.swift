import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// A brief keeps what the rep wrote: every section with text, the text before the first
/// section, every log entry; in plain words on the pages people read.
@Suite struct BriefContentTests {
    /// The built-in checklist's section questions, each with a marker only its section holds.
    static let sectionQuestions = Checklist.builtIn.questions.filter { $0.primaryTitle != nil }

    static func marker(_ id: String) -> String { "Marker-\(id.replacingOccurrences(of: "_", with: "-"))" }

    /// A note that answers every section question (in an order unlike the checklist's), has a
    /// section of its own, one with only a placeholder, text before the first section and five
    /// log entries.
    static let note: String = {
        var text = """
            ---
            account: Marker Works
            owner: dana.reyes
            stage: negotiation
            last_contact: 2026-11-09
            next_step: Walk the line with Ana on Dec 1
            contacts:
              - name: Ana Lima
                roles: [economic_buyer]
            ---

            # Marker Works

            Marker-intro: the plant's largest supplier account.

            ## Trade show
            Marker-own: met their buyer at the fair.

            ## Pricing ideas
            TBD

            """
        for q in sectionQuestions.reversed() { text += "## \(q.primaryTitle!)\n\(marker(q.id)) in their words.\n\n" }
        text += "## Log\n"
        for day in [3, 9, 1, 7, 5] { text += "### 2026-11-0\(day) — Call \(day)\nMarker-log-\(day).\n\n" }
        return text
    }()

    static func brief(_ text: String, share: Bool = false) -> Brief {
        let report = checkText(text, checklist: .builtIn)
        let facts = AccountFacts(report, checklist: .builtIn, staleAfterDays: 30, asOf: nil)
        return Brief(
            facts: facts, checklist: .builtIn, share: share, internalQuestions: Config().internalQuestions,
            internalRoles: Config().internalRoles)
    }

    @Test func everySectionWithTextIsInEveryFormat() throws {
        let brief = Self.brief(Self.note)
        let markdown = brief.markdown(), html = brief.html()
        let json = try #require(brief.json()["sections"]?.array)
        let markers = Self.sectionQuestions.map { Self.marker($0.id) } + ["Marker-own", "Marker-intro"]
        for marker in markers {
            #expect(markdown.contains(marker) && html.contains(marker), "\(marker)")
        }
        #expect(brief.json()["intro"]?.string == "Marker-intro: the plant's largest supplier account.")
        // JSON: one flat list, each checklist section with its id and category, then the rep's own.
        #expect(json.count == Self.sectionQuestions.count + 1)
        for q in Self.sectionQuestions {
            let section = json.first { $0["id"]?.string == q.id }
            #expect(section?["category"]?.string == q.category, "\(q.id)")
            #expect(section?["text"]?.string == "\(Self.marker(q.id)) in their words.", "\(q.id)")
        }
        #expect(json.last?["id"]?.isNull == true && json.last?["category"]?.isNull == true)
        #expect(
            json.last?["heading"]?.string == "Trade show" && json.last?["text"]?.string?.hasPrefix("Marker-own") == true
        )
        // A section with only a placeholder is not printed; nor is "Not known yet." anywhere.
        for page in [markdown, html] {
            #expect(!page.contains("Pricing ideas") && !page.contains("Not known yet"))
        }
    }

    /// Sections go by category in the checklist's order, whatever the notes' order; the rep's
    /// own come after them, under "Other notes".
    @Test func sectionsAreGroupedByCategoryInChecklistOrder() throws {
        let markdown = Self.brief(Self.note).markdown()
        var last = markdown.startIndex
        for category in Checklist.builtIn.categories {
            let questions = Self.sectionQuestions.filter { $0.category == category }
            guard !questions.isEmpty else {
                #expect(!markdown.contains("\n## \(category)\n"), "\(category) has no section question")
                continue
            }
            let heading = try #require(markdown.range(of: "\n## \(category)\n"), "\(category)")
            #expect(heading.lowerBound > last, "\(category)")
            last = heading.lowerBound
            for q in questions {
                let marker = try #require(markdown.range(of: Self.marker(q.id)), "\(q.id)")
                #expect(marker.lowerBound > last, "\(q.id)")
                last = marker.lowerBound
            }
        }
        let own = try #require(markdown.range(of: "\n## Other notes\n\n### Trade show\n\nMarker-own"))
        #expect(own.lowerBound > last)
        // The text before the first section comes first, as a quote no list runs into.
        #expect(markdown.contains("# Marker Works\n\n> Marker-intro: the plant's largest supplier account.\n\n- **"))
        let html = Self.brief(Self.note).html()
        #expect(html.contains("<h2>Change</h2>\n<section><h3>What changed on their end</h3>\n<p>Marker-what-changed"))
        #expect(html.contains("<div class=\"lead\">\n<p>Marker-intro"))
    }

    /// Every log entry, newest first, in every format; printed, the newest three and a line
    /// saying how many more the notes hold.
    @Test func everyLogEntryNewestFirstPrintedTheNewestThree() throws {
        let brief = Self.brief(Self.note)
        let markdown = brief.markdown(), html = brief.html()
        for page in [markdown, html] {
            let positions = [9, 7, 5, 3, 1].compactMap { page.range(of: "Marker-log-\($0)")?.lowerBound }
            #expect(positions.count == 5 && positions == positions.sorted())
        }
        let log = try #require(brief.json()["log"]?.array)
        #expect(
            log.map { $0["date"]?.string } == ["2026-11-09", "2026-11-07", "2026-11-05", "2026-11-03", "2026-11-01"])
        #expect(html.components(separatedBy: "<div class=\"entry\">").count == 4)
        #expect(html.components(separatedBy: "<div class=\"entry older\">").count == 3)
        #expect(html.contains("<p class=\"note print-only\">2 older entries are in the notes.</p>"))
        // The print stylesheet hides the older entries only, and shows the line that counts them.
        let print = try #require(HTML.css.range(of: "@media print {")).upperBound
        let rules = HTML.css[print...]
        #expect(rules.contains(".noprint, .log .older { display: none; }"))
        #expect(rules.contains(".print-only { display: block; }"))
        #expect(!rules.contains(".log {") && !rules.contains(", .log {") && !rules.contains(".log { display"))
        #expect(!HTML.css[..<print].contains("older"))
        // Three entries or fewer: nothing to count.
        let three = Self.note.replacingOccurrences(of: "### 2026-11-01 — Call 1\nMarker-log-1.\n\n", with: "")
            .replacingOccurrences(of: "### 2026-11-03 — Call 3\nMarker-log-3.\n\n", with: "")
        let page = Self.brief(three).html()
        #expect(!page.contains("entry older") && !page.contains("print-only\">") && page.contains("Marker-log-9"))
    }

    /// A question answered under two of its titles shows both texts under its heading; a shared
    /// brief leaves out an internal question's section under any of its titles. Text in the log
    /// before its first entry is kept too.
    @Test func everyTitleOfAQuestionAndTheLogsOwnText() throws {
        let text = """
            ---
            account: Twin Titles
            stage: discovery
            ---

            ## What changed
            Marker-first: a new plant manager.

            ## Changes on their end
            Marker-second: the budget moved to Q2.

            ## Who influences whom
            Marker-politics: the controller listens to the plant manager.

            ## Log
            Marker-log-text: calls before November are in the CRM.

            ### 2026-11-04 — Call
            Marker-call.
            """
        let brief = Self.brief(text)
        #expect(
            brief.markdown().contains(
                "### What changed on their end\n\nMarker-first: a new plant manager.\n\n"
                    + "Marker-second: the budget moved to Q2.\n"))
        #expect(brief.html().contains("<p>Marker-first: a new plant manager.</p>\n<p>Marker-second"))
        let sections = try #require(brief.json()["sections"]?.array)
        #expect(sections.map { $0["id"]?.string } == ["what_changed", "politics"])
        #expect(
            brief.markdown().contains(
                "## Log\n\nMarker-log-text: calls before November are in the CRM.\n\n### 2026-11-04"))
        #expect(brief.html().contains("<h2>Log</h2>\n<p>Marker-log-text"))
        #expect(brief.json()["log_text"]?.string == "Marker-log-text: calls before November are in the CRM.")
        let shared = Self.brief(text, share: true)
        for page in [shared.markdown(), shared.html(), JSONWriter.pretty(shared.json())] {
            #expect(!page.contains("Marker-politics") && !page.contains("Marker-log") && page.contains("Marker-second"))
        }
    }

    /// Many sections answering one question are joined in place: 5,000 of them make one
    /// section with every text, in the notes' order.
    @Test func manySectionsOfOneQuestionKeepEveryTextInOrder() throws {
        var text = "---\naccount: Many Changes\nstage: discovery\n---\n\n"
        for i in 0..<5000 { text += "## What changed\nMarker-\(i).\n\n" }
        let sections = Self.brief(text).noteSections()
        #expect(sections.count == 1 && sections.first?.id == "what_changed")
        let expected = (0..<5000).map { "Marker-\($0)." }.joined(separator: "\n\n")
        #expect(sections.first.map { String(decoding: $0.text, as: UTF8.self) } == expected)
    }

    /// A shared brief leaves out every paragraph that marks an assumption, and a section left
    /// with no text; the team's brief keeps them.
    @Test func aSharedBriefLeavesOutTheParagraphsThatMarkAssumptions() throws {
        let text = """
            ---
            account: Oak Valves
            stage: discovery
            ---

            ## What changed
            Marker-kept: a new plant manager.

            Marker-dropped: the budget moved.
            Their controller signs (assumed).

            Marker-after: the line starts in March.

            ## Buying mode
            Assumption: Marker-buying, they are buying.
            """
        let full = Self.brief(text), shared = Self.brief(text, share: true)
        for page in [full.markdown(), full.html(), JSONWriter.pretty(full.json())] {
            #expect(page.contains("Marker-dropped") && page.contains("Marker-buying"))
        }
        #expect(shared.markdown().contains("Marker-kept: a new plant manager.\n\nMarker-after: the line starts"))
        for page in [shared.markdown(), shared.html(), JSONWriter.pretty(shared.json())] {
            #expect(page.contains("Marker-kept") && page.contains("Marker-after"))
            #expect(!page.contains("Marker-dropped") && !page.contains("controller") && !page.contains("Marker-buying"))
            #expect(!page.contains("Buying mode"))
        }
    }

    /// The intro is what is written above the first section, but the `# title` (a `#` line in
    /// code or a comment is text, as the notes' reader has it).
    @Test func theIntroIsTheTextAboveTheFirstSectionButTheTitle() throws {
        let text = """
            ---
            account: Fenced
            stage: discovery
            ---
            <!-- # Not the title -->
            ```
            # Code, not the title
            ```

            # Fenced

            After the title.

            ## What changed
            New owner.
            """
        let intro = Self.brief(text).json()["intro"]?.string
        #expect(intro == "```\n# Code, not the title\n```\n\nAfter the title.")
        let untitled = "---\naccount: Bare\nstage: discovery\n---\nJust a line.\n\n## What changed\nNew owner.\n"
        #expect(Self.brief(untitled).json()["intro"]?.string == "Just a line.")
        let none = "---\naccount: Bare\nstage: discovery\n---\n# Bare\n\n## What changed\nNew owner.\n"
        #expect(Self.brief(none).json()["intro"]?.isNull == true)
    }

    /// A closed deal owes only its outcome: no section it never wrote is printed as unknown.
    @Test func aClosedDealSaysNothingOfWhatItNeverWrote() throws {
        let run = runCLI(["brief", "--no-history", "accounts/ridgeline-pumps.md"], in: Project.template)
        #expect(run.status == 0)
        let html = runCLI(
            ["brief", "--no-history", "--format", "html", "accounts/ridgeline-pumps.md"], in: Project.template
        ).stdout
        let json = runCLI(
            ["brief", "--no-history", "--format", "json", "accounts/ridgeline-pumps.md"], in: Project.template
        ).stdout
        for page in [run.stdout, html, json] {
            #expect(!page.contains("Not known yet") && !page.contains("Politics") && !page.contains("Personal pain"))
        }
        #expect(run.stdout.contains("- **Stage:** Closed – won\n"))
        #expect(run.stdout.contains("### Current feedback\n\nOct 30, Søren"))
        #expect(run.stdout.contains("Every question due at this stage is answered."))
    }

    /// Pages people read say values in words, amounts with separators; JSON keeps the ids. A
    /// column no row fills is not printed.
    @Test func plainWordsOnPagesIdsInJSON() throws {
        let markdown = runCLI(["brief", "--no-history", "accounts/initech.md"], in: Project.template).stdout
        let html = runCLI(["brief", "--no-history", "--format", "html", "accounts/initech.md"], in: Project.template)
            .stdout
        let json = runCLI(["brief", "--no-history", "--format", "json", "accounts/initech.md"], in: Project.template)
            .stdout
        for text in ["Our position:** data point", "| Kenji Watanabe | Cell Lead, Machining | user buyer |"] {
            #expect(markdown.contains(text), "\(text)")
        }
        #expect(markdown.contains("| Valve body cell fixtures | Discovery | 85,000 USD |\n"))
        #expect(html.contains("<span>Our position</span>data point") && html.contains("<td>user buyer</td>"))
        #expect(html.contains("<td class=\"short\">85,000 USD</td>") && html.contains("Stage <b>Discovery</b>"))
        for id in ["\"data_point\"", "\"user_buyer\"", "\"value\": 85000", "\"stage\": \"discovery\""] {
            #expect(json.contains(id), "\(id)")
        }
        // No opportunity has a decision date or a next step; no competitor has weaknesses.
        for page in [markdown, html] {
            #expect(!page.contains("Decision date") && !page.contains("Weaknesses"))
            #expect(page.contains("Strengths") && page.contains("Reports to"))
        }
        let closed = runCLI(["brief", "--no-history", "accounts/ridgeline-pumps.md"], in: Project.template).stdout
        #expect(closed.contains("| Impeller housing fixtures | Closed – won | 64,000 USD | 2026-10-15 |  |\n"))
        #expect(
            closed.contains(
                "| Lena Hoffmann | Plant Manager | economic buyer, executive sponsor |  | warm | for | high | 2026-10-30 |"
            ))
    }

    /// What the rep reads before the Initech meeting on Dec 4: who comes, what for, and what
    /// the cell lead said about the clamps, in the sections and in the log.
    @Test func theInitechBriefBeforeTheMeeting() {
        let markdown = runCLI(
            ["brief", "--no-history", "--as-of", "2026-11-30", "accounts/initech.md"], in: Project.template
        ).stdout
        #expect(markdown.contains("- **Next meeting:** 2026-12-04 with José Ñúñez, Kenji Watanabe\n"))
        #expect(markdown.contains("- **Meeting goal:** Map the approval steps for the new cell together"))
        #expect(markdown.contains("does not want\na new clamp standard on the floor."))
        #expect(markdown.contains("Kenji asked us to keep their clamp standard if we can."))
        #expect(markdown.contains("### Readiness to change") && markdown.contains("### Buying mode"))
    }

    /// The template's accounts print on one page each, on A4 and on Letter.
    @Test(.enabled(if: toolPath("chromium") != nil, "chromium is not installed"))
    func theTemplatesBriefsPrintOnOnePage() throws {
        let chromium = try #require(toolPath("chromium"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for account in ["binford-tools", "initech", "ridgeline-pumps"] {
            let page = runCLI(
                ["brief", "--no-history", "--format", "html", "--as-of", "2026-11-30", "accounts/\(account).md"],
                in: Project.template
            ).stdout
            for paper in ["A4", "Letter"] {
                let html = dir.appendingPathComponent("\(account)-\(paper).html")
                let pdf = dir.appendingPathComponent("\(account)-\(paper).pdf")
                try page.replacingOccurrences(of: "</style>", with: "@page { size: \(paper); }\n</style>")
                    .write(to: html, atomically: true, encoding: .utf8)
                let run = try runProgram(
                    chromium,
                    [
                        "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--user-data-dir=\(dir.path)/profile", "--print-to-pdf=\(pdf.path)", html.absoluteString,
                    ])
                let data = try Data(contentsOf: pdf)
                #expect(Self.pages(data) == 1, "\(account) on \(paper): \(run.stderr)")
            }
        }
    }

    /// The pages of a PDF: its `/Type /Page` objects (not `/Pages`).
    static func pages(_ pdf: Data) -> Int {
        let bytes = [UInt8](pdf), key = Array("/Type".utf8), page = Array("/Page".utf8)
        var count = 0, i = 0
        while i + key.count < bytes.count {
            defer { i += 1 }
            guard bytes[i..<(i + key.count)].elementsEqual(key) else { continue }
            var j = i + key.count
            while j < bytes.count && (bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x0D) { j += 1 }
            guard j + page.count < bytes.count, bytes[j..<(j + page.count)].elementsEqual(page) else { continue }
            if bytes[j + page.count] != UInt8(ascii: "s") { count += 1 }
        }
        return count
    }
}
