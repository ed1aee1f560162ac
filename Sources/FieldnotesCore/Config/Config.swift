import FieldnotesSupport
import Foundation

/// The settings of a notes repository (`fieldnotes.yml`), or the defaults.
public struct Config: Sendable {
    public var accounts = "accounts/**/*.md"
    /// The checklist file, relative to the config's folder (nil: `checklist.yml` at the root if present).
    public var checklist: String?
    public var briefs = "briefs"
    /// Checklist questions whose sections stay inside the team: left out of `brief --share`.
    public var internalQuestions = ["personal_pain", "politics"]
    public var internalRange: SourceRange?
    /// Contact roles that are our rating of a person, not their part in the decision: left out of
    /// a shared brief (`internal_roles:`).
    public var internalRoles = ["champion", "coach", "blocker", "gatekeeper"]
    /// Days without contact after which an open deal is stale (`stale_after_days`).
    public var staleAfter = StaleAfter()
    /// Days in one stage after which an open deal has stalled (`stalled_after_days`; not set: the
    /// team's own pace, from the history).
    public var stalledAfter = StalledAfter()
    /// Per-rule severity; nil turns a rule off.
    public var severity: [Rule: Severity?] = [:]
    /// The rules reported (`select:`); nil: every rule.
    public var select: Set<Rule>?
    /// Rules never reported (`ignore:`), even when selected.
    public var ignore: Set<Rule> = []
    /// A team's own fields.
    public var fields: [FieldSpec] = []
    /// Where it was read from, if from a file.
    public var path: String?
    /// The config file's text and where it names the checklist, for located errors.
    public var source: SourceFile?
    public var checklistRange: SourceRange?
    /// The settings files it extends (`extends:`), the nearest first.
    public var extended: [SourceFile] = []

    public init() {}

    package static let keys = [
        "accounts", "checklist", "briefs", "internal", "internal_roles", "stale_after_days", "stalled_after_days",
        "severity",
        "fields", "select", "ignore",
        "extends",
    ]
    package static let fieldKeys = ["type", "values", "description", "required"]
    package static let fieldTypes = ["string", "date", "number", "boolean", "enum", "list"]

    /// The severity of `rule` for this repository, nil when turned off (or not selected, or ignored).
    public func severity(of rule: Rule) -> Severity? {
        if !isSelected(rule) { return nil }
        if let override = severity[rule] { return override }
        return rule.defaultSeverity
    }

    /// The account schema: built-in fields plus the team's.
    public var accountSchema: ObjectSchema {
        var schema = BuiltinSchema.account
        schema.fields += fields
        return schema
    }

    /// Reads `fieldnotes.yml`, reporting every problem with its location.
    public static func load(_ file: SourceFile) -> Result<Config, ToolError> {
        var reader = YAMLFileReader(file: file)
        var config = Config()
        config.path = file.path
        guard let root = reader.root() else {
            if reader.diagnostics.isEmpty { return .success(config) }  // an empty file: defaults
            return .failure(ToolError("the configuration '\(file.path)' is invalid", files: [reader.fileDiagnostics]))
        }
        guard root.mapping != nil else {
            reader.error("the configuration should be 'key: value' settings, found \(root.kindDescription)", root.range)
            return .failure(ToolError("the configuration '\(file.path)' is invalid", files: [reader.fileDiagnostics]))
        }
        reader.checkKeys(root, known: keys, what: "fieldnotes.yml")
        config.source = file
        readPaths(root, &config, &reader)
        readStaleAfter(root, &config, &reader)
        readStalledAfter(root, &config, &reader)
        readSeverities(root, &config, &reader)
        readFields(root, &config, &reader)
        readRuleSelection(root, &config, &reader)
        if reader.diagnostics.isEmpty { return .success(config) }
        return .failure(ToolError("the configuration '\(file.path)' is invalid", files: [reader.fileDiagnostics]))
    }

    /// `accounts`, `checklist`, `internal` and `briefs`: where things are.
    private static func readPaths(_ root: YAMLNode, _ config: inout Config, _ reader: inout YAMLFileReader) {
        if let s = reader.string(root["accounts"], "accounts") {
            if s.isEmpty || s.hasPrefix("/") || s.split(separator: "/").contains("..") {
                reader.error(
                    "'accounts' should be a glob relative to this folder, e.g. accounts/**/*.md",
                    root["accounts"]!.range)
            } else {
                config.accounts = s
            }
        }
        config.checklist = reader.string(root["checklist"], "checklist")
        config.checklistRange = root["checklist"]?.range
        if let ids = reader.strings(root["internal"], "internal") {
            config.internalQuestions = ids
            config.internalRange = root["internal"]?.range
        }
        if let roles = reader.roles(root["internal_roles"], "internal_roles") { config.internalRoles = roles }
        if let s = reader.string(root["briefs"], "briefs") {
            if s.isEmpty || s.hasPrefix("/") || s.split(separator: "/").contains("..") {
                reader.error(
                    "'briefs' should be a folder inside the notes repository, e.g. briefs", root["briefs"]!.range,
                    help: "to write elsewhere, give the folder on the command line: fieldnotes brief --out=DIR")
            } else {
                config.briefs = s
            }
        }
    }

    /// `stale_after_days`: a number of days, or a map from stage (or `default`) to days.
    private static func readStaleAfter(_ root: YAMLNode, _ config: inout Config, _ reader: inout YAMLFileReader) {
        let read = readDaysByStage(
            root, "stale_after_days", example: "stale_after_days: { discovery: 30, proposal: 14 }",
            closed: { "a closed deal is never stale: '\($0)' takes no 'stale_after_days'" }, &reader)
        guard let read else { return }
        if let days = read.days { config.staleAfter.days = days }
        config.staleAfter.byStage = read.byStage
    }

    /// `stalled_after_days`: like `stale_after_days`, days in one stage before an open deal stalls.
    private static func readStalledAfter(_ root: YAMLNode, _ config: inout Config, _ reader: inout YAMLFileReader) {
        let read = readDaysByStage(
            root, "stalled_after_days", example: "stalled_after_days: { default: 60, proposal: 30 }",
            closed: { "a closed deal never stalls: '\($0)' takes no 'stalled_after_days'" }, &reader)
        guard let read else { return }
        config.stalledAfter = StalledAfter(days: read.days, byStage: read.byStage)
    }

    /// A setting that is a whole number of days, or a map from open stage (or `default`) to days;
    /// nil when it is not written. Each problem is reported at its place, with a did-you-mean.
    private static func readDaysByStage(
        _ root: YAMLNode, _ key: String, example: String, closed: (String) -> String,
        _ reader: inout YAMLFileReader
    ) -> (days: Int?, byStage: [Stage: Int])? {
        guard let node = root[key], !node.isNull else { return nil }
        func days(_ node: YAMLNode, _ name: String) -> Int? {
            guard let s = reader.string(node, name) else { return nil }
            if let n = Int(s), n >= 1 { return n }
            reader.error(
                "'\(name)' should be a whole number of days, found '\(s)'", node.range,
                help: "e.g. \(key): 30, or per stage: \(example)")
            return nil
        }
        guard let pairs = node.mapping else { return (days(node, key), [:]) }
        let keys = ["default"] + Stage.allCases.filter { !$0.isClosed }.map(\.rawValue)
        for pair in pairs where Stage(rawValue: pair.key)?.isClosed == true {
            reader.error(
                closed(pair.key), pair.keyRange,
                help:
                    "a won account with an opportunity still open goes by that opportunity's stage; remove '\(pair.key)'"
            )
        }
        reader.checkKeys(
            YAMLNode(.mapping(pairs.filter { Stage(rawValue: $0.key)?.isClosed != true }), node.range),
            known: keys, what: "'\(key)'")
        var out: (days: Int?, byStage: [Stage: Int]) = (nil, [:])
        for pair in pairs where keys.contains(pair.key) {
            guard let n = days(pair.value, "\(key).\(pair.key)") else { continue }
            if let stage = Stage(rawValue: pair.key) {
                out.byStage[stage] = n
            } else {
                out.days = n
            }
        }
        return out
    }

    /// `severity:` maps rule names to error, warning, note or off.
    private static func readSeverities(_ root: YAMLNode, _ config: inout Config, _ reader: inout YAMLFileReader) {
        if let node = root["severity"], !node.isNull {
            if let pairs = node.mapping {
                let names = Rule.allCases.map(\.rawValue)
                for pair in pairs {
                    guard let rule = Rule(rawValue: pair.key) else {
                        let help =
                            Suggest.closest(to: pair.key, in: names).map { "did you mean '\($0)'?" }
                            ?? "'fieldnotes explain' lists the rules"
                        reader.error("unknown rule '\(pair.key)'", pair.keyRange, help: help)
                        continue
                    }
                    guard let value = reader.string(pair.value, pair.key) else {
                        if pair.value.isNull {
                            reader.error(
                                "no severity for '\(pair.key)'", pair.keyRange,
                                help: "write error, warning, note or off")
                        }
                        continue
                    }
                    if value == "off" {
                        config.severity[rule] = .some(nil)
                    } else if let sev = Severity(rawValue: value) {
                        config.severity[rule] = .some(sev)
                    } else {
                        let help =
                            Suggest.closest(to: value, in: ["error", "warning", "note", "off"]).map {
                                "did you mean '\($0)'?"
                            } ?? "write error, warning, note or off"
                        reader.error("unknown severity '\(value)'", pair.value.range, help: help)
                    }
                }
            } else {
                reader.error(
                    "'severity' should map rule names to error, warning, note or off", node.range,
                    help: "e.g.\n  severity:\n    unanswered-question: note")
            }
        }
    }

    /// `fields:` declares a team's own front matter fields.
    private static func readFields(_ root: YAMLNode, _ config: inout Config, _ reader: inout YAMLFileReader) {
        if let node = root["fields"], !node.isNull {
            if let pairs = node.mapping {
                for pair in pairs {
                    if let field = customField(pair, &reader) { config.fields.append(field) }
                }
            } else {
                reader.error(
                    "'fields' should map field names to their type", node.range,
                    help: "e.g.\n  fields:\n    region: { type: string }")
            }
        }
    }

    private static func customField(_ pair: YAMLPair, _ reader: inout YAMLFileReader) -> FieldSpec? {
        if BuiltinSchema.account.field(pair.key) != nil {
            reader.error(
                "'\(pair.key)' is a built-in field", pair.keyRange, help: "choose another name for the team's field")
            return nil
        }
        guard pair.value.mapping != nil else {
            reader.error(
                "field '\(pair.key)' should have a type, e.g. { type: string }",
                pair.value.isNull ? pair.keyRange : pair.value.range)
            return nil
        }
        reader.checkKeys(pair.value, known: fieldKeys, what: "a field")
        let before = reader.diagnostics.count
        guard let typeName = reader.string(pair.value["type"], "type") else {
            if pair.value["type"] == nil {
                reader.error(
                    "field '\(pair.key)' has no 'type'", pair.keyRange,
                    help: "add 'type: string' (or date, number, boolean, enum, list)")
            }
            return nil
        }
        guard let type = fieldType(typeName, of: pair, &reader) else { return nil }
        let requirement = fieldRequirement(of: pair, &reader)
        let written = reader.string(pair.value["description"], "description")
        guard reader.diagnostics.count == before else { return nil }
        return FieldSpec(
            pair.key, type, requirement, written ?? "A team field (\(typeName)).", teamDescribed: written != nil)
    }

    /// The type a team field declares: `type`, with the `values` that enum and list fields take.
    private static func fieldType(_ typeName: String, of pair: YAMLPair, _ reader: inout YAMLFileReader) -> FieldType? {
        var type: FieldType
        switch typeName {
        case "string": type = .string
        case "date": type = .date
        case "number": type = .number
        case "boolean": type = .boolean
        case "list": type = .list(.string)
        case "enum": type = .string
        default:
            let help =
                Suggest.closest(to: typeName, in: fieldTypes).map { "did you mean '\($0)'?" }
                ?? "use one of: \(fieldTypes.joined(separator: ", "))"
            reader.error("unknown field type '\(typeName)'", pair.value["type"]!.range, help: help)
            return nil
        }
        if let valuesNode = pair.value["values"] {
            guard let values = reader.strings(valuesNode, "values"), !values.isEmpty else { return nil }
            switch typeName {
            case "enum": type = .enumeration(values)
            case "list": type = .list(.enumeration(values))
            default:
                reader.error("'values' applies to enum and list fields", valuesNode.range)
                return nil
            }
        } else if typeName == "enum" {
            reader.error(
                "enum field '\(pair.key)' needs 'values'", pair.keyRange,
                help: "e.g. \(pair.key): { type: enum, values: [a, b, c] }")
            return nil
        }
        return type
    }

    /// When a team field is required: `required: true`, `false`, or the stage it is due from.
    private static func fieldRequirement(of pair: YAMLPair, _ reader: inout YAMLFileReader) -> Requirement {
        guard let node = pair.value["required"], let s = reader.string(node, "required") else { return .optional }
        if s == "true" { return .always }
        if s == "false" { return .optional }
        return reader.stage(node, "required").map { .fromStage($0) } ?? .optional
    }
}

/// Days without contact after which an open deal is stale: one number for every stage, or a
/// number per stage (`stale_after_days: { discovery: 30, proposal: 14 }`) over a default.
public struct StaleAfter: Sendable, Equatable {
    /// For stages the map does not name (30 unless `default:` or a single number says otherwise).
    public var days = 30
    public var byStage: [Stage: Int] = [:]

    public init(days: Int = 30, byStage: [Stage: Int] = [:]) {
        self.days = days
        self.byStage = byStage
    }

    /// The threshold at `stage` (the default when the stage is unknown or not in the map).
    public func days(at stage: Stage?) -> Int { stage.flatMap { byStage[$0] } ?? days }
}

/// Days in one stage after which an open deal has stalled (`stalled_after_days`): one number, or a
/// number per open stage over a `default`. What it does not set comes from the team's history.
public struct StalledAfter: Sendable, Equatable {
    /// For stages the map does not name; nil when not written.
    public var days: Int?
    public var byStage: [Stage: Int] = [:]

    public init(days: Int? = nil, byStage: [Stage: Int] = [:]) {
        self.days = days
        self.byStage = byStage
    }

    /// The threshold the settings give at `stage`, nil when they give none.
    public func days(at stage: Stage) -> Int? { byStage[stage] ?? days }
}
