import FieldnotesCore
import FieldnotesReports
import FieldnotesSupport

/// A topic `fieldnotes explain` covers besides the rules: its name, a line for the list, and its text.
struct ExplainTopic: Sendable {
    var name: String
    var summary: String
    var text: @Sendable () -> String

    /// Every topic, in the order `fieldnotes explain` lists them.
    static let all: [ExplainTopic] = [
        ExplainTopic(name: "roles", summary: "the roles of contacts, each with the test that tells it", text: roles),
        ExplainTopic(
            name: "risks", summary: "the risk flags of a deal: when each is raised, and how severe", text: risks),
    ]

    /// A topic by name; a risk flag's id explains that flag alone (`explain no-champion`).
    static func named(_ name: String) -> ExplainTopic? {
        if let flag = RiskFlag(rawValue: name) {
            return ExplainTopic(name: name, summary: flag.explanation) { "RISK FLAG " + risk(flag) }
        }
        return all.first { $0.name == name }
    }

    /// The names `explain` accepts besides rules, for did-you-mean.
    static var names: [String] { all.map(\.name) + RiskFlag.allCases.map(\.rawValue) }

    /// Text wrapped to the terminal's usual width, each line after `indent`.
    private static func wrapped(_ text: String, indent: String = "") -> String {
        TextWrap.lines(text, width: 78 - indent.count).map { indent + $0 }.joined(separator: "\n") + "\n"
    }

    /// `explain roles`: each role, what it means and its test, in the schema's order.
    static func roles() -> String {
        var out = "CONTACT ROLES\n\n"
        out += wrapped(
            "A contact's roles (roles: under each contact, a list such as [technical_buyer, champion]) say "
                + "what part they play in the buying decision. Write a role only when its test is met: a "
                + "hunch goes in the contact's notes until the person proves it.")
        for role in Roles.all {
            out += "\n" + role.id.padding(toLength: 20, withPad: " ", startingAt: 0) + role.meaning + "\n"
            out += wrapped("Test: " + role.test, indent: "    ")
        }
        let internalRoles = Config().internalRoles.joined(separator: ", ")
        out += "\n"
        out += wrapped(
            "Some roles are our rating of a person, not their part in the decision: those under "
                + "internal_roles: in fieldnotes.yml (default \(internalRoles)) are left out of "
                + "'fieldnotes brief --share'.")
        out += "\n"
        out += wrapped(
            "Keep a contact who left the company or the project with status: left: briefs strike them "
                + "through and list them after the others. last_met says when we last spoke with a person, "
                + "stance how they see the change and us (for, neutral, against, unknown).")
        return out
    }

    /// `explain risks`: each flag, when it is raised and how severe, and why it matters.
    static func risks() -> String {
        var out = "RISK FLAGS\n\n"
        out += wrapped(
            "summary, the pipeline page and briefs flag what puts an open deal at risk. Each flag rests on "
                + "what the notes show was done, and is critical or a warning: an account with a critical flag "
                + "is at risk. A contact counts as met on their last_met date, or on the date of a log entry "
                + "that names them (full name; a first name only in the entry's heading); a contact with "
                + "status: left counts for nothing.")
        for flag in RiskFlag.allCases { out += "\n" + risk(flag) }
        out += "\n"
        out += wrapped(
            "Closed deals carry no flag, except a won account with an opportunity still open: it keeps "
                + "no-next-step, meeting-not-logged and stale (and, from git, decision-date-pushed for that "
                + "opportunity's date). stale_after_days in fieldnotes.yml is a number "
                + "of days, or a map by stage: { default: 30, proposal: 14 }. Assumptions are not a risk: "
                + "they stay open questions until the customer confirms them, unless one stands unchanged for "
                + "weeks (old-assumption).")
        out += "\n"
        let history = RiskFlag.allCases.filter(\.needsHistory).map(\.rawValue)
        out += wrapped(
            history.dropLast().joined(separator: ", ") + " and " + history.last! + " need git: they read the "
                + "notes' history, every commit of each account's file along the first-parent history (renames "
                + "followed). Outside git, or with --no-history, they are not raised; those that count days also "
                + "need --as-of. stalled_after_days in fieldnotes.yml is a number of days, or a map by stage: "
                + "{ default: 60, proposal: 30 }; a stage it does not set goes by the team's pace.")
        return out
    }

    /// One flag: its id, when it is raised and how severe, and why it matters.
    private static func risk(_ flag: RiskFlag) -> String {
        flag.rawValue + "\n" + wrapped("When: " + flag.condition + ".", indent: "    ")
            + wrapped("Why it matters: " + flag.explanation + ".", indent: "    ")
            + wrapped("What to do: " + flag.action + ".", indent: "    ")
    }
}
