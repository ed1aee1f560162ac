import FieldnotesSupport

/// One discovery question and how the notes answer it. A class: every account's results
/// refer to the checklist's questions instead of copying them.
public final class Question: Sendable {
    public enum Answer: Sendable {
        /// A `##` section with one of these titles (or the id) with real content.
        case section([String])
        /// A front-matter field, with an optional condition.
        case field(String, Condition)
    }

    public enum Condition: Sendable, Equatable {
        /// Present, non-empty and not `unknown`.
        case present
        /// Some entry of the list has `key` equal to (or, for a list, containing) `value`.
        case whereEquals(key: String, value: String)
        /// Every entry of the list has `key`: answered; some: partial.
        case each(String)
        /// The list has at least this many entries.
        case min(Int)
        /// These values do not count as an answer.
        case not([String])
    }

    /// How much a question matters in an agenda (`priority:`): high first, normal by default.
    public enum Priority: String, CaseIterable, Sendable, Comparable {
        case high, normal, low

        /// High before normal before low.
        public static func < (a: Priority, b: Priority) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public let id: String
    public let ask: String
    public let category: String
    public let from: Stage
    public let hint: String?
    public let answer: Answer
    /// The question in the customer's words, as an agenda asks it (`say:`); nil: only `ask`.
    public let say: String?
    public let priority: Priority
    /// The contact roles of the people who can answer it (`who:`); empty when the checklist does not say.
    public let who: [String]
    /// Whether a won account still owes it (`won: true`): account management after the deal.
    public let dueWhenWon: Bool
    /// Whether a matching contact must have been met (`met: true`, with `field: contacts` and
    /// `where:`): a buyer nobody has met is a name, not an answer.
    public let requiresMet: Bool
    /// The relationships a matching contact must have (`relationship:`, with `field: contacts`
    /// and `where:`); empty: any. A champion whose relationship is neutral is untested.
    public let relationships: [String]
    /// Where the answer (`section:` or `field:`) is written in the checklist file.
    public let range: SourceRange

    /// Section titles (normalized) that answer this question, the id included; computed once.
    public let sectionKeys: [String]

    public init(
        id: String, ask: String, category: String, from: Stage, hint: String?, answer: Answer, range: SourceRange,
        say: String? = nil, priority: Priority = .normal, who: [String] = [], dueWhenWon: Bool = false,
        requiresMet: Bool = false, relationships: [String] = []
    ) {
        self.id = id
        self.ask = ask
        self.category = category
        self.from = from
        self.hint = hint
        self.answer = answer
        self.say = say
        self.priority = priority
        self.who = who
        self.dueWhenWon = dueWhenWon
        self.requiresMet = requiresMet
        self.relationships = relationships
        self.range = range
        if case .section(let titles) = answer {
            sectionKeys = titles.map(BodyScanner.normalizeTitle) + [id, id.replacingOccurrences(of: "_", with: " ")]
        } else {
            sectionKeys = []
        }
    }

    /// Whether the question is due at `stage`: from its `from` stage on, except that a closed deal
    /// owes only what applies from a closed stage (the outcome) and, once won, what `won: true` marks.
    public func isDue(at stage: Stage) -> Bool {
        stage.reached(from) || (stage == .closedWon && dueWhenWon)
    }

    /// The title a rep should use for a new section.
    public var primaryTitle: String? {
        guard case .section(let titles) = answer else { return nil }
        return titles.first
    }
}

/// The discovery checklist: questions in order.
public struct Checklist: Sendable {
    public let questions: [Question]
    /// Where it was read from ("built-in" or a path).
    public let origin: String

    /// For each normalized section title, the questions it answers (by index), computed once.
    package let questionsBySectionKey: [String: [Int]]
    /// What unanswered-question says of each question, written once here rather than per finding.
    package let unansweredQuestionWords: UnansweredQuestion.Words

    /// The headings a brief shows some questions' sections under (`brief:` in checklist.yml):
    /// question ids answered by sections, each with its heading. nil when the checklist does not say.
    public let brief: [(id: String, heading: String)]?
    /// The questions whose sections are plans made with the customer (`plans:` in
    /// checklist.yml): one-sided-language reads them as it reads `next_step`. nil when the
    /// checklist does not say: the built-in checklist's plans among its questions then.
    public let plans: [String]?
    /// The normalized titles of the plan questions' sections, computed once.
    package let planSectionKeys: Set<String>

    public init(
        questions: [Question], brief: [(id: String, heading: String)]? = nil, plans: [String]? = nil,
        origin: String
    ) {
        self.questions = questions
        self.brief = brief
        self.plans = plans
        self.origin = origin
        // The built-in checklist says its plans, so it is never asked for them while being made.
        let planIDs = Set(plans ?? Checklist.builtIn.plans ?? [])
        planSectionKeys = Set(questions.filter { planIDs.contains($0.id) }.flatMap(\.sectionKeys))
        var index: [String: [Int]] = [:]
        for (i, q) in questions.enumerated() {
            for key in Set(q.sectionKeys) { index[key, default: []].append(i) }
        }
        questionsBySectionKey = index
        unansweredQuestionWords = UnansweredQuestion.Words(questions)
        var categories: [String] = []
        for q in questions where !categories.contains(q.category) { categories.append(q.category) }
        self.categories = categories
        indexByID = Dictionary(questions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The first section of `body` answering each question (by question index), from one lookup per section.
    package func answeringSections(in body: Body) -> [Int?] {
        var answering = [Int?](repeating: nil, count: questions.count)
        for (s, section) in body.sections.enumerated() {
            for q in questionsBySectionKey[section.key] ?? [] where answering[q] == nil { answering[q] = s }
        }
        return answering
    }

    /// The categories, in the order their first question comes.
    public let categories: [String]
    /// Each question's index, by id.
    package let indexByID: [String: Int]

    /// The built-in default, the same text as notes-template/checklist.yml.
    public static let builtIn: Checklist = {
        let file = SourceFile(path: "checklist.yml", text: DefaultChecklist.text)
        switch ChecklistLoader.load(file) {
        case .success(let checklist):
            return Checklist(
                questions: checklist.questions, brief: checklist.brief, plans: checklist.plans, origin: "built-in")
        case .failure(let error):
            fatalError(
                "the built-in checklist is invalid: \(error.files.first?.diagnostics.first?.message ?? error.message)")
        }
    }()
}
