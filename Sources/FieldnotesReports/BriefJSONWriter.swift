import FieldnotesCore
import FieldnotesSupport

/// A brief as JSON, one object per account in `brief --format json`: the document's facts as
/// values (dates, counts, ids), not as sentences.
package enum BriefJSONWriter {
    package static func str(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    package static func value(_ doc: BriefDocument) -> JSONValue {
        .object(facts(doc) + content(doc))
    }

    /// The account's facts: its front matter's values, dated and counted. A shared brief has no
    /// `stage_since`, `days_in_stage`, `due`, `answered`, `pain`, `our_position` or `risks`.
    static func facts(_ doc: BriefDocument) -> [(String, JSONValue)] {
        let meetingPassed: JSONValue = doc.nextMeetingPassed.map(JSONValue.bool) ?? .null
        let outcome: JSONValue = doc.outcome.map(outcome) ?? .null
        var members: [(String, JSONValue)] = [
            ("path", .string(doc.source)), ("account", .string(doc.name)), ("owner", str(doc.owner)),
            ("stage", str(doc.stage?.rawValue)),
            ("last_contact", str(doc.lastContact?.description)),
            ("days_since_contact", doc.daysSinceContact.map(JSONValue.int) ?? .null),
            ("next_meeting", str(doc.nextMeeting?.description)), ("next_meeting_passed", meetingPassed),
            ("next_meeting_with", .array(doc.nextMeetingWith.map(JSONValue.string))),
            ("next_meeting_goal", str(doc.nextMeetingGoal)),
            ("next_step", str(doc.nextStep)), ("decision_date", str(doc.decisionDate?.description)),
            ("compelling_event", str(doc.compellingEvent)),
            ("budget", str(doc.budget)),
        ]
        if !doc.share {
            members.insert(
                contentsOf: [
                    ("stage_since", str(doc.stageSince?.description)),
                    ("days_in_stage", doc.daysInStage.map(JSONValue.int) ?? .null), ("due", .int(doc.due)),
                    ("answered", .int(doc.answered)),
                ], at: 4)
            members += [
                ("pain", str(doc.pain)), ("our_position", str(doc.ourPosition)),
                ("risks", doc.risks.map(RiskJSON.array) ?? .null),
            ]
        }
        return members + [("outcome", outcome), ("shared", .bool(doc.share))]
    }

    /// What the notes say: the text before the first section, people, every section with text
    /// (one flat list, each with its question's id and category, null for the rep's own),
    /// competition, the assumptions and open questions, the whole log. A shared brief has no
    /// `assumptions`, and its open questions are those worded for the customer, as `say`.
    static func content(_ doc: BriefDocument) -> [(String, JSONValue)] {
        func text(_ bytes: [UInt8]?) -> JSONValue { str(bytes.map { String(decoding: $0, as: UTF8.self) }) }
        let sections: [JSONValue] = doc.sections.map {
            .object([
                ("id", str($0.id)), ("category", str($0.category)), ("heading", .string($0.heading)),
                ("text", text($0.text)),
            ])
        }
        let assumptions: [JSONValue] = doc.assumptions.map {
            .object([("id", str($0.id)), ("line", .int($0.line)), ("text", .string($0.text))])
        }
        let log: [JSONValue] = doc.log.map {
            .object([
                ("date", str($0.entry.date?.description)), ("title", .string($0.entry.title)), ("text", text($0.text)),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("intro", text(doc.intro)),
            ("people", .array(doc.people.map { person($0, rated: doc.ratesPeople) })),
            ("sections", .array(sections)),
            ("competitors", .array(doc.competitors.map { competitor($0, rated: !doc.share) })),
            ("opportunities", .array(doc.opportunities.map(opportunity))),
        ]
        if !doc.share { members.append(("assumptions", .array(assumptions))) }
        return members + [
            ("open", .array(doc.open.map { doc.share ? shared($0) : open($0) })),
            ("log_text", text(doc.logIntro)),
            ("log", .array(log)),
            ("errors", .array(doc.errors.map(JSONValue.string))),
        ]
    }

    /// A contact: `status` `active` or `left`; `rated`: with our rating of them, their stance and
    /// when we last met them (`last_met`: their `last_met` or a later dated log entry naming them),
    /// not in a shared brief.
    package static func person(_ c: Contact, rated: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(c.name.value)), ("title", str(c.title)),
            ("roles", .array(c.roles.map(JSONValue.string))), ("status", .string(c.left ? "left" : "active")),
        ]
        if rated {
            members += [
                ("reports_to", str(c.reportsTo?.value)), ("relationship", str(c.relationship)),
                ("influence", str(c.influence)), ("stance", str(c.stance)), ("last_met", str(c.met?.description)),
                ("notes", str(c.notes)),
            ]
        }
        members.append(("function", str(c.function)))
        return .object(members)
    }

    package static func outcome(_ o: Outcome) -> JSONValue {
        .object([("result", str(o.result)), ("reason", str(o.reason)), ("competitor", str(o.competitor))])
    }

    /// A competitor; `rated`: with our view of their strengths and weaknesses (not in a shared brief).
    package static func competitor(_ c: Competitor, rated: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(c.name.value)), ("incumbent", .bool(c.incumbent)),
            ("value_proposition", str(c.valueProposition)),
        ]
        if rated { members += [("strengths", str(c.strengths)), ("weaknesses", str(c.weaknesses))] }
        return .object(members)
    }

    package static func opportunity(_ o: Opportunity) -> JSONValue {
        .object([
            ("name", .string(o.name.value)), ("stage", str(o.stage?.rawValue)),
            ("value", o.value.map(SummaryJSONWriter.number) ?? .null),
            ("currency", str(o.currency)),
            ("decision_date", str(o.decisionDate?.description)), ("next_step", str(o.nextStep?.value)),
        ])
    }

    /// An open question of a shared brief: in the customer's wording, without status or gaps.
    package static func shared(_ q: OpenQuestion) -> JSONValue {
        .object([
            ("id", .string(q.question.id)), ("say", str(q.question.say)), ("category", .string(q.question.category)),
        ])
    }

    package static func open(_ q: OpenQuestion) -> JSONValue {
        .object([
            ("id", .string(q.question.id)), ("ask", .string(q.question.ask)),
            ("category", .string(q.question.category)), ("status", .string(q.status.rawValue)),
            ("gaps", .array(q.gaps.map(JSONValue.string))),
        ])
    }
}
