import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// `fieldnotes parse FILE…`: the front matter as fieldnotes reads it, as JSON.
enum ParseCommand {
    static let spec = CommandSpec(
        name: "parse",
        abstract: "Print the front matter of files as JSON, exactly as fieldnotes reads it.",
        discussion: """
            Every scalar is a string, exactly as written after quoting and folding rules (fieldnotes never
            guesses types: 'no' stays "no"); empty values are null; mappings keep their source order.
            With one file, prints its tree; with several, an object from each path to its tree.
            A file that cannot be read gets a located diagnostic on stderr, and exit status 1; a path that
            does not exist is exit status 2, as for every command.
            """,
        arguments: [
            .init(name: "files", help: "Account files (or, with --yaml, YAML files).", repeating: true, optional: false)
        ],
        options: [
            .init("yaml", help: "Read each file as one whole YAML document instead of front matter."),
            .init("ranges", help: "Print the tree with the source range of every node instead of JSON."),
        ])

    /// The options of `parse`, read once.
    struct Options {
        var files: [String]
        /// Each file is one YAML document, not front matter.
        var wholeYAML: Bool
        /// The tree with source ranges instead of JSON.
        var ranges: Bool

        init(_ parsed: ParsedArguments) {
            files = parsed.positionals
            wholeYAML = parsed.flag("yaml")
            ranges = parsed.flag("ranges")
        }
    }

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let options = Options(parsed)
        let renderer = TextRenderer(color: false)
        var trees: [(String, JSONValue)] = []
        var dumps = ""
        var failed = false
        for path in options.files {
            let url = Workspace.resolve(path, env.cwd)
            guard
                FileManager.default.fileExists(atPath: url.path)
                    || (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
            else {
                throw Workspace.noSuchPath(path)
            }
            let source: SourceFile
            switch FileReader.read(url, displayPath: path) {
            case .text(let s): source = s
            case .unreadable(let s, let d):
                env.stderr(renderer.render(d, in: FileDiagnostics(path: path, source: s, diagnostics: [d])) + "\n")
                failed = true
                continue
            }
            var lines = 0..<source.lineCount
            if !options.wholeYAML {
                switch FrontMatterSplit.split(source) {
                case .success(let split): lines = split.yamlLines
                case .failure(let d):
                    env.stderr(
                        renderer.render(d, in: FileDiagnostics(path: path, source: source, diagnostics: [d])) + "\n")
                    failed = true
                    continue
                }
            }
            let document = YAMLParser.parse(source, lines: lines, documentMarkers: options.wholeYAML)
            if !document.issues.isEmpty {
                let diagnostics = document.issues.map(Diagnostic.init(yamlIssue:))
                let file = FileDiagnostics(path: path, source: source, diagnostics: diagnostics)
                for d in file.sorted { env.stderr(renderer.render(d, in: file) + "\n") }
                failed = true
                continue
            }
            if options.ranges {
                if options.files.count > 1 { dumps += "\(path):\n" }
                dumps += document.root?.dump(in: source) ?? "null\n"
            } else {
                trees.append((path, document.root?.json() ?? .null))
            }
        }
        if options.ranges {
            env.stdout(dumps)
        } else if options.files.count == 1 {
            if let tree = trees.first { env.stdout(JSONWriter.pretty(tree.1) + "\n") }
        } else {
            env.stdout(JSONWriter.pretty(.object(trees)) + "\n")
        }
        return failed ? ExitStatus.findings : ExitStatus.success
    }
}
