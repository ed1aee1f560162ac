import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Each rule lives in one file named after it; its findings say which message they are and
/// what they are about, so that tools never read their text.
struct RuleHomeTests {
    /// `missing-field` → `MissingField`, `yaml-syntax` → `YAMLSyntax`.
    static func typeName(_ rule: Rule) -> String {
        rule.rawValue.split(separator: "-").map { $0 == "yaml" ? "YAML" : $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// The syntax findings share one file; every other rule has its own.
    static let syntaxRules: [Rule] = [
        .encoding, .frontMatterMissing, .frontMatterUnclosed, .yamlSyntax, .yamlUnsupported, .duplicateKey,
    ]

    @Test func everyRuleIsDefinedOnceByATypeNamedAfterIt() {
        let defined = Rule.definitions.map { $0.rule }
        #expect(defined.count == Rule.allCases.count)
        #expect(Set(defined) == Set(Rule.allCases))
        for definition in Rule.definitions {
            #expect(String(describing: definition) == Self.typeName(definition.rule))
        }
    }

    @Test(arguments: Rule.allCases)
    func everyRuleHasItsFile(_ rule: Rule) throws {
        let folder = Project.root.appendingPathComponent("Sources/FieldnotesCore/Rules")
        let name = Self.syntaxRules.contains(rule) ? "SyntaxRules" : Self.typeName(rule)
        let text = try String(contentsOf: folder.appendingPathComponent(name + ".swift"), encoding: .utf8)
        #expect(text.contains("enum \(Self.typeName(rule)): RuleDefinition"), "\(name).swift")
        #expect(text.contains("static let rule = Rule.\(rule)"), "\(name).swift")
    }

    /// The README's table of rules says what the rules' documentation says.
    @Test func theReadmeTableIsTheRulesDocumentation() throws {
        let readme = try String(contentsOf: Project.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Rules\n").dropFirst().first)
        let rows = section.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("| rule |") }.dropFirst(2).prefix { $0.hasPrefix("|") }.map(String.init)
        let expected = Rule.allCases.map {
            "| \($0.rawValue) | \($0.defaultSeverity.rawValue) | \($0.info.tableSummary) |"
        }
        #expect(rows == expected)
    }

    /// Every finding of a rule names one of that rule's messages.
    @Test(arguments: Rule.allCases)
    func findingsNameTheirMessage(_ rule: Rule) {
        for d in checkText(rule.info.bad).diagnostics {
            #expect(d.messageID?.rule == d.rule, "\(d.message)")
        }
    }

    @Test func missingFieldsNameTheField() {
        let report = checkText("---\naccount: Binford Tools\nstage: discovery\nlast_contcat: 2026-11-18\n---\n")
        let missing = report.diagnostics.filter { $0.rule == .missingField }
        #expect(Set(missing.compactMap(\.subject)) == ["owner", "last_contact", "next_step", "contacts"])
        let typo = missing.first { $0.subject == "last_contact" }
        #expect(typo?.is(MissingField.Message.misspelled) == true)
        #expect(missing.first { $0.subject == "owner" }?.is(MissingField.Message.absent) == true)
    }

    @Test func unansweredQuestionsNameTheQuestion() throws {
        let report = checkText(
            AnswersTests.note(body: "## What changed\nVolumes grew.\n\n## Why are they buying?\nGrowth.\n\n## Log\n"))
        let findings = report.diagnostics.filter { $0.rule == .unansweredQuestion }
        let nearMiss = try #require(findings.first { $0.is(UnansweredQuestion.Message.nearMissHeading) })
        #expect(nearMiss.subject == "why_buying")
        #expect(nearMiss.fix?.edits.first?.replacement == "## Why they are buying")
        let open = Set(report.results.filter(\.status.isOpen).map(\.question.id))
        // The questions due at the stage with nothing in the notes: one finding about the stage,
        // each question a note that names it.
        let group = try #require(findings.first { $0.is(UnansweredQuestion.Message.dueAtStage) })
        #expect(group.subject == "discovery")
        #expect(!group.notes.isEmpty)
        for note in group.notes {
            let id = try #require(note.message.split(separator: "'").first.map(String.init))
            #expect(open.contains(id), "\(note.message)")
        }
        for d in findings where !d.is(UnansweredQuestion.Message.dueAtStage) {
            let id = try #require(d.subject)
            #expect(open.contains(id))
            #expect(d.message.contains("'\(id)'"), "\(d.message)")
        }
    }

    @Test func unknownContactsNameTheNameWritten() {
        let report = checkText(
            "---\naccount: Binford Tools\nowner: dana.reyes\nstage: prospecting\ncontacts:\n  - name: Jenny Park\n"
                + "    reports_to: Tom Alvarz\n  - name: Tom Alvarez\n---\n")
        let d = report.diagnostics.first { $0.rule == .unknownContact }
        #expect(d?.subject == "Tom Alvarz")
        #expect(d?.is(UnknownContact.Message.notInContacts) == true)
    }

    /// The words said of each question are the checklist's, written once.
    @Test func unansweredWordsAreWrittenPerQuestion() {
        let checklist = Checklist.builtIn
        let words = checklist.unansweredQuestionWords.questions
        #expect(words.count == checklist.questions.count)
        for (q, w) in zip(checklist.questions, words) {
            #expect(w.due == "unanswered question '\(q.id)' (due from \(q.from.rawValue))")
            #expect(w.ask.hasPrefix("ask: \(q.ask)"))
            #expect((w.addSection != nil) == (q.primaryTitle != nil))
        }
    }

    /// The editor's "add the missing sections" action names the finding it answers: the one that
    /// groups the questions due at the stage.
    @Test func addingMissingSectionsNamesTheirFindings() throws {
        let h = LSPHarness()
        let uri = templateURI("acme-missing-sections.md")
        let text = AnswersTests.note(body: "## What changed\nVolumes grew.\n\n## Log\n")
        h.open(uri, text)
        let published = try #require(h.diagnostics(uri))
        // The editor shows the help below the message.
        func firstLine(_ d: JSONValue) -> String? {
            d["message"]?.string?.split(separator: "\n").first.map(String.init)
        }
        let due = published.compactMap(firstLine).filter { $0.contains(" questions due at discovery have no ") }
        let p = utf16Position(of: "account", in: text)
        let params: JSONValue = .object([
            ("textDocument", .object([("uri", .string(uri))])),
            ("range", LSPHarness.range(p.line, p.character, p.line, p.character)),
            ("context", .object([("diagnostics", .array([]))])),
        ])
        let actions = h.request("textDocument/codeAction", params)?["result"]?.array ?? []
        let add = try #require(actions.first { ($0["title"]?.string ?? "").hasPrefix("Add the ") })
        let related = (add["diagnostics"]?.array ?? []).compactMap(firstLine)
        // "Add the 8 missing sections due at discovery": the finding with a note per question.
        let count = try #require(Int(add["title"]?.string?.split(separator: " ")[2] ?? ""))
        #expect(count > 1)
        #expect(related.count == 1 && due.count == 1)
        #expect(Set(related) == Set(due))
        let notes = (add["diagnostics"]?.array?.first?["relatedInformation"]?.array ?? []).count
        #expect(notes >= count)
    }
}
