import FieldnotesSupport

/// `check --statistics`: how many findings each rule has, most frequent first (ties by rule
/// name), instead of the findings; as text or JSON. Each file leaves its counts, a few numbers.
public struct StatisticsRenderer: Sendable {
    /// JSON instead of text.
    public var json: Bool
    /// The text form ends with the totals line (not with `--quiet`).
    public var summary: Bool

    public init(json: Bool, summary: Bool = true) {
        self.json = json
        self.summary = summary
    }

    /// The findings of one rule (nil: a problem of the settings, which has no rule).
    public struct Count: Sendable, Equatable {
        public var rule: Rule?
        /// The most serious severity of its findings.
        public var severity: Severity
        public var count: Int
    }

    /// The counts of `files`' diagnostics per rule, most frequent first, then by rule name.
    public static func counts(_ files: [[Count]]) -> [Count] {
        var byRule: [Rule?: Count] = [:]
        for file in files {
            for c in file {
                var total = byRule[c.rule] ?? Count(rule: c.rule, severity: c.severity, count: 0)
                total.count += c.count
                total.severity = min(total.severity, c.severity)
                byRule[c.rule] = total
            }
        }
        return byRule.values.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            return (a.rule?.rawValue ?? "~") < (b.rule?.rawValue ?? "~")
        }
    }

    /// The text form: `  12  unanswered-question  warning`, counts aligned on the right.
    public static func text(_ counts: [Count]) -> String {
        let digits = counts.map { String($0.count).count }.max() ?? 1
        let names = counts.map { $0.rule?.rawValue ?? "(settings)" }
        let nameWidth = names.map(\.count).max() ?? 0
        var out = ""
        for (c, name) in zip(counts, names) {
            let number = String(c.count)
            out += String(repeating: " ", count: digits - number.count) + number + "  " + name
            out += String(repeating: " ", count: nameWidth - name.count) + "  " + c.severity.rawValue + "\n"
        }
        return out
    }

    /// The JSON form: the summary of `check --format json`, then the counts.
    public static func json(_ counts: [Count], totals: DiagnosticTotals) -> String {
        let items: [JSONValue] = counts.map { c in
            .object([
                ("rule", c.rule.map { .string($0.rawValue) } ?? .null), ("severity", .string(c.severity.rawValue)),
                ("count", .int(c.count)),
            ])
        }
        let root: JSONValue = .object([
            ("version", .int(1)),
            (
                "summary",
                .object([
                    ("files", .int(totals.files)), ("errors", .int(totals[.error])),
                    ("warnings", .int(totals[.warning])), ("notes", .int(totals[.note])),
                ])
            ),
            ("statistics", .array(items)),
        ])
        return JSONWriter.pretty(root) + "\n"
    }
}

extension StatisticsRenderer: DiagnosticRenderer {
    /// Nothing is printed per file: each leaves its counts.
    package func render(_ file: FileDiagnostics, into out: inout TextBuffer) -> [Count] {
        var counts: [Count] = []
        for d in file.diagnostics {
            if let i = counts.firstIndex(where: { $0.rule == d.rule }) {
                counts[i].count += 1
                counts[i].severity = min(counts[i].severity, d.severity)
            } else {
                counts.append(Count(rule: d.rule, severity: d.severity, count: 1))
            }
        }
        return counts
    }

    package func finish(_ pending: [[Count]], totals: DiagnosticTotals) -> String {
        let counts = StatisticsRenderer.counts(pending)
        if json { return StatisticsRenderer.json(counts, totals: totals) }
        var out = StatisticsRenderer.text(counts)
        if summary {
            out +=
                (counts.isEmpty ? "" : "\n")
                + TextRenderer.summaryLine(
                    errors: totals[.error], warnings: totals[.warning], notes: totals[.note],
                    filesWithFindings: totals.filesWithFindings, files: totals.files) + "\n"
        }
        return out
    }
}
