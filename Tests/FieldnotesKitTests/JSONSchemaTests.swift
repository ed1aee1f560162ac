import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesSupport

/// `fieldnotes schema`: draft-07 schemas that check-jsonschema agrees with fieldnotes on.
struct JSONSchemaTests {
    /// A temporary folder for schemas and extracted front matter.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldnotes-schema-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        func write(_ name: String, _ text: String) throws -> String {
            let file = url.appendingPathComponent(name)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// The front matter of a note: the lines between the opening `---` and the next.
    static func frontMatter(_ note: String) -> String {
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false)
        let end = lines.dropFirst().firstIndex { $0 == "---" } ?? lines.count
        return lines[1..<end].joined(separator: "\n") + "\n"
    }

    static var accounts: [URL] {
        let folder = Project.template.appendingPathComponent("accounts")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && !$0.hasPrefix("_") }.sorted().map {
            folder.appendingPathComponent($0)
        }
    }

    func schema(_ args: [String] = []) throws -> String {
        let run = runCLI(["schema"] + args, in: Project.template)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    @Test(.needs("check-jsonschema"))
    func everySchemaIsValidDraft07() throws {
        guard let validator = requireTool("check-jsonschema") else { return }
        let folder = try Folder()
        for target in ["front-matter", "config", "checklist"] {
            let text = try schema(["--for", target])
            #expect(text.contains("\"$schema\": \"http://json-schema.org/draft-07/schema#\""))
            let file = try folder.write("\(target).json", text)
            let check = try runProgram(validator, ["--check-metaschema", file])
            #expect(check.status == 0, "\(target): \(check.stdout)\(check.stderr)")
        }
        // The meta-schema check does refuse a schema that is not one.
        let broken = try folder.write(
            "broken.json", #"{"$schema": "http://json-schema.org/draft-07/schema#", "type": 12}"#)
        #expect(try runProgram(validator, ["--check-metaschema", broken]).status != 0)
    }

    @Test(.needs("check-jsonschema"))
    func theTemplateIsAcceptedAndBrokenNotesAreNot() throws {
        guard let validator = requireTool("check-jsonschema") else { return }
        let folder = try Folder()
        let schemaFile = try folder.write("front-matter.json", try schema())
        func validate(_ name: String, _ yaml: String) throws -> Run {
            try runProgram(validator, ["--schemafile", schemaFile, try folder.write(name, yaml)])
        }
        #expect(Self.accounts.count >= 3)
        var binford = ""
        for account in Self.accounts {
            let yaml = Self.frontMatter(try String(contentsOf: account, encoding: .utf8))
            if account.lastPathComponent == "binford-tools.md" { binford = yaml }
            let run = try validate(account.lastPathComponent + ".yaml", yaml)
            #expect(run.status == 0, "\(account.lastPathComponent): \(run.stdout)\(run.stderr)")
        }
        #expect(binford.contains("\nbudget: planned\n") && binford.contains("\nlast_contact: 2026-11-18\n"))
        let broken: [(name: String, yaml: String, says: String)] = [
            ("enum", binford.replacingOccurrences(of: "\nbudget: planned\n", with: "\nbudget: plenty\n"), "$.budget"),
            (
                "team-enum", binford.replacingOccurrences(of: "\ntier: a\n", with: "\ntier: z\n"), "$.tier"
            ),
            (
                "date", binford.replacingOccurrences(of: "last_contact: 2026-11-18", with: "last_contact: 18.11.2026"),
                "$.last_contact"
            ),
            (
                "no-such-day",
                binford.replacingOccurrences(of: "last_contact: 2026-11-18", with: "last_contact: 2026-02-30"),
                "$.last_contact"
            ),
            (
                "list", binford.replacingOccurrences(of: "owner: dana.reyes", with: "owner: [dana, sam]"), "$.owner"
            ),
            ("required", binford.replacingOccurrences(of: "owner: dana.reyes\n", with: ""), "'owner' is a required"),
            (
                "by-stage", binford.replacingOccurrences(of: "last_contact: 2026-11-18\n", with: ""),
                "'last_contact' is a required"
            ),
            (
                "nested", binford.replacingOccurrences(of: "    roles: [economic_buyer]", with: "    roles: [buyer]"),
                "$.contacts[0].roles[0]"
            ),
            ("unknown", binford + "budgett: approved\n", "budgett"),
        ]
        for bad in broken {
            #expect(bad.yaml != binford, "\(bad.name): the replacement did not apply")
            let run = try validate(bad.name + ".yaml", bad.yaml)
            #expect(run.status == 1, "\(bad.name): \(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains(bad.says), "\(bad.name): \(run.stdout)")
        }
    }

    /// What fieldnotes takes, the schema takes: values YAML reads as numbers, booleans or dates
    /// in text fields, quoted numbers and booleans, empty optional fields.
    @Test(.needs("check-jsonschema"))
    func theSchemaAcceptsWhatFieldnotesAccepts() throws {
        guard let validator = requireTool("check-jsonschema") else { return }
        let folder = try Folder()
        let schemaFile = try folder.write("front-matter.json", try schema())
        let yaml = """
            account: 1984
            owner: true
            stage: closed_won
            last_contact: '2026-11-18'
            next_step: 2026-12-01
            decision_date:
            competitors:
              - name: Acme
                incumbent: "true"
            opportunities:
              - name: Line
                value: "120000.50"
                currency: EUR
            outcome:
              result: won
            contacts: [{ name: Ann }]

            """
        let note = "---\n" + yaml + "---\n"
        #expect(checkText(note).diagnostics.filter { $0.severity == .error }.isEmpty, "fieldnotes takes it")
        let run = try runProgram(validator, ["--schemafile", schemaFile, try folder.write("takes.yaml", yaml)])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    @Test(.needs("check-jsonschema"))
    func settingsFilesValidate() throws {
        guard let validator = requireTool("check-jsonschema") else { return }
        let folder = try Folder()
        let config = try folder.write("config.json", try schema(["--for", "config"]))
        let checklist = try folder.write("checklist.json", try schema(["--for", "checklist"]))
        let template = Project.template
        for (schemaFile, file) in [
            (config, template.appendingPathComponent("fieldnotes.yml").path),
            (checklist, template.appendingPathComponent("checklist.yml").path),
        ] {
            let run = try runProgram(validator, ["--schemafile", schemaFile, file])
            #expect(run.status == 0, "\(file): \(run.stdout)\(run.stderr)")
        }
        let bad = try folder.write("bad.yml", "extends: base.yml\nseverity:\n  unanswered-question: loud\n")
        #expect(try runProgram(validator, ["--schemafile", config, bad]).status == 1)
        let both = try folder.write(
            "both.yml",
            "questions:\n  - id: a\n    ask: A?\n    category: C\n    from: discovery\n    section: A\n    field: stage\n"
        )
        #expect(try runProgram(validator, ["--schemafile", checklist, both]).status == 1)
    }

    @Test func theSchemaIsGeneratedFromTheAccountSchema() throws {
        let text = try schema()
        #expect(try schema() == text, "deterministic")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let properties = try #require(object["properties"] as? [String: Any])
        let names = Config().accountSchema.fields.map(\.name) + ["region", "tier"]
        #expect(Set(properties.keys) == Set(names))
        let tier = try #require(properties["tier"] as? [String: Any])
        #expect((tier["enum"] as? [Any])?.count == 4)  // a, b, c and empty
        let date = try #require(properties["last_contact"] as? [String: Any])
        #expect(date["pattern"] as? String == JSONSchema.datePattern)
        #expect(object["required"] as? [String] == ["account", "owner", "stage"])
        #expect(object["additionalProperties"] as? Bool == false)
        // Keys in the order of the account schema.
        let order = names.compactMap { text.range(of: "\n    \"\($0)\": {")?.lowerBound }
        #expect(order.count == names.count && order == order.sorted())
    }

    @Test func theTeamsSettingsShapeTheSchema() throws {
        let repo = try TempRepo([
            "fieldnotes.yml":
                "severity:\n  unknown-field: off\n  missing-field: off\nfields:\n  segment: { type: date }\n"
        ])
        let run = runCLI(["schema"], in: repo.url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["additionalProperties"] == nil)
        #expect(object["required"] == nil && object["allOf"] == nil)
        #expect(!run.stdout.contains("\"required\""), "no requirement, nested ones included")
        #expect((object["properties"] as? [String: Any])?["segment"] != nil)
        #expect(runCLI(["schema", "--for", "nope"], in: repo.url).status == 2)
    }
}
