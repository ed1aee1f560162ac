import FieldnotesCore
import FieldnotesSupport

/// One commit of the first-parent history, with the files it changed under the folder asked.
package struct LoggedCommit: Sendable {
    package var sha: String
    package var day: Day
    /// Committer time, seconds since 1970 (orders commits made the same day).
    package var time: Int
    package var changes: [Change]

    package struct Change: Sendable {
        /// A, M, D, R (renamed), C (copied), T (type changed).
        package var status: Character
        /// Paths from the top of the work tree; `from` only for a rename or copy.
        package var from: String?
        package var path: String
        package var mode: String
        package var blob: String
        package var isFile: Bool { mode == "100644" || mode == "100755" }
    }
}

extension Git {
    /// The first-parent history of HEAD, oldest first, listing each commit's changes under
    /// `scope` (renames detected; a merge lists what it brought against its first parent), in one
    /// `git log --raw -z` pass. Empty when there is no commit yet.
    package func firstParentLog(under scope: String) throws -> [LoggedCommit] {
        guard commit("HEAD") != nil else { return [] }
        let data = try run(
            [
                "log", "--first-parent", "--root", "--raw", "-z", "-M", "--no-abbrev", "--no-color",
                "--no-show-signature",
                "--no-ext-diff", "--no-textconv", "--format=%x01%H %ct %cs", "HEAD", "--",
            ] + (scope.isEmpty ? [] : [scope]))
        return Self.parseLog([UInt8](data)).reversed()
    }

    /// Parses the output of `firstParentLog`: a header `\u{1}sha time date`, ended by a NUL, then
    /// raw records `:oldmode newmode oldid newid status` each followed by one path (two for a
    /// rename or copy), each ended by a NUL.
    package static func parseLog(_ data: [UInt8]) -> [LoggedCommit] {
        var commits: [LoggedCommit] = []
        let fields = data.split(separator: 0, omittingEmptySubsequences: false)
        var i = 0
        while i < fields.count {
            var field = fields[i]
            while let first = field.first, first == 0x0A { field = field.dropFirst() }
            i += 1
            if field.first == 0x01 {
                let parts = String(decoding: field.dropFirst(), as: UTF8.self).split(separator: " ")
                guard parts.count == 3, let time = Int(parts[1]), case .success(let day) = Day.parse(String(parts[2]))
                else { continue }
                commits.append(LoggedCommit(sha: String(parts[0]), day: day, time: time, changes: []))
                continue
            }
            guard field.first == UInt8(ascii: ":"), !commits.isEmpty else { continue }
            let header = String(decoding: field.dropFirst(), as: UTF8.self).split(separator: " ")
            guard header.count == 5, let letter = header[4].first else { continue }
            let paths = letter == "R" || letter == "C" ? 2 : 1
            guard i + paths <= fields.count else { break }
            let first = FileSystem.displayName(fields[i]).text
            let last = FileSystem.displayName(fields[i + paths - 1]).text
            i += paths
            commits[commits.count - 1].changes.append(
                LoggedCommit.Change(
                    status: letter, from: paths == 2 ? first : nil, path: last,
                    mode: String(letter == "D" ? header[0] : header[1]), blob: String(header[3])))
        }
        return commits
    }

    /// Where git keeps what is shared by every work tree of the repository (`.git`), or nil.
    package func commonDirectory() -> String? {
        guard let path = try? string(["rev-parse", "--path-format=absolute", "--git-common-dir"]), !path.isEmpty
        else { return nil }
        return path
    }
}
