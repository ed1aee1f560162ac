import FieldnotesSupport
import Foundation

/// one-sided-language: next steps and plans written as things done *to* the customer.
package enum OneSidedLanguage: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        /// A phrase (the subject) aimed at the customer.
        case oneSided
        package static let rule = Rule.oneSidedLanguage
    }

    package static let info = Rule.Info(
        severity: .note,
        summary:
            "a next step written as something done to the customer ('close them', 'push', 'handle their objections')",
        tableSummary: "next steps written as things done *to* the customer",
        rationale:
            "Customers buy with people who work with them. A next step written as a move against the customer is "
            + "usually one they have not agreed to; a step written as what we do together is one they will show up "
            + "for.",
        fix:
            "Rewrite the step as something done with the customer, e.g. 'agree with Jenny on the evaluation steps' "
            + "instead of 'close Jenny'.",
        bad: exampleNote("stage: prospecting\nnext_step: Push them to sign before Christmas\n"),
        good: exampleNote(
            "stage: prospecting\nnext_step: Agree with Jenny on the steps to a signature before Christmas\n"))

    package struct Pattern {
        package let regex: NSRegularExpression
        package let help: String
        /// Words that every match contains (one of each list, in any case): text without them
        /// is passed over without running the regular expression.
        package let cues: [ASCIIWords]

        /// The stems of the verbs a match starts with (the first list of cues).
        package let verbs: [String]

        package init(_ regex: NSRegularExpression, help: String, cues: [[String]]) {
            self.regex = regex
            self.help = help
            self.cues = cues.map { ASCIIWords($0, ignoreCase: true) }
            verbs = cues.first ?? []
        }

        package func mayMatch(_ text: ArraySlice<UInt8>) -> Bool { cues.allSatisfy { $0.occurs(in: text) } }
    }

    package static let patterns: [Pattern] = {
        let object = "(?:them|him|her|the customer|the client|the buyer|the account|the deal)"
        let people = ["them", "him", "her"]
        let specs: [(String, String, [[String]])] = [
            (
                "\\b(?:close|closing)\\s+\(object)",
                "write what you will agree together, e.g. 'agree together on the decision steps and date'",
                [["clos"], people + ["the"]]
            ),
            (
                "\\b(?:push|pushing|pressure|pressuring|force|forcing|corner|cornering|squeeze|squeezing)"
                    + "\\s+(?:\(object)|for\\b|through\\b)",
                "write what you will do with them, e.g. 'review the business case together'",
                [["push", "pressur", "forc", "corner", "squeez"]]
            ),
            (
                "\\b(?:handle|handling|overcome|overcoming|crush|crushing|kill|killing)"
                    + "\\s+(?:(?:their|the|his|her|any|all)\\s+)?objections?\\b",
                "name their concern and how you will work through it together, e.g. 'go through their cost concerns "
                    + "together'",
                [["handl", "overcom", "crush", "kill"], ["objection"]]
            ),
            // "get " and "make " with their space: "together" and "makes sense" are not cues.
            (
                "\\b(?:convince|convincing|persuade|persuading|get|make)\\s+(?:them|him|her)\\s+to\\b",
                "write the step you will take together, e.g. 'ask what they need to recommend us'",
                [["convinc", "persuad", "get ", "make "], people]
            ),
            (
                "\\block\\s+(?:them|him|her)\\s+in\\b", "write what would make staying with us worth it for them",
                [["lock "], people]
            ),
        ]
        return specs.map {
            Pattern(try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), help: $0.1, cues: $0.2)
        }
    }()

    /// The verbs of the patterns aimed at a person by name.
    package static let nameVerbStems = ["clos", "push", "pressur", "forc", "corner", "squeez"]
    package static let nameVerbs = ASCIIWords(nameVerbStems, ignoreCase: true)
    /// Lowercase stems of every verb the patterns start with: text without one is passed over.
    package static let triggers = ASCIIWords(patterns.flatMap(\.verbs) + nameVerbStems, ignoreCase: true)
    package static let planWords = ASCIIWords(["next step", "plan"], ignoreCase: true)

    /// Section titles whose text is a plan: checked like next steps. A title that says so, or a
    /// section of a question the checklist lists under `plans:`.
    package static func isPlanSection(_ key: String, checklist: Checklist) -> Bool {
        planWords.occurs(in: ArraySlice(key.utf8)) || checklist.planSectionKeys.contains(key)
    }

    /// The same moves aimed at a person by name: "close Jenny", "push Raj to sign".
    package static func namePatterns(_ contacts: [Contact]) -> [Pattern] {
        var names = Set<String>()
        for contact in contacts {
            let full = contact.name.value.trimmingSpaces()
            guard !full.isEmpty else { continue }
            names.insert(NSRegularExpression.escapedPattern(for: full))
            if let first = full.split(separator: " ").first, first.count > 1 {
                names.insert(NSRegularExpression.escapedPattern(for: String(first)))
            }
        }
        var patterns: [Pattern] = []
        if !names.isEmpty {
            let alternatives = names.sorted { $0.count > $1.count }.joined(separator: "|")
            let verbs =
                "close|closing|push|pushing|pressure|pressuring|force|forcing|corner|cornering|squeeze|squeezing"
            if let regex = try? NSRegularExpression(pattern: "\\b(?i:\(verbs))\\s+(?:\(alternatives))\\b") {
                patterns.append(
                    Pattern(
                        regex,
                        help: "write what you will do together, e.g. 'agree together on the decision steps and date'",
                        cues: [nameVerbStems]))
            }
        }
        // "push Raj to sign": a verb, one word, "to".
        if let regex = try? NSRegularExpression(
            pattern:
                "\\b(?:push|pressure|force|pushing|pressuring|forcing)\\s+(?!back\\b)\\p{Lu}\\p{L}*\\s+(?:to|into)\\b")
        {
            patterns.append(
                Pattern(
                    regex, help: "write what you will do with them, e.g. 'ask what they need to sign off'",
                    cues: [["push", "pressur", "forc"]]))
        }
        return patterns
    }

    package static func check(
        _ file: SourceFile, fields: AccountFields, body: Body, checklist: Checklist
    ) -> [Diagnostic] {
        var ranges: [SourceRange] = []
        if let step = fields.nextStep { ranges.append(step.range) }
        for opportunity in fields.opportunities { if let step = opportunity.nextStep { ranges.append(step.range) } }
        for section in body.sections where isPlanSection(section.key, checklist: checklist) {
            for line in section.contentLines {
                let r = file.lineRange(line)
                ranges.append(SourceRange(r.lowerBound, r.upperBound))
            }
        }
        var out: [Diagnostic] = []
        // Most text has none of the verbs: a byte search rules it out before any regular expression runs.
        let candidates = ranges.filter { triggers.occurs(in: file.bytes[$0.start..<$0.end]) }
        guard !candidates.isEmpty else { return [] }
        // The patterns aimed at names are compiled only when a verb they start with is there.
        let aimedAtSomeone = candidates.contains { nameVerbs.occurs(in: file.bytes[$0.start..<$0.end]) }
        let all = aimedAtSomeone ? patterns + namePatterns(fields.contacts) : patterns
        for range in candidates {
            let bytes = file.bytes[range.start..<range.end]
            let likely = all.filter { $0.mayMatch(bytes) }
            if likely.isEmpty { continue }
            let text = file.slice(range)
            let ns = text as NSString
            var flagged: [NSRange] = []
            for pattern in likely {
                for match in pattern.regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                    // One phrase, one note, even when several patterns see it.
                    if flagged.contains(where: { NSIntersectionRange($0, match.range).length > 0 }) { continue }
                    flagged.append(match.range)
                    let phrase = ns.substring(with: match.range)
                    let start = range.start + ns.substring(to: match.range.location).utf8.count
                    out.append(oneSided(phrase, at: SourceRange(start, start + phrase.utf8.count), help: pattern.help))
                }
            }
        }
        return out
    }

    /// `phrase` describes a move against the customer; `help` is its pattern's rewording.
    package static func oneSided(_ phrase: String, at range: SourceRange, help: String) -> Diagnostic {
        Diagnostic(
            Message.oneSided, "'\(phrase)' describes something done to the customer", at: range, subject: phrase,
            help: help)
    }
}
