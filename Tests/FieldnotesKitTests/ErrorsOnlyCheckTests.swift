import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesSupport

/// The reports check with `findings: .errors` (a rule that cannot give an error is not run): the
/// errors must be exactly those of a full check, whatever the team's severities and comments.
@Suite struct ErrorsOnlyCheckTests {
    /// Every account of the rules' fixtures and of the template (suppression comments, bad
    /// encodings, syntax errors, future dates, one-sided language, stale contacts…).
    static func files() throws -> [(path: String, outcome: FileReader.Outcome)] {
        var out: [(String, FileReader.Outcome)] = []
        for folder in [
            Project.fixtures.appendingPathComponent("rules/accounts"),
            Project.template.appendingPathComponent("accounts"),
        ] {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
            for name in names.sorted() {
                let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
                out.append(("accounts/\(name)", FileReader.decode(bytes, displayPath: "accounts/\(name)")))
            }
        }
        return out
    }

    /// Team severities: the defaults; every rule an error; every rule an error but a comment that
    /// silenced nothing (the rules all run); the usual errors made warnings and some rules off.
    static let configs: [(name: String, config: Config)] = {
        var everyError = Config()
        for rule in Rule.allCases where rule != .unusedSuppression { everyError.severity[rule] = .some(.error) }
        var unusedToo = everyError
        unusedToo.severity[.unusedSuppression] = .some(.error)
        var relaxed = Config()
        for rule in Rule.allCases where rule.info.severity == .error { relaxed.severity[rule] = .some(.warning) }
        relaxed.severity[.staleContact] = .some(.error)
        relaxed.severity[.oneSidedLanguage] = .some(nil)
        relaxed.severity[.invalidSuppression] = .some(.error)
        // Each rule that can be left out, the only one made an error beside the defaults: a rule
        // left out on another rule's severity would lose its errors.
        let alone: [(String, Config)] = [
            Rule.unansweredQuestion, .oneSidedLanguage, .futureDate, .logAhead, .staleContact, .pastMeeting,
        ].map { rule in
            var config = Config()
            for other in Rule.allCases where other.info.severity == .error { config.severity[other] = .some(.warning) }
            config.severity[rule] = .some(.error)
            return ("\(rule.rawValue) alone an error", config)
        }
        var unusedOnly = Config()
        unusedOnly.severity[.unusedSuppression] = .some(.error)
        return [
            ("defaults", Config()), ("every rule an error", everyError), ("unused too", unusedToo),
            ("unused-suppression an error", unusedOnly), ("relaxed", relaxed),
        ] + alone
    }()

    /// A finding in full: what `check` shows of it.
    static func text(_ d: Diagnostic) -> String {
        "\(d.rule?.rawValue ?? "-") \(d.severity) \(d.range.start)-\(d.range.end) \(d.message) | \(d.help ?? "")"
            + d.notes.map { " | \($0.message) \($0.range.map { "\($0.start)-\($0.end)" } ?? "")" }.joined()
            + " | \(d.subject ?? "") | \(d.fix.map { "\($0.edits.count) edits" } ?? "")"
    }

    @Test(arguments: configs.indices) func theErrorsAreThoseOfAFullCheck(config index: Int) throws {
        let (name, config) = Self.configs[index]
        let files = try Self.files()
        #expect(files.count > 40)
        var errors = 0
        for asOf in [testDay, Day(year: 2027, month: 6, day: 30)!] {
            let context = CheckContext(config: config, checklist: .builtIn, asOf: asOf)
            for (path, outcome) in files {
                let full = Checker.check(outcome, path: path, context: context)
                let only = Checker.check(outcome, path: path, context: context, findings: .errors)
                let expected = full.diagnostics.filter { $0.severity == .error }
                #expect(only.diagnostics.map(Self.text) == expected.map(Self.text), "\(name), \(path) as of \(asOf)")
                #expect(only.diagnostics.allSatisfy { $0.severity == .error })
                #expect(only.results.map(\.status) == full.results.map(\.status))
                errors += expected.count
            }
        }
        // Each set of severities finds errors to compare.
        #expect(errors > 0, "\(name)")
    }

    /// A rule that can give no error is not run: its findings are not made at all.
    @Test func aRuleThatCannotGiveAnErrorIsNotRun() throws {
        let text = """
            ---
            stage: solution
            last_contact: 2026-01-05
            ---
            # Acme

            ## Pain
            We will convince them to sign fast.
            """
        let context = CheckContext(config: Config(), checklist: .builtIn, asOf: testDay)
        let source = FileReader.decode(Array(text.utf8), displayPath: "accounts/acme.md")
        let full = Checker.check(source, path: "accounts/acme.md", context: context)
        let only = Checker.check(source, path: "accounts/acme.md", context: context, findings: .errors)
        #expect(full.diagnostics.contains { $0.rule == .staleContact })
        #expect(full.diagnostics.contains { $0.rule == .unansweredQuestion })
        #expect(only.diagnostics.allSatisfy { $0.severity == .error })
        #expect(!only.diagnostics.contains { $0.rule == .staleContact || $0.rule == .unansweredQuestion })
    }
}
