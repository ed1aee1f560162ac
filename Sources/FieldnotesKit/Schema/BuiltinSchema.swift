/// The built-in fields of an account's front matter (SPEC section 3).
public enum BuiltinSchema {
    public static let roles = ["economic_buyer", "decision_maker", "technical_buyer", "user_buyer", "champion", "coach",
                               "influencer", "executive_sponsor", "procurement", "legal", "gatekeeper", "blocker", "other"]
    public static let functions = ["engineering", "quality", "facilities", "purchasing", "finance", "operations",
                                   "executive", "legal", "it", "sales", "marketing", "other"]
    public static let relationships = ["unknown", "cold", "neutral", "warm", "strong"]
    public static let influences = ["high", "medium", "low"]
    public static let budgets = ["unknown", "none", "planned", "approved"]
    public static let pains = ["unknown", "assumed", "confirmed", "none"]
    public static let positions = ["unknown", "data_point", "contender", "preferred"]
    public static let results = ["won", "lost", "no_decision"]
    public static let stages = Stage.allCases.map(\.rawValue)

    public static let contact = ObjectSchema(noun: "contact", fields: [
        FieldSpec("name", .string, .always, "The person's full name, as used in reports_to."),
        FieldSpec("title", .string, "Their job title."),
        FieldSpec("function", .enumeration(functions), "Their department."),
        FieldSpec("roles", .list(.enumeration(roles)), "Their roles in the buying decision."),
        FieldSpec("reports_to", .string, "The name of the contact they report to."),
        FieldSpec("relationship", .enumeration(relationships), "How well we know them."),
        FieldSpec("influence", .enumeration(influences), "How much weight they carry in the decision."),
    ])

    public static let competitor = ObjectSchema(noun: "competitor", fields: [
        FieldSpec("name", .string, .always, "The competitor (or 'in-house' when they would do it themselves)."),
        FieldSpec("incumbent", .boolean, "true when they are the current supplier."),
        FieldSpec("value_proposition", .string, "Why the customer would choose them, in the customer's words."),
        FieldSpec("strengths", .string, "Where they are strong."),
        FieldSpec("weaknesses", .string, "Where they are weak."),
    ])

    public static let opportunity = ObjectSchema(noun: "opportunity", fields: [
        FieldSpec("name", .string, .always, "The project or order."),
        FieldSpec("stage", .enumeration(stages), "Where this opportunity stands."),
        FieldSpec("value", .number, "Its value, a number without separators."),
        FieldSpec("currency", .currency, "A 3-letter currency code such as USD or EUR."),
        FieldSpec("decision_date", .date, "When the customer decides on it."),
        FieldSpec("next_step", .string, "The next step on this opportunity."),
    ])

    public static let outcome = ObjectSchema(noun: "outcome", fields: [
        FieldSpec("result", .enumeration(results), .always, "won, lost or no_decision."),
        FieldSpec("reason", .string, "Why, in the customer's words."),
        FieldSpec("competitor", .string, "Who won, when we lost."),
    ])

    public static let account = ObjectSchema(noun: "account", fields: [
        FieldSpec("account", .string, .always, "The customer's name."),
        FieldSpec("owner", .string, .always, "Who owns the account on our side."),
        FieldSpec("stage", .enumeration(stages), .always, "Where the deal stands: \(stages.joined(separator: ", "))."),
        FieldSpec("last_contact", .date, .fromStage(.discovery), "The last conversation, any channel."),
        FieldSpec("last_visit", .date, "The last time we met face to face."),
        FieldSpec("next_meeting", .date, "The next meeting agreed with the customer."),
        FieldSpec("next_step", .string, .openFrom(.discovery), "What we do next, with the customer, and when."),
        FieldSpec("decision_date", .date, "When they will decide."),
        FieldSpec("compelling_event", .string, "What forces a decision now."),
        FieldSpec("budget", .enumeration(budgets), "Whether it is funded: \(budgets.joined(separator: ", "))."),
        FieldSpec("pain", .enumeration(pains), "Whether the pain is confirmed by them: \(pains.joined(separator: ", "))."),
        FieldSpec("our_position", .enumeration(positions), "Where we stand: \(positions.joined(separator: ", ")). data_point: we are only there to keep the incumbent honest."),
        FieldSpec("contacts", .list(.object(contact)), .fromStage(.discovery), "The people involved in the decision."),
        FieldSpec("competitors", .list(.object(competitor)), "Who else they are considering."),
        FieldSpec("opportunities", .list(.object(opportunity)), "Projects or orders in play."),
        FieldSpec("outcome", .object(outcome), .closed, "Why we won or lost (once closed)."),
        FieldSpec("tags", .list(.string), "Free labels."),
    ])
}
