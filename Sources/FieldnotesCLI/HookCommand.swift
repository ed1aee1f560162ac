import FieldnotesCore
import FieldnotesLSP
import FieldnotesReports
import FieldnotesSupport
import Foundation

/// `fieldnotes hook install|uninstall`: the git pre-commit hook.
enum HookCommand {
    static let spec = CommandSpec(
        name: "hook",
        abstract: "Install or remove the git pre-commit hook that checks staged notes.",
        discussion: """
            'install' writes a pre-commit hook (where git looks for it, core.hooksPath included) that runs
            'fieldnotes check --staged' before every commit: errors stop the commit, warnings do not, and
            'git commit --no-verify' skips it. A hook fieldnotes did not write is never replaced: only a
            regular file that is exactly a hook fieldnotes wrote is, and for anything else (a link, an
            unreadable file, a hook with lines of your own) the error says how to call fieldnotes from it.
            'uninstall' removes the hook fieldnotes wrote, and only that.
            """,
        arguments: [
            .init(name: "action", help: "\(Action.helpList).", repeating: false, optional: false)
        ],
        options: [])

    /// What `hook` is asked to do.
    enum Action: String, OptionChoice {
        case install, uninstall

        init(_ parsed: ParsedArguments) throws {
            let word = parsed.positionals[0]
            guard let action = Action(rawValue: word) else {
                throw UsageError(
                    "unknown action '\(word)'", command: "hook",
                    help: Suggest.closest(to: word, in: Action.names).map { "did you mean '\($0)'?" }
                        ?? "use \(Action.helpList)")
            }
            self = action
        }
    }

    static func run(_ parsed: ParsedArguments, _ env: CommandEnvironment) throws -> Int32 {
        switch try Action(parsed) {
        case .install:
            let binary = Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? "fieldnotes"
            let result = try Hook.install(cwd: env.cwd, binary: binary)
            env.stdout(
                "\(result.replacedOurs ? "updated" : "installed") the pre-commit hook: "
                    + "\(Workspace.relative(result.path, to: env.cwd))\n"
            )
            env.stdout("Each commit now checks the staged notes: errors stop the commit, warnings do not.\n")
            return ExitStatus.success
        case .uninstall:
            if let url = try Hook.uninstall(cwd: env.cwd) {
                env.stdout("removed the pre-commit hook: \(Workspace.relative(url, to: env.cwd))\n")
            } else {
                env.stdout("no pre-commit hook to remove\n")
            }
            return ExitStatus.success
        }
    }
}
