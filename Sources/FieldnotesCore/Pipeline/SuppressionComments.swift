import FieldnotesSupport

/// One suppression comment that applies: the rules it silences, and where.
package struct Suppression: Sendable {
    package enum Scope: Sendable, Equatable {
        /// `<!-- fieldnotes-disable RULE: reason -->` before the first section.
        case file
        /// The 0-based line it silences (nil: no line follows the comment).
        case line(Int?)
    }

    package struct Name: Sendable {
        package var rule: Rule
        /// The name as written in the comment.
        package var range: SourceRange
    }

    package var scope: Scope
    package var names: [Name]
    /// The whole comment (`<!-- … -->`, or `# …` to the end of the line).
    package var range: SourceRange
    /// Whether the comment silences the next line (else its own line, or the file).
    package var nextLine = false
}

/// Reads the suppression comments of an account: `<!-- fieldnotes-disable RULE[, RULE]: reason -->`
/// (the whole file, before the first section) and `<!-- fieldnotes-disable-next-line …: reason -->`
/// in the body, `# fieldnotes-disable-line RULE: reason` after a value in the front matter. A
/// comment that cannot apply (no reason, no rule, an unknown rule, in the wrong place) is an
/// `invalid-suppression` finding and silences nothing.
package enum SuppressionComments {
    package static let fileWide = "fieldnotes-disable"
    package static let nextLine = "fieldnotes-disable-next-line"
    package static let sameLine = "fieldnotes-disable-line"
    /// What a comment starts with to be read as a suppression.
    private static let marker = Array("fieldnotes-disable".utf8)

    /// Rules whose findings no comment silences: the file is not read reliably until they are
    /// fixed (as a linter never silences a syntax error), and a broken suppression is not
    /// vouched for by another comment.
    package static let unsuppressible: Set<Rule> = [
        .encoding, .frontMatterMissing, .frontMatterUnclosed, .yamlSyntax, .yamlUnsupported, .invalidSuppression,
    ]

    package struct Found: Sendable {
        package var suppressions: [Suppression] = []
        /// `invalid-suppression` findings (default severities).
        package var problems: [Diagnostic] = []
    }

    /// The suppression comments of `file`; `firstSection` is the first `##` heading's line, if any.
    package static func read(_ file: SourceFile, body: Body, firstSection: Int?) -> Found {
        var found = Found()
        guard Bytes.firstRange(of: marker, in: file.bytes[...]) != nil else { return found }
        let lines = FrontMatterSplit.lines(of: file)
        if let lines { readFrontMatter(file, lines: lines.yaml, into: &found) }
        if lines?.isClosed ?? true {
            readBody(
                file, from: lines?.bodyStart ?? 0, fenced: body.fencedLines, firstSection: firstSection, into: &found)
        }
        return found
    }

    // MARK: - The comment's text

    /// What a comment says, with the file offsets of its parts.
    struct Parsed {
        var directive: String
        var directiveRange: SourceRange
        var names: [(name: String, range: SourceRange)] = []
        var reason: String?
    }

    /// Reads the text of a comment in `range` (after `<!--` or `#`): nil when it is not a suppression.
    static func parse(_ file: SourceFile, _ range: Range<Int>) -> Parsed? {
        let bytes = file.bytes
        var p = range.lowerBound
        while p < range.upperBound && Bytes.isSpace(bytes[p]) { p += 1 }
        guard Bytes.matches(bytes[p..<range.upperBound], at: p, marker) else { return nil }
        let start = p
        while p < range.upperBound && !Bytes.isSpace(bytes[p]) && bytes[p] != UInt8(ascii: ":") { p += 1 }
        var parsed = Parsed(
            directive: String(decoding: bytes[start..<p], as: UTF8.self), directiveRange: SourceRange(start, p))
        let colon = bytes[p..<range.upperBound].firstIndex(of: UInt8(ascii: ":"))
        var q = p
        let namesEnd = colon ?? range.upperBound
        while q < namesEnd {
            while q < namesEnd && (Bytes.isSpace(bytes[q]) || bytes[q] == UInt8(ascii: ",")) { q += 1 }
            let nameStart = q
            while q < namesEnd && !Bytes.isSpace(bytes[q]) && bytes[q] != UInt8(ascii: ",") { q += 1 }
            if q > nameStart {
                parsed.names.append(
                    (String(decoding: bytes[nameStart..<q], as: UTF8.self), SourceRange(nameStart, q)))
            }
        }
        if let colon {
            let reason = String(decoding: Bytes.trim(bytes[(colon + 1)..<range.upperBound]), as: UTF8.self)
            if !reason.trimmingSpaces().isEmpty { parsed.reason = reason }
        }
        return parsed
    }

    /// The rules a parsed comment silences, or nil (and the findings that say why) when it cannot
    /// apply. `allowed` are the directives valid where the comment is.
    static func validate(
        _ parsed: Parsed, comment: SourceRange, allowed: [String], into found: inout Found
    ) -> [Suppression.Name]? {
        guard allowed.contains(parsed.directive) else {
            let known = [fileWide, nextLine, sameLine]
            found.problems.append(
                known.contains(parsed.directive)
                    ? InvalidSuppression.wrongPlace(parsed.directive, at: parsed.directiveRange)
                    : InvalidSuppression.unknownDirective(
                        parsed.directive, at: parsed.directiveRange,
                        suggestion: Suggest.closest(to: parsed.directive, in: allowed), allowed: allowed))
            return nil
        }
        if parsed.names.isEmpty {
            found.problems.append(InvalidSuppression.noRule(parsed.directive, at: comment))
            return nil
        }
        var names: [Suppression.Name] = []
        let ruleNames = Rule.allCases.map(\.rawValue)
        for (name, range) in parsed.names {
            if let rule = Rule(rawValue: name) {
                if unsuppressible.contains(rule) {
                    found.problems.append(InvalidSuppression.unsuppressible(rule, at: range))
                } else if !names.contains(where: { $0.rule == rule }) {
                    names.append(.init(rule: rule, range: range))
                }
            } else {
                found.problems.append(
                    InvalidSuppression.unknownRule(
                        name, at: range, suggestion: Suggest.closest(to: name, in: ruleNames)))
            }
        }
        guard parsed.reason != nil else {
            found.problems.append(
                InvalidSuppression.noReason(parsed.directive, names: parsed.names.map(\.name), at: comment))
            return nil
        }
        return names.isEmpty ? nil : names
    }
}
