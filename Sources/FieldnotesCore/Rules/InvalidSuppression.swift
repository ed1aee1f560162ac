import FieldnotesSupport

/// invalid-suppression: a suppression comment that cannot apply (no reason, no rule, an unknown
/// rule, in the wrong place). It silences nothing until it is corrected.
package enum InvalidSuppression: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case noReason, noRule, unknownRule, unsuppressible, unknownDirective, wrongPlace, misplaced, unclosed, alone
        package static let rule = Rule.invalidSuppression
    }

    package static let info = Rule.Info(
        severity: .warning,
        summary: "a suppression comment without a reason, with an unknown rule, or in the wrong place",
        tableSummary: "a suppression comment without a reason, naming an unknown rule, or misplaced",
        rationale:
            "A suppression hides a finding from everyone who reads the notes after you: it says which rule and why, "
            + "so that the next person can tell whether it still holds. One that cannot apply silences nothing, "
            + "and the finding it was meant for is still reported.",
        fix:
            "Write '<!-- fieldnotes-disable-next-line RULE: reason -->' on the line before the finding, "
            + "'<!-- fieldnotes-disable RULE: reason -->' before the first section for the whole file, or "
            + "'# fieldnotes-disable-line RULE: reason' after a value in the front matter, with the rule's name as "
            + "'fieldnotes explain' lists it. A question that does not apply is answered in its section "
            + "('Not applicable: they buy direct, no partners'), not suppressed.",
        bad: exampleNote(
            "stage: prospecting\n",
            body: "\n<!-- fieldnotes-disable-next-line duplicate-section -->\n## What changed\nA new buyer.\n"),
        good: exampleNote(
            "stage: prospecting\n",
            body:
                "\n<!-- fieldnotes-disable-next-line duplicate-section: merged after the visit -->\n"
                + "## What changed\nA new buyer.\n"))

    private static let forms =
        "write '<!-- fieldnotes-disable-next-line RULE: reason -->' before a line, or "
        + "'<!-- fieldnotes-disable RULE: reason -->' before the first section"

    /// A suppression naming `names` with no reason after a colon.
    package static func noReason(_ directive: String, names: [String], at range: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.noReason, "suppression without a reason", at: range, subject: directive,
            help:
                "say why after a colon ('\(directive) \(names.joined(separator: ", ")): why it does not apply'); "
                + "until then it silences nothing")
    }

    package static func noRule(_ directive: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.noRule, "suppression that names no rule", at: range, subject: directive,
            help: "name the rules it silences ('\(directive) unknown-contact: reason'); 'fieldnotes explain' lists them"
        )
    }

    package static func unknownRule(_ name: String, at range: SourceRange, suggestion: String?) -> Diagnostic {
        Diagnostic(
            Message.unknownRule, "unknown rule '\(name)' in a suppression", at: range, subject: name,
            help: suggestion.map { "did you mean '\($0)'?" } ?? "'fieldnotes explain' lists the rules")
    }

    package static func unsuppressible(_ rule: Rule, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.unsuppressible, "'\(rule.rawValue)' cannot be suppressed", at: range, subject: rule.rawValue,
            help: rule == .invalidSuppression
                ? "correct the suppression instead, or set 'invalid-suppression: off' under 'severity:' in fieldnotes.yml"
                : "fix the file: until then fieldnotes cannot read it reliably")
    }

    package static func unknownDirective(
        _ directive: String, at range: SourceRange, suggestion: String?, allowed: [String]
    ) -> Diagnostic {
        let help =
            suggestion.map { "did you mean '\($0)'?" }
            ?? (allowed == [SuppressionComments.sameLine]
                ? "write '# fieldnotes-disable-line RULE: reason' after the value" : forms)
        return Diagnostic(
            Message.unknownDirective, "unknown suppression '\(directive)'", at: range, subject: directive, help: help)
    }

    package static func wrongPlace(_ directive: String, at range: SourceRange) -> Diagnostic {
        let inBody = directive == SuppressionComments.sameLine
        return Diagnostic(
            Message.wrongPlace, "'\(directive)' belongs in the \(inBody ? "front matter" : "body")", at: range,
            subject: directive,
            help: inBody
                ? "in the body, write '<!-- fieldnotes-disable-next-line RULE: reason -->' on the line before"
                : "in the front matter, write '# fieldnotes-disable-line RULE: reason' after the value it silences")
    }

    /// A file-wide suppression after the first section (on the 1-based line `firstSection`).
    package static func misplaced(at range: SourceRange, firstSection: Int) -> Diagnostic {
        Diagnostic(
            Message.misplaced, "a file-wide suppression must come before the first section", at: range,
            subject: SuppressionComments.fileWide,
            help: "move it above the first section (line \(firstSection)), under the title")
    }

    package static func unclosed(_ directive: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.unclosed, "suppression comment not closed on its line", at: range, subject: directive,
            help: "end it with '-->' on the same line")
    }

    /// `# fieldnotes-disable-line` on a line of its own in the front matter.
    package static func alone(at range: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.alone, "'fieldnotes-disable-line' on a line of its own silences nothing", at: range,
            subject: SuppressionComments.sameLine, help: "put it after the value it silences, on the same line")
    }
}
