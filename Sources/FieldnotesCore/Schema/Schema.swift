import FieldnotesSupport

/// The type of a front-matter field, as the schema gives it. Scalars are text until typed here.
public indirect enum FieldType: Sendable {
    case string
    case date
    case number
    case boolean
    case currency
    case enumeration([String])
    case list(FieldType)
    case object(ObjectSchema)

    /// How a value of this type is written, for help lines.
    public var example: String {
        switch self {
        case .string: return "text"
        case .date: return "YYYY-MM-DD"
        case .number: return "a number such as 120000"
        case .boolean: return "true or false"
        case .currency: return "a 3-letter code such as USD"
        case .enumeration(let values): return values.joined(separator: ", ")
        case .list(let element):
            if case .enumeration(let values) = element { return "[\(values.prefix(2).joined(separator: ", "))]" }
            return "a list"
        case .object: return "fields indented below"
        }
    }

    public var name: String {
        switch self {
        case .string: return "text"
        case .date: return "a date"
        case .number: return "a number"
        case .boolean: return "true or false"
        case .currency: return "a currency code"
        case .enumeration: return "one of the allowed values"
        case .list: return "a list"
        case .object: return "a mapping"
        }
    }
}

/// When a field must be present.
public enum Requirement: Sendable, Equatable {
    case optional
    case always
    /// From this stage on, closed stages included.
    case fromStage(Stage)
    /// From this stage on while the deal is open (a closed deal has no next step).
    case openFrom(Stage)
    /// Only once the deal is closed.
    case closed

    package func applies(at stage: Stage?) -> Bool {
        switch self {
        case .optional: return false
        case .always: return true
        case .fromStage(let from):
            guard let stage else { return false }
            return stage >= from
        case .openFrom(let from):
            guard let stage else { return false }
            return !stage.isClosed && stage >= from
        case .closed: return stage?.isClosed ?? false
        }
    }
}

/// One field of a schema. A class: schemas are read for every mapping of every account, and
/// a reference is cheaper to pass around than four values.
public final class FieldSpec: Sendable {
    public let name: String
    public let type: FieldType
    public let requirement: Requirement
    public let description: String
    /// A team field whose description the team wrote in fieldnotes.yml: messages quote it
    /// (a built-in field's, or the default one of a team field, says nothing the name does not).
    public let teamDescribed: Bool

    public convenience init(_ name: String, _ type: FieldType, _ description: String) {
        self.init(name, type, .optional, description)
    }

    public init(
        _ name: String, _ type: FieldType, _ requirement: Requirement, _ description: String,
        teamDescribed: Bool = false
    ) {
        self.name = name
        self.type = type
        self.requirement = requirement
        self.description = description
        self.teamDescribed = teamDescribed
    }
}

/// The fields of a mapping: the account itself, a contact, a competitor, …
public struct ObjectSchema: Sendable {
    /// What one such mapping is called in messages ("contact").
    public var noun: String
    public var fields: [FieldSpec]

    public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }
}
