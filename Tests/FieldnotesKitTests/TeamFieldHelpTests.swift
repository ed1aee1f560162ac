import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesSupport

/// A missing team field's help quotes the description the team wrote, and only that: the
/// default description of an undescribed field, or a built-in field's, is not repeated.
struct TeamFieldHelpTests {
    static let config: Config = {
        let text = """
            fields:
              region: { type: string, required: true, description: "Sales region: EMEA, AMER or APAC" }
              tier: { type: string, required: true }
              segment: { type: string, required: true, description: "A team field for the market segment" }
            """
        guard case .success(let c) = Config.load(SourceFile(path: "fieldnotes.yml", text: text)) else {
            fatalError("config")
        }
        return c
    }()

    func missingHelp(_ field: String) throws -> String {
        let text = "---\naccount: Acme\nowner: dana\nstage: prospecting\n---\n\n# Acme\n"
        let report = checkText(text, config: Self.config)
        let d = try #require(report.diagnostics.first { $0.rule == .missingField && $0.subject == field })
        return d.help ?? ""
    }

    @Test func aDescribedTeamFieldQuotesItsDescription() throws {
        #expect(Self.config.fields.first { $0.name == "region" }?.teamDescribed == true)
        #expect(try missingHelp("region").hasSuffix("(Sales region: EMEA, AMER or APAC)"))
    }

    @Test func anUndescribedTeamFieldSaysNoMoreThanItsName() throws {
        #expect(Self.config.fields.first { $0.name == "tier" }?.teamDescribed == false)
        let help = try missingHelp("tier")
        #expect(!help.contains("A team field") && !help.contains("("), "\(help)")
    }

    /// Whether a description was written is known, not guessed from its first words.
    @Test func aWrittenDescriptionIsQuotedWhateverItsWords() throws {
        #expect(try missingHelp("segment").hasSuffix("(A team field for the market segment)"))
    }
}
