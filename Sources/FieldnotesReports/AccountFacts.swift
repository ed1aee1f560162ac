import FieldnotesCore
import FieldnotesSupport

/// An account report on the heap, shared by the copies of its facts.
private final class ReportStorage: Sendable {
    let report: AccountReport
    init(_ report: AccountReport) { self.report = report }
}

/// An open question, for reports.
public struct OpenQuestion: Sendable {
    public var question: Question
    public var status: QuestionStatus
    /// What is lacking, for a partial answer ("'Raj Patel' has no 'roles'").
    public var gaps: [String] = []
}

/// An assumption to verify, with the question it belongs to.
public struct AssumptionItem: Sendable {
    /// The checklist question whose answer it is, when it is in a checklist section or field.
    public var id: String?
    /// 1-based line.
    public var line: Int
    public var text: String
}

/// What reports say about one account, computed once from its check.
///
/// Clock-dependent facts (stale, decision-date-passed, days since contact) are computed only
/// when `asOf` is given, so that reports written to files do not change with the date.
public struct AccountFacts: Sendable {
    /// The check the facts are drawn from, held once however often the facts are copied (into
    /// the sorted accounts, the rows of a report…): an account report is large, and 50k of them
    /// copied three times would weigh more than the facts themselves.
    public var report: AccountReport {
        get { storage.report }
        set { storage = ReportStorage(newValue) }
    }
    private var storage: ReportStorage
    public var name: String
    public var owner: String?
    public var stage: Stage?
    /// Questions due at this stage, and those answered.
    public var due: Int
    public var answered: Int
    /// Due questions that are missing, partial or assumed, in checklist order.
    public var open: [OpenQuestion]
    public var assumptions: [AssumptionItem]
    /// The risk flags, critical first: the notes' (`RiskFlags`) and, with the history, the
    /// history's (`HistorySignals`).
    public var risks: [Risk]
    /// Whether a critical flag is raised: the account is at risk.
    public var isAtRisk: Bool { risks.contains(where: \.isCritical) }
    /// Per checklist category: due and answered.
    public var categories: [(name: String, due: Int, answered: Int)] {
        zip(categoryNames, categoryCounts).map { ($0, Int($1 >> 16), Int($1 & 0xFFFF)) }
    }
    /// The checklist's categories (one array shared by every account's facts) and, for each,
    /// due << 16 | answered: a summary of 50k accounts keeps 50k of these.
    private var categoryNames: [String]
    private var categoryCounts: [UInt32]
    /// The latest contact the notes tell of (`last_contact`, `last_visit` or a log entry, and with
    /// `asOf` none after it): the date "days ago" and the stale flag are counted from.
    public var lastContact: Day?
    /// Days since the latest contact, when `asOf` was given.
    public var daysSinceContact: Int?
    /// The --as-of date, if given.
    public var asOf: Day?
    /// The open value per currency: the opportunities with a value whose stage (their own, or
    /// the account's when they have none) is not closed; by currency code.
    public var openValue: [Money]
    /// What the account's history in git says (`HistorySignals`), when it was read: nil with
    /// --no-history, outside git, or for an account the history does not know.
    public var history: AccountHistoryFacts?
    /// The day the account reached its current stage, when the history tells.
    public var stageSince: Day? { history?.stageSince }
    /// Days at the current stage, with the history and --as-of.
    public var daysInStage: Int? { history?.daysInStage }

    public var errorCount: Int { errorLines.count }
    /// The errors in the notes as `path:line:col: message`, computed while the text is at hand;
    /// without `asOf`, those that depend on the date (future-date) are left out.
    public var errorLines: [String]
    public var path: String { report.path }

    public init(_ report: AccountReport, checklist: Checklist, staleAfterDays: Int, asOf: Day?) {
        self.init(report, checklist: checklist, staleAfter: StaleAfter(days: staleAfterDays), asOf: asOf)
    }

    /// - Parameter history: what the account's history in git says, when it was read.
    public init(
        _ report: AccountReport, checklist: Checklist, staleAfter: StaleAfter, asOf: Day?,
        history: AccountHistoryFacts? = nil
    ) {
        storage = ReportStorage(report)
        self.asOf = asOf
        self.history = history
        errorLines = report.diagnostics.filter { $0.severity == .error && (asOf != nil || $0.rule != .futureDate) }
            .map { report.oneLine($0) }
        let f = report.fields
        let latest = asOf.flatMap { DateRules.latestContact(f, body: report.body, asOf: $0) }
        lastContact =
            latest?.value
            ?? [f.lastContact?.value, f.lastVisit?.value, report.body.log.compactMap(\.date).max()].compactMap { $0 }
            .max()
        name = f.name?.value ?? report.body.title ?? report.path
        owner = f.owner?.value
        stage = f.stage?.value
        // Due: what the stage requires (answered questions of later stages are not counted).
        var dueResults = report.results.filter { result in
            f.stage.map { result.question.isDue(at: $0.value) } ?? false
        }
        let askedAgain = Self.askedAgain(&dueResults, history: history, log: report.body.log, asOf: asOf)
        due = dueResults.count
        answered = dueResults.filter { $0.status == .answered }.count
        open = dueResults.filter(\.status.isOpen).map {
            OpenQuestion(
                question: $0.question, status: $0.status,
                gaps: $0.question.id == Self.whatChangedID
                    ? askedAgain ?? $0.gaps.map(\.message) : $0.gaps.map(\.message))
        }
        categoryNames = checklist.categories
        categoryCounts = Self.categoryCounts(dueResults, checklist)
        assumptions = Self.assumptionItems(report, checklist)
        openValue = Self.openValue(f.opportunities, accountStage: f.stage?.value)
        // Days since contact count for open deals only (a won account with work still open is one).
        if let asOf, let latest, f.openDealStage != nil { daysSinceContact = latest.value.days(until: asOf) }
        risks = Self.merged(
            RiskFlags.assess(
                f, .init(asOf: asOf, daysSinceContact: daysSinceContact, staleAfter: staleAfter, log: report.body.log)),
            history?.risks ?? [])
    }

    /// The question asked again at every meeting: what has changed on their end.
    package static let whatChangedID = "what_changed"

    /// With the history: `what_changed`, due and answered, is open again (partly answered) when
    /// its section last changed before the newest dated log entry (on or before --as-of): the
    /// rep met them since, and what changed on their end was not written down. Returns the gap
    /// that says so; nil when the question stays as the notes have it (always without history).
    static func askedAgain(
        _ dueResults: inout [QuestionResult], history: AccountHistoryFacts?, log: [LogEntry], asOf: Day?
    ) -> [String]? {
        let dates = log.compactMap(\.date).filter { day in asOf.map { day <= $0 } ?? true }
        guard let changed = history?.whatChangedOn, let met = dates.max(), changed < met,
            let i = dueResults.firstIndex(where: { $0.question.id == whatChangedID && $0.status == .answered })
        else { return nil }
        dueResults[i].status = .partial
        return ["not updated since the meeting on \(met) (last changed \(changed))"]
    }

    /// The notes' flags and the history's, critical first, then in the order of `RiskFlag`.
    static func merged(_ notes: [Risk], _ history: [Risk]) -> [Risk] {
        history.isEmpty ? notes : RiskFlags.ordered(notes + history)
    }

    /// The value of the opportunities still open, per currency.
    package static func openValue(_ opportunities: [Opportunity], accountStage: Stage?) -> [Money] {
        guard !opportunities.isEmpty else { return [] }
        return Money.totals(
            opportunities.compactMap { o in
                guard (o.stage ?? accountStage)?.isClosed != true, let v = o.value, let amount = Money.amount(v) else {
                    return nil
                }
                return Money(currency: o.currency, amount: amount)
            })
    }

    /// The due and answered questions of each category, in the checklist's order, as
    /// due << 16 | answered (a checklist has far fewer than 65,536 questions).
    private static func categoryCounts(_ dueResults: [QuestionResult], _ checklist: Checklist) -> [UInt32] {
        let names = checklist.categories
        var counts = [UInt32](repeating: 0, count: names.count)
        for result in dueResults {
            guard let c = names.firstIndex(of: result.question.category) else { continue }
            counts[c] += result.status == .answered ? 0x1_0001 : 0x1_0000
        }
        return counts
    }

    /// Assumptions: marked lines in the body, and front-matter fields set to "assumed"; by line.
    private static func assumptionItems(_ report: AccountReport, _ checklist: Checklist) -> [AssumptionItem] {
        var items: [AssumptionItem] = []
        for section in report.body.sections where !section.assumptions.isEmpty {
            let id = checklist.questionsBySectionKey[section.key]?.first.map { checklist.questions[$0].id }
            for a in section.assumptions {
                items.append(AssumptionItem(id: id, line: a.line + 1, text: a.text))
            }
        }
        for pair in report.fields.root?.mapping ?? [] where pair.value.scalar == "assumed" {
            let id = checklist.questions.first {
                if case .field(pair.key, _) = $0.answer { return true } else { return false }
            }?.id
            items.append(
                AssumptionItem(
                    id: id, line: report.source.location(of: pair.keyRange.start).line, text: "\(pair.key): assumed"))
        }
        return items.sorted { $0.line < $1.line }
    }

    /// Whether risks could be evaluated: they need a valid stage.
    public var risksKnown: Bool { stage != nil }

    /// Coverage as people read it: "14/22".
    public var coverage: String { "\(answered)/\(due)" }

}
