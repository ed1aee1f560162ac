import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// A command's interface, as data: help text and parsing both come from it.
public struct CommandSpec: Sendable {
    public struct Option: Sendable {
        public var long: String
        public var short: Character?
        /// nil for a flag; else the value's name in help (`<format>`).
        public var valueName: String?
        public var help: String
        /// Allowed values, for validation and did-you-mean.
        public var allowed: [String]?
        /// The value may be left out (`--out` alone): it is then "".
        public var valueOptional: Bool

        public init(
            _ long: String, short: Character? = nil, value: String? = nil, allowed: [String]? = nil,
            valueOptional: Bool = false, help: String
        ) {
            self.long = long
            self.short = short
            self.valueName = value
            self.help = help
            self.allowed = allowed
            self.valueOptional = valueOptional
        }
    }

    public struct Argument: Sendable {
        public var name: String
        public var help: String
        public var repeating: Bool
        public var optional: Bool
    }

    public var name: String
    public var abstract: String
    public var discussion: String?
    public var arguments: [Argument]
    /// Every option the command takes: its own, then the common ones it does not define itself.
    public var options: [Option]

    public init(
        name: String, abstract: String, discussion: String? = nil, arguments: [Argument], options: [Option],
        commonOptions: Bool = true
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        let own = Set(options.map(\.long))
        self.options = options + (commonOptions ? CommandSpec.commonOptions.filter { !own.contains($0.long) } : [])
    }

    static let helpOption = Option("help", short: "h", help: "Show help information.")

    /// What every command that prints takes, defined once: a command that gives one of these a
    /// meaning of its own (`check --quiet`) defines it itself, and its definition is used instead.
    public static let commonOptions: [Option] = [
        Option("quiet", short: "q", help: "Print no warnings or notes about the run on stderr (errors still are)."),
        Option("no-color", help: "Do not colour the output (also: the NO_COLOR environment variable)."),
    ]

    /// SwiftArgumentParser's layout: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, wrapped to `width`
    /// columns with a hanging indent (`CommandEnvironment.textWidth`: the terminal's).
    public func helpText(width: Int = 80) -> String {
        var out = TextWrap.hanging("OVERVIEW: \(abstract)", indent: 10, width: width) + "\n"
        if let discussion { out += TextWrap.paragraphs(discussion, width: width) }
        let args = arguments.map { a -> String in
            let core = "<\(a.name)>" + (a.repeating ? " ..." : "")
            return a.optional ? "[\(core)]" : core
        }
        let usage = "USAGE: fieldnotes \(name) [<options>]" + (args.isEmpty ? "" : " " + args.joined(separator: " "))
        out += TextWrap.hanging(usage, indent: 18 + name.count, width: width)
        if !arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            for a in arguments { out += CommandSpec.row("<\(a.name)>", a.help, width: width) }
        }
        out += "\nOPTIONS:\n"
        for o in options + [CommandSpec.helpOption] {
            out += CommandSpec.row(o.helpLabel, o.help, width: width)
        }
        return out
    }

    /// One row of a help table: `left` in the first column, `help` wrapped in the second (a
    /// narrow terminal gets a narrower first column).
    static func row(_ left: String, _ help: String, width: Int = 80) -> String {
        let column = min(26, max(12, width / 3))
        let wrapped = TextWrap.lines(help, width: max(20, width - column))
        if left.count + 2 < column {
            let lead = "  " + left + String(repeating: " ", count: column - 2 - left.count)
            return lead + wrapped.joined(separator: "\n" + String(repeating: " ", count: column)) + "\n"
        }
        return "  " + left + "\n" + wrapped.map { String(repeating: " ", count: column) + $0 }.joined(separator: "\n")
            + "\n"
    }

    /// Parses `args` (after the command name).
    public func parse(_ args: [String]) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if onlyPositionals || arg == "-" || !arg.hasPrefix("-") {
                parsed.positionals.append(arg)
                continue
            }
            if arg == "--" { onlyPositionals = true; continue }
            let (o, inlineValue) = try option(arg)
            if o.valueName == nil {
                if inlineValue != nil { throw UsageError("'--\(o.long)' does not take a value", command: self.name) }
                parsed.flags.insert(o.long)
                continue
            }
            parsed.values[o.long] = try value(of: o, inlineValue, args, &i)
        }
        if parsed.flags.contains("help") { return parsed }
        try checkPositionals(parsed)
        return parsed
    }

    /// The option `arg` names (`--name`, `--name=value` or `-x`), with the value written after `=`.
    private func option(_ arg: String) throws -> (Option, inlineValue: String?) {
        let all = options + [CommandSpec.helpOption]
        guard arg.hasPrefix("--") else {
            let flags = Array(arg.dropFirst())
            guard flags.count == 1, let o = all.first(where: { $0.short == flags[0] }) else {
                throw UsageError("unknown option '\(arg)'", command: self.name)
            }
            return (o, nil)
        }
        var name = String(arg.dropFirst(2))
        var inlineValue: String?
        if let eq = name.firstIndex(of: "=") {
            inlineValue = String(name[name.index(after: eq)...])
            name = String(name[..<eq])
        }
        guard let o = all.first(where: { $0.long == name }) else {
            throw UsageError(
                "unknown option '--\(name)'", command: self.name,
                help: Suggest.closest(to: "--" + name, in: all.map { "--" + $0.long }).map { "did you mean '\($0)'?" })
        }
        return (o, inlineValue)
    }

    /// The value of option `o`: written after `=`, or the next argument (`i` moves past it); an
    /// option whose value is optional takes none when the next argument is another option.
    private func value(of o: Option, _ inlineValue: String?, _ args: [String], _ i: inout Int) throws -> String {
        var value: String
        if let inlineValue {
            value = inlineValue
        } else if o.valueOptional && (i >= args.count || (args[i].hasPrefix("-") && args[i].count > 1)) {
            value = ""
        } else {
            guard i < args.count, !(args[i].hasPrefix("-") && args[i].count > 1) else {
                throw UsageError(
                    "missing value for '--\(o.long) <\(o.valueName!)>'", command: self.name,
                    help: o.allowed.map { "use one of: \($0.joined(separator: ", "))" })
            }
            value = args[i]
            i += 1
        }
        if let allowed = o.allowed, !allowed.contains(value) {
            let guess = Suggest.closest(to: value, in: allowed).map { "did you mean '\($0)'? " } ?? ""
            throw UsageError(
                "invalid value '\(value)' for '--\(o.long)'", command: self.name,
                help: guess + "Use one of: \(allowed.joined(separator: ", ")).")
        }
        return value.trimmingSpaces()
    }

    /// No more arguments than the command takes, and the ones it needs.
    private func checkPositionals(_ parsed: ParsedArguments) throws {
        let maxPositionals = arguments.contains { $0.repeating } ? Int.max : arguments.count
        if parsed.positionals.count > maxPositionals {
            throw UsageError("unexpected argument '\(parsed.positionals[maxPositionals])'", command: self.name)
        }
        if let required = arguments.first(where: { !$0.optional }), parsed.positionals.isEmpty {
            throw UsageError("missing argument '<\(required.name)>'", command: self.name)
        }
    }
}

public struct ParsedArguments: Sendable {
    public var flags: Set<String> = []
    public var values: [String: String] = [:]
    public var positionals: [String] = []
}

/// A mistake on the command line: exit status 2, with a pointer to the command's help.
public struct UsageError: Error, Sendable {
    public var message: String
    public var command: String?
    public var help: String?

    public init(_ message: String, command: String?, help: String? = nil) {
        self.message = message
        self.command = command
        self.help = help
    }
}

/// An option whose allowed values are the cases of an enum (`DiagnosticFormat`, `ReportFormat`):
/// the cases are what the parser accepts and what the help lists, in their order.
public protocol OptionChoice: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The value as the option's help lists it: its name, and what it is when the name does not
    /// say (`sarif (SARIF 2.1.0 for code scanning)`).
    var helpPhrase: String { get }
}

extension OptionChoice {
    public var helpPhrase: String { rawValue }

    /// The allowed values, in the order of the cases.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// The cases' phrases as a list in words: `text, json or sarif (…)`.
    public static var helpList: String {
        let phrases = allCases.map(\.helpPhrase)
        guard phrases.count > 1 else { return phrases.first ?? "" }
        return phrases.dropLast().joined(separator: ", ") + " or " + phrases[phrases.count - 1]
    }
}

extension CommandSpec.Option {
    /// How help shows the option: `-q, --quiet`, `--format <format>`.
    public var helpLabel: String {
        var left = short.map { "-\($0), " } ?? ""
        left += "--\(long)"
        if let v = valueName { left += valueOptional ? " [<\(v)>]" : " <\(v)>" }
        return left
    }

    /// An option whose value is one of `C`'s cases: accepted values and the list in its help come
    /// from the cases. `help` receives that list (`text, json or sarif`) and says the rest.
    public static func choice<C: OptionChoice>(
        _ long: String, value: String, _ type: C.Type, help: (String) -> String
    ) -> CommandSpec.Option {
        CommandSpec.Option(long, value: value, allowed: C.names, help: help(C.helpList))
    }
}

extension ParsedArguments {
    /// The value of option `name` as one of its choices; `fallback` when it was not given.
    /// The parser has already refused a value that is not a case.
    public func choice<C: OptionChoice>(_ name: String, default fallback: C) -> C {
        values[name].flatMap(C.init(rawValue:)) ?? fallback
    }

    /// Whether the flag `--name` was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// The options every printing command takes (`CommandSpec.commonOptions`), read once.
public struct CommonOptions: Sendable {
    /// `--quiet`: no warnings or notes about the run on stderr.
    public var quiet: Bool
    /// `--no-color`.
    public var noColor: Bool

    public init(_ parsed: ParsedArguments) {
        quiet = parsed.flag("quiet")
        noColor = parsed.flag("no-color")
    }
}

/// `new --stage`.
extension Stage: OptionChoice {}

/// How diagnostics are printed (`check --output-format`, or its synonym `--format`).
public enum DiagnosticFormat: String, OptionChoice {
    case full, concise, json, sarif, github
    /// Today's name of `full`, kept.
    case text

    public static let `default` = DiagnosticFormat.full

    public var helpPhrase: String {
        switch self {
        case .full: return "full (each finding with its line, help and notes)"
        case .concise: return "concise (one line per finding)"
        case .json: return rawValue
        case .sarif: return "sarif (SARIF 2.1.0 for code scanning)"
        case .github: return "github (GitHub Actions annotations)"
        case .text: return "text (the same as full)"
        }
    }

    /// Code-scanning formats name files from the top of the git repository, not of the notes.
    var pathsFromRepositoryTop: Bool { self == .sarif || self == .github }
}
