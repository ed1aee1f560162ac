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
    /// The first-parent history of `head`, oldest first, listing each commit's changes under
    /// `scope` (renames detected; a merge lists what it brought against its first parent), in one
    /// `git log --raw -z` pass. `after`: only the commits since that one (`after..head`).
    package func firstParentLog(of head: String, under scope: String, after: String? = nil) throws -> [LoggedCommit] {
        let data = try run(
            [
                "log", "--first-parent", "--root", "--raw", "-z", "-M", "--no-abbrev", "--no-color",
                "--no-show-signature",
                "--no-ext-diff", "--no-textconv", "--format=%x01%H %ct %cs", "--end-of-options",
                after.map { "\($0)..\(head)" } ?? head, "--",
            ] + (scope.isEmpty ? [] : [scope]))
        return Self.parseLog([UInt8](data)).reversed()
    }

    /// Parses the output of `firstParentLog`: a header `\u{1}sha time date`, ended by a NUL, then
    /// raw records `:oldmode newmode oldid newid status` each followed by one path (two for a
    /// rename or copy), each ended by a NUL.
    package static func parseLog(_ data: [UInt8]) -> [LoggedCommit] {
        // Read in place, a field at a time: a year of history is tens of thousands of records.
        var commits: [LoggedCommit] = []
        data.withUnsafeBufferPointer { bytes in
            let n = bytes.count
            var i = 0
            // The next field (up to a NUL or the end), and `i` past its NUL; nil after the last.
            func next() -> Range<Int>? {
                guard i <= n else { return nil }
                var end = i
                while end < n && bytes[end] != 0 { end += 1 }
                defer { i = end + 1 }
                return i..<end
            }
            // The words of `range` split at spaces (empty words left out), at most `limit`.
            func words(_ range: Range<Int>, limit: Int) -> [Range<Int>] {
                var out: [Range<Int>] = []
                var k = range.lowerBound
                while k < range.upperBound && out.count <= limit {
                    while k < range.upperBound && bytes[k] == 0x20 { k += 1 }
                    let start = k
                    while k < range.upperBound && bytes[k] != 0x20 { k += 1 }
                    if k > start { out.append(start..<k) }
                }
                return out
            }
            func text(_ range: Range<Int>) -> String {
                FileSystem.displayName(UnsafeBufferPointer(rebasing: bytes[range])).text
            }
            while var field = next() {
                while field.lowerBound < field.upperBound && bytes[field.lowerBound] == 0x0A {
                    field = field.lowerBound + 1..<field.upperBound
                }
                guard let first = field.first.map({ bytes[$0] }) else { continue }
                if first == 0x01 {
                    let parts = words(field.lowerBound + 1..<field.upperBound, limit: 3)
                    guard parts.count == 3, let time = Int(text(parts[1])),
                        case .success(let day) = Day.parse(text(parts[2]))
                    else { continue }
                    commits.append(LoggedCommit(sha: text(parts[0]), day: day, time: time, changes: []))
                    continue
                }
                guard first == UInt8(ascii: ":"), !commits.isEmpty else { continue }
                let header = words(field.lowerBound + 1..<field.upperBound, limit: 5)
                guard header.count == 5, bytes[header[4].lowerBound] < 0x80 else { continue }
                let status = Character(Unicode.Scalar(bytes[header[4].lowerBound]))
                let renamed = status == "R" || status == "C"
                guard let one = next() else { break }
                let firstPath = text(one)
                var last = firstPath
                if renamed {
                    guard let two = next() else { break }
                    last = text(two)
                }
                commits[commits.count - 1].changes.append(
                    LoggedCommit.Change(
                        status: status, from: renamed ? firstPath : nil, path: last,
                        mode: text(status == "D" ? header[0] : header[1]), blob: text(header[3])))
            }
        }
        return commits
    }

    /// Whether `head`'s first-parent history passes through `commit`, `head` aside: the commits
    /// since it are then what `head`'s history adds to it.
    package func firstParentHistoryContinues(_ commit: String, to head: String) -> Bool {
        guard
            let out = try? string(["rev-list", "--first-parent", "--parents", "--end-of-options", "\(commit)..\(head)"]
            ),
            let oldest = out.split(separator: "\n").last
        else { return false }
        let ids = oldest.split(separator: " ")
        return ids.count > 1 && ids[1] == commit
    }
}
