import FieldnotesSupport

/// One word of a next step: where it is in the file, in lower case, and where its clause starts.
package struct StepWord: Sendable {
    package let start: Int
    package let end: Int
    /// ASCII letters lowered; other characters as written.
    package let lower: String
    /// Starts with a capital letter (a name, or the first word of a sentence).
    package let capitalized: Bool
    /// Only capitals (PPAP, PO, CMM): an abbreviation, never a name.
    package let acronym: Bool
    /// The step's first word, or the first after `;`, `:`, `.`, `,`, `!`, `?` or a bracket.
    package let clauseStart: Bool
    /// Holds a digit ("15", "4-cavity", "9th").
    package let digit: Bool
    /// What the lexicon knows of the word, looked up once.
    package let classes: WordClass
}

/// The lists of StepLexicon a word is on, as bits: a step's words are looked up once, then tested.
package struct WordClass: OptionSet, Sendable {
    package let rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue }
    static let pronoun = WordClass(rawValue: 1 << 0)
    static let subject = WordClass(rawValue: 1 << 1)
    static let customerNoun = WordClass(rawValue: 1 << 2)
    static let month = WordClass(rawValue: 1 << 3)
    static let shortMonth = WordClass(rawValue: 1 << 4)
    static let day = WordClass(rawValue: 1 << 5)
    static let period = WordClass(rawValue: 1 << 6)
    static let notName = WordClass(rawValue: 1 << 7)
    static let customerVerb = WordClass(rawValue: 1 << 8)
    static let shared = WordClass(rawValue: 1 << 9)
    static let ourVerb = WordClass(rawValue: 1 << 10)
    static let headMarker = WordClass(rawValue: 1 << 11)
    static let send = WordClass(rawValue: 1 << 12)
    static let present = WordClass(rawValue: 1 << 13)
    static let objectEnd = WordClass(rawValue: 1 << 14)
    static let closingObject = WordClass(rawValue: 1 << 15)
    static let closingState = WordClass(rawValue: 1 << 16)
    static let followUp = WordClass(rawValue: 1 << 17)
    static let topic = WordClass(rawValue: 1 << 18)
    static let pitchMeasure = WordClass(rawValue: 1 << 19)
    /// A contact's first or last name (the account's, not the lexicon's).
    static let contactName = WordClass(rawValue: 1 << 20)
}

/// A next step cut into words, with the account's names to tell the customer from us.
package struct StepText {
    package let words: [StepWord]
    /// The contacts' first and last names, in lower case.
    package let names: Set<String>

    /// The words of `ranges` of `bytes`, read as one text (a step continued on the next lines).
    package init(_ bytes: [UInt8], ranges: [Range<Int>], names: Set<String>) {
        var words: [StepWord] = []
        var clause = true
        for range in ranges {
            var i = range.lowerBound
            while i < range.upperBound {
                let b = bytes[i]
                guard Self.startsWord(b) else {
                    if Self.breaksClause(b) { clause = true }
                    i += 1
                    continue
                }
                var j = i + 1
                while j < range.upperBound, Self.continuesWord(bytes, j, end: range.upperBound) { j += 1 }
                words.append(Self.word(bytes, i..<j, clauseStart: clause, names: names))
                clause = false
                i = j
            }
        }
        self.words = words
        self.names = names
    }

    static func startsWord(_ b: UInt8) -> Bool { Bytes.isWordLetter(b) || Bytes.isDigit(b) }

    /// Letters, digits, and an apostrophe or hyphen between two of them ("Jenny's", "follow-up").
    static func continuesWord(_ bytes: [UInt8], _ j: Int, end: Int) -> Bool {
        let b = bytes[j]
        if startsWord(b) { return true }
        guard b == 0x27 || b == 0x2D, j + 1 < end else { return false }
        return startsWord(bytes[j + 1])
    }

    static func breaksClause(_ b: UInt8) -> Bool {
        switch b {
        case 0x3B, 0x3A, 0x2E, 0x2C, 0x21, 0x3F, 0x28, 0x29: true
        default: false
        }
    }

    static func word(_ bytes: [UInt8], _ r: Range<Int>, clauseStart: Bool, names: Set<String>) -> StepWord {
        let first = bytes[r.lowerBound]
        var capitalized = first >= 65 && first <= 90
        if first >= 0x80, let scalar = String(decoding: bytes[r].prefix(4), as: UTF8.self).unicodeScalars.first {
            capitalized = scalar.properties.isUppercase
        }
        var upper = 0
        var digit = false
        for b in bytes[r] {
            if b >= 65 && b <= 90 { upper += 1 }
            if Bytes.isDigit(b) { digit = true }
        }
        let lower = Self.lowered(bytes[r])
        var classes = StepLexicon.classes[lower] ?? []
        if capitalized && !names.isEmpty {
            let bare = lower.hasSuffix("'s") || lower.hasSuffix("\u{2019}s") ? String(lower.dropLast(2)) : lower
            if names.contains(bare) { classes.insert(.contactName) }
        }
        return StepWord(
            start: r.lowerBound, end: r.upperBound, lower: lower, capitalized: capitalized,
            acronym: upper >= 2 && upper * 2 >= r.count, clauseStart: clauseStart, digit: digit, classes: classes)
    }

    /// `bytes` with ASCII capitals lowered, written straight into the string.
    package static func lowered(_ bytes: ArraySlice<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var n = 0
            for b in bytes {
                buffer[n] = Bytes.lower(b)
                n += 1
            }
            return n
        }
    }

    package subscript(_ i: Int) -> StepWord { words[i] }
    package var count: Int { words.count }

    /// The lower-case word at `i`, or "" past either end.
    package func lower(_ i: Int) -> String { i >= 0 && i < words.count ? words[i].lower : "" }

    /// The word without a possessive "'s" ("jenny's" → "jenny").
    package func bare(_ i: Int) -> String {
        let w = lower(i)
        for suffix in ["'s", "\u{2019}s"] where w.hasSuffix(suffix) { return String(w.dropLast(suffix.count)) }
        return w
    }

    package func isPossessive(_ i: Int) -> Bool { bare(i) != lower(i) }

    /// Whether the word at `i` is on one of the lists `c` (false past either end).
    package func has(_ i: Int, _ c: WordClass) -> Bool {
        i >= 0 && i < words.count && !words[i].classes.isDisjoint(with: c)
    }
}

/// The words one-sided-language knows, in lower case.
package enum StepLexicon {
    /// Someone on the customer's side, named as an object: "with them", "for Raj".
    static let pronouns: Set<String> = ["them", "him", "her", "their"]
    /// Someone on the customer's side who acts: "they confirm".
    static let subjects: Set<String> = ["they", "she", "he"]
    /// Their people and departments: "with purchasing", "the buyer confirms".
    static let customerNouns: Set<String> = [
        "customer", "customers", "client", "clients", "buyer", "buyers", "team", "teams", "plant", "purchasing",
        "procurement", "quality", "engineering", "engineers", "engineer", "production", "finance", "maintenance",
        "operators", "operator", "shift", "supervisor", "manager", "managers", "management", "sourcing",
        "logistics", "planner", "planners", "staff", "people", "counterpart", "inspector", "inspectors",
        "toolroom", "controller", "director", "board", "lead", "leads", "side", "owner", "cfo", "coo", "ceo",
    ]
    static let months: Set<String> = [
        "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december",
    ]
    /// Need a number next to them to be a date ("may" is also a verb).
    static let shortMonths: Set<String> = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    static let days: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
        "thu", "thur", "thurs", "fri", "today", "tomorrow", "tonight", "eow", "eod", "eom", "midweek",
    ]
    /// "next week", "end of the month", "week 3".
    static let periodWords: Set<String> = ["week", "month", "quarter", "year", "kw", "cw", "q1", "q2", "q3", "q4"]
    /// Capitalized words that are not names ("The", "Our", "Once").
    static let notNames: Set<String> = [
        "i", "we", "our", "the", "a", "an", "this", "that", "next", "then", "and", "or", "if", "once", "after",
        "before", "by", "on", "at", "in", "to", "for", "with", "per", "via", "ok", "yes", "no", "new",
    ]

    /// Verbs for what the customer does, in their base form: "Kenji runs", "Raj and Kenji pick".
    static let customerVerbBases = [
        "confirm", "sign", "send", "approve", "review", "check", "test", "run", "walk", "bring", "share", "host",
        "measure", "decide", "release", "issue", "book", "pick", "choose", "invite", "join", "give", "take",
        "provide", "return", "comment", "tell", "show", "lead", "own", "set", "present", "introduce", "visit",
        "open", "plan", "try", "supply", "order", "buy", "place", "accept", "evaluate", "validate", "qualify",
        "audit", "inspect", "build", "prepare", "pay", "commit", "come", "call", "email", "respond", "reply",
        "answer", "let", "say", "explain", "need", "want", "expect", "agree", "look", "go", "sit", "meet", "rank",
        "score", "list", "mark", "clear", "complete", "fill", "raise", "request", "ask", "arrange", "organise",
        "organize", "schedule", "get", "offer", "reserve", "start", "finish", "trial", "write", "update", "name",
        "nominate", "define", "specify", "collect", "gather", "sample", "approve", "reject", "measure", "record",
        "log", "report", "forward", "submit", "print", "draw", "mark", "load", "install", "use", "compare", "pull",
        "hand", "loop", "bring", "find", "figure", "work", "think", "talk", "speak", "present", "do", "make",
    ]
    /// The bases with their -s, -es, -ed and -ies forms, the irregular pasts, and the helpers
    /// ("Raj to confirm", "Jenny will send", "the buyer has agreed").
    static let customerVerbs: Set<String> = {
        var out: Set<String> = [
            "to", "will", "would", "can", "could", "should", "must", "may", "might", "has", "have", "had", "is",
            "are", "was", "were", "does", "did", "chose", "chosen", "gave", "given", "took", "taken", "told",
            "showed", "shown", "led", "set", "bought", "paid", "came", "said", "went", "sat", "met", "wrote",
            "written", "got", "found", "thought", "spoke", "sent", "brought", "ran", "made", "built", "drew",
        ]
        for base in customerVerbBases {
            out.insert(base)
            out.insert(base + "s")
            out.insert(base + "es")
            out.insert(base.hasSuffix("e") ? base + "d" : base + "ed")
            if base.hasSuffix("y") {
                out.insert(base.dropLast() + "ies")
                out.insert(base.dropLast() + "ied")
            }
        }
        return out
    }()

    /// What makes a step shared, wherever it stands: "together", "joint trial", "agree", "meet".
    static let sharedWords: Set<String> = [
        "together", "jointly", "joint", "mutual", "mutually", "agree", "agrees", "agreed", "agreeing", "align",
        "aligned", "meet", "meets", "meeting", "meetings", "met", "workshop", "workshops", "trial", "trials",
        "visit", "visits", "hear", "listen", "discuss", "discussion", "co-develop", "co-design", "codesign",
        "walkthrough", "walk-through", "handover", "kickoff", "kick-off",
    ]

    /// Words that start a step only we take: "prepare the quote", "we send".
    static let ourVerbs: Set<String> = [
        "send", "resend", "email", "e-mail", "mail", "forward", "submit", "resubmit", "ship", "deliver", "share",
        "prepare", "draft", "write", "finish", "finalize", "finalise", "update", "revise", "rework", "build",
        "make", "call", "phone", "ring", "chase", "nudge", "ping", "remind", "contact", "reach", "present",
        "pitch", "demo", "quote", "price", "research", "check", "review", "analyse", "analyze", "calculate",
        "compile", "put", "get", "do", "create", "design", "follow", "schedule", "book", "provide", "offer",
        "propose", "pull", "gather", "collect", "confirm", "find", "work", "sort", "fix", "test", "set",
        "organise", "organize", "arrange", "plan", "push", "handle", "walk", "show", "showcase", "escalate",
        "order", "produce", "run", "mould", "mold", "machine", "print", "pack", "estimate", "cost", "look",
        "drop", "hand", "bring", "take", "give", "install", "supply", "load", "issue", "source", "buy", "train",
        "convince", "persuade", "sell", "upsell", "explain", "tell", "inform", "notify", "introduce", "pass",
    ]
    /// Words after which an imperative or our verb starts a clause: "we send", "I will call", "then ship".
    static let headMarkers: Set<String> = [
        "we", "i", "i'll", "we'll", "will", "shall", "and", "then", "also", "please", "pls", "must", "should",
        "need", "needs", "to",
    ]
    /// Sending a document to them: "send them the proposal", "email Jenny the quote".
    static let sendVerbs: Set<String> = [
        "send", "resend", "email", "e-mail", "mail", "forward", "submit", "resubmit", "share", "ship", "deliver",
    ]
    /// Talking at them: "present our solution", "demo the cell to them", "walk the buyer through our pricing".
    static let presentVerbs: Set<String> = ["present", "demo", "showcase", "show", "walk", "take", "run"]
    /// Where the object of a verb ends: "send the quote | to Jenny by Friday".
    static let objectEnds: Set<String> = [
        "to", "by", "on", "before", "for", "with", "so", "next", "this", "after", "until", "then", "tomorrow",
        "today", "asap", "once", "when", "at", "in", "and", "through", "from", "via", "as", "if", "ahead", "over",
        "across", "out", "off", "back", "that", "which", "who", "because", "since", "while", "but", "or",
    ]
    /// What we ask for or get signed in one-sided closing: "ask for the order", "get the PO signed".
    static let closingObjects: Set<String> = [
        "order", "business", "po", "deal", "sale", "signature", "commitment", "contract", "close", "yes",
        "sign-off", "signoff", "approval", "award", "nomination",
    ]
    static let closingStates: Set<String> = ["signed", "approved", "released", "awarded", "placed", "closed"]
    /// Follow-ups with nothing agreed: "follow up", "check in", "touch base".
    static let followUps: [String: String] = [
        "follow": "up", "check": "in", "touch": "base", "circle": "back", "reach": "out", "loop": "back",
    ]
    static let singleFollowUps: Set<String> = ["follow-up", "followup", "ping", "nudge", "chase"]
    /// Words that make a follow-up's "what": "follow up on the quote", "about the PPAP timing".
    static let topicWords: Set<String> = ["about", "regarding", "re", "on", "for", "to"]
    /// Each listed word with the lists it is on.
    static let classes: [String: WordClass] = {
        let lists: [(Set<String>, WordClass)] = [
            (pronouns, .pronoun), (subjects, .subject), (customerNouns, .customerNoun), (months, .month),
            (shortMonths, .shortMonth), (days, .day), (periodWords, .period), (notNames, .notName),
            (customerVerbs, .customerVerb), (sharedWords, .shared), (ourVerbs, .ourVerb), (headMarkers, .headMarker),
            (sendVerbs, .send), (presentVerbs, .present), (objectEnds, .objectEnd), (closingObjects, .closingObject),
            (closingStates, .closingState), (Set(followUps.keys).union(singleFollowUps), .followUp),
            (topicWords, .topic), (pitchMeasures, .pitchMeasure),
        ]
        var out: [String: WordClass] = [:]
        for (words, c) in lists { for w in words { out[w, default: []].insert(c) } }
        return out
    }()
    /// "thread pitch", "pitch of 2 mm": a measure, not a sales pitch.
    static let pitchMeasures: Set<String> = ["thread", "screw", "gear", "tooth", "teeth", "hole", "blade", "coil"]
}
