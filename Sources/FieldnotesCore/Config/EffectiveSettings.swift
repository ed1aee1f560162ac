import FieldnotesSupport

/// The effective settings of a notes repository, one entry per setting, each with where it
/// comes from (`fieldnotes config`): what the text and JSON forms print.
public struct EffectiveSettings: Sendable {
    public struct Setting: Sendable {
        /// `accounts`, or `severity.RULE` and `fields.NAME` for an entry of a map.
        public var key: String
        /// The value as YAML writes it on one line.
        public var yaml: String
        public var json: JSONValue
        /// Where it is written; nil for a default.
        public var origin: SettingOrigin?
        /// For a default that is not a plain value: what decides it.
        public var note: String?
    }

    /// The settings files read, the extending one first (as messages name them).
    public var files: [String]
    public var settings: [Setting] = []

    public init(_ workspace: Workspace) {
        let chain = workspace.settings
        let config = workspace.config
        files = chain.files.map(\.path)
        func add(_ key: String, _ yaml: String, _ json: JSONValue, note: String? = nil) {
            settings.append(Setting(key: key, yaml: yaml, json: json, origin: chain.origins[key], note: note))
        }
        add("accounts", Self.scalar(config.accounts), .string(config.accounts))
        let checklist = workspace.checklist.origin
        add(
            "checklist", Self.scalar(config.checklist ?? checklist), .string(config.checklist ?? checklist),
            note: config.checklist == nil ? "checklist.yml when the folder has one, else the built-in list" : nil)
        add("briefs", Self.scalar(config.briefs), .string(config.briefs))
        add("internal", Self.list(config.internalQuestions), .array(config.internalQuestions.map { .string($0) }))
        add("internal_roles", Self.list(config.internalRoles), .array(config.internalRoles.map { .string($0) }))
        let stale = Self.days(config.staleAfter.days, config.staleAfter.byStage)
        add("stale_after_days", stale.yaml, stale.json)
        let stalled = Self.days(config.stalledAfter.days, config.stalledAfter.byStage)
        add(
            "stalled_after_days", stalled.yaml, stalled.json,
            note: config.stalledAfter.days == nil ? "stages not set follow the team's pace, from the history" : nil)
        let selected = config.select.map { $0.map(\.rawValue).sorted() }
        add(
            "select", selected.map(Self.list) ?? "null", selected.map { .array($0.map { .string($0) }) } ?? .null,
            note: selected == nil ? "every rule" : nil)
        let ignored = config.ignore.map(\.rawValue).sorted()
        add("ignore", Self.list(ignored), .array(ignored.map { .string($0) }))
        for rule in Rule.allCases {
            let value = config.severity(of: rule)?.rawValue ?? "off"
            add("severity." + rule.rawValue, value, .string(value))
        }
        for field in config.fields {
            let described = Self.describe(field)
            add("fields." + field.name, described.yaml, described.json)
        }
    }

    /// Text as a YAML scalar (quoted when it must be).
    static func scalar(_ s: String) -> String { YAMLScalarWriter.scalar(s) }

    static func list(_ items: [String]) -> String {
        "[" + items.map { YAMLScalarWriter.scalar($0, inFlow: true) }.joined(separator: ", ") + "]"
    }

    /// `stale_after_days` / `stalled_after_days`: one number, or one per stage over a default.
    static func days(_ days: Int?, _ byStage: [Stage: Int]) -> (yaml: String, json: JSONValue) {
        let stages = Stage.allCases.filter { byStage[$0] != nil }
        if stages.isEmpty { return (days.map(String.init) ?? "null", days.map { .int($0) } ?? .null) }
        var pairs: [(String, Int)] = days.map { [("default", $0)] } ?? []
        pairs += stages.map { ($0.rawValue, byStage[$0]!) }
        return (
            "{ " + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + " }",
            .object(pairs.map { ($0.0, .int($0.1)) })
        )
    }

    /// A team field as it is declared under `fields:`.
    static func describe(_ field: FieldSpec) -> (yaml: String, json: JSONValue) {
        var pairs: [(String, JSONValue)] = []
        switch field.type {
        case .enumeration(let values):
            pairs = [("type", .string("enum")), ("values", .array(values.map { .string($0) }))]
        case .list(.enumeration(let values)):
            pairs = [("type", .string("list")), ("values", .array(values.map { .string($0) }))]
        case .list: pairs = [("type", .string("list"))]
        case .date: pairs = [("type", .string("date"))]
        case .number: pairs = [("type", .string("number"))]
        case .boolean: pairs = [("type", .string("boolean"))]
        default: pairs = [("type", .string("string"))]
        }
        switch field.requirement {
        case .always: pairs.append(("required", .bool(true)))
        case .fromStage(let stage), .openFrom(let stage): pairs.append(("required", .string(stage.rawValue)))
        default: break
        }
        if field.teamDescribed { pairs.append(("description", .string(field.description))) }
        let yaml = pairs.map { key, value -> String in
            switch value {
            case .array(let items):
                return "\(key): "
                    + list(items.compactMap { if case .string(let s) = $0 { return s } else { return nil } })
            case .bool(let b): return "\(key): \(b)"
            case .string(let s): return "\(key): " + YAMLScalarWriter.scalar(s, inFlow: true)
            default: return key
            }
        }
        return ("{ " + yaml.joined(separator: ", ") + " }", .object(pairs))
    }
}
