import FieldnotesSupport

/// Applies an account's suppression comments to its findings, once every rule has run and the
/// team's severities are set: the one place every command (check, the hook, the editor, the
/// reports' counts) gets its findings from.
package enum Suppressions {
    /// `diagnostics` without those the comments of `file` silence, with the findings about the
    /// comments themselves (`invalid-suppression`, and with `reportUnused` `unused-suppression`)
    /// at the team's severity.
    package static func apply(
        _ diagnostics: [Diagnostic], file: SourceFile, body: Body, config: Config, reportUnused: Bool = true
    ) -> [Diagnostic] {
        let firstSection = body.sections.first.map { file.lineIndex(of: $0.headingRange.start) }
        let found = SuppressionComments.read(file, body: body, firstSection: firstSection)
        guard !found.suppressions.isEmpty || !found.problems.isEmpty else { return diagnostics }
        var used = found.suppressions.map { [Bool](repeating: false, count: $0.names.count) }
        var kept = diagnostics.filter { !silenced($0, by: found.suppressions, in: file, used: &used) }
        var own = found.problems
        for (s, suppression) in found.suppressions.enumerated() {
            // As ruff does for RUF100: a comment that names unused-suppression is never reported unused.
            if !reportUnused || suppression.names.contains(where: { $0.rule == .unusedSuppression }) { continue }
            let unused = suppression.names.indices.filter { !used[s][$0] }
            for n in unused {
                let name = suppression.names[n]
                own.append(
                    UnusedSuppression.unused(
                        name.rule, scope: suppression.scope, nextLine: suppression.nextLine,
                        at: unused.count == suppression.names.count ? suppression.range : name.range,
                        ruleIsOff: config.severity(of: name.rule) == nil))
            }
        }
        for var d in own {
            guard let rule = d.rule, let severity = config.severity(of: rule) else { continue }
            d.severity = severity
            if !silenced(d, by: found.suppressions, in: file, used: &used) { kept.append(d) }
        }
        return kept
    }

    /// Whether a suppression silences `d`; marks the name that does as used.
    private static func silenced(
        _ d: Diagnostic, by suppressions: [Suppression], in file: SourceFile, used: inout [[Bool]]
    ) -> Bool {
        guard let rule = d.rule, !SuppressionComments.unsuppressible.contains(rule) else { return false }
        let line = file.lineIndex(of: d.range.start)
        // A comment on the line first: the file-wide one is then the one left unused.
        for fileWide in [false, true] {
            for (s, suppression) in suppressions.enumerated() {
                switch suppression.scope {
                case .file: if !fileWide { continue }
                case .line(let target): if fileWide || target != line { continue }
                }
                if let n = suppression.names.firstIndex(where: { $0.rule == rule }) {
                    used[s][n] = true
                    return true
                }
            }
        }
        return false
    }
}
