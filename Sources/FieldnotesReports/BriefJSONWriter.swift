import FieldnotesCore
import FieldnotesSupport

/// A brief as JSON, one object per account in `brief --format json`: the document's facts as
/// values (dates, counts, ids), not as sentences.
package enum BriefJSONWriter {
    package static func str(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    package static func value(_ doc: BriefDocument) -> JSONValue {
        .object(facts(doc) + content(doc))
    }

    /// The account's facts: its front matter's values, dated and counted.
    static func facts(_ doc: BriefDocument) -> [(String, JSONValue)] {
        let meetingPassed: JSONValue = doc.nextMeetingPassed.map(JSONValue.bool) ?? .null
        let outcome: JSONValue = doc.outcome.map(outcome) ?? .null
        let risks: JSONValue = doc.risks.map { .array($0.map { .string($0.rawValue) }) } ?? .null
        return [
            ("path", .string(doc.source)), ("account", .string(doc.name)), ("owner", str(doc.owner)),
            ("stage", str(doc.stage?.rawValue)), ("due", .int(doc.due)), ("answered", .int(doc.answered)),
            ("last_contact", str(doc.lastContact?.description)),
            ("days_since_contact", doc.daysSinceContact.map(JSONValue.int) ?? .null),
            ("next_meeting", str(doc.nextMeeting?.description)), ("next_meeting_passed", meetingPassed),
            ("next_step", str(doc.nextStep)), ("decision_date", str(doc.decisionDate?.description)),
            ("compelling_event", str(doc.compellingEvent)),
            ("budget", str(doc.budget)), ("pain", str(doc.pain)), ("our_position", str(doc.ourPosition)),
            ("outcome", outcome), ("risks", risks), ("shared", .bool(doc.share)),
        ]
    }

    /// What the notes say: people, sections, competition, open questions, log.
    static func content(_ doc: BriefDocument) -> [(String, JSONValue)] {
        let sections: [(String, JSONValue)] = doc.sections.map {
            ($0.id, str($0.text.map { String(decoding: $0, as: UTF8.self) }))
        }
        let assumptions: [JSONValue] = doc.assumptions.map {
            .object([("id", str($0.id)), ("line", .int($0.line)), ("text", .string($0.text))])
        }
        let log: [JSONValue] = doc.log.map {
            .object([
                ("date", str($0.entry.date?.description)), ("title", .string($0.entry.title)),
                ("text", .string(String(decoding: $0.text, as: UTF8.self))),
            ])
        }
        return [
            ("people", .array(doc.people.map { person($0, rated: doc.ratesPeople) })),
            ("sections", .object(sections)),
            ("competitors", .array(doc.competitors.map(competitor))),
            ("opportunities", .array(doc.opportunities.map(opportunity))),
            ("assumptions", .array(assumptions)),
            ("open", .array(doc.open.map(open))),
            ("log", .array(log)),
            ("errors", .array(doc.errors.map(JSONValue.string))),
        ]
    }

    package static func person(_ c: Contact, rated: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(c.name.value)), ("title", str(c.title)),
            ("roles", .array(c.roles.map(JSONValue.string))),
        ]
        if rated {
            members += [
                ("reports_to", str(c.reportsTo?.value)), ("relationship", str(c.relationship)),
                ("influence", str(c.influence)), ("notes", str(c.notes)),
            ]
        }
        members.append(("function", str(c.function)))
        return .object(members)
    }

    package static func outcome(_ o: Outcome) -> JSONValue {
        .object([("result", str(o.result)), ("reason", str(o.reason)), ("competitor", str(o.competitor))])
    }

    package static func competitor(_ c: Competitor) -> JSONValue {
        .object([
            ("name", .string(c.name.value)), ("incumbent", .bool(c.incumbent)),
            ("value_proposition", str(c.valueProposition)),
            ("strengths", str(c.strengths)), ("weaknesses", str(c.weaknesses)),
        ])
    }

    package static func opportunity(_ o: Opportunity) -> JSONValue {
        .object([
            ("name", .string(o.name.value)), ("stage", str(o.stage?.rawValue)), ("value", str(o.value)),
            ("currency", str(o.currency)),
            ("decision_date", str(o.decisionDate?.description)), ("next_step", str(o.nextStep?.value)),
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
