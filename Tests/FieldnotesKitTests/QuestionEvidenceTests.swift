import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Questions rest on evidence: an economic buyer counts once met, a champion once tested, a
/// contact who left counts for nothing, a hedged line is an assumption; and a won account still
/// owes account management (`won: true`).
struct QuestionEvidenceTests {
    func account(_ front: String, body: String = "") -> AccountReport {
        checkText("---\naccount: A\nowner: o\n\(front)---\n# A\n\(body)")
    }

    func result(_ report: AccountReport, _ id: String) -> QuestionResult? {
        report.results.first { $0.question.id == id }
    }

    func status(_ report: AccountReport, _ id: String) -> QuestionStatus? { result(report, id)?.status }

    // MARK: met: true

    static let buyer = "  - name: Dana Whitfield\n    roles: [economic_buyer]\n"

    @Test func anEconomicBuyerNeverMetLeavesTheQuestionPartial() throws {
        let r = account("stage: discovery\ncontacts:\n\(Self.buyer)")
        let eb = try #require(result(r, "economic_buyer"))
        #expect(eb.status == .partial)
        #expect(
            eb.gaps.map(\.message) == [
                "'Dana Whitfield' (economic buyer) was never met: add last_met, or name them in a dated log entry"
            ])
        let d = try #require(r.diagnostics.first { $0.subject == "economic_buyer" })
        #expect(d.message.contains("was never met"))
        #expect(d.help?.hasPrefix("meet them") == true)
    }

    @Test func anEconomicBuyerMetByLastMetOrByALogEntryAnswersIt() {
        let byField = account("stage: discovery\ncontacts:\n\(Self.buyer)    last_met: 2026-11-02\n")
        #expect(status(byField, "economic_buyer") == .answered)
        let byLog = account(
            "stage: discovery\ncontacts:\n\(Self.buyer)",
            body: "## Log\n### 2026-11-03 Plant visit\nWalked the line with Dana Whitfield.\n")
        #expect(status(byLog, "economic_buyer") == .answered)
        // A log entry without a date, or one naming someone else, is no meeting with them.
        let undated = account(
            "stage: discovery\ncontacts:\n\(Self.buyer)",
            body: "## Log\n### Plant visit\nWalked the line with Dana Whitfield.\n### 2026-11-03 Call\nRaj only.\n")
        #expect(status(undated, "economic_buyer") == .partial)
    }

    @Test func oneMetBuyerOfTwoIsEnough() {
        let r = account(
            "stage: discovery\ncontacts:\n\(Self.buyer)  - name: Lee Chan\n    roles: [economic_buyer]\n"
                + "    last_met: 2026-10-01\n")
        #expect(status(r, "economic_buyer") == .answered)
        #expect(result(r, "economic_buyer")?.gaps.isEmpty == true)
    }

    @Test func anEconomicBuyerWhoLeftCountsForNothing() {
        let r = account("stage: discovery\ncontacts:\n\(Self.buyer)    last_met: 2026-11-02\n    status: left\n")
        #expect(status(r, "economic_buyer") == .missing)
        #expect(status(r, "decision_people") == .missing)
    }

    // MARK: relationship: [warm, strong]

    static func champion(_ relationship: String?) -> String {
        "stage: solution\ncontacts:\n  - name: Raj Patel\n    roles: [champion]\n"
            + (relationship.map { "    relationship: \($0)\n" } ?? "")
    }

    @Test func aNeutralChampionIsUntested() throws {
        let r = account(Self.champion("neutral"))
        let champion = try #require(result(r, "champion"))
        #expect(champion.status == .partial)
        #expect(
            champion.gaps.map(\.message) == [
                "untested champion: 'Raj Patel' relationship is neutral (warm or strong expected)"
            ])
        let none = account(Self.champion(nil))
        #expect(status(none, "champion") == .partial)
        #expect(result(none, "champion")?.gaps.first?.message.contains("relationship is not written") == true)
    }

    @Test func aWarmOrStrongChampionAnswersIt() {
        #expect(status(account(Self.champion("warm")), "champion") == .answered)
        #expect(status(account(Self.champion("strong")), "champion") == .answered)
    }

    // MARK: status: left, for every contacts condition

    @Test func contactsWhoLeftDoNotCountTowardTwo() throws {
        let front =
            "stage: discovery\ncontacts:\n  - name: Jenny Ortiz\n    roles: [user_buyer]\n"
            + "  - name: Bob Lang\n    status: left\n"
        let r = account(front)
        let others = try #require(result(r, "decision_others"))
        #expect(others.status == .partial)
        #expect(others.gaps.map(\.message) == ["only 1 active contact; at least 2 expected"])
        // Bob has no roles, but he left: contact_roles does not ask for his.
        #expect(status(r, "contact_roles") == .answered)
        let both = account(front.replacingOccurrences(of: "    status: left\n", with: "    roles: [coach]\n"))
        #expect(status(both, "decision_others") == .answered)
    }

    @Test func aChampionWhoLeftIsNoChampion() {
        let r = account(Self.champion("strong") + "    status: left\n")
        #expect(status(r, "champion") == .missing)
    }

    // MARK: Hedges

    @Test func aHedgedLineIsAnAssumptionListedWithItsLine() throws {
        let r = account(
            "stage: discovery\n",
            body: "## Why they are buying\nThey grow fast.\nThey probably want a second line. Later too.\n")
        let why = try #require(result(r, "why_buying"))
        #expect(why.status == .assumed)
        let a = try #require(why.assumptions.first)
        #expect(a.hedge == "probably" && a.line == 8 && a.text == "They probably want a second line.")
        #expect(why.gaps.map(\.message) == ["hedged: 'probably'"])
        let d = try #require(r.diagnostics.first { $0.subject == "why_buying" })
        #expect(d.message == "question 'why_buying' rests on an unverified assumption (hedged: 'probably')")
        let facts = AccountFacts(r, checklist: .builtIn, staleAfterDays: 30, asOf: nil)
        #expect(facts.assumptions.map(\.line) == [9])
        #expect(facts.assumptions.first?.text == "They probably want a second line.")
    }

    @Test func everyHedgeCountsInAnyCaseAsAWholeWord() {
        for phrase in Hedges.phrases {
            let line = "Well, \(phrase.uppercased()) it works"
            let r = account("stage: discovery\n", body: "## Current state\n\(line)\n")
            #expect(status(r, "current_state") == .assumed, "\(phrase)")
            #expect(result(r, "current_state")?.assumptions.first?.hedge == phrase, "\(phrase)")
        }
        // Not inside longer words: "seemingly", "improbably", "shoulder be".
        let r = account(
            "stage: discovery\n", body: "## Current state\nSeemingly improbably, the shoulder bench works.\n")
        #expect(status(r, "current_state") == .answered)
    }

    /// The scanner looks for hedges only in lines its one pass flagged: it must flag every line
    /// that has one, however the words fall across its eight-byte reads.
    @Test func theLineCuesFlagEveryHedge() {
        var rng = SeededGenerator(seed: 29)
        let pieces =
            Hedges.phrases + Hedges.phrases.map { $0.uppercased() } + [
                "thi", "nk", "prob", "ably", "SEE", "m", "should", " be", "presum", "appar", "ently", " ", "  ", "I ",
                "\"", "“", "”", "é", "plain words ", "x",
            ]
        var found = 0
        for _ in 0..<5000 {
            let bytes = Array(FastPathTests.randomText(&rng, pieces: pieces, count: 8).utf8)
            guard Hedges.find(in: bytes[...]) != nil else { continue }
            found += 1
            #expect(BodyScanner.LineCues(bytes[...]).hedge, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(found > 300)
    }

    @Test func hedgesInQuotationMarksAreTheCustomersWords() {
        let straight = account(
            "stage: discovery\n", body: "## Current state\nTheir planner said \"it should be fine\" twice.\n")
        #expect(status(straight, "current_state") == .answered)
        let curly = account("stage: discovery\n", body: "## Current state\nShe said “I think we are late”.\n")
        #expect(status(curly, "current_state") == .answered)
        let after = account("stage: discovery\n", body: "## Current state\nShe said “late”, probably true.\n")
        #expect(status(after, "current_state") == .assumed)
    }

    @Test func hedgesInTheLogAndInCommentsDoNotCount() {
        let r = account(
            "stage: discovery\n",
            body: "## Current state\nTwo shifts. <!-- probably three -->\n## Log\n### 2026-11-02 Call\n"
                + "I think they liked it.\n")
        #expect(status(r, "current_state") == .answered)
        #expect(r.body.assumptions.isEmpty)
    }

    @Test func aMarkedLineStaysMarkedEvenWhenItHedges() throws {
        let r = account("stage: discovery\n", body: "## Current state\nAssumption: it probably runs at night.\n")
        let a = try #require(result(r, "current_state")?.assumptions.first)
        #expect(a.hedge == nil)
        #expect(result(r, "current_state")?.gaps.isEmpty == true)
    }

    @Test func missingSaysAQuestionIsHedged() throws {
        let repo = try TempRepo([
            "accounts/a.md": "---\naccount: A\nowner: o\nstage: discovery\n---\n# A\n"
                + "## Current state\nI guess they weld by hand.\n"
        ])
        let run = runCLI(["missing", "accounts/a.md"], in: repo.url)
        #expect(run.stdout.contains("hedged: 'I guess'"))
        #expect(run.stdout.contains("I guess they weld by hand."))
    }

    // MARK: won: true

    @Test func aWonAccountOwesAccountManagementAndNothingElse() {
        let r = account("stage: closed_won\nlast_contact: 2026-11-01\ncontacts:\n  - name: J\n")
        let owed = r.results.filter(\.status.isOpen).map(\.question.id)
        #expect(Set(owed) == ["what_changed", "current_feedback", "next_project", "outcome"])
        let lost = account("stage: closed_lost\nlast_contact: 2026-11-01\ncontacts:\n  - name: J\n")
        #expect(lost.results.filter(\.status.isOpen).map(\.question.id) == ["outcome"])
        #expect(
            Checklist.builtIn.questions.filter(\.dueWhenWon).map(\.id) == [
                "what_changed", "current_feedback", "next_project",
            ])
    }

    // MARK: The built-in checklist

    @Test func theNewQuestionsAndTheirTiming() throws {
        let list = Checklist.builtIn
        func q(_ id: String) throws -> Question { try #require(list.questions.first { $0.id == id }) }
        for (id, category, priority) in [
            ("success_metrics", "Need", Question.Priority.high), ("partners", "Competition", .normal),
            ("their_customers", "Need", .normal),
        ] {
            let question = try q(id)
            #expect(question.from == .discovery && question.category == category && question.priority == priority)
            #expect(question.say != nil && question.hint != nil && (question.primaryTitle != nil))
            if case .section(let titles) = question.answer { #expect(titles.count == 2) }
        }
        #expect(try q("decision_criteria").from == .discovery)
        #expect(try q("paper_process").from == .solution)
        #expect(try q("paper_process").hint?.contains("PPAP") == true)
        #expect(try q("current_feedback").from == .solution)
        #expect(try q("economic_buyer").requiresMet)
        #expect(try q("champion").relationships == ["warm", "strong"])
    }

    // MARK: The loader

    static func load(_ answer: String, _ keys: String) -> Result<Checklist, ToolError> {
        ChecklistLoader.load(SourceFile(path: "checklist.yml", text: questionsHead + answer + keys))
    }

    static let contactsWhere = "    field: contacts\n    where: { roles: economic_buyer }\n"

    func firstError(_ result: Result<Checklist, ToolError>) throws -> Diagnostic {
        guard case .failure(let error) = result else {
            Issue.record("the checklist loaded")
            throw CancellationError()
        }
        return try #require(error.files.first?.diagnostics.first)
    }

    @Test func theKeysLoad() throws {
        let list = try Self.load(Self.contactsWhere, "    won: true\n    met: true\n    relationship: warm\n").get()
        let q = list.questions[0]
        #expect(q.dueWhenWon && q.requiresMet && q.relationships == ["warm"])
        let plain = try Self.load(Self.contactsWhere, "").get().questions[0]
        #expect(!plain.dueWhenWon && !plain.requiresMet && plain.relationships.isEmpty)
    }

    @Test func aBadWonOrMetIsAnErrorWithADidYouMean() throws {
        let won = try firstError(Self.load("    section: Final yes\n", "    won: ture\n"))
        #expect(won.message == "'won' should be true or false, found 'ture'")
        #expect(won.help == "did you mean 'true'?")
        let met = try firstError(Self.load(Self.contactsWhere, "    met: yes\n"))
        #expect(met.message == "'met' should be true or false, found 'yes'")
        let misspelt = try firstError(Self.load(Self.contactsWhere, "    mett: true\n"))
        #expect(misspelt.help == "did you mean 'met'?")
    }

    @Test func metAndRelationshipNeedContactsWithWhere() throws {
        let onSection = try firstError(Self.load("    section: Final yes\n", "    met: true\n"))
        #expect(onSection.message == "'met' applies to a 'field: contacts' question with 'where:'")
        let withoutWhere = try firstError(Self.load("    field: contacts\n", "    relationship: [warm]\n"))
        #expect(withoutWhere.message == "'relationship' applies to a 'field: contacts' question with 'where:'")
    }

    @Test func aBadRelationshipIsAnErrorWhereItIsWritten() throws {
        let text = Self.contactsWhere + "    relationship: [warm, strnog]\n"
        let d = try firstError(Self.load(text, ""))
        #expect(d.message == "'strnog' is not a value of 'relationship'")
        #expect(d.help == "did you mean 'strong'?")
        let file = SourceFile(path: "c", text: Self.questionsHead + text)
        #expect(file.slice(d.range) == "strnog")
        let empty = try firstError(Self.load(Self.contactsWhere, "    relationship: []\n"))
        #expect(empty.message.hasPrefix("'relationship' should list"))
    }

    static let questionsHead = """
        questions:
          - id: economic_buyer
            ask: Who gives the final yes?
            category: People
            from: discovery

        """

    /// The quotation state is carried along a line: a long line of quoted hedges is read in one
    /// pass, and a hedge after the quotation closes is still found.
    @Test func quotationsAreFollowedInOnePass() {
        let quoted = "\"" + String(repeating: "probably ", count: 20_000) + "\""
        #expect(Hedges.find(in: Array(quoted.utf8)[...]) == nil)
        let after = Array((quoted + " and probably later").utf8)[...]
        #expect(Hedges.find(in: after)?.phrase == "probably")
    }
}
