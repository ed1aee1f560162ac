import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport

/// `fieldnotes explain [RULE|TOPIC]`: what a rule checks, why, and how to fix it; or a topic
/// of the notes (`ExplainTopic.all`: the roles of contacts…).
enum ExplainCommand {
    static let spec = CommandSpec(
        name: "explain",
        abstract: "Explain a rule (what it checks, why it matters, how to fix it) or a topic such as roles or risks.",
        discussion: "Without an argument, lists every rule with its default severity, then the topics.",
        arguments: [
            .init(
                name: "rule-or-topic",
                help: "A rule name, as shown in brackets in diagnostics (e.g. invalid-value), or a topic: "
                    + ExplainTopic.all.map(\.name).joined(separator: ", ") + ", or a risk flag (e.g. no-champion).",
                repeating: false, optional: true)
        ],
        options: [])

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        guard let name = parsed.positionals.first else {
            env.stdout(list())
            return ExitStatus.success
        }
        if let topic = ExplainTopic.named(name) {
            env.stdout(topic.text())
            return ExitStatus.success
        }
        guard let rule = Rule(rawValue: name) else {
            let known = Rule.allCases.map(\.rawValue) + ExplainTopic.names
            throw UsageError(
                "unknown rule or topic '\(name)'", command: "explain",
                help: Suggest.closest(to: name, in: known).map { "did you mean '\($0)'?" }
                    ?? "'fieldnotes explain' lists every rule and topic")
        }
        env.stdout(explain(rule))
        return ExitStatus.success
    }

    static func list() -> String {
        var out = "RULE                    DEFAULT  WHAT IT CHECKS\n"
        for rule in Rule.allCases {
            let name = rule.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)
            let severity = rule.defaultSeverity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            out += name + severity + rule.info.summary + "\n"
        }
        out += "\nSee 'fieldnotes explain <rule>' for why a rule matters and how to fix what it finds.\n"
        out += "Change a rule's severity under 'severity:' in fieldnotes.yml (error, warning, note or off).\n"
        out += "\nTOPIC" + String(repeating: " ", count: 19) + "WHAT IT EXPLAINS\n"
        for topic in ExplainTopic.all {
            out += topic.name.padding(toLength: 24, withPad: " ", startingAt: 0) + topic.summary + "\n"
        }
        out += "\nSee 'fieldnotes explain <topic>', e.g. 'fieldnotes explain roles'.\n"
        return out
    }

    static func explain(_ rule: Rule) -> String {
        let info = rule.info
        func indent(_ s: String) -> String {
            s.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(
                separator: "\n")
        }
        func wrapped(_ s: String) -> String { TextWrap.lines(s, width: 78).joined(separator: "\n") }
        var out = "\(rule.rawValue) (default: \(info.severity.rawValue))\n\n"
        out += wrapped(info.summary.prefix(1).uppercased() + info.summary.dropFirst() + ".") + "\n\n"
        out += "WHY IT MATTERS\n" + wrapped(info.rationale) + "\n\n"
        out += "HOW TO FIX IT\n" + wrapped(info.fix) + "\n\n"
        out += "EXAMPLE (triggers it)\n" + indent(visible(info.bad)) + "\n"
        out += "FIXED\n" + indent(visible(info.good)) + "\n"
        out +=
            "Turn it off or change its severity in fieldnotes.yml:\n    severity:\n"
            + "      \(rule.rawValue): \(info.severity == .error ? "warning" : "off")\n"
        return out
    }

    /// Makes invisible characters in examples visible.
    private static func visible(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{0}", with: "\\0")
    }
}
