/// The roles a contact plays in the buying decision (`roles:` of a contact), in the schema's
/// order: what each means, and the test a rep applies before writing it down. The one home of
/// this text: the schema's value descriptions, `explain roles`, the editor's hover and
/// completion read it from here.
public enum Roles {
    public struct Role: Sendable {
        /// The value written in the notes (`economic_buyer`).
        public var id: String
        /// What the role means, in a few words (the schema's value description).
        public var meaning: String
        /// The question that tells whether a person has the role.
        public var test: String
    }

    public static let all: [Role] = [
        Role(
            id: "economic_buyer", meaning: "releases the money",
            test: "Can this person alone release the money, even when others would rather not?"),
        Role(
            id: "decision_maker", meaning: "makes the final call",
            test: "Do they choose the supplier in the end, and does everyone else wait for their word?"),
        Role(
            id: "technical_buyer", meaning: "judges whether it fits technically",
            test: "Can they say no on technical grounds (e.g. they sign off first-article measurements)?"),
        Role(
            id: "user_buyer", meaning: "will use it every day",
            test: "Will they or their team use it every day, and judge it by how their work goes?"),
        Role(
            id: "champion", meaning: "sells for us on the inside",
            test: "Do they sell for us when we are not in the room, and have they proved it?"),
        Role(
            id: "coach", meaning: "guides us, tells us how they decide",
            test: "Do they guide us on how to win, even without power over the decision?"),
        Role(
            id: "influencer", meaning: "shapes the decision without making it",
            test: "Is their opinion asked for and weighed, though the decision is not theirs?"),
        Role(
            id: "executive_sponsor", meaning: "a senior backer of the project",
            test: "Does a senior manager back the project openly and put their name to it?"),
        Role(
            id: "procurement", meaning: "runs the purchase and the terms",
            test: "Do they run the purchase itself: the tender, the terms, the price?"),
        Role(
            id: "legal", meaning: "reviews the contract",
            test: "Must they approve the contract before anyone can sign it?"),
        Role(
            id: "gatekeeper", meaning: "controls who gets access",
            test: "Do they decide whom we may meet and what reaches the people who decide?"),
        Role(
            id: "blocker", meaning: "works against the deal",
            test: "Would they stop or delay the deal if they could, and are they trying to?"),
        Role(
            id: "other", meaning: "any other part in the decision",
            test: "Do they take part in a way no other role says? Say how under their notes."),
    ]

    /// The role written `id`, nil for a value that is not a role.
    public static func role(_ id: String) -> Role? { all.first { $0.id == id } }
}
