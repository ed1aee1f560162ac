import FieldnotesCore
import FieldnotesSupport

/// A topic `fieldnotes explain` covers besides the rules: its name, a line for the list, and its text.
struct ExplainTopic: Sendable {
    var name: String
    var summary: String
    var text: @Sendable () -> String

    /// Every topic, in the order `fieldnotes explain` lists them.
    static let all: [ExplainTopic] = [
        ExplainTopic(name: "roles", summary: "the roles of contacts, each with the test that tells it", text: roles)
    ]

    static func named(_ name: String) -> ExplainTopic? { all.first { $0.name == name } }

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
}
