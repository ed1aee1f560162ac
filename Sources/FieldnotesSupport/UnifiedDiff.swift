/// A unified diff of two texts, as `diff -u` and `git diff` print it: `--- a/path`,
/// `+++ b/path`, then hunks of changed lines with `context` lines around them.
package enum UnifiedDiff {
    /// The diff of `old` and `new`, shown as the file `path`; empty when they are the same.
    /// Lines are compared as bytes; only the lines between the common start and end are
    /// aligned, and past `maxAligned` of those pairs they are shown as all removed and added.
    /// `escape` rewrites each line's text (not its line break) on its way out: for a terminal.
    package static func diff(
        _ old: [UInt8], _ new: [UInt8], path: String, context: Int = 3, escape: (String) -> String = { $0 }
    ) -> String {
        let a = lines(old), b = lines(new)
        guard a != b else { return "" }
        let ops = script(a, b)
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        for hunk in hunks(ops, context: context) {
            out += header(hunk, ops)
            for op in ops[hunk] {
                switch op {
                case .same(let i, _): out += line(" ", a[i], escape)
                case .removed(let i): out += line("-", a[i], escape)
                case .added(let j): out += line("+", b[j], escape)
                }
            }
        }
        return out
    }

    /// The most pairs of lines aligned line by line: a bound on the work.
    package static let maxAligned = 1_000_000

    private enum Op: Equatable {
        /// Line `i` of the old text, the same as line `j` of the new.
        case same(Int, Int)
        case removed(Int)
        case added(Int)
    }

    /// Lines with their line breaks (the last may have none).
    private static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            out.append(bytes[start...i])
            start = i + 1
        }
        if start < bytes.count { out.append(bytes[start...]) }
        return out
    }

    private static func line(_ mark: String, _ text: ArraySlice<UInt8>, _ escape: (String) -> String) -> String {
        var body = text
        var end = ""
        if body.last == 0x0A {
            body = body.dropLast()
            end = "\n"
            if body.last == 0x0D {
                body = body.dropLast()
                end = "\r\n"
            }
        }
        let shown = mark + escape(String(decoding: body, as: UTF8.self))
        return end.isEmpty ? shown + "\n\\ No newline at end of file\n" : shown + end
    }

    /// The edit script: the common start and end as they are, the middle by the longest common
    /// subsequence of its lines.
    private static func script(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Op] {
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] {
            tail += 1
        }
        var ops = (0..<head).map { Op.same($0, $0) }
        let (n, m) = (a.count - head - tail, b.count - head - tail)
        if n * m <= maxAligned {
            ops += aligned(a[head..<(head + n)], b[head..<(head + m)])
        } else {
            ops += (head..<(head + n)).map(Op.removed) + (head..<(head + m)).map(Op.added)
        }
        ops += (0..<tail).map { Op.same(a.count - tail + $0, b.count - tail + $0) }
        return ops
    }

    /// The middle lines, aligned by their longest common subsequence (removals before additions).
    private static func aligned(_ a: ArraySlice<ArraySlice<UInt8>>, _ b: ArraySlice<ArraySlice<UInt8>>) -> [Op] {
        let (n, m) = (a.count, b.count)
        let (a0, b0) = (a.startIndex, b.startIndex)
        // lcs[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[a0 + i] == b[b0 + j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [Op] = []
        var (i, j) = (0, 0)
        while i < n || j < m {
            if i < n && j < m && a[a0 + i] == b[b0 + j] {
                ops.append(.same(a0 + i, b0 + j))
                i += 1
                j += 1
            } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
                ops.append(.removed(a0 + i))
                i += 1
            } else {
                ops.append(.added(b0 + j))
                j += 1
            }
        }
        return ops
    }

    /// The ranges of `ops` shown: each change with `context` lines around it, changes closer
    /// than twice that in one hunk.
    private static func hunks(_ ops: [Op], context: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for (k, op) in ops.enumerated() {
            if case .same = op { continue }
            let range = max(0, k - context)..<min(ops.count, k + context + 1)
            if let last = out.last, range.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<range.upperBound
            } else {
                out.append(range)
            }
        }
        return out
    }

    /// `@@ -start,count +start,count @@`, a count of one left out and an empty side starting at
    /// the line before it, as `diff -u` writes them.
    private static func header(_ hunk: Range<Int>, _ ops: [Op]) -> String {
        var (oldCount, newCount) = (0, 0)
        var (oldStart, newStart): (Int?, Int?) = (nil, nil)
        var (oldBefore, newBefore) = (0, 0)
        for op in ops[..<hunk.lowerBound] {
            switch op {
            case .same: oldBefore += 1; newBefore += 1
            case .removed: oldBefore += 1
            case .added: newBefore += 1
            }
        }
        for op in ops[hunk] {
            switch op {
            case .same(let i, let j):
                oldStart = oldStart ?? i
                newStart = newStart ?? j
                oldCount += 1
                newCount += 1
            case .removed(let i):
                oldStart = oldStart ?? i
                oldCount += 1
            case .added(let j):
                newStart = newStart ?? j
                newCount += 1
            }
        }
        func side(_ start: Int?, _ before: Int, _ count: Int) -> String {
            if count == 0 { return "\(before),0" }
            return count == 1 ? "\(start! + 1)" : "\(start! + 1),\(count)"
        }
        return "@@ -\(side(oldStart, oldBefore, oldCount)) +\(side(newStart, newBefore, newCount)) @@\n"
    }
}
