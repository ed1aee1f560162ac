import FieldnotesSupport

/// unused-suppression: a suppression comment that silenced nothing (ruff's RUF100), so that
/// stale ones are found once the finding they were for is fixed.
package enum UnusedSuppression: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case unused
        package static let rule = Rule.unusedSuppression
    }

    package static let info = Rule.Info(
        severity: .warning,
        summary: "a suppression comment that silenced nothing",
        tableSummary: "a suppression comment that silenced nothing",
        rationale:
            "Once its finding is fixed, a suppression left in place would silence the next, different problem of "
            + "that rule on that line (or in that file) without anyone deciding to. A comment that also names "
            + "unused-suppression is never reported (ruff's RUF100 does the same).",
        fix: "Remove the comment, or the rule's name from it.",
        bad: exampleNote(
            "stage: prospecting\n",
            body:
                "\n<!-- fieldnotes-disable-next-line duplicate-section: merged after the visit -->\n"
                + "## Why they are buying\nThey are consolidating two lines.\n"),
        good: exampleNote(
            "stage: prospecting\n",
            body:
                "\n<!-- fieldnotes-disable-next-line duplicate-section: merged after the visit -->\n"
                + "## What changed\nA new buyer.\n"))

    /// `rule`, named by a suppression of `scope`, silenced nothing.
    package static func unused(
        _ rule: Rule, scope: Suppression.Scope, nextLine: Bool, at range: SourceRange, ruleIsOff: Bool
    ) -> Diagnostic {
        let place: String
        switch scope {
        case .file: place = "in this file"
        case .line(nil): place = "after it"
        case .line: place = nextLine ? "on the next line" : "on this line"
        }
        var notes: [Diagnostic.Note] = []
        if ruleIsOff { notes.append(.init("'\(rule.rawValue)' is off in fieldnotes.yml")) }
        return Diagnostic(
            Message.unused, "unused suppression: no '\(rule.rawValue)' finding \(place)", at: range,
            subject: rule.rawValue, help: "remove the comment, or '\(rule.rawValue)' from it", notes: notes)
    }
}
