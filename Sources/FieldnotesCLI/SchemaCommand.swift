import FieldnotesCore
import FieldnotesSupport
import Foundation

/// `fieldnotes schema`: a JSON Schema of the front matter, fieldnotes.yml or checklist.yml.
enum SchemaCommand {
    /// What `schema --for` describes.
    enum Target: String, OptionChoice {
        case frontMatter = "front-matter"
        case config, checklist

        var helpPhrase: String {
            switch self {
            case .frontMatter: return "front-matter (an account's, with the team's fields)"
            case .config: return "config (fieldnotes.yml)"
            case .checklist: return "checklist (checklist.yml)"
            }
        }
    }

    static let spec = CommandSpec(
        name: "schema",
        abstract: "Print a JSON Schema (draft-07) of the account front matter, fieldnotes.yml or checklist.yml.",
        discussion: """
            For editors (VS Code's YAML extension, yaml-language-server) and validators such as check-jsonschema.
            The front matter's schema has the team's own fields from fieldnotes.yml (found from PATH or the
            working directory, or given with --config). 'fieldnotes check' stays the judge: the README says what
            a schema cannot check.
            """,
        arguments: [
            .init(
                name: "path", help: "A file or folder of the notes repository (default: the working directory).",
                repeating: false, optional: true)
        ],
        options: [
            .choice("for", value: "file", Target.self) { "What the schema describes: \($0); default: front-matter." },
            ReportRun.configOption,
        ])

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let target = parsed.choice("for", default: Target.frontMatter)
        let schema: JSONValue
        switch target {
        case .frontMatter:
            let paths = parsed.positionals
            if let path = paths.first, !FileManager.default.fileExists(atPath: Workspace.resolve(path, env.cwd).path) {
                throw Workspace.noSuchPath(path)
            }
            let workspace = try Workspace.open(paths: paths, cwd: env.cwd, configPath: parsed.values["config"])
            schema = JSONSchema.frontMatter(workspace.config)
        case .config: schema = JSONSchema.config()
        case .checklist: schema = JSONSchema.checklist()
        }
        env.stdout(JSONWriter.pretty(schema) + "\n")
        return ExitStatus.success
    }
}
