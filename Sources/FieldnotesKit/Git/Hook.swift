import Foundation

/// The git pre-commit hook that runs `fieldnotes check --staged`.
public enum Hook {
    /// The line that tells our hook from anyone else's.
    public static let marker = "# fieldnotes pre-commit hook"

    /// The hook script: run from the top of the work tree, as git does, it goes to the notes
    /// folder and checks what is staged.
    public static func script(binary: String, notesFolder: String) -> String {
        func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var out = """
        #!/bin/sh
        \(marker): checks the staged notes before each commit.
        # Installed by 'fieldnotes hook install'; remove it with 'fieldnotes hook uninstall'.
        # 'git commit --no-verify' skips it for one commit.
        FIELDNOTES=\(quote(binary))
        [ -x "$FIELDNOTES" ] || FIELDNOTES=fieldnotes

        """
        if !notesFolder.isEmpty {
            out += "cd \(quote(notesFolder)) || exit 1\n"
        }
        out += "exec \"$FIELDNOTES\" check --staged\n"
        return out
    }

    /// Where git looks for the pre-commit hook (honours core.hooksPath).
    static func hookURL(_ git: Git, top: URL) throws -> URL {
        let path = try git.string(["rev-parse", "--git-path", "hooks/pre-commit"])
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : git.directory.appendingPathComponent(path).standardizedFileURL
    }

    public struct Result {
        public var path: URL
        public var replacedOurs: Bool
    }

    public static func install(cwd: URL, binary: String) throws -> Result {
        let git = Git(directory: cwd)
        guard let top = git.topLevel() else {
            throw ToolError("not a git repository", help: "run 'git init' first (or 'fieldnotes init --git')")
        }
        let workspace = try Workspace.open(paths: [], cwd: cwd, configPath: nil)
        let folder = Workspace.relative(workspace.root, to: top)
        let url = try hookURL(git, top: top)
        let fm = FileManager.default
        var replacedOurs = false
        if let existing = fm.contents(atPath: url.path) {
            guard String(decoding: existing, as: UTF8.self).contains(marker) else {
                throw ToolError("a pre-commit hook already exists at '\(Workspace.relative(url, to: cwd))' and was not written by fieldnotes",
                                help: "fieldnotes will not replace it. To run both, add this line to that hook:\n"
                                    + "  (cd \"$(git rev-parse --show-toplevel)\(folder.isEmpty ? "" : "/" + folder)\" && fieldnotes check --staged) || exit 1\n"
                                    + "or use the pre-commit framework (see the README)")
            }
            replacedOurs = true
        }
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard fm.createFile(atPath: url.path, contents: Data(script(binary: binary, notesFolder: folder.hasPrefix("/") ? "" : folder).utf8),
                            attributes: [.posixPermissions: 0o755]) else {
            throw ToolError("cannot write '\(url.path)'")
        }
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return Result(path: url, replacedOurs: replacedOurs)
    }

    /// Removes our hook; a hook we did not write is left alone.
    public static func uninstall(cwd: URL) throws -> URL? {
        let git = Git(directory: cwd)
        guard let top = git.topLevel() else { throw ToolError("not a git repository") }
        let url = try hookURL(git, top: top)
        guard let existing = FileManager.default.contents(atPath: url.path) else { return nil }
        guard String(decoding: existing, as: UTF8.self).contains(marker) else {
            throw ToolError("the pre-commit hook at '\(Workspace.relative(url, to: cwd))' was not written by fieldnotes; it is left as it is")
        }
        try FileManager.default.removeItem(at: url)
        return url
    }
}
