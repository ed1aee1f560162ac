import FieldnotesCore
import FieldnotesSupport

/// One thing that happened to an account, in sales terms, at one version of its notes.
/// `kind` values are part of the contract (`history --format json`, `changes --format json`).
public struct HistoryEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case accountAdded = "account-added"
        /// The first version of a shallow history: the account may be older.
        case historyStarts = "history-starts"
        case accountRemoved = "account-removed"
        case renamed
        case stageForward = "stage-forward"
        case stageBack = "stage-back"
        /// To closed_won or closed_lost.
        case stageClosed = "stage-closed"
        /// From a closed stage back to an open one.
        case stageReopened = "stage-reopened"
        case stageChanged = "stage-changed"
        case decisionDateSet = "decision-date-set"
        case decisionDatePushed = "decision-date-pushed"
        case decisionDatePulledIn = "decision-date-pulled-in"
        case decisionDateCleared = "decision-date-cleared"
        case opportunityAdded = "opportunity-added"
        case opportunityRemoved = "opportunity-removed"
        case valueChanged = "value-changed"
        case contactAdded = "contact-added"
        case contactLeft = "contact-left"
        case contactReturned = "contact-returned"
        case contactRemoved = "contact-removed"
        case roleGained = "role-gained"
        case roleLost = "role-lost"
        /// our_position, budget or pain moved up or down their scale, or changed off it.
        case upgraded, downgraded, changed
        case nextStepChanged = "next-step-changed"
        case competitorAdded = "competitor-added"
        case competitorRemoved = "competitor-removed"
        case incumbent
        case answered
        case reopened
        case assumptionAdded = "assumption-added"
        case assumptionVerified = "assumption-verified"
        case assumptionRemoved = "assumption-removed"
        case logEntry = "log-entry"
        /// The version has errors: its facts are what could be read.
        case errors
        /// The version could not be read (too large, not text).
        case unreadable
    }

    /// The version's date (nil: the work tree without --as-of).
    public var date: Day?
    /// The commit (nil: the work tree).
    public var commit: String?
    public var kind: Kind
    /// What changed, as the notes name it: `stage`, `decision_date`, `opportunities[Line 2].value`,
    /// `contacts[Raj Patel].roles`, a question id…
    public var field: String?
    public var old: String?
    public var new: String?
    /// The event in words ("decision date: 2026-12-15 → 2027-01-15 (+31 days)").
    public var text: String
}

extension HistoryEvent.Kind {
    /// Whether the event says something moved against the deal: what a manager looks at first.
    public var isSlip: Bool {
        switch self {
        case .stageBack, .decisionDatePushed, .downgraded, .contactLeft, .contactRemoved, .roleLost, .reopened:
            return true
        default: return false
        }
    }
}

/// The scales on which a move is up or down: our position, budget, pain. Values off the scale
/// (`unknown`) are changes, not moves.
public enum Scales {
    public static let positions = ["data_point", "contender", "preferred"]
    public static let budgets = ["none", "planned", "approved"]
    public static let pains = ["none", "assumed", "confirmed"]

    public static func scale(_ field: String) -> [String]? {
        switch field {
        case "our_position": return positions
        case "budget": return budgets
        case "pain": return pains
        default: return nil
        }
    }
}
