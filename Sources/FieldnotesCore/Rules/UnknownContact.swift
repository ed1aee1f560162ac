import FieldnotesSupport

/// unknown-contact: `reports_to` or `next_meeting_with` names someone who is not in the
/// account's contacts.
package enum UnknownContact: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        /// The name is not a contact; the subject is that name.
        case notInContacts
        /// A contact reports to themself.
        case reportsToThemself
        /// An attendee of the next meeting is not a contact; the subject is that name.
        case attendeeNotInContacts
        package static let rule = Rule.unknownContact
    }

    package static let info = Rule.Info(
        severity: .warning,
        summary: "reports_to or next_meeting_with names someone who is not in the account's contacts",
        tableSummary: "reports_to or next_meeting_with names someone not in contacts",
        rationale:
            "The reporting line is how you find who influences whom, and the attendees of the next meeting are "
            + "who the agenda is for. A name that matches no contact is usually a typo, or a person you have not "
            + "written down yet.",
        fix: "Fix the name so it matches a contact exactly, or add that person to contacts.",
        bad: exampleNote(
            "stage: prospecting\ncontacts:\n  - name: Jenny Park\n    reports_to: Tom Alvarz\n  - name: Tom Alvarez\n"
        ),
        good: exampleNote(
            "stage: prospecting\ncontacts:\n  - name: Jenny Park\n    reports_to: Tom Alvarez\n  - name: Tom Alvarez\n"
        ))

    /// `budget`: the did-you-mean work the file may still do.
    package static func check(
        _ contacts: [Contact], attendees: [Located<String>] = [], budget: Suggest.Budget
    ) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // A set for long lists (thousands of contacts must not cost a scan each); a few are scanned.
        let names: Set<String>? = contacts.count > 16 ? Set(contacts.map(\.name.value)) : nil
        func known(_ name: String) -> Bool { names?.contains(name) ?? contacts.contains { $0.name.value == name } }
        // Indexed once, when a first name needs a suggestion.
        var index: Suggest.Index?
        for contact in contacts {
            if let boss = contact.reportsTo, boss.value == contact.name.value {
                out.append(reportsToThemself(contact.name.value, at: boss.range))
                continue
            }
            guard let boss = contact.reportsTo, !known(boss.value) else { continue }
            if index == nil { index = Suggest.Index(contacts.map(\.name.value), budget: budget) }
            out.append(notInContacts(boss, of: contact.name.value, guess: index?.guess(for: boss.value)))
        }
        for attendee in attendees where !known(attendee.value) {
            if index == nil { index = Suggest.Index(contacts.map(\.name.value), budget: budget) }
            out.append(attendeeNotInContacts(attendee, guess: index?.guess(for: attendee.value)))
        }
        return out
    }

    package static func reportsToThemself(_ name: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.reportsToThemself, "'\(name)' reports to themself", at: range, subject: name,
            help: "write the name of the person they report to")
    }

    /// A contact's name likely meant, and how sure a fix to it is: safe when no other name is as close.
    package typealias Guess = (name: String, applicability: Diagnostic.Fix.Applicability)

    /// `attendee` of the next meeting is not listed; `guess`: the contact likely meant.
    package static func attendeeNotInContacts(_ attendee: Located<String>, guess: Guess?) -> Diagnostic {
        Diagnostic(
            Message.attendeeNotInContacts, "next_meeting_with names '\(attendee.value)', who is not in contacts",
            at: attendee.range, subject: attendee.value,
            help: guess.map { "did you mean '\($0.name)'?" }
                ?? "add '\(attendee.value)' to contacts, or correct the name",
            fix: guess.map {
                .init(attendee.range, YAMLScalarWriter.scalar($0.name, inFlow: true), applicability: $0.applicability)
            })
    }

    /// `contact` reports to `boss`, who is not listed; `guess`: the contact likely meant.
    package static func notInContacts(_ boss: Located<String>, of contact: String, guess: Guess?) -> Diagnostic {
        Diagnostic(
            Message.notInContacts, "'\(contact)' reports to '\(boss.value)', who is not in contacts", at: boss.range,
            subject: boss.value,
            help: guess.map { "did you mean '\($0.name)'?" } ?? "add '\(boss.value)' to contacts, or correct the name",
            fix: guess.map { .init(boss.range, YAMLScalarWriter.scalar($0.name), applicability: $0.applicability) })
    }
}

extension Suggest.Index {
    /// The name likely meant by `word`, and how sure a fix to it is.
    fileprivate func guess(for word: String) -> UnknownContact.Guess? {
        closest(to: word).map { ($0, isOnlyAnswer($0, for: word) ? .safe : .unsafe) }
    }
}
