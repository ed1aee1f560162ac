import FieldnotesSupport
import Foundation

/// one-sided-language: next steps and plans written as things done *to* the customer, or by us alone.
package enum OneSidedLanguage: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        /// A phrase (the subject) aimed at the customer.
        case oneSided
        /// A step (the subject) in which only we act, or that talks at the customer.
        case onlyWe
        /// A follow-up (the subject) that does not say when or what.
        case openFollowUp
        package static let rule = Rule.oneSidedLanguage
    }

    package static let info = Rule.Info(
        severity: .note,
        summary:
            "a next step done to the customer ('close them', 'pitch', 'send them the proposal') or by us alone",
        tableSummary: "next steps done *to* the customer, or by us alone",
        rationale:
            "Customers buy with people who work with them. A next step written as a move against the customer "
            + "('close them', 'push for', 'qualify them', 'ask for the order'), as talking at them ('present our "
            + "solution', 'pitch', 'demo to'), as something only we do ('send them the quote', 'prepare the "
            + "quote', 'I will call') or as a bare 'follow up' is usually one they have not agreed to; a step "
            + "that says what they do, with whom and when, is one they will show up for. fieldnotes reads "
            + "next_step, each opportunity's next_step, next_meeting_goal (for the phrases only: a meeting is "
            + "with them) and the plan sections (titles with 'next step' or 'plan', and the checklist's plans).",
        fix:
            "Rewrite the step as something done with the customer: what they do, with whom, and when. The help "
            + "line suggests a rewrite with the contact the step names (else the next meeting's first attendee, "
            + "else the first contact), e.g. 'review the proposal together with Jenny on Dec 15' instead of "
            + "'send them the proposal', or 'agree with Jenny on the steps to a signature' instead of 'close Jenny'.",
        bad: exampleNote("stage: prospecting\nnext_step: Send them the proposal by Friday\n"),
        good: exampleNote("stage: prospecting\nnext_step: Review the proposal together with Jenny on Dec 15\n"))

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

    /// A text read as a next step: a field's value, or one item or paragraph of a plan section.
    package struct Step {
        package var ranges: [Range<Int>]
        /// `next_meeting_goal`: a meeting is with the customer, so only its phrases count.
        package var meetingGoal = false
    }

    /// What the rule reads: `next_step`, each opportunity's `next_step`, `next_meeting_goal`, and
    /// the plan sections (titles that say "next step" or "plan", and the checklist's `plans:`).
    package static func steps(
        _ file: SourceFile, fields: AccountFields, body: Body, checklist: Checklist
    ) -> [Step] {
        var out: [Step] = []
        func add(_ value: Located<String>?, goal: Bool = false) {
            if let r = value?.range { out.append(Step(ranges: [r.start..<r.end], meetingGoal: goal)) }
        }
        add(fields.nextStep)
        for opportunity in fields.opportunities { add(opportunity.nextStep) }
        add(fields.nextMeetingGoal, goal: true)
        for section in body.sections where isPlanSection(section.key, checklist: checklist) {
            out += planSteps(file, lines: section.contentLines)
        }
        return out
    }

    /// A plan section's steps: each list item with the lines that continue it, each paragraph;
    /// comments left out.
    package static func planSteps(_ file: SourceFile, lines: [Int]) -> [Step] {
        var out: [Step] = []
        var last = -2
        for line in lines {
            var r = file.lineRange(line)
            if let comment = commentStart.firstMatch(in: file.bytes[r]) { r = r.lowerBound..<comment.lowerBound }
            guard let first = file.bytes[r].firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            let b = file.bytes[first]
            let item = b == 0x2D || b == 0x2A || b == 0x2B || Bytes.isDigit(b)
            if !item && line == last + 1 && !out.isEmpty {
                out[out.count - 1].ranges.append(r)
            } else {
                out.append(Step(ranges: [r]))
            }
            last = line
        }
        return out
    }

    static let commentStart = ASCIIWords(["<!--"], ignoreCase: false)

    package static func check(
        _ file: SourceFile, fields: AccountFields, body: Body, checklist: Checklist
    ) -> [Diagnostic] {
        let steps = steps(file, fields: fields, body: body, checklist: checklist)
        guard !steps.isEmpty else { return [] }
        var out = aimedByPatterns(file, ranges: steps.flatMap(\.ranges), contacts: fields.contacts)
        let patternHits = out.map(\.range.start).sorted()
        var names: Set<String>?
        for step in steps {
            // A step with a move against the customer has its note; one is enough.
            if step.ranges.contains(where: { hasHit(patternHits, in: $0) }) { continue }
            if clearlyShared(file.bytes, step.ranges) { continue }
            if names == nil { names = contactNames(fields.contacts) }
            let contact = fallbackContact(fields)
            let reader = StepReader(
                StepText(file.bytes, ranges: step.ranges, names: names!), bytes: file.bytes,
                contact: contact)
            for f in reader.findings(meetingGoal: step.meetingGoal) {
                let said = String(decoding: file.bytes[f.range], as: UTF8.self)
                out.append(
                    Diagnostic(
                        f.code, f.message, at: SourceRange(f.range.lowerBound, f.range.upperBound),
                        subject: said, help: f.help))
            }
        }
        return out
    }

    /// Whether one of the sorted offsets `hits` lies in `range` (a binary search).
    static func hasHit(_ hits: [Int], in range: Range<Int>) -> Bool {
        var lo = 0
        var hi = hits.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if hits[mid] < range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < hits.count && hits[lo] < range.upperBound
    }

    /// Words that make a step shared (StepLexicon.sharedWords), found by bytes.
    static let sharedCues = ASCIIWords(
        StepLexicon.sharedWords.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.sorted(), ignoreCase: true,
        wholeWord: true)
    /// What can still be found in a shared step: a move against them, a follow-up, "put together".
    static let sharedStepTriggers = ASCIIWords(
        [
            "pitch", "pitching", "qualify", "qualifying", "get", "ask", "asks", "convince", "convincing", "persuade",
            "persuading", "follow", "followup", "check", "touch", "circle", "reach", "loop", "ping", "nudge", "chase",
            "put", "pull",
        ], ignoreCase: true, wholeWord: true)

    /// Whether the step is done together and holds nothing that is found even so: most steps, passed
    /// over by a byte search before any word is read.
    static func clearlyShared(_ bytes: [UInt8], _ ranges: [Range<Int>]) -> Bool {
        ranges.contains { sharedCues.occurs(in: bytes[$0]) }
            && !ranges.contains { sharedStepTriggers.occurs(in: bytes[$0]) }
    }

    /// The contacts' first and last names in lower case: "Raj" in a step is the customer.
    package static func contactNames(_ contacts: [Contact]) -> Set<String> {
        var names = Set<String>()
        for contact in contacts {
            let bytes = Array(contact.name.value.utf8)
            // The first and the last word, by bytes.
            let words = bytes.split(separator: 0x20)
            for part in [words.first, words.count > 1 ? words.last : nil] {
                if let part, part.count > 1 { names.insert(StepText.lowered(part)) }
            }
        }
        return names
    }

    /// Whom a rewrite names when the step names nobody: the next meeting's first attendee, else
    /// the first contact, else "<contact>".
    package static func fallbackContact(_ fields: AccountFields) -> String {
        let name = fields.nextMeetingWith.first?.value ?? fields.contacts.first?.name.value ?? ""
        return name.split(separator: " ").first.map(String.init) ?? "<contact>"
    }

    /// The phrases the regular expressions find ("close them", "push Raj to sign"), in `ranges`.
    static func aimedByPatterns(_ file: SourceFile, ranges: [Range<Int>], contacts: [Contact]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Most text has none of the verbs: a byte search rules it out before any regular expression runs.
        let candidates = ranges.filter { triggers.occurs(in: file.bytes[$0]) }
        guard !candidates.isEmpty else { return [] }
        // The patterns aimed at names are compiled only when a verb they start with is there.
        let aimedAtSomeone = candidates.contains { nameVerbs.occurs(in: file.bytes[$0]) }
        let all = aimedAtSomeone ? patterns + namePatterns(contacts) : patterns
        for range in candidates {
            let bytes = file.bytes[range]
            let likely = all.filter { $0.mayMatch(bytes) }
            if likely.isEmpty { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            let ns = text as NSString
            var flagged: [NSRange] = []
            for pattern in likely {
                for match in pattern.regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                    // One phrase, one note, even when several patterns see it.
                    if flagged.contains(where: { NSIntersectionRange($0, match.range).length > 0 }) { continue }
                    flagged.append(match.range)
                    let phrase = ns.substring(with: match.range)
                    let start = range.lowerBound + ns.substring(to: match.range.location).utf8.count
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
