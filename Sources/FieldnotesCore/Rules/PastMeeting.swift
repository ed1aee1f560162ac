import FieldnotesSupport

/// past-meeting: next_meeting is before today (open deals only).
package enum PastMeeting: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case past
        package static let rule = Rule.pastMeeting
    }

    package static let info = Rule.Info(
        severity: .warning,
        summary: "next_meeting is in the past",
        tableSummary: "next_meeting before today",
        rationale:
            "A meeting date that has passed means the notes were not updated after the meeting, or that the deal has "
            + "no next meeting.",
        fix:
            "Write what happened in the log, update last_contact, and set next_meeting to the next date agreed with "
            + "the customer.",
        bad: exampleNote("stage: prospecting\nnext_meeting: 2026-11-02\n"),
        good: exampleNote("stage: prospecting\nnext_meeting: 2026-12-02\n"))

    package static func check(_ fields: AccountFields, asOf: Day) -> [Diagnostic] {
        guard let meeting = fields.nextMeeting, meeting.value < asOf else { return [] }
        return [
            Diagnostic(
                Message.past, "'next_meeting' \(meeting.value) is in the past", at: meeting.range,
                subject: "next_meeting",
                help:
                    "write what happened in the log, then set 'next_meeting' to the next date agreed with the customer")
        ]
    }
}
