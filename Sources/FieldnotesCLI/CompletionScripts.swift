import FieldnotesCore
import FieldnotesSupport
import Foundation

/// The zsh and fish scripts, which also show what each command and option does.
extension Completions {
    static func zsh(_ commands: [CommandSpec]) -> String {
        var out = """
            #compdef fieldnotes
            # zsh completion for fieldnotes (fieldnotes completions zsh).
            _fieldnotes() {
              local -a commands
              commands=(

            """
        for spec in commands { out += "    \(zshQuote(spec.name + ":" + summary(spec.abstract)))\n" }
        out += "    \(zshQuote("help:Show help for a subcommand"))\n  )\n"
        out += """
              if (( CURRENT == 2 )); then
                _describe -t commands 'fieldnotes command' commands
                return
              fi
              local command=$words[2]
              shift words
              (( CURRENT-- ))
              case $command in

            """
        for spec in commands {
            out += "    \(spec.name))\n      _arguments -s \\\n"
            for o in options(spec) { out += "        \(zshOption(o)) \\\n" }
            for a in spec.arguments {
                let prefix = a.repeating ? "*" : a.optional ? ":" : ""
                out += "        \(zshQuote(prefix + ":" + a.name + ":" + zshAction(Completion(a, of: spec.name)))) \\\n"
            }
            out += "        && return\n      ;;\n"
        }
        out += "    help)\n      _describe -t commands 'fieldnotes command' commands\n      ;;\n"
        out += "  esac\n}\n_fieldnotes \"$@\"\n"
        return out
    }

    /// `'--format=[Output format]:format:(full concise …)'`, `'(-q --quiet)'{-q,--quiet}'[…]'`.
    private static func zshOption(_ o: CommandSpec.Option) -> String {
        let description =
            "["
            + summary(o.help).replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]") + "]"
        var rest = description
        if let value = o.valueName {
            rest += ":" + value.replacingOccurrences(of: ":", with: "\\:") + ":" + zshAction(Completion(o))
        }
        let long = "--" + o.long + (o.valueName == nil ? "" : o.valueOptional ? "=-" : "=")
        guard let short = o.short else { return zshQuote(long + rest) }
        return zshQuote("(-\(short) --\(o.long))") + "{-\(short),\(long)}" + zshQuote(rest)
    }

    private static func zshAction(_ completion: Completion) -> String {
        switch completion {
        case .none: return " "
        case .files: return "_files"
        case .folders: return "_files -/"
        case .values(let values): return "(" + values.joined(separator: " ") + ")"
        }
    }

    /// Single-quoted for zsh.
    private static func zshQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func fish(_ commands: [CommandSpec]) -> String {
        let names = commands.map(\.name) + ["help"]
        var out = "# fish completion for fieldnotes (fieldnotes completions fish).\n"
        out += "complete -c fieldnotes -f\n"
        out += "complete -c fieldnotes -n __fish_use_subcommand -l version -d 'Show the version'\n"
        out += "complete -c fieldnotes -n __fish_use_subcommand -s h -l help -d 'Show help information'\n"
        for spec in commands {
            out +=
                "complete -c fieldnotes -n __fish_use_subcommand -a \(spec.name) -d \(fishQuote(summary(spec.abstract)))\n"
        }
        out += "complete -c fieldnotes -n __fish_use_subcommand -a help -d 'Show help for a subcommand'\n"
        out +=
            "complete -c fieldnotes -n '__fish_seen_subcommand_from help' -a \(fishQuote(names.joined(separator: " ")))\n"
        for spec in commands {
            let when = "-n '__fish_seen_subcommand_from \(spec.name)'"
            for o in options(spec) {
                var line = "complete -c fieldnotes \(when)"
                if let short = o.short { line += " -s \(short)" }
                line += " -l \(o.long)"
                if o.valueName != nil { line += fishValue(Completion(o)) }
                out += line + " -d \(fishQuote(summary(o.help)))\n"
            }
            if let argument = spec.arguments.first {
                let completion = Completion(argument, of: spec.name)
                if completion != .none {
                    // An argument, not an option's value: the same list, without -r/-x.
                    let value = fishValue(completion).replacingOccurrences(of: " -r", with: "")
                        .replacingOccurrences(of: " -x", with: "")
                    out += "complete -c fieldnotes \(when)\(value)\n"
                }
            }
        }
        return out
    }

    /// The flags that say what a value is: `-r -F` a file, `-x -a '…'` one of a list.
    private static func fishValue(_ completion: Completion) -> String {
        switch completion {
        case .none: return " -x"
        case .files: return " -r -F"
        case .folders: return " -r -a '(__fish_complete_directories)'"
        case .values(let values): return " -x -a \(fishQuote(values.joined(separator: " ")))"
        }
    }

    /// Single-quoted for fish (which escapes `\` and `'` inside).
    private static func fishQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
