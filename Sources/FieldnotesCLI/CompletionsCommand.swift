import FieldnotesCore
import FieldnotesSupport
import Foundation

/// `fieldnotes completions bash|zsh|fish`: a shell completion script, made from the same
/// command specs as `--help`, so that it knows every command, option and choice there is.
enum CompletionsCommand {
    enum Shell: String, OptionChoice {
        case bash, zsh, fish
    }

    static let spec = CommandSpec(
        name: "completions",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            Completes the commands, their options, the values of options with a fixed set of values
            (formats, rule names, stages), and file names where a command takes paths. Save it where
            your shell looks for completions, e.g.
            fieldnotes completions bash > ~/.local/share/bash-completion/completions/fieldnotes
            (the README says where for zsh and fish).
            """,
        arguments: [.init(name: "shell", help: "\(Shell.helpList).", repeating: false, optional: false)],
        options: [])

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let name = parsed.positionals[0]
        guard let shell = Shell(rawValue: name) else {
            throw UsageError(
                "unknown shell '\(name)'", command: spec.name,
                help: (Suggest.closest(to: name, in: Shell.names).map { "did you mean '\($0)'? " } ?? "")
                    + "Use one of: \(Shell.names.joined(separator: ", ")).")
        }
        let commands = CLI.commands.map(\.spec)
        switch shell {
        case .bash: env.stdout(Completions.bash(commands))
        case .zsh: env.stdout(Completions.zsh(commands))
        case .fish: env.stdout(Completions.fish(commands))
        }
        return ExitStatus.success
    }
}

/// What a shell offers for an option's value or an argument, read from the spec.
enum Completion: Equatable {
    case none
    case files
    case folders
    case values([String])

    /// An option's value: its allowed values, rule names, or a file.
    init(_ option: CommandSpec.Option) {
        if let allowed = option.allowed {
            self = .values(allowed)
        } else {
            switch option.valueName {
            case "file": self = .files
            case "dir": self = .folders
            case "rules": self = .values(Rule.allCases.map(\.rawValue))
            default: self = .none
            }
        }
    }

    /// An argument of `command`: paths are files; a few take names.
    init(_ argument: CommandSpec.Argument, of command: String) {
        switch argument.name {
        case "paths", "files": self = .files
        case "dir": self = .folders
        case "rule-or-topic": self = .values(Rule.allCases.map(\.rawValue) + ExplainTopic.names)
        case "action": self = .values(HookCommand.Action.names)
        case "shell": self = .values(CompletionsCommand.Shell.names)
        default: self = .none
        }
    }
}

/// The completion scripts.
enum Completions {
    /// The first sentence of a help text, for the shells that show one beside each choice.
    static func summary(_ help: String) -> String {
        var text = ""
        var depth = 0
        var previous: Character = " "
        // Up to the first ". " or "; " outside parentheses.
        for c in help.replacingOccurrences(of: "\n", with: " ") {
            if c == " " && depth == 0 && (previous == "." || previous == ";") {
                text.removeLast()
                return text
            }
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) }
            text.append(c)
            previous = c
        }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Every option of a command, `--help` included.
    static func options(_ spec: CommandSpec) -> [CommandSpec.Option] { spec.options + [CommandSpec.helpOption] }

    static func bash(_ commands: [CommandSpec]) -> String {
        let names = commands.map(\.name) + ["help"]
        var out = """
            # bash completion for fieldnotes (fieldnotes completions bash).
            _fieldnotes() {
                local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
                COMPREPLY=()
                if [[ $COMP_CWORD -eq 1 ]]; then
                    COMPREPLY=($(compgen -W "\(names.joined(separator: " ")) --help --version" -- "$cur"))
                    return
                fi
                case "${COMP_WORDS[1]}" in

            """
        for spec in commands {
            out += "        \(spec.name))\n            case \"$prev\" in\n"
            for o in options(spec) where o.valueName != nil {
                out += "                --\(o.long)) \(bashReply(Completion(o))); return ;;\n"
            }
            out += "            esac\n"
            let words = options(spec).flatMap { o in ["--\(o.long)"] + (o.short.map { ["-\($0)"] } ?? []) }
            out += "            if [[ \"$cur\" == -* ]]; then\n"
            out += "                COMPREPLY=($(compgen -W \"\(words.joined(separator: " "))\" -- \"$cur\"))\n"
            let argument = spec.arguments.first.map { Completion($0, of: spec.name) } ?? .none
            out += "            else\n                \(bashReply(argument))\n            fi\n            ;;\n"
        }
        out += "        help) COMPREPLY=($(compgen -W \"\(names.joined(separator: " "))\" -- \"$cur\")) ;;\n"
        out += "    esac\n}\ncomplete -o filenames -F _fieldnotes fieldnotes\n"
        return out
    }

    private static func bashReply(_ completion: Completion) -> String {
        switch completion {
        case .none: return ":"
        case .files: return "COMPREPLY=($(compgen -f -- \"$cur\"))"
        case .folders: return "COMPREPLY=($(compgen -d -- \"$cur\"))"
        case .values(let values): return "COMPREPLY=($(compgen -W \"\(values.joined(separator: " "))\" -- \"$cur\"))"
        }
    }
}
