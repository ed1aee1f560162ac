import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesSupport

/// The checklist keys an agenda reads: `say:` (the question in words for the customer),
/// `priority:` and `who:`. The built-in checklist fills them in, in words fit to send.
struct ChecklistAgendaFieldsTests {
    // MARK: The wording heuristics

    /// Words that put the seller, not the customer, at the centre of a question. Whole words:
    /// "status", "business" and "focus" hold the letters "us" and are fine.
    static let usWords: Set<String> = [
        "we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd", "let's",
    ]

    /// Sales jargon a customer should never read on an agenda.
    static let jargon: Set<String> = [
        "champion", "pain", "incumbent", "prospect", "pipeline", "deal", "stakeholder", "upsell", "qualify",
    ]
    static let jargonPhrases = ["economic buyer", "decision maker", "data point", "status quo", "buying process"]

    /// The words that open a question answered by yes or no.
    static let yesNoOpeners: Set<String> = [
        "is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should", "have", "has",
        "had", "may", "shall",
    ]

    /// The lowercase words of `text`, apostrophes (straight or curly) kept inside words.
    static func words(_ text: String) -> [String] {
        text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
            .split { !($0.isLetter || $0 == "'") }
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
            .filter { !$0.isEmpty }
    }

    /// The seller-centred words of `text`, in order.
    static func usCentred(_ text: String) -> [String] {
        words(text).filter(usWords.contains)
    }

    /// The jargon of `text`: single words and phrases.
    static func jargonIn(_ text: String) -> [String] {
        let list = words(text)
        let joined = " " + list.joined(separator: " ") + " "
        return list.filter(jargon.contains) + jargonPhrases.filter { joined.contains(" \($0) ") }
    }

    static func isYesNo(_ text: String) -> Bool {
        words(text).first.map(yesNoOpeners.contains) ?? false
    }

    @Test func theHeuristicsReadWholeWords() {
        #expect(Self.usCentred("Are we just a data point?") == ["we"])
        #expect(Self.usCentred("Who sells for us when we are not in the room?") == ["us", "we"])
        #expect(Self.usCentred("What does Our offer miss, and what’s in it for us?") == ["our", "us"])
        #expect(Self.usCentred("We’ll see; let's talk?") == ["we'll", "let's"])
        #expect(Self.usCentred("What's your business focus, and what would keep the status of trust?").isEmpty)
        #expect(Self.usCentred("Who are the users, and how do they use it?").isEmpty)
        #expect(Self.jargonIn("Who is the economic buyer, and what is the pain?") == ["pain", "economic buyer"])
        #expect(Self.jargonIn("What is painful about the current process?").isEmpty)
        #expect(Self.isYesNo("Is it funded?") && Self.isYesNo("Could you walk me through it?"))
        #expect(!Self.isYesNo("How is it funded?") && !Self.isYesNo("By when do you decide?"))
    }

    // MARK: The built-in checklist

    /// The built-in checklist's question mappings, as written (a default priority would hide an omission).
    static func builtInQuestionNodes() throws -> [YAMLNode] {
        let file = SourceFile(path: "checklist.yml", text: DefaultChecklist.text)
        let document = YAMLParser.parse(file, lines: 0..<file.lineCount, documentMarkers: true)
        return try #require(document.root?["questions"]?.sequence)
    }

    @Test func everyBuiltInQuestionSaysItAndHasAPriority() throws {
        let nodes = try Self.builtInQuestionNodes()
        #expect(nodes.count == Checklist.builtIn.questions.count && nodes.count == 32)
        for node in nodes {
            let id = node["id"]?.scalar ?? "?"
            #expect(node["say"]?.scalar?.isEmpty == false, "\(id) has no say:")
            #expect(node["priority"]?.scalar != nil, "\(id) has no priority: written out")
        }
        for q in Checklist.builtIn.questions {
            #expect(q.say != nil, "\(q.id)")
            #expect(q.say != q.ask, "\(q.id): say: repeats ask:")
        }
    }

    /// Each `say:` can be printed on an agenda sent to the customer: one open question, about
    /// them, short, in their words.
    @Test func everySayIsAnOpenQuestionAboutTheCustomer() throws {
        for q in Checklist.builtIn.questions {
            let say = try #require(q.say, "\(q.id)")
            #expect(say.hasSuffix("?"), "\(q.id): \(say)")
            #expect(say.filter { $0 == "?" }.count == 1, "\(q.id): one question, not several")
            #expect(!say.contains(". "), "\(q.id): one sentence")
            #expect(Self.usCentred(say).isEmpty, "\(q.id) is about us: \(say)")
            #expect(Self.jargonIn(say).isEmpty, "\(q.id) uses jargon: \(say)")
            #expect(!Self.isYesNo(say), "\(q.id) can be answered yes or no: \(say)")
            #expect(Self.words(say).count <= 20, "\(q.id) is long: \(say)")
        }
    }

    /// The questions that lose deals when nobody knows the answer come first; few are high, a few low.
    @Test func priorityRanksWhatLosesDeals() {
        let questions = Checklist.builtIn.questions
        let high = Set(questions.filter { $0.priority == .high }.map(\.id))
        let low = questions.filter { $0.priority == .low }
        let mustKnow: Set = [
            "what_changed", "why_buying", "economic_buyer", "decision_process", "decision_criteria",
            "compelling_event", "next_step",
        ]
        #expect(mustKnow.isSubset(of: high), "\(mustKnow.subtracting(high))")
        #expect((8...11).contains(high.count), "\(high.count) high")
        #expect(!low.isEmpty && low.count < high.count)
        #expect(questions.count - high.count - low.count > questions.count / 2, "most are normal")
    }

    @Test func whoNamesTheRolesWhereOnlySomeCanAnswer() throws {
        let questions = Checklist.builtIn.questions
        let paper = try #require(questions.first { $0.id == "paper_process" })
        #expect(paper.who == ["procurement", "legal"])
        let withWho = questions.filter { !$0.who.isEmpty }
        #expect(!withWho.isEmpty && withWho.count < questions.count / 2, "who: only where it says something")
        for q in withWho { #expect(Set(q.who).isSubset(of: BuiltinSchema.roles), "\(q.id)") }
    }

    // MARK: The loader

    static func load(_ keys: String) -> Result<Checklist, ToolError> {
        let text = """
            questions:
              - id: paper_process
                ask: What leads to a purchase order?
                category: Commercial
                from: proposal
                section: Paper process

            """
        return ChecklistLoader.load(SourceFile(path: "checklist.yml", text: text + keys))
    }

    @Test func whoRolesParseIntoTheQuestion() throws {
        let list = try Self.load("    who: [procurement, legal]\n    priority: low\n    say: Who signs?\n").get()
        #expect(list.questions[0].who == ["procurement", "legal"])
        #expect(list.questions[0].priority == .low && list.questions[0].say == "Who signs?")
        let one = try Self.load("    who: economic_buyer\n").get()
        #expect(one.questions[0].who == ["economic_buyer"])
        let none = try Self.load("").get()
        #expect(none.questions[0].who.isEmpty && none.questions[0].priority == .normal && none.questions[0].say == nil)
    }

    @Test func aPriorityWithNoNearMatchListsTheValues() throws {
        guard case .failure(let error) = Self.load("    priority: urgent\n") else {
            Issue.record("priority 'urgent' loaded")
            return
        }
        let diagnostic = try #require(error.files.first?.diagnostics.first)
        #expect(diagnostic.message == "'urgent' is not a priority")
        #expect(diagnostic.help == "use one of: high, normal, low")
    }

    /// A misspelt priority or role stops `check` at its line and column, with a did-you-mean.
    @Test func aBadPriorityOrRoleIsAnErrorWhereItIsWritten() throws {
        let repo = try TempRepo([
            "checklist.yml": """
            questions:
              - id: paper_process
                ask: What leads to a purchase order?
                category: Commercial
                from: proposal
                priority: hgih
                who: [procurement, champoin]
                section: Paper process

            """,
            "accounts/a.md": validNote,
        ])
        let run = runCLI(["check"], in: repo.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("checklist.yml:6:15: error: 'hgih' is not a priority"))
        #expect(run.stderr.contains("did you mean 'high'?"))
        #expect(run.stderr.contains("checklist.yml:7:24: error: 'champoin' is not a contact role"))
        #expect(run.stderr.contains("did you mean 'champion'?"))
    }

    /// `who:` and `internal_roles:` read roles the same way: each item that is not a role is an
    /// error at that item, even after an item that is not text.
    @Test func rolesAreReadItemByItemWhereverTheyAreWritten() throws {
        let config = Config.load(
            SourceFile(path: "fieldnotes.yml", text: "internal_roles: [{ a: 1 }, champoin, coach]\n"))
        guard case .failure(let error) = config else {
            Issue.record("internal_roles with a mistake was accepted")
            return
        }
        let found = error.files.flatMap(\.diagnostics).map { ($0.message, $0.range.start) }
        #expect(
            found.map(\.0) == [
                "each entry of 'internal_roles' should be a role, found a mapping",
                "'champoin' is not a contact role",
            ])
        #expect(found.last?.1 == "internal_roles: [{ a: 1 }, ".utf8.count)
        let good = try Config.load(SourceFile(path: "fieldnotes.yml", text: "internal_roles: coach\n")).get()
        #expect(good.internalRoles == ["coach"])
    }
}
