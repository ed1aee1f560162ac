import FieldnotesSupport

/// The findings a team accepts for now, to adopt fieldnotes on notes written before it (ESLint's
/// bulk suppressions, SwiftLint's baseline): `check --write-baseline FILE` records them,
/// `check --baseline FILE` reports only the others.
///
/// A finding is known by its file, its rule and what it is about (its subject, else its message),
/// never by its line, so that editing above it does not bring it back. Each key is counted: when
/// the baseline holds two findings of a key and the file now has three, one is reported.
public struct Baseline: Sendable, Equatable {
    public struct Key: Hashable, Sendable, Comparable {
        public var path: String
        public var rule: String
        public var subject: String

        public init(path: String, rule: String, subject: String) {
            self.path = path
            self.rule = rule
            self.subject = subject
        }

        public static func < (a: Key, b: Key) -> Bool {
            (a.path, a.rule, a.subject) < (b.path, b.rule, b.subject)
        }
    }

    /// The version of the file format this fieldnotes reads and writes.
    public static let version = 1
    /// No baseline file larger than this is read.
    package static let maxSize = 256 << 20
    /// The most findings one key counts (no file holds more): sums of counts never overflow.
    package static let maxCount = 1 << 32

    public var counts: [Key: Int]

    public init(counts: [Key: Int] = [:]) {
        self.counts = counts.filter { $0.value > 0 }
    }

    public static func key(_ d: Diagnostic, path: String) -> Key {
        Key(path: path, rule: d.rule?.rawValue ?? "", subject: d.subject ?? d.message)
    }

    /// The findings of `file`, counted by key.
    public static func counts(of file: FileDiagnostics) -> [Key: Int] {
        var counts: [Key: Int] = [:]
        for d in file.diagnostics { counts[key(d, path: file.path), default: 0] += 1 }
        return counts
    }

    /// The findings of `file` the baseline does not hold, and how many it held. Of several findings
    /// with one key, the first ones in the file are the ones held.
    public func filter(_ file: FileDiagnostics) -> (file: FileDiagnostics, hidden: Int) {
        var left: [Key: Int] = [:]
        var kept: [Diagnostic] = []
        var hidden = 0
        for d in file.diagnostics {
            let key = Baseline.key(d, path: file.path)
            let remaining = left[key] ?? counts[key] ?? 0
            if remaining > 0 {
                left[key] = remaining - 1
                hidden += 1
            } else {
                left[key] = 0
                kept.append(d)
            }
        }
        var out = file
        out.diagnostics = kept
        return (out, hidden)
    }

    /// The baseline to write after a run that found `recorded` in the files `checked`: every
    /// finding found, or with `onlyHeld` only those this baseline held (fixed ones are dropped,
    /// new ones are not taken in). With `keepUnchecked`, what it holds for files the run did not
    /// check stays.
    public func updated(
        recorded: [Key: Int], checked: Set<String>, onlyHeld: Bool, keepUnchecked: Bool
    ) -> Baseline {
        var next: [Key: Int] = [:]
        for (key, n) in recorded {
            let count = onlyHeld ? min(n, counts[key] ?? 0) : n
            if count > 0 { next[key] = count }
        }
        if keepUnchecked {
            for (key, n) in counts where !checked.contains(key.path) { next[key] = n }
        }
        return Baseline(counts: next)
    }

    /// The total of findings held.
    public var total: Int { counts.values.reduce(0) { $0 + min($1, Baseline.maxCount) } }

    /// The file's text: JSON, one finding per line, sorted, so that it diffs and merges well.
    public func encoded() -> String {
        var out = "{\n  \"version\": \(Baseline.version),\n  \"findings\": ["
        for (i, key) in counts.keys.sorted().enumerated() {
            let finding: JSONValue = .object([
                ("path", .string(key.path)), ("rule", .string(key.rule)), ("subject", .string(key.subject)),
                ("count", .int(counts[key]!)),
            ])
            out += (i == 0 ? "\n    " : ",\n    ") + JSONWriter.compact(finding)
        }
        out += counts.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}

extension Baseline {
    /// Reads the baseline at `path` (`shown` is how the user wrote it).
    public static func read(_ path: String, shown: String) throws(ToolError) -> Baseline {
        let writeIt = "write it with 'fieldnotes check --write-baseline \(shown)'"
        switch FileSystem.read(path, maxSize: maxSize) {
        case .bytes(let bytes): return try decode(bytes, shown: shown)
        case .missing: throw ToolError("cannot read the baseline '\(shown)': no such file", help: writeIt)
        case .folder: throw ToolError("cannot read the baseline '\(shown)': it is a folder")
        case .notRegular: throw ToolError("cannot read the baseline '\(shown)': not a regular file")
        case .tooLarge(let size):
            throw ToolError("cannot read the baseline '\(shown)': \(size) bytes, more than \(maxSize)")
        case .denied: throw ToolError("cannot read the baseline '\(shown)': permission denied")
        case .failed(let reason): throw ToolError("cannot read the baseline '\(shown)': \(reason)")
        }
    }

    /// The baseline in `bytes`; a located error when it is not JSON or not a baseline.
    public static func decode(_ bytes: [UInt8], shown: String) throws(ToolError) -> Baseline {
        let source = SourceFile(path: shown, bytes: bytes)
        let value: JSONValue
        do {
            value = try JSONParser.parse(source.bytes)
        } catch {
            let at = min(error.offset, source.bytes.count)
            let d = Diagnostic(nil, "not JSON: \(error.message)", at: SourceRange(at, at))
            throw ToolError(
                "cannot read the baseline '\(shown)'", help: "write it again with 'fieldnotes check --write-baseline'",
                files: [FileDiagnostics(path: shown, source: source, diagnostics: [d])])
        }
        func invalid(_ what: String) -> ToolError {
            ToolError(
                "the baseline '\(shown)' is not one fieldnotes wrote: \(what)",
                help: "write it again with 'fieldnotes check --write-baseline \(shown)'")
        }
        guard case .object(let members) = value else { throw invalid("it is not a JSON object") }
        let fields = Dictionary(members, uniquingKeysWith: { first, _ in first })
        guard case .int(let version) = fields["version"] else { throw invalid("it has no 'version'") }
        guard version == Baseline.version else {
            throw ToolError(
                "the baseline '\(shown)' is version \(version); this fieldnotes reads version \(Baseline.version)",
                help: "write it again with this fieldnotes: 'fieldnotes check --write-baseline \(shown)'")
        }
        guard case .array(let findings) = fields["findings"] else { throw invalid("it has no list 'findings'") }
        var counts: [Key: Int] = [:]
        for (i, finding) in findings.enumerated() {
            guard case .object(let f) = finding else { throw invalid("finding \(i + 1) is not an object") }
            let f1 = Dictionary(f, uniquingKeysWith: { first, _ in first })
            guard case .string(let path) = f1["path"], case .string(let rule) = f1["rule"],
                case .string(let subject) = f1["subject"], case .int(let count) = f1["count"], count > 0,
                count <= maxCount
            else {
                throw invalid(
                    "finding \(i + 1) needs 'path', 'rule' and 'subject' (text) and 'count' (from 1 to \(maxCount))")
            }
            let key = Key(path: path, rule: rule, subject: subject)
            counts[key] = min(maxCount, (counts[key] ?? 0) + count)
        }
        return Baseline(counts: counts)
    }

    /// Writes the baseline to `path` in one step: a reader sees the old file or the new one.
    public func write(to path: String, shown: String) throws(ToolError) {
        do {
            try FileSystem.replaceKeeping(path, bytes: Array(encoded().utf8), shown: shown)
        } catch let failure as FileSystem.CreateFailure {
            throw failure.toolError
        } catch {
            throw ToolError("cannot write the baseline '\(shown)': \(error)")
        }
    }
}
