import FieldnotesSupport

/// The stages of a deal, in order.
public enum Stage: String, CaseIterable, Sendable, Comparable {
    case prospecting, discovery, solution, proposal, negotiation
    case closedWon = "closed_won"
    case closedLost = "closed_lost"

    public var isClosed: Bool { self == .closedWon || self == .closedLost }

    public var index: Int { Stage.allCases.firstIndex(of: self)! }

    public static func < (a: Stage, b: Stage) -> Bool { a.index < b.index }

    /// The stage after this one, for "what comes next" (nil once the deal is closed).
    public var next: Stage? {
        isClosed || self == .negotiation ? (self == .negotiation ? .closedWon : nil) : Stage.allCases[index + 1]
    }

    /// Whether a question or field that applies `from` a stage applies at this stage.
    /// Closed deals only owe what applies from a closed stage (the outcome).
    public func reached(_ from: Stage) -> Bool {
        if isClosed { return from.isClosed }
        return self >= from
    }
}

extension Stage {
    /// The stage as people read it on a page: "Discovery", "Closed – lost" (JSON keeps the id).
    public var label: String {
        switch self {
        case .closedWon: return "Closed – won"
        case .closedLost: return "Closed – lost"
        default: return rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}
