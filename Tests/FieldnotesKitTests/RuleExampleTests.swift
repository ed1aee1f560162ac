import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Each rule's documented examples (shown by `explain`) double as tests: the bad one
/// triggers the rule, the good one does not (SwiftLint's triggering / non-triggering examples).
struct RuleExampleTests {
    @Test(arguments: Rule.allCases)
    func badExampleTriggers(_ rule: Rule) {
        let report = checkText(rule.info.bad)
        #expect(report.diagnostics.contains { $0.rule == rule }, "\(rule): \(report.diagnostics.map(\.message))")
    }

    @Test(arguments: Rule.allCases)
    func goodExampleDoesNot(_ rule: Rule) {
        let report = checkText(rule.info.good)
        #expect(!report.diagnostics.contains { $0.rule == rule }, "\(rule): \(report.diagnostics.map(\.message))")
        #expect(report.errorCount == 0, "\(rule): \(report.diagnostics.map(\.message))")
    }

    /// rustc's diagnostic style: messages start lowercase and end without a period.
    @Test(arguments: Rule.allCases)
    func messagesFollowTheStyle(_ rule: Rule) {
        for d in checkText(rule.info.bad).diagnostics {
            #expect(!d.message.hasSuffix("."), "\(d.message)")
            #expect(d.message.first.map { !$0.isUppercase } ?? false || d.message.hasPrefix("YAML"), "\(d.message)")
            #expect(!d.message.lowercased().contains("illegal"))
        }
    }

    @Test func defaultSeveritiesMatchTheContract() {
        let expected: [Rule: Severity] = [
            .encoding: .error, .frontMatterMissing: .error, .frontMatterUnclosed: .error, .yamlSyntax: .error,
            .yamlUnsupported: .error, .duplicateKey: .error, .missingField: .error, .unknownField: .warning,
            .wrongType: .error, .invalidDate: .error, .invalidValue: .error, .duplicateContact: .error,
            .unknownContact: .warning, .futureDate: .error, .staleContact: .warning, .pastMeeting: .warning,
            .logAhead: .warning, .duplicateSection: .warning, .unansweredQuestion: .warning, .oneSidedLanguage: .note,
            .invalidSuppression: .warning, .unusedSuppression: .warning,
        ]
        #expect(Rule.allCases.count == 22)
        for rule in Rule.allCases { #expect(rule.defaultSeverity == expected[rule], "\(rule)") }
    }
}
