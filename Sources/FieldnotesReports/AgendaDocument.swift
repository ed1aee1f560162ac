import FieldnotesCore
import FieldnotesSupport

/// What `agenda` says, as data: per account, the next meeting (its date, who attends, its
/// goal), the opening question, the open questions that matter most, the assumptions to verify
/// and what was agreed last time. The one model its text, Markdown and JSON writers read.
package struct AgendaDocument: Sendable {
    /// Someone attending the meeting, with their title when they are a contact.
    package struct Attendee: Sendable {
        package var name: String
        package var title: String?
    }

    /// An open question on the agenda.
    package struct Item: Sendable {
        package var question: Question
        package var status: QuestionStatus
        /// What a partly answered question lacks.
        package var gaps: [String]
        /// The attendees holding one of the question's `who:` roles; none in a shared agenda.
        package var attendees: [String]

        /// The question as the agenda asks it: its `say:` wording, else its `ask:`.
        package var wording: String { question.say ?? question.ask }

        /// How far it is answered ("partly answered: 'Raj Patel' has no 'roles'"); empty when missing.
        package var note: String { BriefDocument.note(OpenQuestion(question: question, status: status, gaps: gaps)) }
    }

    /// The newest dated log entry: what was agreed last time.
    package struct Agreed: Sendable {
        package var date: Day
        package var heading: String
        /// The entry's text, as `Brief.bytes(of:in:)` reads it.
        package var text: [UInt8]

        /// The newest dated entry of `log` (the first of that date in the notes' order), as
        /// `Brief.logLines()` orders them; nil when no entry has a date.
        package static func newest(in log: [LogEntry]) -> (date: Day, entry: LogEntry)? {
            var newest: (date: Day, entry: LogEntry)?
            for entry in log {
                guard let date = entry.date, newest.map({ date > $0.date }) ?? true else { continue }
                newest = (date, entry)
            }
            return newest
        }

        /// The text's lines; blank ones mark paragraphs.
        package var lines: [String] {
            text.isEmpty
                ? []
                : String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(
                    String.init)
        }
    }

    /// One account's agenda.
    package struct Account: Sendable {
        package var path: String
        package var name: String
        package var owner: String?
        package var stage: Stage?
        package var meeting: Day?
        /// Days from --as-of to the meeting, negative when it has passed; nil without either.
        package var daysUntil: Int?
        package var attendees: [Attendee]
        package var goal: String?
        /// The question every agenda opens with.
        package var opening: String
        package var questions: [Item]
        /// Open questions beyond --max (of those this agenda could list).
        package var moreQuestions: Int
        package var assumptions: [AssumptionItem]
        /// Assumptions beyond the three listed.
        package var moreAssumptions: Int
        package var agreed: Agreed?

        /// "Wednesday 2 December 2026 (in 2 days)"; "date not set (next_meeting)" without a meeting.
        package var when: String {
            guard let meeting else { return "date not set (next_meeting)" }
            return AgendaDocument.meetingDate(meeting) + (daysUntil.map { " (\(AgendaDocument.relative($0)))" } ?? "")
        }

        /// "Agenda — Binford Tools, Wednesday 2 December 2026": the title of the shared version.
        /// - Parameter escape: how the writer escapes text from the notes (the account's name).
        package func sharedTitle(escaping escape: (String) -> String) -> String {
            "Agenda — \(escape(name))" + (meeting.map { ", " + AgendaDocument.meetingDate($0) } ?? "")
        }

        /// "accounts/binford-tools.md · owner dana.reyes · Solution": the team's version only.
        /// - Parameter escape: how the writer escapes text from the notes (the path, the owner).
        package func details(escaping escape: (String) -> String) -> String {
            var details = [escape(path)]
            if let owner { details.append("owner \(escape(owner))") }
            details.append(stage?.label ?? "stage unknown")
            return details.joined(separator: " · ")
        }

        /// What the team's version says below the questions, when it says anything: the stage is
        /// not valid, or no question is open beyond the opening one.
        package var questionsNote: String? {
            if stage == nil { return AgendaDocument.stageMissing }
            return questions.isEmpty ? AgendaDocument.nothingOpen : nil
        }
    }

    /// What shapes every agenda of a run.
    package struct Settings: Sendable {
        /// The version to send to the customer (`--share`).
        package var share = false
        /// How many open questions at most (`--max`).
        package var max = 5
        /// The questions a shared agenda never lists (`internal:` in fieldnotes.yml).
        package var internalQuestions: Set<String> = []
        /// Whether accounts were named on the command line: each then has an agenda.
        package var named = false
        package var asOf: Day?

        package init() {}
    }

    /// The checklist question the opening question stands for: never listed again.
    package static let openingQuestionID = "what_changed"
    /// How many assumptions an agenda lists at most.
    package static let assumptionsShown = 3

    package var settings: Settings
    package var accounts: [Account]
    /// Whether this is the version to send to the customer (`--share`): no path, owner, stage,
    /// statuses, attendees per question, assumptions or log, and the questions only in their
    /// `say:` wording.
    package var share: Bool { settings.share }

    /// - Parameter agreed: what `Agenda.agreedRenderer` drew from each account, the text of its
    ///   newest dated log entry (same order as `facts`; empty when not drawn).
    package init(facts: [AccountFacts], agreed: [[UInt8]], settings: Settings) {
        self.settings = settings
        accounts = Self.chosen(facts, settings).map { i in
            Self.account(facts[i], agreed: i < agreed.count ? agreed[i] : [], settings)
        }
    }

    /// The indices of the accounts that get an agenda, nearest meeting first, then by account
    /// name: every named one (those without a meeting last); otherwise those with a next meeting
    /// (on or after --as-of, when given), closed-lost deals left out.
    package static func chosen(_ facts: [AccountFacts], _ settings: Settings) -> [Int] {
        let meetings = facts.map { $0.report.fields.nextMeeting?.value }
        let kept =
            settings.named
            ? Array(facts.indices)
            : facts.indices.filter { i in
                guard let meeting = meetings[i], facts[i].stage != .closedLost else { return false }
                return settings.asOf.map { meeting >= $0 } ?? true
            }
        return kept.sorted { a, b in
            if meetings[a] != meetings[b] { return (meetings[a] ?? Day.last) < (meetings[b] ?? Day.last) }
            if facts[a].name != facts[b].name { return facts[a].name < facts[b].name }
            return facts[a].path < facts[b].path
        }
    }

    /// One account's agenda, from its facts.
    package static func account(_ facts: AccountFacts, agreed: [UInt8], _ settings: Settings) -> Account {
        let f = facts.report.fields
        var contacts: [String: Contact] = [:]
        for c in f.contacts where contacts[c.name.value] == nil { contacts[c.name.value] = c }
        let meeting = f.nextMeeting?.value
        let attendees = f.nextMeetingWith.map { Attendee(name: $0.value, title: contacts[$0.value]?.title) }
        let candidates = ranked(facts.open).filter { q in
            q.question.id != openingQuestionID
                && (!settings.share || (q.question.say != nil && !settings.internalQuestions.contains(q.question.id)))
        }
        let items = candidates.prefix(settings.max).map { q in
            Item(
                question: q.question, status: q.status, gaps: q.gaps,
                attendees: settings.share ? [] : holders(of: q.question.who, among: f.nextMeetingWith, contacts))
        }
        let assumptions = settings.share ? [] : facts.assumptions
        return Account(
            path: facts.path, name: facts.name, owner: facts.owner, stage: facts.stage, meeting: meeting,
            daysUntil: meeting.flatMap { m in settings.asOf.map { $0.days(until: m) } },
            attendees: attendees, goal: f.nextMeetingGoal?.value,
            opening: opening(since: facts.lastContact, meeting: meeting ?? settings.asOf),
            questions: items, moreQuestions: candidates.count - items.count,
            assumptions: Array(assumptions.prefix(assumptionsShown)),
            moreAssumptions: max(0, assumptions.count - assumptionsShown),
            agreed: settings.share
                ? nil
                : Agreed.newest(in: facts.report.body.log).map {
                    Agreed(date: $0.date, heading: $0.entry.title, text: agreed)
                })
    }

    /// Open questions by priority (high first), then missing before partly answered before
    /// assumed, then in checklist order.
    package static func ranked(_ open: [OpenQuestion]) -> [OpenQuestion] {
        func rank(_ s: QuestionStatus) -> Int {
            switch s {
            case .missing: return 0
            case .partial: return 1
            default: return 2
            }
        }
        return open.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.question.priority != y.question.priority { return x.question.priority < y.question.priority }
            if rank(x.status) != rank(y.status) { return rank(x.status) < rank(y.status) }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The attendees who hold one of `roles`, in the order the notes name them.
    static func holders(
        of roles: [String], among attendees: [Located<String>], _ contacts: [String: Contact]
    )
        -> [String]
    {
        guard !roles.isEmpty else { return [] }
        return attendees.map(\.value).filter { name in
            contacts[name]?.roles.contains(where: roles.contains) ?? false
        }
    }

    /// "What has changed on your side since 18 November?": the year only when it is not the
    /// meeting's.
    package static func opening(since last: Day?, meeting: Day?) -> String {
        guard let last else { return "What has changed on your side since we last spoke?" }
        return "What has changed on your side since \(longDate(last, year: last.year != meeting?.year))?"
    }

    /// "2 December 2026" (or "2 December").
    package static func longDate(_ day: Day, year: Bool = true) -> String {
        "\(day.day) \(Day.monthNames[day.month - 1])" + (year ? " \(day.year)" : "")
    }

    /// "Wednesday 2 December 2026".
    package static func meetingDate(_ day: Day) -> String {
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        // 1970-01-01, ordinal 0, was a Thursday.
        return names[((day.ordinal % 7) + 7 + 3) % 7] + " " + longDate(day)
    }

    /// "today", "tomorrow", "in 2 days", "yesterday", "3 days ago".
    package static func relative(_ days: Int) -> String {
        switch days {
        case 0: return "today"
        case 1: return "tomorrow"
        case -1: return "yesterday"
        case ..<0: return "\(-days) days ago"
        default: return "in \(days) days"
        }
    }

    /// "Raj Patel (Manufacturing Engineering Manager), Zoë Müller (Quality Lead)"; the caller escapes it.
    package static func attendeeList(_ attendees: [Attendee]) -> String {
        attendees.map { a in a.title.map { "\(a.name) (\($0))" } ?? a.name }.joined(separator: ", ")
    }

    /// What the team's version says first.
    /// - Parameter quote: how the command is set off ("'" in text, "`" in Markdown).
    package static func forTheTeam(quote: String) -> String {
        "For the team: statuses, assumptions and the log are ours. To send the customer an agenda: "
            + "\(quote)fieldnotes agenda --share\(quote)"
    }

    /// What an agenda says when no question is open beyond the opening one.
    package static let nothingOpen = "No other open question: the notes answer every question due at this stage."
    /// What an agenda says when the account's stage is missing or not valid.
    package static let stageMissing = "The stage is missing or not valid: fix it to see which questions are due."
    /// What an agenda says when the log has no dated entry.
    package static let nothingAgreed = "Nothing yet: the log has no dated entry."
    /// What an agenda says for an attendee list or a goal the notes do not set.
    package static let withNotSet = "not set (next_meeting_with)"
    package static let goalNotSet = "not set (next_meeting_goal)"

    /// "and 4 more ('fieldnotes missing' lists them all)": the questions or assumptions not listed.
    /// - Parameter quote: how the command is set off ("'" in text, "`" in Markdown).
    package static func more(_ count: Int, all: Bool, quote: String) -> String {
        "and \(count) more (\(quote)fieldnotes missing\(quote) lists them\(all ? " all" : ""))"
    }

    /// What an empty agenda says, for a run where no account has an upcoming meeting.
    package var emptyMessage: String {
        let when = settings.asOf.map { " on or after \($0)" } ?? ""
        return "No account has a next meeting\(when), so there is no agenda to prepare. Set next_meeting (with "
            + "next_meeting_with and next_meeting_goal) in an account's notes, or name the account: "
            + "fieldnotes agenda accounts/NAME.md"
    }
}
