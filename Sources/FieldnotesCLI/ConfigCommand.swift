import FieldnotesCore
import FieldnotesSupport
import Foundation

/// `fieldnotes config`: the effective settings, each with the file and line it comes from.
enum ConfigCommand {
    /// The formats of `config --format`.
    enum Format: String, OptionChoice {
        case text, json
    }

    static let spec = CommandSpec(
        name: "config",
        abstract: "Print the effective settings, each with the file and line it comes from (or 'default').",
        discussion: """
            Reads fieldnotes.yml (found by walking up from PATH or the working directory, or given with
            --config) and every file it extends with 'extends:'. The text form is YAML: each setting with a
            comment saying where it is written; the JSON form lists the same settings with path, line and
            column (null for a default).
            """,
        arguments: [
            .init(
                name: "path", help: "A file or folder of the notes repository (default: the working directory).",
                repeating: false, optional: true)
        ],
        options: [
            .choice("format", value: "format", Format.self) { "Output format: \($0); default: text." },
            ReportRun.configOption,
        ])

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let format = parsed.choice("format", default: Format.text)
        let paths = parsed.positionals
        if let path = paths.first, !FileManager.default.fileExists(atPath: Workspace.resolve(path, env.cwd).path) {
            throw Workspace.noSuchPath(path)
        }
        let workspace = try Workspace.open(paths: paths, cwd: env.cwd, configPath: parsed.values["config"])
        let settings = EffectiveSettings(workspace)
        switch format {
        case .text: env.stdout(text(settings))
        case .json: env.stdout(JSONWriter.pretty(json(settings)) + "\n")
        }
        return ExitStatus.success
    }

    /// Where a setting comes from, as the text form says it.
    static func origin(_ setting: EffectiveSettings.Setting) -> String {
        guard let origin = setting.origin else { return "default" + (setting.note.map { ": " + $0 } ?? "") }
        let at = origin.position
        return "\(origin.file.path):\(at.line):\(at.column)"
    }

    /// YAML, a comment after each setting saying where it comes from; entries of `severity:` and
    /// `fields:` indented under their key.
    static func text(_ settings: EffectiveSettings) -> String {
        var out =
            settings.files.isEmpty
            ? "# No fieldnotes.yml: every setting has its default.\n"
            : "# Read from: " + settings.files.joined(separator: ", then ") + "\n"
        var lines: [(text: String, origin: String)] = []
        var group: String?
        for setting in settings.settings {
            let parts = setting.key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                if group != parts[0] {
                    group = parts[0]
                    lines.append((parts[0] + ":", ""))
                }
                lines.append(("  " + YAMLScalarWriter.scalar(parts[1]) + ": " + setting.yaml, origin(setting)))
            } else {
                group = nil
                lines.append((setting.key + ": " + setting.yaml, origin(setting)))
            }
        }
        let column = min(48, lines.map(\.text.count).max() ?? 0)
        for line in lines {
            guard !line.origin.isEmpty else {
                out += line.text + "\n"
                continue
            }
            let pad = String(repeating: " ", count: max(1, column - line.text.count + 1))
            out += line.text + pad + " # " + TerminalText.escaped(line.origin) + "\n"
        }
        return out
    }

    static func json(_ settings: EffectiveSettings) -> JSONValue {
        .object([
            ("files", .array(settings.files.map { .string($0) })),
            (
                "settings",
                .array(
                    settings.settings.map { setting in
                        var from: JSONValue = .null
                        if let origin = setting.origin {
                            let at = origin.position
                            from = .object([
                                ("path", .string(origin.file.path)), ("line", .int(at.line)),
                                ("column", .int(at.column)),
                            ])
                        }
                        return .object([("key", .string(setting.key)), ("value", setting.json), ("from", from)])
                    })
            ),
        ])
    }
}
