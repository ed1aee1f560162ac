import FieldnotesSupport

/// What a rewrite takes from the step: its object, its contact, its date.
extension StepReader {
    func finding(
        _ i: Int, _ end: Int, _ message: String, code: OneSidedLanguage.Message = .oneSided, help: String
    ) -> Finding {
        let range = text[i].start..<text[max(end, i + 1) - 1].end
        let said = String(decoding: bytes[range], as: UTF8.self)
        return Finding(range: range, code: code, message: "'\(said)' \(message)", help: help)
    }

    /// Where a verb's object starts: past the people it is aimed at ("send them | the proposal",
    /// "walk the buyer through | our pricing").
    func objectStart(after i: Int) -> Int {
        var k = i + 1
        if let end = person(at: k) { k = end }
        if text.lower(k) == "through" { k += 1 }
        return k
    }

    /// Where a verb's object ends: at "to", "by", a date, the next clause, or "and" before another verb.
    func objectEnd(after i: Int) -> Int {
        let start = objectStart(after: i)
        var j = start
        while j < text.count && j < start + 12 && (j == start || !text[j].clauseStart) {
            let w = text.lower(j)
            if isDate(j) { break }
            if text.has(j, .objectEnd) {
                guard w == "and", !text.has(j + 1, [.ourVerb, .headMarker]) else { break }
            }
            j += 1
        }
        return max(j, i + 1)
    }

    /// The words `a..<b` as written, or `empty` when there are none.
    func phrase(_ a: Int, _ b: Int, or empty: String) -> String {
        guard a < b && b <= text.count else { return empty }
        return String(decoding: bytes[text[a].start..<text[b - 1].end], as: UTF8.self)
    }

    /// The clause `a..<b` as the middle of a sentence: "Prepare the quote" → "prepare the quote".
    func sentence(_ a: Int, _ b: Int) -> String {
        var s = Array(phrase(a, b, or: "").utf8)
        if let first = s.first, first >= 65 && first <= 90, !isName(a), text.lower(a) != "i" { s[0] = first + 32 }
        return String(decoding: s, as: UTF8.self)
    }

    /// The first contact the step names, else the account's (next meeting's attendee, first contact).
    var contact: String {
        for i in 0..<text.count where text.has(i, .contactName) {
            let word = String(decoding: bytes[text[i].start..<text[i].end], as: UTF8.self)
            return text.isPossessive(i) ? String(word.dropLast(2)) : word
        }
        return fallbackContact
    }

    /// The step's own date with its preposition ("by Friday", "on Dec 15", "next week"), else "on <date>".
    var date: String {
        guard let (a, b) = dateSpan() else { return "on <date>" }
        if ["by", "on", "before", "until", "after", "in", "at"].contains(text.lower(a - 1)) {
            return phrase(a - 1, b, or: "")
        }
        let said = phrase(a, b, or: "")
        return ["next", "this", "end"].contains(text.lower(a)) ? said : "on " + said
    }

    /// The first date of the step, as word indices: "Dec 15", "12 Jan", "next week", "Friday".
    func dateSpan() -> (Int, Int)? {
        guard let k = (0..<text.count).first(where: isDate) else { return nil }
        var a = k
        var b = k + 1
        if k > 0 && text[k - 1].digit && !text[k].digit { a = k - 1 }
        if ["next", "this"].contains(text.lower(k - 1)) { a = k - 1 }
        if text.lower(k - 1) == "of" && text.lower(k - 2) == "end" { a = k - 2 }
        if b < text.count && text[b].digit && !text[b].clauseStart && !text[k].digit { b += 1 }
        return (a, b)
    }

    /// Whether word `k` is (part of) a date: a month or weekday, "next week", "week 3", "the 9th", "2026-12-15".
    func isDate(_ k: Int) -> Bool {
        guard k >= 0 && k < text.count else { return false }
        let w = text.lower(k)
        if text.has(k, [.month, .day]) { return true }
        let numberNear = (k > 0 && text[k - 1].digit) || (k + 1 < text.count && text[k + 1].digit)
        if text.has(k, .shortMonth) { return numberNear }
        if text.has(k, .period) {
            return ["next", "this", "of", "the"].contains(text.lower(k - 1)) || numberNear
                || (w.count == 2 && w.hasPrefix("q"))
        }
        if w == "year-end" || (w == "year" && text.lower(k + 1) == "end") { return true }
        guard text[k].digit else { return false }
        if w.split(separator: "-").count == 3 { return true }
        return ["st", "nd", "rd", "th"].contains { w.hasSuffix($0) } && w.first.map(\.isNumber) == true
    }
}
