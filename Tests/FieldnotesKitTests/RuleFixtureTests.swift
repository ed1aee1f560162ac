import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Fixture notes mark the diagnostics they must produce, like rustc's UI tests:
///
/// - in the front matter, a trailing `#~ rule` on the line, or a line `#~^ rule` for the line above;
/// - in the body, a trailing `<!--~ rule -->`, or a line `<!--~^ rule -->` for the line above.
///
/// Several rules may be listed, separated by spaces; `rule@col` also pins the column.
/// Any diagnostic without a marker, and any marker without a diagnostic, fails the test.
struct RuleFixtureTests {
    struct Expectation: Hashable, CustomStringConvertible {
        var line: Int
        var rule: String
        var column: Int?
        var description: String { "\(line):\(column.map(String.init) ?? "*") \(rule)" }
    }

    static func expectations(in text: String) -> [Expectation] {
        var out: [Expectation] = []
        var lastRealLine = 0
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let line = String(rawLine)
            let number = index + 1
            var found: (above: Bool, rules: [Substring])?
            for (open, close) in [("#~", ""), ("<!--~", "-->")] {
                guard let r = line.range(of: open) else { continue }
                var rest = line[r.upperBound...]
                let above = rest.hasPrefix("^")
                if above { rest = rest.dropFirst() }
                if !close.isEmpty, let c = rest.range(of: close) { rest = rest[..<c.lowerBound] }
                found = (above, rest.split(separator: " ").filter { !$0.isEmpty })
                let before = line[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
                if above && !before.isEmpty { Issue.record("marker '^' must be alone on its line (line \(number))") }
                break
            }
            guard let found else { lastRealLine = number; continue }
            let target = found.above ? lastRealLine : number
            if !found.above { lastRealLine = number }
            for token in found.rules {
                let parts = token.split(separator: "@")
                out.append(
                    Expectation(line: target, rule: String(parts[0]), column: parts.count > 1 ? Int(parts[1]) : nil))
            }
        }
        return out
    }

    static let repository = Project.fixtures.appendingPathComponent("rules")

    static func fixtureFiles() -> [String] {
        let accounts = repository.appendingPathComponent("accounts")
        return ((try? FileManager.default.contentsOfDirectory(atPath: accounts.path)) ?? []).filter {
            $0.hasSuffix(".md")
        }.sorted()
    }

    @Test(arguments: fixtureFiles())
    func fixture(_ name: String) throws {
        let workspace = try Workspace.open(paths: [], cwd: Self.repository, configPath: nil)
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: testDay)
        let url = Self.repository.appendingPathComponent("accounts").appendingPathComponent(name)
        let raw = try Data(contentsOf: url)
        let report = Checker.check(
            FileReader.read(url, displayPath: "accounts/" + name), path: "accounts/" + name, context: context)
        let expected = Self.expectations(in: String(decoding: raw, as: UTF8.self))
        var unmatched = report.diagnostics.map { d -> (Expectation, Diagnostic) in
            let l = report.source.location(of: d.range.start)
            return (Expectation(line: l.line, rule: d.rule?.rawValue ?? "-", column: l.column), d)
        }
        var missing: [Expectation] = []
        for e in expected {
            if let i = unmatched.firstIndex(where: {
                $0.0.line == e.line && $0.0.rule == e.rule && (e.column == nil || $0.0.column == e.column)
            }) {
                unmatched.remove(at: i)
            } else {
                missing.append(e)
            }
        }
        for e in missing {
            Issue.record(
                "\(name):\(e.line): expected \(e.rule)\(e.column.map { " at column \($0)" } ?? ""), not reported")
        }
        for (e, d) in unmatched { Issue.record("\(name):\(e.line):\(e.column!): unexpected \(e.rule): \(d.message)") }
    }

    /// Every rule has at least one fixture that triggers it.
    @Test func everyRuleHasAFixture() throws {
        var covered = Set<String>()
        for name in Self.fixtureFiles() {
            let raw = try Data(
                contentsOf: Self.repository.appendingPathComponent("accounts").appendingPathComponent(name))
            for e in Self.expectations(in: String(decoding: raw, as: UTF8.self)) { covered.insert(e.rule) }
        }
        for rule in Rule.allCases {
            #expect(covered.contains(rule.rawValue), "no fixture marks a '\(rule.rawValue)' diagnostic")
        }
    }

    @Test func markerParsing() {
        let text = "---\nstage: discvery #~ invalid-value@8\n#~^ other\n---\n## A\nx <!--~ r1 r2 -->\n<!--~^ r3 -->\n"
        let e = Self.expectations(in: text)
        #expect(
            e == [
                Expectation(line: 2, rule: "invalid-value", column: 8),
                Expectation(line: 2, rule: "other", column: nil),
                Expectation(line: 6, rule: "r1", column: nil), Expectation(line: 6, rule: "r2", column: nil),
                Expectation(line: 6, rule: "r3", column: nil),
            ])
    }
}
