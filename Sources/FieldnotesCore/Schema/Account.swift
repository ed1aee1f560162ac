import FieldnotesSupport

/// A value read from the front matter, with where it was written.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var range: SourceRange
}

public struct Contact: Sendable {
    public var name: Located<String>
    public var title: String?
    public var function: String?
    public var roles: [String]
    public var reportsTo: Located<String>?
    public var relationship: String?
    public var influence: String?
    /// What they do and care about, in the rep's words (left out of a shared brief).
    public var notes: String? = nil
    public var range: SourceRange
    /// When we last spoke with them (`last_met`).
    public var lastMet: Located<Day>? = nil
    /// Whether they left the company or the project (`status: left`); active otherwise.
    public var left = false
    /// How they see the change and us (`stance`), when written.
    public var stance: String? = nil
    /// When we last met them: `last_met`, or a later dated log entry that names them (set by the
    /// checker; nil when neither says).
    public var met: Day? = nil
}

public struct Competitor: Sendable {
    public var name: Located<String>
    public var incumbent: Bool
    public var valueProposition: String?
    public var strengths: String?
    public var weaknesses: String?
    public var range: SourceRange
}

public struct Opportunity: Sendable {
    public var name: Located<String>
    public var stage: Stage?
    public var value: String?
    public var currency: String?
    public var decisionDate: Day?
    public var nextStep: Located<String>?
    public var range: SourceRange
}

public struct Outcome: Sendable {
    public var result: String?
    public var reason: String?
    public var competitor: String?
}

/// The typed front matter of an account. Only values that passed the schema are set,
/// so a report never shows a value fieldnotes flagged as wrong.
public struct AccountFields: Sendable {
    /// The front matter as parsed (nil when it could not be read at all).
    public var root: YAMLNode?
    public var name: Located<String>?
    public var owner: Located<String>?
    public var stage: Located<Stage>?
    public var lastContact: Located<Day>?
    public var lastVisit: Located<Day>?
    public var nextMeeting: Located<Day>?
    /// Who attends the next meeting (`next_meeting_with`), as written: each should name a contact.
    public var nextMeetingWith: [Located<String>] = []
    /// What the next meeting is for (`next_meeting_goal`).
    public var nextMeetingGoal: Located<String>?
    public var decisionDate: Located<Day>?
    public var nextStep: Located<String>?
    public var compellingEvent: Located<String>?
    public var budget: Located<String>?
    public var pain: Located<String>?
    public var ourPosition: Located<String>?
    public var contacts: [Contact] = []
    public var competitors: [Competitor] = []
    public var opportunities: [Opportunity] = []
    public var outcome: Outcome?
    public var tags: [String] = []
    /// Top-level fields that passed validation, by name (built-in and team fields).
    public var valid: [String: YAMLNode] = [:]
    /// Where each top-level key is written.
    public var keyRanges: [String: SourceRange] = [:]
    /// Absent fields that an unknown key probably misspells ("our_postion" → our_position), with that key's range.
    public var misspelled: [String: SourceRange] = [:]

    public init() {}
}
