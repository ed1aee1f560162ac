import FieldnotesSupport

/// The built-in fields of an account's front matter (the README's field table).
public enum BuiltinSchema {
    /// The roles of contacts, in `Roles`' order (where what each means and its test live).
    public static let roles = Roles.all.map(\.id)
    public static let functions = [
        "engineering", "quality", "facilities", "purchasing", "finance", "operations",
        "executive", "legal", "it", "sales", "marketing", "other",
    ]
    public static let relationships = ["unknown", "cold", "neutral", "warm", "strong"]
    public static let influences = ["high", "medium", "low"]
    public static let statuses = ["active", "left"]
    public static let stances = ["for", "neutral", "against", "unknown"]
    public static let budgets = ["unknown", "none", "planned", "approved"]
    public static let pains = ["unknown", "assumed", "confirmed", "none"]
    public static let positions = ["unknown", "data_point", "contender", "preferred"]
    public static let results = ["won", "lost", "no_decision"]
    public static let stages = Stage.allCases.map(\.rawValue)

    public static let contact = ObjectSchema(
        noun: "contact",
        fields: [
            FieldSpec("name", .string, .always, "The person's full name, as used in reports_to."),
            FieldSpec("title", .string, "Their job title."),
            FieldSpec("function", .enumeration(functions), "Their department."),
            FieldSpec(
                "roles", .list(.enumeration(roles)),
                "Their roles in the buying decision ('fieldnotes explain roles' gives the test of each)."),
            FieldSpec("reports_to", .string, "The name of the contact they report to."),
            FieldSpec("relationship", .enumeration(relationships), "How well we know them."),
            FieldSpec("influence", .enumeration(influences), "How much weight they carry in the decision."),
            FieldSpec("notes", .string, "What they do and care about, in a sentence: what the roles do not say."),
            FieldSpec("last_met", .date, "When we last spoke with this person (a log entry naming them counts too)."),
            FieldSpec(
                "status", .enumeration(statuses),
                "active (the default) or left: they left the company or the project; kept as history."),
            FieldSpec(
                "stance", .enumeration(stances), "How they see the change and us: for, neutral, against, unknown."),
        ])

    public static let competitor = ObjectSchema(
        noun: "competitor",
        fields: [
            FieldSpec("name", .string, .always, "The competitor (or 'in-house' when they would do it themselves)."),
            FieldSpec("incumbent", .boolean, "true when they are the current supplier."),
            FieldSpec("value_proposition", .string, "Why the customer would choose them, in the customer's words."),
            FieldSpec("strengths", .string, "Where they are strong."),
            FieldSpec("weaknesses", .string, "Where they are weak."),
        ])

    public static let opportunity = ObjectSchema(
        noun: "opportunity",
        fields: [
            FieldSpec("name", .string, .always, "The project or order."),
            FieldSpec("stage", .enumeration(stages), "Where this opportunity stands."),
            FieldSpec("value", .number, "Its value, a number without separators."),
            FieldSpec("currency", .currency, "A 3-letter currency code such as USD or EUR."),
            FieldSpec("decision_date", .date, "When the customer decides on it."),
            FieldSpec("next_step", .string, "The next step on this opportunity."),
        ])

    public static let outcome = ObjectSchema(
        noun: "outcome",
        fields: [
            FieldSpec("result", .enumeration(results), .always, "won, lost or no_decision."),
            FieldSpec("reason", .string, "Why, in the customer's words."),
            FieldSpec("competitor", .string, "Who won, when we lost."),
        ])

    public static let account = ObjectSchema(
        noun: "account",
        fields: [
            FieldSpec("account", .string, .always, "The customer's name."),
            FieldSpec("owner", .string, .always, "Who owns the account on our side."),
            FieldSpec(
                "stage", .enumeration(stages), .always, "Where the deal stands: \(stages.joined(separator: ", "))."),
            FieldSpec("last_contact", .date, .fromStage(.discovery), "The last conversation, any channel."),
            FieldSpec("last_visit", .date, "The last time we met face to face."),
            FieldSpec("next_meeting", .date, "The next meeting agreed with the customer."),
            FieldSpec(
                "next_meeting_with", .list(.string),
                "Who attends the next meeting: names of contacts, as written under contacts."),
            FieldSpec("next_meeting_goal", .string, "What the next meeting is for, agreed with the customer."),
            FieldSpec("next_step", .string, .openFrom(.discovery), "What we do next, with the customer, and when."),
            FieldSpec("decision_date", .date, "When they will decide."),
            FieldSpec("compelling_event", .string, "What forces a decision now."),
            FieldSpec("budget", .enumeration(budgets), "Whether it is funded: \(budgets.joined(separator: ", "))."),
            FieldSpec(
                "pain", .enumeration(pains),
                "Whether the pain is confirmed by them: \(pains.joined(separator: ", "))."),
            FieldSpec(
                "our_position", .enumeration(positions),
                "Where we stand: \(positions.joined(separator: ", ")). "
                    + "data_point: we are only there to keep the incumbent honest."
            ),
            FieldSpec(
                "contacts", .list(.object(contact)), .fromStage(.discovery), "The people involved in the decision."),
            FieldSpec("competitors", .list(.object(competitor)), "Who else they are considering."),
            FieldSpec("opportunities", .list(.object(opportunity)), "Projects or orders in play."),
            FieldSpec("outcome", .object(outcome), .closed, "Why we won or lost (once closed)."),
            FieldSpec("tags", .list(.string), "Free labels."),
        ])

    /// A short description of each allowed value, by field: what the editor shows next to a
    /// completion. Stages are shared by the account's and the opportunities' `stage`.
    public static let valueDescriptions: [String: [String: String]] = [
        "stage": [
            "prospecting": "not talked to them yet, or only to qualify",
            "discovery": "learning what they need and who decides",
            "solution": "shaping what we would deliver",
            "proposal": "our offer is with them",
            "negotiation": "agreeing on terms",
            "closed_won": "they bought: the deal is over",
            "closed_lost": "they did not buy from us: the deal is over",
        ],
        "budget": [
            "unknown": "not asked yet, or no clear answer",
            "none": "no money for it",
            "planned": "in next year's plan, not released",
            "approved": "the money is released",
        ],
        "pain": [
            "unknown": "we do not know yet",
            "assumed": "we think so; they have not said it",
            "confirmed": "they said it themselves",
            "none": "they have no pain this would solve",
        ],
        "our_position": [
            "unknown": "we cannot tell yet",
            "data_point": "only there to keep the incumbent honest",
            "contender": "one of the options they weigh",
            "preferred": "the option they lean to",
        ],
        "relationship": [
            "unknown": "not met yet",
            "cold": "distant or against us",
            "neutral": "neither for nor against us",
            "warm": "open and friendly to us",
            "strong": "trusts us and tells us things",
        ],
        "influence": [
            "high": "their word carries the decision",
            "medium": "heard, but not decisive",
            "low": "little weight in the decision",
        ],
        "function": [
            "engineering": "engineering, design, R&D",
            "quality": "quality assurance and control",
            "facilities": "buildings, plant and maintenance",
            "purchasing": "buying and suppliers",
            "finance": "finance and controlling",
            "operations": "production and operations",
            "executive": "management: CEO, MD, plant manager",
            "legal": "legal and contracts",
            "it": "IT and systems",
            "sales": "sales",
            "marketing": "marketing",
            "other": "any other department",
        ],
        "roles": Dictionary(uniqueKeysWithValues: Roles.all.map { ($0.id, $0.meaning) }),
        "status": [
            "active": "still part of the decision (the default)",
            "left": "left the company or the project; kept as history",
        ],
        "stance": [
            "for": "wants the change, and us",
            "neutral": "neither for nor against",
            "against": "opposes the change, or us",
            "unknown": "we cannot tell yet",
        ],
        "result": [
            "won": "they bought from us",
            "lost": "they bought from someone else",
            "no_decision": "they did not buy at all",
        ],
    ]

    /// The description of `value` of the field `field` (nil for a team's own field).
    public static func describe(_ value: String, of field: String) -> String? {
        valueDescriptions[field]?[value]
    }

    /// The question that tells whether `value` of `field` is right, when there is one (a role's test).
    public static func test(_ value: String, of field: String) -> String? {
        field == "roles" ? Roles.role(value)?.test : nil
    }
}
