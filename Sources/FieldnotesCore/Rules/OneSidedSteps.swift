import FieldnotesSupport

/// Reads one next step word by word: who acts in it, and what is done to the customer.
package struct StepReader {
    package typealias L = StepLexicon

    /// A one-sided phrase: where it is, what it is, and the step rewritten as done together.
    package struct Finding: Equatable {
        package let range: Range<Int>
        package let code: OneSidedLanguage.Message
        package let message: String
        package let help: String
    }

    /// The most notes one step gets.
    static let maxFindings = 8

    let text: StepText
    let bytes: [UInt8]
    /// The name a rewrite uses when the step names nobody: the next meeting's first attendee,
    /// else the first contact, else "<contact>".
    let fallbackContact: String

    package init(_ text: StepText, bytes: [UInt8], contact: String) {
        self.text = text
        self.bytes = bytes
        fallbackContact = contact
    }

    /// Every one-sided phrase of the step. A meeting goal is with the customer by nature: only
    /// its phrases count, not who acts in it.
    package func findings(meetingGoal: Bool) -> [Finding] {
        let aimed = aimedPhrases()
        if !aimed.isEmpty { return aimed }
        let shared = customerTakesPart()
        var out = followUp().map { [$0] } ?? []
        if shared { return out }
        if let f = delivery() {
            out.append(f)
        } else if out.isEmpty && !meetingGoal, let f = onlyUs() {
            out.append(f)
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    // MARK: Who is who

    /// A name: a contact's, or a capital word that is neither a sentence's first word nor a known word.
    func isName(_ i: Int) -> Bool {
        guard i >= 0 && i < text.count, text[i].capitalized, !text[i].acronym else { return false }
        if text.has(i, .contactName) { return true }
        if text[i].clauseStart || text[i].digit { return false }
        return !text.has(i, [.notName, .month, .shortMonth, .day, .ourVerb, .shared, .objectEnd])
    }

    /// Where someone on the customer's side named at `i` ends ("them", "Raj", "the buyer",
    /// "Jenny and Raj", "purchasing"), or nil.
    func person(at i: Int) -> Int? {
        let w = text.lower(i)
        if text.has(i, [.pronoun, .customerNoun]) { return i + 1 }
        if w == "the" && text.has(i + 1, .customerNoun) { return i + 2 }
        guard isName(i) else { return nil }
        if text.lower(i + 1) == "and" && isName(i + 2) { return i + 3 }
        return i + 1
    }

    /// Whether the customer's side acts at `i`: "Kenji runs", "Raj to confirm", "their engineers
    /// test", "Jenny's team confirms", "the buyer signs", "Raj and Kenji pick".
    func customerActs(at i: Int) -> Bool {
        let w = text.lower(i)
        if text.has(i, .subject) { return true }
        var next: Int
        var nouns = 0
        if w == "their" {
            next = i + 1
            nouns = 2
        } else if w == "the" && text.has(i + 1, .customerNoun) {
            next = i + 2
            nouns = 1
        } else if isName(i) {
            next = person(at: i)!
            if text.isPossessive(next - 1) { nouns = 2 }
        } else {
            return false
        }
        let first = w == "their" ? next + 1 : next
        for k in first...(next + nouns) where k < text.count {
            if k > next && text[k].clauseStart { return false }
            if text.has(k, .customerVerb) { return true }
            if text.has(k, .objectEnd) { return false }
        }
        return false
    }

    /// Whether the customer takes part in the step: it is done together ("joint trial", "agree",
    /// "with Raj", "ask Jenny"), or they act in it ("Jenny walks us through", "Raj to confirm").
    package func customerTakesPart() -> Bool {
        for i in 0..<text.count {
            let w = text.lower(i)
            if text.has(i, .shared) {
                let before = text.lower(i - 1)
                if w == "together" && (before == "put" || before == "pull") { continue }
                return true
            }
            if w == "us" && !text[i].acronym { return true }
            if (w == "with" || w == "from" || w == "ask" || w == "asks") && person(at: i + 1) != nil { return true }
            if customerActs(at: i) { return true }
        }
        return false
    }

    /// Whether a verb at `i` starts what we do: the clause's first word, or after "we", "will", "and".
    func isHead(_ i: Int) -> Bool {
        text[i].clauseStart || text.has(i - 1, .headMarker)
    }
}
