import FieldnotesSupport

/// duplicate-contact: two contacts with the same name (compared as `Words.key` does, without tabs).
package enum DuplicateContact: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case duplicate
        package static let rule = Rule.duplicateContact
    }

    package static let info = Rule.Info(
        severity: .error,
        summary: "two contacts with the same name",
        tableSummary: "two contacts with the same name",
        rationale:
            "reports_to and the brief's people table refer to contacts by name; two entries with one name make both "
            + "ambiguous.",
        fix: "Merge the two entries into one, or tell the people apart by their full names.",
        bad: exampleNote("stage: prospecting\ncontacts:\n  - name: Jenny Park\n  - name: Jenny Park\n"),
        good: exampleNote("stage: prospecting\ncontacts:\n  - name: Jenny Park\n  - name: Raj Patel\n"))

    package static func check(_ contacts: [Contact]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen: [String: SourceRange] = [:]
        for contact in contacts {
            let key = Words.key(contact.name.value, tabs: false)
            if let first = seen[key] {
                out.append(duplicate(contact.name, first: first))
            } else {
                seen[key] = contact.name.range
            }
        }
        return out
    }

    /// `name` was listed before, at `first`.
    package static func duplicate(_ name: Located<String>, first: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.duplicate, "duplicate contact '\(name.value)'", at: name.range, subject: name.value,
            help: "merge the two entries into one", notes: [.init("first listed here", first)])
    }
}
