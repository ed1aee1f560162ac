import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// A note that uses every field of allowed values, and has a log with sections missing before it.
private let editorNote = """
    ---
    account: Zed Pumps
    owner: dana.reyes
    stage: discovery
    last_contact: 2026-11-02
    next_step: Call Jürgen about the spares
    budget: unknown
    pain: unknown
    our_position: unknown
    contacts:
      - name: Jürgen Weber
        function: facilities
        roles: [champion, ]
        relationship: warm
        influence: high
        notes: runs the maintenance team
      - name: Ann Lee
        roles:
          - champion
    ---

    ## Decision process

    The plant manager signs, after a trial on line 2.

    ## Log

    ### 2026-11-02 — Call with Jürgen

    """

@Suite struct EditorAndContactsTests {
    // MARK: - Completion order and descriptions

    /// The completion items at the end of `needle` (its first occurrence after `after`).
    private func items(
        _ h: LSPHarness, _ uri: String, _ text: String, at needle: String, after: String? = nil
    ) throws -> [JSONValue] {
        let p = utf16Position(of: needle, in: text, after: after)
        let reply = h.request("textDocument/completion", h.at(uri, p.line, p.character + needle.utf16.count))
        return try #require(reply?["result"]?["items"]?.array)
    }

    @Test func valueCompletionsKeepTheSchemaOrderWithADescription() throws {
        let h = LSPHarness()
        let uri = templateURI("zed-order.md")
        // Values half typed: the completion is asked with the value's start under the cursor.
        var text = editorNote
        for field in [
            "stage: discovery", "budget: unknown", "pain: unknown", "our_position: unknown",
            "function: facilities", "relationship: warm", "influence: high",
        ] {
            text = text.replacingOccurrences(of: field, with: String(field.prefix { $0 != ":" }) + ": ")
        }
        text = text.replacingOccurrences(of: "      - champion\n", with: "      - \n")
        h.open(uri, text)
        let cases: [(needle: String, after: String?, values: [String], field: String)] = [
            ("stage: ", nil, BuiltinSchema.stages, "stage"),
            ("budget: ", nil, BuiltinSchema.budgets, "budget"),
            ("pain: ", nil, BuiltinSchema.pains, "pain"),
            ("our_position: ", nil, BuiltinSchema.positions, "our_position"),
            ("function: ", nil, BuiltinSchema.functions, "function"),
            ("relationship: ", nil, BuiltinSchema.relationships, "relationship"),
            ("influence: ", nil, BuiltinSchema.influences, "influence"),
            ("roles: [champion, ", nil, BuiltinSchema.roles.filter { $0 != "champion" }, "roles"),
            ("      - ", "Ann Lee", BuiltinSchema.roles, "roles"),
        ]
        for c in cases {
            let got = try items(h, uri, text, at: c.needle, after: c.after)
            // Editors sort by sortText: sorted so, the values come in the schema's order (closed stages last).
            let sorted = got.sorted { ($0["sortText"]?.string ?? "") < ($1["sortText"]?.string ?? "") }
            #expect(sorted.compactMap { $0["label"]?.string } == c.values, "\(c.needle)")
            #expect(got.allSatisfy { $0["sortText"]?.string != nil }, "\(c.needle)")
            for item in got {
                let label = item["label"]?.string ?? ""
                let description = try #require(BuiltinSchema.describe(label, of: c.field), "\(c.field): \(label)")
                #expect(item["detail"]?.string == description)
                #expect(item["documentation"]?["value"]?.string?.contains(description) == true)
            }
        }
        #expect(
            try items(h, uri, text, at: "stage: ").first?["sortText"]?.string ?? ""
                < (try items(h, uri, text, at: "stage: ").first { $0["label"]?.string == "closed_lost" }?["sortText"]?
                    .string ?? ""))
    }

    @Test func everyBuiltInValueHasADescription() {
        func check(_ schema: ObjectSchema) {
            for spec in schema.fields {
                switch spec.type {
                case .enumeration(let values), .list(.enumeration(let values)):
                    for value in values {
                        #expect(BuiltinSchema.describe(value, of: spec.name) != nil, "\(spec.name): \(value)")
                    }
                case .list(.object(let nested)), .object(let nested):
                    check(nested)
                default:
                    break
                }
            }
        }
        check(BuiltinSchema.account)
    }

    @Test func contactNotesAreCompletedAsAContactField() throws {
        let h = LSPHarness()
        let uri = templateURI("zed-keys.md")
        let text = editorNote.replacingOccurrences(of: "    notes: runs the maintenance team\n", with: "    no\n")
        h.open(uri, text)
        let p = utf16Position(of: "    no\n", in: text)
        let reply = h.request("textDocument/completion", h.at(uri, p.line, 6))
        let labels = reply?["result"]?["items"]?.array?.compactMap { $0["label"]?.string } ?? []
        #expect(labels.contains("notes") && labels.contains("influence"))
    }

    // MARK: - Add the missing sections

    /// The text with one LSP edit applied (ranges on ASCII lines, or at the start of a line).
    private func apply(_ edit: JSONValue, to text: String) throws -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = try #require(edit["range"]?["start"]?["line"]?.int)
        let character = try #require(edit["range"]?["start"]?["character"]?.int)
        #expect(edit["range"]?["end"]?["line"]?.int == line && edit["range"]?["end"]?["character"]?.int == character)
        var offset = lines.prefix(line).reduce(0) { $0 + $1.utf8.count + 1 }
        offset += Array(lines[line].utf16.prefix(character)).count
        var bytes = Array(text.utf8)
        bytes.insert(contentsOf: Array((edit["newText"]?.string ?? "").utf8), at: offset)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func addSectionsAction(_ h: LSPHarness, _ uri: String) throws -> JSONValue {
        let params: JSONValue = .object([
            ("textDocument", .object([("uri", .string(uri))])),
            ("range", LSPHarness.range(1, 0, 1, 0)),
            ("context", .object([("diagnostics", .array([]))])),
        ])
        let actions = h.request("textDocument/codeAction", params)?["result"]?.array ?? []
        let action = try #require(actions.first { ($0["title"]?.string ?? "").hasPrefix("Add the ") })
        let edits = try #require(action["edit"]?["changes"]?[uri]?.array)
        #expect(edits.count == 1)
        return edits[0]
    }

    @Test func missingSectionsAreInsertedBeforeTheLogInChecklistOrder() throws {
        let h = LSPHarness()
        let uri = templateURI("zed-sections.md")
        h.open(uri, editorNote)
        let edit = try addSectionsAction(h, uri)
        let after = try apply(edit, to: editorNote)
        let report = checkText(after, path: "accounts/zed-sections.md")
        let titles = report.body.sections.map(\.title)
        // The log stays the last section; the new ones come before it, in the checklist's order.
        #expect(titles.last == "Log")
        let expected = checkText(editorNote, path: "accounts/zed-sections.md").results
            .filter { $0.status.isOpen && $0.range == nil }.compactMap { $0.question.primaryTitle }
        #expect(!expected.isEmpty)
        #expect(Array(titles.dropFirst().dropLast()) == expected, "\(titles)")
        #expect(
            after.contains("after a trial on line 2.\n\n## ")
                && after.contains("\n\n## Log\n\n### 2026-11-02 — Call with Jürgen\n"))
        // The log entry is still read as a log entry, and no section is due and missing any more.
        #expect(report.body.log.count == 1)
        #expect(!report.results.contains { $0.status.isOpen && $0.range == nil && $0.question.primaryTitle != nil })
    }

    @Test func missingSectionsKeepTheNotesLineEndingsAndSpacing() throws {
        let h = LSPHarness()
        let uri = templateURI("zed-crlf.md")
        // CRLF, and no blank line between the last section's text and the log.
        let text = editorNote.replacingOccurrences(of: "line 2.\n\n## Log", with: "line 2.\n## Log")
            .replacingOccurrences(of: "\n", with: "\r\n")
        h.open(uri, text)
        let edit = try addSectionsAction(h, uri)
        let newText = try #require(edit["newText"]?.string)
        #expect(newText.hasPrefix("\r\n## ") && newText.hasSuffix("\r\n\r\n"))
        #expect(!newText.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let logLine = text.components(separatedBy: "\r\n").firstIndex(of: "## Log")
        #expect(edit["range"]?["start"]?["line"]?.int == logLine && edit["range"]?["start"]?["character"]?.int == 0)
    }

    // MARK: - Contact notes in briefs

    private func accountWithNotes() throws -> URL {
        let dir = try copyOfTemplate()
        let note = editorNote.replacingOccurrences(
            of: "runs the maintenance team", with: "runs the maintenance team | signs <spares>")
        try note.write(to: dir.appendingPathComponent("accounts/zed-pumps.md"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func briefsShowContactNotesAndSharedBriefsLeaveThemOut() throws {
        let dir = try accountWithNotes()
        defer { try? FileManager.default.removeItem(at: dir) }
        let check = runCLI(["check", "accounts/zed-pumps.md"], in: dir)
        #expect(
            !check.stdout.contains("notes") && !check.stderr.contains("unknown contact field"),
            "\(check.stdout)\(check.stderr)")

        let markdown = runCLI(["brief", "accounts/zed-pumps.md"], in: dir)
        #expect(markdown.status == 0)
        #expect(
            markdown.stdout.contains("\n- **Jürgen Weber**: runs the maintenance team \\| signs &lt;spares&gt;\n"),
            "\(markdown.stdout)")
        #expect(!markdown.stdout.contains("**Ann Lee**"))
        let html = runCLI(["brief", "--format", "html", "accounts/zed-pumps.md"], in: dir)
        #expect(html.stdout.contains("<li><b>Jürgen Weber</b>: runs the maintenance team | signs &lt;spares&gt;</li>"))
        let json = try JSONParser.parse(runCLI(["brief", "--format", "json", "accounts/zed-pumps.md"], in: dir).stdout)
        let people = try #require(json["briefs"]?.array?.first?["people"]?.array)
        #expect(people.first?["notes"]?.string == "runs the maintenance team | signs <spares>")
        #expect(people.last?["notes"] != nil && people.last?["notes"]?.string == nil)

        // Shared: how we see each person stays in the team.
        for format in ["markdown", "html", "json"] {
            let shared = runCLI(["brief", "--share", "--format", format, "accounts/zed-pumps.md"], in: dir)
            #expect(shared.status == 0)
            #expect(!shared.stdout.contains("maintenance team") && !shared.stdout.contains("\"notes\""), "\(format)")
        }
    }

    // MARK: - A role written as prose

    private func contactFindings(_ contact: String) -> [Diagnostic] {
        let text = """
            ---
            account: Zed Pumps
            owner: dana.reyes
            stage: discovery
            last_contact: 2026-11-02
            next_step: Call Jürgen
            contacts:
              - name: Someone Else
                roles: [economic_buyer]
            \(contact)
            ---
            """
        return checkText(text, path: "accounts/zed.md").diagnostics
            .filter { [.unknownField, .wrongType, .invalidValue].contains($0.rule) }
    }

    private let proseHelpEnd = "; write what they do in 'notes:'"

    @Test func aRoleWrittenAsProseGetsOneHelpAtEveryStep() throws {
        let allowed = BuiltinSchema.roles.joined(separator: ", ")
        // The rep's first try: 'role:' with a sentence. One finding, whose fix moves it to notes.
        let first = contactFindings("  - name: Jürgen Weber\n    role: runs the maintenance team, decides on spares")
        #expect(first.count == 1)
        let finding = try #require(first.first)
        #expect(finding.message == "unknown contact field 'role'")
        #expect(finding.help == "'roles' takes a list of: \(allowed)\(proseHelpEnd)")
        #expect(finding.fix?.edits.first?.replacement == "notes")
        // Renamed as the fix does: nothing left to fix.
        #expect(
            contactFindings("  - name: Jürgen Weber\n    notes: runs the maintenance team, decides on spares").isEmpty)
        // Renamed 'roles' instead, the sentence still gets the same help, not "write it as a list".
        let second = contactFindings("  - name: Jürgen Weber\n    roles: runs the maintenance team, decides on spares")
        #expect(second.count == 1 && second.first?.help == "'roles' takes a list of: \(allowed)\(proseHelpEnd)")
        // Put in brackets: one finding for the sentences, the real role kept.
        let third = contactFindings(
            "  - name: Jürgen Weber\n    roles: [champion, runs the maintenance team, decides on spares]")
        #expect(third.count == 1)
        #expect(third.first?.message == "unknown roles 'runs the maintenance team', 'decides on spares'")
        #expect(third.first?.help?.hasSuffix(proseHelpEnd) == true)
        // The same for a one-value field of a contact.
        let function = contactFindings("  - name: Jürgen Weber\n    function: head of the maintenance team")
        #expect(
            function.count == 1
                && function.first?.help
                    == "'function' takes one of: \(BuiltinSchema.functions.joined(separator: ", "))\(proseHelpEnd)"
        )
    }

    @Test func typosOfRolesStillGetDidYouMean() throws {
        let singular = contactFindings("  - name: Jürgen Weber\n    role: champion")
        #expect(
            singular.count == 1 && singular.first?.help == "did you mean 'roles'?"
                && singular.first?.fix?.edits.first?.replacement == "roles")
        let spaced = contactFindings("  - name: Jürgen Weber\n    roles: [economic buyer]")
        #expect(spaced.count == 1 && spaced.first?.help == "did you mean 'economic_buyer'?")
        let oneLine = contactFindings("  - name: Jürgen Weber\n    roles: champion, coach")
        #expect(oneLine.count == 1 && oneLine.first?.help == "write it as a list: roles: [champion, coach]")
        // A role that is one unknown word is not prose: the allowed roles, without the pointer to notes.
        let word = contactFindings("  - name: Jürgen Weber\n    roles: [maintenance]")
        #expect(word.count == 1 && word.first?.help?.hasSuffix(proseHelpEnd) == false)
        // With notes written already, the fix does not add a second 'notes:'.
        let both = contactFindings(
            "  - name: Jürgen Weber\n    notes: knows everyone\n    role: runs the maintenance team")
        #expect(both.count == 1 && both.first?.fix == nil && both.first?.help?.hasSuffix(proseHelpEnd) == true)
    }
}
