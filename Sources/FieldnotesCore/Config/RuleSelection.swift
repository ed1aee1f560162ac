import FieldnotesSupport

/// Which rules a run reports, as ruff chooses them: `select` narrows to the rules named, `ignore`
/// removes rules from what is selected. Set in `fieldnotes.yml` (`select:`, `ignore:`) or on the
/// command line (`check --select`, `--ignore`), which wins over the file, list by list.
extension Config {
    /// Whether findings of `rule` are reported at all.
    public func isSelected(_ rule: Rule) -> Bool {
        if let select, !select.contains(rule) { return false }
        return !ignore.contains(rule)
    }

    /// The rule named `name`, or the help for a name that is none (a did-you-mean).
    public static func rule(named name: String) -> Result<Rule, RuleNameError> {
        if let rule = Rule(rawValue: name) { return .success(rule) }
        let help =
            Suggest.closest(to: name, in: Rule.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" }
            ?? "'fieldnotes explain' lists the rules"
        return .failure(RuleNameError(name: name, help: help))
    }

    /// A rule name that names no rule.
    public struct RuleNameError: Error, Sendable {
        public var name: String
        public var help: String
    }

    /// `select:` and `ignore:`: a rule name or a list of them, each unknown one reported at its place.
    static func readRuleSelection(_ root: YAMLNode, _ config: inout Config, _ reader: inout YAMLFileReader) {
        if let rules = rules(root["select"], "select", &reader) { config.select = rules }
        if let rules = rules(root["ignore"], "ignore", &reader) { config.ignore = rules }
    }

    private static func rules(_ node: YAMLNode?, _ key: String, _ reader: inout YAMLFileReader) -> Set<Rule>? {
        guard let node, !node.isNull else { return nil }
        guard node.scalar != nil || node.sequence != nil else {
            reader.error(
                "'\(key)' should be a list of rule names, found \(node.kindDescription)", node.range,
                help: "e.g. \(key): [unanswered-question, stale-contact]")
            return nil
        }
        var out: Set<Rule> = []
        for item in node.sequence ?? [node] {
            guard let name = item.scalar else {
                reader.error("each entry of '\(key)' should be a rule name, found \(item.kindDescription)", item.range)
                continue
            }
            switch rule(named: name) {
            case .success(let rule): out.insert(rule)
            case .failure(let error): reader.error("unknown rule '\(name)' in '\(key)'", item.range, help: error.help)
            }
        }
        return out
    }
}
