import FieldnotesSupport
import Foundation

/// Applies the fixes of an account's findings (`Diagnostic.Fix`, the same the editor offers as
/// quick fixes) to its text: `fieldnotes fix`.
///
/// As ruff does: the fixes of a file are applied in the order of the text, a fix whose edits
/// touch those of one applied before is left for the next pass, and the fixed text is checked
/// again, until no fix applies or `maxPasses` is reached. Fixes that depend on each other (a
/// value fixed once its key is) so converge, and a second run finds nothing to do.
public enum Fixer {
    /// Fix, check again: at most this many times per file.
    public static let maxPasses = 10

    /// What fixing one file gave.
    public struct Outcome: Sendable {
        /// The file's bytes as read.
        public var original: [UInt8]
        /// Its bytes with the fixes applied (the same when none applied).
        public var fixed: [UInt8]
        /// Findings fixed (one fix may fix several: the missing sections).
        public var fixedCount: Int
        /// Findings left whose fix is unsafe, when unsafe fixes were not asked for.
        public var unsafeLeft: Int
        /// The report of the fixed text: what `check` says of it.
        public var report: AccountReport

        public var changed: Bool { original != fixed }
    }

    /// Fixes `bytes`, the file at `path`; `unsafe`: unsafe fixes too.
    public static func fix(_ bytes: [UInt8], path: String, context: CheckContext, unsafe: Bool) -> Outcome {
        var current = bytes
        var fixedCount = 0
        var report = check(current, path: path, context: context)
        for _ in 0..<maxPasses {
            let fixes = report.diagnostics.compactMap(\.fix).filter { unsafe || $0.applicability == .safe }
            guard !fixes.isEmpty, let source = readable(current, path: path) else { break }
            let applied = apply(fixes, to: current, checked: source)
            guard applied.bytes != current else { break }
            fixedCount += applied.count
            current = applied.bytes
            report = check(current, path: path, context: context)
        }
        let unsafeLeft = unsafe ? 0 : report.diagnostics.filter { $0.fix?.applicability == .unsafe }.count
        return Outcome(original: bytes, fixed: current, fixedCount: fixedCount, unsafeLeft: unsafeLeft, report: report)
    }

    private static func check(_ bytes: [UInt8], path: String, context: CheckContext) -> AccountReport {
        Checker.check(FileReader.decode(bytes, displayPath: path), path: path, context: context)
    }

    /// The checked text of `bytes`; nil when they are not text fieldnotes reads (nothing to fix).
    private static func readable(_ bytes: [UInt8], path: String) -> SourceFile? {
        if case .text(let source) = FileReader.decode(bytes, displayPath: path) { return source }
        return nil
    }

    /// `bytes` (the file as it is) with `fixes` applied: their ranges are in `checked` (no BOM,
    /// LF line endings) and are mapped back to the file, each line break they write is the
    /// file's own, and every byte no edit touches stays as it is. Of fixes that touch the same
    /// text, the first (in the text's order) is applied; the same fix twice is applied once
    /// and counted for both findings. `count`: the findings fixed.
    package static func apply(
        _ fixes: [Diagnostic.Fix], to bytes: [UInt8], checked: SourceFile
    ) -> (bytes: [UInt8], count: Int) {
        let ordered = fixes.enumerated().sorted { a, b in
            let (x, y) = (a.element.edits.map(\.range.start).min() ?? 0, b.element.edits.map(\.range.start).min() ?? 0)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        var accepted: [Diagnostic.Fix] = []
        var edits: [Diagnostic.Fix.Edit] = []
        var count = 0
        for fix in ordered {
            if accepted.contains(fix) {
                count += 1
                continue
            }
            guard !fix.edits.contains(where: { e in edits.contains { overlap($0.range, e.range) } }) else { continue }
            accepted.append(fix)
            edits += fix.edits
            count += 1
        }
        guard !edits.isEmpty else { return (bytes, 0) }
        let offsets = offsetMap(bytes, checked: checked)
        let newline = lineBreak(of: bytes)
        var out = bytes
        for edit in edits.sorted(by: { $0.range.start > $1.range.start }) {
            let start = offsets.map { $0[edit.range.start] } ?? edit.range.start
            let end = offsets.map { $0[edit.range.end] } ?? edit.range.end
            var text = edit.replacement
            if newline != "\n" { text = text.replacingOccurrences(of: "\n", with: newline) }
            out.replaceSubrange(start..<end, with: Array(text.utf8))
        }
        return (out, count)
    }

    /// Whether two edits touch the same text: they overlap, or start at the same place (two
    /// insertions there, or one before a replacement, have no order of their own).
    private static func overlap(_ a: SourceRange, _ b: SourceRange) -> Bool {
        a.start == b.start || (a.start < b.end && b.start < a.end)
    }

    /// Where each offset of the checked text is in the file's bytes (one more for the end); nil
    /// when they are the same (no BOM, no CR).
    private static func offsetMap(_ bytes: [UInt8], checked: SourceFile) -> [Int]? {
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard bom > 0 || bytes.contains(0x0D) else { return nil }
        var map: [Int] = []
        map.reserveCapacity(checked.bytes.count + 1)
        var i = bom
        while i < bytes.count {
            map.append(i)
            i += bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
        }
        map.append(bytes.count)
        return map
    }

    /// The file's line break, by its first line: CRLF, CR or LF.
    private static func lineBreak(of bytes: [UInt8]) -> String {
        guard let i = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }), bytes[i] == 0x0D else { return "\n" }
        return i + 1 < bytes.count && bytes[i + 1] == 0x0A ? "\r\n" : "\r"
    }
}

extension Fixer {
    /// Why a fixed file was not written.
    public enum WriteFailure: Error, Equatable {
        /// Its bytes are not those that were fixed: someone changed it meanwhile.
        case changed
        /// The system refused (the message says why).
        case failed(String)
    }

    /// Writes `fixed` over the file at `location` in one step (a temporary file in its folder,
    /// renamed over it: a reader sees the old or the new text, never a mix), keeping its
    /// permissions, and only if the file still holds `original`. A symbolic link stays a
    /// link: the file it points to is replaced.
    public static func write(_ fixed: [UInt8], over original: [UInt8], at location: String, shown: String) throws {
        let target = FileSystem.realPath(location) ?? location
        guard case .bytes(let now) = FileSystem.read(target, maxSize: FileReader.maxSize), now == original else {
            throw WriteFailure.changed
        }
        do {
            try FileSystem.replaceKeeping(target, bytes: fixed, shown: shown)
        } catch let failure as FileSystem.CreateFailure {
            throw WriteFailure.failed(failure.toolError.message)
        }
    }
}
