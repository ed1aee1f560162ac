import FieldnotesCore
import FieldnotesSupport

/// What a brief says, in the order it says it, as data: the one model the Markdown, HTML and
/// JSON writers read, so that every format of a brief carries the same facts. Text copied from
/// the notes (sections, log entries) stays UTF-8 bytes: Markdown briefs are written as bytes.
package struct BriefDocument: Sendable {
    /// A labelled fact at the top of the brief ("Next meeting: 2026-12-02").
    package struct Fact: Sendable {
        package enum Kind: Sendable {
            case owner, stage, coverage, lastContact, nextMeeting, nextStep, decisionDate, compellingEvent, budget
            case pain, ourPosition, outcome
        }
        package var kind: Kind
        package var label: String
        package var value: String
    }

    /// One of the notes' own sections; `text` is nil when the notes do not answer it yet.
    package struct Section: Sendable {
        package var id: String
        package var heading: String
        package var text: [UInt8]?
    }

    /// A log entry with its text.
    package struct LogItem: Sendable {
        package var entry: LogEntry
        package var text: [UInt8]
    }

    /// The account file the brief is made from (the mark names it).
    package var source: String
    package var name: String
    /// A brief to share outside the team: no internal sections, no rating of people, no log.
    package var share: Bool
    /// In a shared brief, the headings of the sections left out.
    package var leftOut: [String]
    /// The notes' errors as `path:line:col: message`: the brief shows what could be read.
    package var errors: [String]
    package var owner: String?
    package var stage: Stage?
    package var due: Int
    package var answered: Int
    package var lastContact: Day?
    package var daysSinceContact: Int?
    package var nextMeeting: Day?
    /// Whether the next meeting is before the --as-of date (nil without it): the notes need updating.
    package var nextMeetingPassed: Bool?
    package var nextStep: String?
    package var decisionDate: Day?
    package var compellingEvent: String?
    package var budget: String?
    package var pain: String?
    package var ourPosition: String?
    package var outcome: Outcome?
    /// The risks flagged; nil when they could not be evaluated (no valid stage).
    package var risks: [RiskFlag]?
    package var people: [Contact]
    package var sections: [Section]
    package var competitors: [Competitor]
    package var opportunities: [Opportunity]
    package var assumptions: [AssumptionItem]
    /// The due questions still open (meaningful when `stage` is known).
    package var open: [OpenQuestion]
    /// The newest log entries, newest first; none in a shared brief.
    package var log: [LogItem]

    /// Whether the brief shows our rating of each person (relationship, influence, reporting
    /// line, notes): not in a shared brief.
    package var ratesPeople: Bool { !share }

    /// The facts at the top of the brief, in order, each as people read it; those the notes do
    /// not give are left out.
    package var facts: [Fact] {
        var out: [Fact] = []
        out.reserveCapacity(12)
        func add(_ kind: Fact.Kind, _ label: String, _ value: String?) {
            if let value, !value.isEmpty { out.append(Fact(kind: kind, label: label, value: value)) }
        }
        add(.owner, "Owner", owner)
        add(.stage, "Stage", stage?.rawValue)
        add(.coverage, "Coverage", "\(answered) of \(due) \(due == 1 ? "question" : "questions") answered")
        add(
            .lastContact, "Last contact",
            lastContact.map { "\($0)" + (daysSinceContact.map { " (\($0) days ago)" } ?? "") })
        add(
            .nextMeeting, "Next meeting",
            nextMeeting.map { "\($0)" + (nextMeetingPassed == true ? " (past: update it after the meeting)" : "") })
        add(.nextStep, "Next step", nextStep)
        add(.decisionDate, "Decision date", decisionDate.map { "\($0)" })
        add(.compellingEvent, "Compelling event", compellingEvent)
        add(.budget, "Budget", budget)
        add(.pain, "Pain", pain)
        add(.ourPosition, "Our position", ourPosition)
        add(.outcome, "Outcome", outcome.map(Self.outcomeText))
        return out
    }

    /// "lost — price — competitor: Globex".
    package static func outcomeText(_ outcome: Outcome) -> String {
        [outcome.result, outcome.reason, outcome.competitor.map { "competitor: \($0)" }].compactMap { $0 }
            .joined(separator: " — ")
    }

    /// How far an open question is answered, with what it lacks ("partly answered: 'Raj Patel'
    /// has no 'roles'"); empty for a missing question without gaps.
    package static func note(_ q: OpenQuestion) -> String {
        (q.status == .missing ? "" : MissingReport.statusText(q.status))
            + (q.gaps.isEmpty ? "" : ": " + q.gaps.joined(separator: "; "))
    }

    /// An opportunity's value with its currency ("120000 EUR"), empty when not known.
    package static func value(_ o: Opportunity) -> String {
        o.value.map { [$0, o.currency].compactMap { $0 }.joined(separator: " ") } ?? ""
    }
}

extension BriefDocument {
    /// The document of `brief`: what its facts say, as its options (share, the outline) choose.
    package init(_ brief: Brief) {
        let facts = brief.facts, f = brief.fields, share = brief.share
        let hidden = share ? brief.internalQuestions : []
        source = facts.path
        name = facts.name
        self.share = share
        leftOut = brief.outline.leftOut
        errors = facts.errorLines
        owner = facts.owner
        stage = facts.stage
        due = facts.due
        answered = facts.answered
        lastContact = facts.lastContact
        daysSinceContact = facts.daysSinceContact
        nextMeeting = f.nextMeeting?.value
        nextMeetingPassed = f.nextMeeting.flatMap { meeting in facts.asOf.map { meeting.value < $0 } }
        nextStep = f.nextStep?.value
        decisionDate = f.decisionDate?.value
        compellingEvent = f.compellingEvent?.value
        budget = f.budget?.value
        pain = f.pain?.value
        ourPosition = f.ourPosition?.value
        outcome = f.outcome
        risks = facts.risksKnown ? facts.risks : nil
        people = f.contacts
        sections = brief.outline.sections.map {
            Section(id: $0.id, heading: $0.heading, text: brief.sectionBytes($0.id))
        }
        competitors = f.competitors
        opportunities = f.opportunities
        assumptions = facts.assumptions.filter { $0.id.map(hidden.contains) != true }
        open = facts.open.filter { !hidden.contains($0.question.id) }
        log = brief.latestLogLines().map {
            LogItem(entry: $0.entry, text: Brief.bytes(of: $0.lines, in: brief.report.source))
        }
    }
}
