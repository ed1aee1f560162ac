import FieldnotesSupport

/// invalid-value: a value that is not one of its field's allowed values (or an outcome that
/// contradicts the stage). The decoder finds it and the likely intent; these say so.
package enum InvalidValue: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case unknownValue
        /// Sentences written in a list of allowed values, reported together.
        case proseInList
        /// A currency code in lower case.
        case currencyCase
        case notCurrency
        /// The outcome's result contradicts the closed stage.
        case outcomeMismatch
        package static let rule = Rule.invalidValue
    }

    package static let info = Rule.Info(
        severity: .error,
        summary: "a value that is not one of the field's allowed values",
        tableSummary: "not one of the allowed values; with a did-you-mean",
        rationale:
            "Stages, roles and statuses come from fixed lists so that the summary can count and sort them. A typo "
            + "would put an account in no stage at all.",
        fix:
            "Use one of the allowed values: the help line suggests the closest one, or lists them all. The README of "
            + "the notes repository lists the allowed values of every field.",
        bad: exampleNote("stage: prospectin\n"),
        good: exampleNote("stage: prospecting\n"))

    /// `text` (at `range`) is not one of `values` of `field`. `guess`: the value it likely means
    /// (the fix writes it: safe when no other value is as close, `applicability`);
    /// `proseHome`: the text is a sentence that belongs in this field instead.
    package static func unknownValue(
        _ text: String, at range: SourceRange, field: String, values: [String], guess: String?, proseHome: String?,
        applicability: Diagnostic.Fix.Applicability = .safe
    ) -> Diagnostic {
        var help = guess.map { "did you mean '\($0)'?" } ?? "use one of: \(values.joined(separator: ", "))"
        if let proseHome { help = proseHelp(field, values, list: false, home: proseHome) }
        return Diagnostic(
            Message.unknownValue, "unknown \(field.replacingOccurrences(of: "_", with: " ")) '\(text)'", at: range,
            subject: field, help: help, fix: guess.map { .init(range, $0, applicability: applicability) })
    }

    /// Sentences in the list `field` of allowed values (each an `element`): one finding for them all.
    package static func proseInList(
        _ prose: [(text: String, range: SourceRange)], field: String, element: String, values: [String],
        home: String
    ) -> Diagnostic {
        let quoted = prose.map { "'\($0.text)'" }.joined(separator: ", ")
        return Diagnostic(
            Message.proseInList, "unknown \(element)\(prose.count > 1 ? "s" : "") \(quoted)",
            at: SourceRange(prose[0].range.start, prose[prose.count - 1].range.end), subject: field,
            help: proseHelp(field, values, list: true, home: home))
    }

    /// `text` is a currency code but for its case: `upper` is meant.
    package static func currencyCase(_ text: String, upper: String, at range: SourceRange, field: String) -> Diagnostic
    {
        Diagnostic(
            Message.currencyCase, "currency codes are upper case: '\(text)'", at: range, subject: field,
            help: "did you mean '\(upper)'?", fix: .init(range, upper))
    }

    package static func notCurrency(_ text: String, at range: SourceRange, field: String) -> Diagnostic {
        Diagnostic(
            Message.notCurrency, "'\(text)' is not a 3-letter currency code", at: range, subject: field,
            help: "write an ISO 4217 code such as USD, EUR or GBP")
    }

    /// The outcome's `result` is not what `stage` (closed) says.
    package static func outcomeMismatch(_ result: String, stage: Stage, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.outcomeMismatch, "outcome '\(result)' does not match stage '\(stage.rawValue)'", at: range,
            subject: "outcome",
            help: stage == .closedWon
                ? "a closed_won deal was won: write 'result: won', or correct the stage"
                : "a closed_lost deal ends in 'lost' or 'no_decision', or correct the stage")
    }

    /// The one help for prose written where allowed values go: the values, and where the prose belongs.
    package static func proseHelp(_ field: String, _ values: [String], list: Bool, home: String) -> String {
        "'\(field)' takes \(list ? "a list of" : "one of"): \(values.joined(separator: ", ")); "
            + "write what they do in '\(home):'"
    }
}
