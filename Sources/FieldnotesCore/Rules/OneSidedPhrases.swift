import FieldnotesSupport

/// The phrases one-sided-language finds word by word, each with its step rewritten as done together.
extension StepReader {
    /// Moves against the customer, whoever else takes part: "pitch", "qualify them", "get the PO
    /// signed", "ask for the order".
    func aimedPhrases() -> [Finding] {
        var out: [Finding] = []
        // Each rewrite reads the whole step: a step of nothing but pitches stays linear.
        for i in 0..<text.count where out.count < StepReader.maxFindings {
            let w = text.lower(i)
            if (w == "pitch" || w == "pitching") && isSalesPitch(i) {
                let end = objectEnd(after: i)
                let thing = phrase(i + 1, end, or: "it")
                out.append(
                    finding(
                        i, end, "describes talking at the customer",
                        help:
                            "write it as something done together, e.g. 'agree with \(contact) what \(thing) has to do for them, then try it together "
                            + "\(date)'"))
            } else if w == "qualify" || w == "qualifying", let end = person(at: i + 1) {
                out.append(
                    finding(
                        i, end, "describes something done to the customer",
                        help: "write what you will find out together, e.g. 'agree with \(contact) whether the "
                            + "project fits both sides: their need, timing, budget and who decides'"))
            } else if w == "get" && isHead(i), let end = closing(after: i + 1, needsState: true) {
                out.append(
                    finding(
                        i, end, "describes something done to the customer",
                        help:
                            "write it as something done together, e.g. 'go through with \(contact) \(date) what they need before they sign, "
                            + "and who signs'"))
            } else if w == "convince" || w == "persuade" || w == "convincing" || w == "persuading",
                let end = person(at: i + 1)
            {
                out.append(
                    finding(
                        i, end, "describes something done to the customer",
                        help:
                            "write it as something done together, e.g. 'ask \(contact) what they would need to see, and test it together \(date)'"
                    ))
            } else if w == "ask", let end = askForOrder(i) {
                out.append(
                    finding(
                        i, end, "describes something done to the customer",
                        help:
                            "write it as something done together, e.g. 'ask \(contact) what still has to be true for them to order, and agree "
                            + "the steps together \(date)'"))
            }
        }
        return out
    }

    /// "pitch" as a sales pitch, not a measure ("thread pitch", "a pitch of 2 mm").
    func isSalesPitch(_ i: Int) -> Bool {
        if text.has(i - 1, .pitchMeasure) { return false }
        let next = text.lower(i + 1)
        return next != "of" && next != "diameter" && !(i + 1 < text.count && text[i + 1].digit)
    }

    /// "ask (them) for the order": where the phrase ends, or nil.
    func askForOrder(_ i: Int) -> Int? {
        var k = i + 1
        if let end = person(at: k) { k = end }
        guard text.lower(k) == "for" else { return nil }
        return closing(after: k + 1, needsState: false)
    }

    /// "the PO signed", "a verbal yes", "the order" from `k` on: where it ends, or nil. With
    /// `needsState`, a purchase order or deal counts only signed or ended there ("get the PO
    /// number" is not closing).
    func closing(after k: Int, needsState: Bool) -> Int? {
        var j = k
        var found = false
        while j < text.count && j < k + 5 && (j == k || !text[j].clauseStart) {
            let w = text.lower(j)
            if text.has(j, .closingState) { return j + 1 }
            if text.has(j, .closingObject) {
                found = true
                let next = text.lower(j + 1)
                let ends =
                    next.isEmpty || text.has(j + 1, .objectEnd) || (j + 1 < text.count && text[j + 1].clauseStart)
                if !needsState || ends || text.has(j + 1, .closingState) || w == "yes" || w == "signature" {
                    return text.has(j + 1, .closingState) ? j + 2 : j + 1
                }
            } else if found || text.has(j, .objectEnd) {
                return nil
            }
            j += 1
        }
        return nil
    }

    /// "follow up", "check in", "chase": flagged unless it says when and what and the customer takes part.
    func followUp() -> Finding? {
        for i in 0..<text.count where text.has(i, .followUp) {
            let w = text.lower(i)
            var end = i + 1
            if let second = L.followUps[w], text.lower(i + 1) == second {
                end = i + 2
            } else if !L.singleFollowUps.contains(w) {
                continue
            }
            guard isHead(i) || w == "follow-up" || w == "followup" else { continue }
            let when = dateSpan() != nil
            let topic = self.topic(after: end)
            // Said when and what: a step like any other, only-we when the customer takes no part.
            if when && topic != nil { return nil }
            let missing = when ? "no topic" : topic != nil ? "no date" : "no date and no topic"
            return finding(
                i, end, "leaves the next step open: it names \(missing)", code: .openFollowUp,
                help: "write what you agreed with them, e.g. 'call \(contact) \(date) to agree "
                    + "\(topic ?? "the next step") together; \(contact) confirms it'")
        }
        return nil
    }

    /// What a follow-up is about ("on the quote", "about the PPAP timing", "for the PO number"), or nil.
    func topic(after k: Int) -> String? {
        var j = k
        while j < text.count {
            if let end = person(at: j), text.lower(j - 1) == "with" || j == k {
                j = end
                continue
            }
            if text.has(j, .topic) && j + 1 < text.count && !isDate(j + 1) {
                let end = objectEnd(after: j)
                return end > j + 1 ? phrase(j + 1, end, or: "") : nil
            }
            j += 1
        }
        return nil
    }

    /// Sending or presenting to them with nothing asked of them: "send them the proposal",
    /// "present our solution", "walk the buyer through our pricing".
    func delivery() -> Finding? {
        for i in 0..<text.count where isHead(i) {
            let w = text.lower(i)
            if text.has(i, .send) {
                let end = objectEnd(after: i)
                let thing = phrase(objectStart(after: i), end, or: "it")
                return finding(
                    i, end, "is a step only we take: it does not say what the customer does",
                    code: .onlyWe,
                    help: "write it as something done together, e.g. 'review \(thing) together with "
                        + "\(contact) \(date)'")
            }
            guard text.has(i, .present) else { continue }
            let talks = w == "present" || w == "demo" || w == "showcase"
            guard talks || person(at: i + 1) != nil else { continue }
            let end = objectEnd(after: i)
            let thing = phrase(objectStart(after: i), end, or: "it")
            return finding(
                i, end, "describes talking at the customer", code: .onlyWe,
                help:
                    "write it as something done together, e.g. 'agree with \(contact) what \(thing) has to show, then go through it together \(date)'"
            )
        }
        return nil
    }

    /// A step only we take ("prepare the quote", "we send", "I will call"): at its first verb.
    func onlyUs() -> Finding? {
        for i in 0..<text.count {
            let w = text.lower(i)
            let pronoun = (w == "we" || w == "i") && !text[i].acronym
            guard pronoun || (text.has(i, .ourVerb) && isHead(i)) else { continue }
            var end = i + 1
            while end < text.count && !text[end].clauseStart && end < i + 12 { end += 1 }
            let clause = sentence(i, end)
            let calls =
                ["call", "phone", "ring", "contact", "reach", "visit", "email"].contains(
                    text.lower(pronoun ? i + 1 : i)) || text.lower(i + 1) == "will" && text.lower(i + 2) == "call"
            let then =
                calls
                ? "\(clause) to agree the next step; \(contact) confirms it \(date)"
                : "\(clause); \(contact) goes through it with us \(date)"
            return finding(
                i, end, "is a step only we take: it does not say what the customer does", code: .onlyWe,
                help: "add what \(contact) does and when, e.g. '\(then)'")
        }
        return nil
    }
}
