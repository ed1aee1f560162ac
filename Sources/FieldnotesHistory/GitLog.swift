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
    /// `git log --raw -z` pass. Empty when there is no commit yet. `after`: only the commits
    /// since that one (`after..HEAD`).
    package func firstParentLog(under scope: String, after: String? = nil) throws -> [LoggedCommit] {
        guard commit("HEAD") != nil else { return [] }
        let data = try run(
            [
                "log", "--first-parent", "--root", "--raw", "-z", "-M", "--no-abbrev", "--no-color",
                "--no-show-signature",
                "--no-ext-diff", "--no-textconv", "--format=%x01%H %ct %cs", "--end-of-options",
                after.map { "\($0)..HEAD" } ?? "HEAD", "--",
            ] + (scope.isEmpty ? [] : [scope]))
        return Self.parseLog([UInt8](data)).reversed()
    }

    /// Parses the output of `firstParentLog`: a header `\u{1}sha time date`, ended by a NUL, then
    /// raw records `:oldmode newmode oldid newid status` each followed by one path (two for a
    /// rename or copy), each ended by a NUL.
    package static func parseLog(_ data: [UInt8]) -> [LoggedCommit] {
        // Bytes, not `String`: a year of history is tens of thousands of records, and splitting
        // them as text walks every character as a grapheme.
        var commits: [LoggedCommit] = []
        let fields = data.split(separator: 0, omittingEmptySubsequences: false)
        var i = 0
        while i < fields.count {
            var field = fields[i]
            while let first = field.first, first == 0x0A { field = field.dropFirst() }
            i += 1
            if field.first == 0x01 {
                let parts = field.dropFirst().split(separator: 0x20)
                guard parts.count == 3, let time = Int(ascii(parts[1])),
                    case .success(let day) = Day.parse(ascii(parts[2]))
                else { continue }
                commits.append(LoggedCommit(sha: ascii(parts[0]), day: day, time: time, changes: []))
                continue
            }
            guard field.first == UInt8(ascii: ":"), !commits.isEmpty else { continue }
            let header = field.dropFirst().split(separator: 0x20)
            guard header.count == 5, let letter = header[4].first, letter < 0x80 else { continue }
            let status = Character(Unicode.Scalar(letter))
            let paths = status == "R" || status == "C" ? 2 : 1
            guard i + paths <= fields.count else { break }
            let first = FileSystem.displayName(fields[i]).text
            let last = paths == 2 ? FileSystem.displayName(fields[i + 1]).text : first
            i += paths
            commits[commits.count - 1].changes.append(
                LoggedCommit.Change(
                    status: status, from: paths == 2 ? first : nil, path: last,
                    mode: ascii(status == "D" ? header[0] : header[1]), blob: ascii(header[3])))
        }
        return commits
    }

    private static func ascii(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Whether HEAD's first-parent history passes through `commit`, HEAD aside: the commits
    /// since it are then what HEAD's history adds to it.
    package func firstParentHistoryContinues(_ commit: String) -> Bool {
        guard
            let out = try? string(["rev-list", "--first-parent", "--parents", "--end-of-options", "\(commit)..HEAD"]),
            let oldest = out.split(separator: "\n").last
        else { return false }
        let ids = oldest.split(separator: " ")
        return ids.count > 1 && ids[1] == commit
    }

    /// Where git keeps what is shared by every work tree of the repository (`.git`), or nil.
    package func commonDirectory() -> String? {
        guard let path = try? string(["rev-parse", "--path-format=absolute", "--git-common-dir"]), !path.isEmpty
        else { return nil }
        return path
    }
}
