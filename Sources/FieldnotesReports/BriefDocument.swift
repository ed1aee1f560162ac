import FieldnotesCore
import FieldnotesSupport

/// What a brief says, in the order it says it, as data: the one model the Markdown, HTML and
/// JSON writers read, so that every format of a brief carries the same facts. Text copied from
/// the notes (sections, log entries) stays UTF-8 bytes: Markdown briefs are written as bytes.
/// Values keep their ids here (JSON writes them); `words(_:)`, `Stage.label` and the tables
/// give the pages their plain words.
package struct BriefDocument: Sendable {
    /// A labelled fact at the top of the brief ("Next meeting: 2026-12-02").
    package struct Fact: Sendable {
        package enum Kind: Sendable {
            case owner, stage, coverage, lastContact, nextMeeting, meetingGoal, nextStep, decisionDate
            case compellingEvent, budget, pain, ourPosition, outcome
        }
        package var kind: Kind
        package var label: String
        package var value: String
    }

    /// A section of the notes with text: a checklist question's (`id`, `category`), or one of
    /// the rep's own (`id` and `category` nil, `heading` the title the rep wrote).
    package struct Section: Sendable {
        package var id: String?
        package var category: String?
        package var heading: String
        package var text: [UInt8]
    }

    /// A log entry with its text.
    package struct LogItem: Sendable {
        package var entry: LogEntry
        package var text: [UInt8]
    }

    /// The account file the brief is made from (the mark names it).
    package var source: String
    package var name: String
    /// A brief to share outside the team: no internal sections or roles, no position, pain,
    /// coverage, risks, assumptions, competitors' strengths and weaknesses, rating of people or
    /// log; open questions only in the customer's wording.
    package var share: Bool
    /// In a shared brief, the headings of the sections left out.
    package var leftOut: [String]
    /// In a shared brief, the roles left out (`internal_roles:`).
    package var internalRoles: [String]
    /// The notes' errors as `path:line:col: message`: the brief shows what could be read.
    package var errors: [String]
    /// The text before the first section, below the title.
    package var intro: [UInt8]?
    package var owner: String?
    package var stage: Stage?
    /// The day the account reached its stage and the days since (with --as-of), from the
    /// history; nil when it does not tell, and in a shared brief.
    package var stageSince: Day?
    package var daysInStage: Int?
    package var due: Int
    package var answered: Int
    package var lastContact: Day?
    package var daysSinceContact: Int?
    package var nextMeeting: Day?
    /// Whether the next meeting is before the --as-of date (nil without it): the notes need updating.
    package var nextMeetingPassed: Bool?
    package var nextMeetingWith: [String]
    package var nextMeetingGoal: String?
    package var nextStep: String?
    package var decisionDate: Day?
    package var compellingEvent: String?
    package var budget: String?
    /// Nil in a shared brief.
    package var pain: String?
    /// Nil in a shared brief.
    package var ourPosition: String?
    package var outcome: Outcome?
    /// The risks flagged; nil when they could not be evaluated (no valid stage) and in a shared brief.
    package var risks: [Risk]?
    /// The contacts, those who left (`status: left`) after the others; in a shared brief without
    /// their internal roles.
    package var people: [Contact]
    /// The sections with text, the checklist's grouped by category, then the rep's own.
    package var sections: [Section]
    /// The competitors; in a shared brief without strengths and weaknesses.
    package var competitors: [Competitor]
    package var opportunities: [Opportunity]
    /// The unverified assumptions; none in a shared brief.
    package var assumptions: [AssumptionItem]
    /// The due questions still open (meaningful when `stage` is known); in a shared brief only
    /// those the checklist words for the customer (`say:`), never an internal question's.
    package var open: [OpenQuestion]
    /// The log's text before its first entry.
    package var logIntro: [UInt8]?
    /// Every log entry, newest first; none in a shared brief.
    package var log: [LogItem]

    /// Whether the brief shows our rating of each person (relationship, stance, influence,
    /// reporting line, notes, when we last met them) and the risks: not in a shared brief.
    package var ratesPeople: Bool { !share }
    package var showsRisks: Bool { !share }

    /// The facts a shared brief leaves out, by kind: our judgement of the deal.
    package static let internalFacts: Set<Fact.Kind> = [.coverage, .pain, .ourPosition]

    /// An open question as the brief asks it: the rep's `ask:`, or in a shared brief the
    /// customer's wording (`say:`).
    package func wording(_ q: OpenQuestion) -> String { share ? q.question.say ?? q.question.ask : q.question.ask }

    /// An id as people read it: "economic_buyer" → "economic buyer".
    package static func words(_ id: String) -> String { Words.spaced(id) }

    /// The facts at the top of the brief, in order, each as people read it; those the notes do
    /// not give are left out.
    package var facts: [Fact] {
        var out: [Fact] = []
        out.reserveCapacity(13)
        func add(_ kind: Fact.Kind, _ label: String, _ value: String?) {
            guard !(share && Self.internalFacts.contains(kind)) else { return }
            if let value, !value.isEmpty { out.append(Fact(kind: kind, label: label, value: value)) }
        }
        add(.owner, "Owner", owner)
        add(.stage, "Stage", stage.map { $0.label + stageSinceText })
        add(.coverage, "Coverage", "\(answered) of \(due) \(due == 1 ? "question" : "questions") answered")
        add(
            .lastContact, "Last contact",
            lastContact.map { "\($0)" + (daysSinceContact.map { " (\($0) days ago)" } ?? "") })
        add(.nextMeeting, "Next meeting", nextMeeting.map(meetingText))
        add(.meetingGoal, "Meeting goal", nextMeetingGoal)
        add(.nextStep, "Next step", nextStep)
        add(.decisionDate, "Decision date", decisionDate.map { "\($0)" })
        add(.compellingEvent, "Compelling event", compellingEvent)
        add(.budget, "Budget", budget.map(Self.words))
        add(.pain, "Pain", pain.map(Self.words))
        add(.ourPosition, "Our position", ourPosition.map(Self.words))
        add(.outcome, "Outcome", outcome.map(Self.outcomeText))
        return out
    }

    /// ", at stage since 2026-10-10 (51 days)", when the history tells.
    var stageSinceText: String {
        guard let stageSince else { return "" }
        let days = daysInStage.map { " (\($0) \($0 == 1 ? "day" : "days"))" } ?? ""
        return ", at stage since \(stageSince)\(days)"
    }

    /// "2026-12-04 with José Ñúñez, Kenji Watanabe", and a warning once it is past.
    func meetingText(_ day: Day) -> String {
        "\(day)" + (nextMeetingWith.isEmpty ? "" : " with " + nextMeetingWith.joined(separator: ", "))
            + (nextMeetingPassed == true ? " (past: update it after the meeting)" : "")
    }

    /// "lost — price — competitor: Globex".
    package static func outcomeText(_ outcome: Outcome) -> String {
        [outcome.result.map(words), outcome.reason, outcome.competitor.map { "competitor: \($0)" }].compactMap { $0 }
            .joined(separator: " — ")
    }

    /// How far an open question is answered, with what it lacks ("partly answered: 'Raj Patel'
    /// has no 'roles'"); empty for a missing question without gaps.
    package static func note(_ q: OpenQuestion) -> String {
        (q.status == .missing ? "" : MissingReport.statusText(q.status))
            + (q.gaps.isEmpty ? "" : ": " + q.gaps.joined(separator: "; "))
    }

    /// An opportunity's value with its currency ("120,000 EUR"), empty when not known.
    package static func value(_ o: Opportunity) -> String {
        o.value.map { Money.text($0, currency: o.currency) } ?? ""
    }

    /// What a shared brief leaves out, in a sentence for its top.
    package var shareNote: String {
        var parts: [String] = []
        if !leftOut.isEmpty { parts.append("the internal sections (\(leftOut.joined(separator: ", ")))") }
        if !internalRoles.isEmpty {
            parts.append("the internal roles (\(internalRoles.map(Self.words).joined(separator: ", ")))")
        }
        parts += [
            "our position, the pain and the coverage", "the risk flags",
            "the unverified assumptions and the paragraphs that mark them",
            "competitors' strengths and weaknesses", "how we rate each person (their stance included)",
            "when we last met them",
            "the open questions without a wording for the customer",
        ]
        return "To share: left out are " + parts.joined(separator: ", ") + ", and the log."
    }
}

extension BriefDocument {
    /// The document of `brief`: what its facts say, as its options (share, the outline) choose.
    package init(_ brief: Brief) {
        let facts = brief.facts, f = brief.fields, share = brief.share
        source = facts.path
        name = facts.name
        self.share = share
        leftOut = brief.outline.leftOut
        internalRoles = share ? brief.internalRoles : []
        errors = facts.errorLines
        intro = brief.introBytes()
        owner = facts.owner
        stage = facts.stage
        stageSince = share ? nil : facts.stageSince
        daysInStage = share ? nil : facts.daysInStage
        due = facts.due
        answered = facts.answered
        lastContact = facts.lastContact
        daysSinceContact = facts.daysSinceContact
        nextMeeting = f.nextMeeting?.value
        nextMeetingPassed = f.nextMeeting.flatMap { meeting in facts.asOf.map { meeting.value < $0 } }
        nextMeetingWith = f.nextMeetingWith.map(\.value)
        nextMeetingGoal = f.nextMeetingGoal?.value
        nextStep = f.nextStep?.value
        decisionDate = f.decisionDate?.value
        compellingEvent = f.compellingEvent?.value
        budget = f.budget?.value
        pain = share ? nil : f.pain?.value
        ourPosition = share ? nil : f.ourPosition?.value
        outcome = f.outcome
        risks = facts.risksKnown && !share ? facts.risks : nil
        people = f.contacts.filter(\.isActive) + f.contacts.filter(\.left)
        competitors = f.competitors
        if share {
            let internalRoles = Set(brief.internalRoles)
            for i in people.indices { people[i].roles.removeAll(where: internalRoles.contains) }
            for i in competitors.indices { (competitors[i].strengths, competitors[i].weaknesses) = (nil, nil) }
        }
        sections = brief.noteSections()
        opportunities = f.opportunities
        // Every assumption is our judgement, wherever it is marked (a section, a field, the log).
        assumptions = share ? [] : facts.assumptions
        open =
            share
            ? facts.open.filter { $0.question.say != nil && !brief.internalQuestions.contains($0.question.id) }
            : facts.open
        let source = brief.report.source
        let log = brief.logLines()
        logIntro = log.preamble.map { Brief.bytes(of: $0, in: source) }.flatMap { $0.isEmpty ? nil : $0 }
        self.log = log.entries.map { LogItem(entry: $0.entry, text: Brief.bytes(of: $0.lines, in: source)) }
    }
}
