import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport

/// `fieldnotes lsp`: a language server on stdin/stdout, for any editor.
enum LSPCommand {
    static let spec = CommandSpec(
        name: "lsp",
        abstract: "Run the language server (LSP over stdin/stdout) for live diagnostics in editors.",
        discussion: """
            Editors start this command themselves; see docs/editors.md for VS Code, Neovim, Helix and Zed.
            Open notes are checked as they are typed, with the same rules as 'fieldnotes check' (the notes
            repository, config and checklist are found from each document's path; unsaved edits to the
            config or checklist apply at once). Also: completion of fields, values, contact names and
            missing sections; hover on fields and headings; quick fixes for did-you-mean mistakes and
            for adding the sections due at the account's stage.
            """,
        arguments: [],
        options: [
            .init("stdio", help: "Talk over stdin and stdout (the default; accepted because editors often pass it).")
        ],
        commonOptions: false)  // it speaks the protocol on stdout: nothing to colour or quieten

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        let server = LanguageServer(logError: { env.stderr($0 + "\n") })
        return LSPConnection.run(input: 0, output: 1, server: server)
    }
}
