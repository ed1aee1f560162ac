import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// The language server driven in-process: every message goes through `receive` as JSON text,
/// exactly as it would arrive from an editor.
final class LSPHarness {
    let server: LanguageServer
    var sent: [JSONValue] = []
    var logged: [String] = []
    private var nextID = 100

    init() {
        server = LanguageServer(today: { testDay }, debounce: 0)
        server.send = { [unowned self] in self.sent.append($0) }
        server.logError = { [unowned self] in self.logged.append($0) }
        let reply = request(
            "initialize", .object([("processId", .null), ("rootUri", .null), ("capabilities", .object([]))]))
        #expect(reply?["result"]?["capabilities"]?["positionEncoding"]?.string == "utf-16")
        notify("initialized", .object([]))
    }

    func raw(_ text: String) { server.receive(Array(text.utf8)) }

    func notify(_ method: String, _ params: JSONValue) {
        raw(
            JSONWriter.compact(.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])))
    }

    /// Sends a request and returns its response (checks every other message sent meanwhile is a notification).
    @discardableResult
    func request(_ method: String, _ params: JSONValue) -> JSONValue? {
        nextID += 1
        let id = nextID
        raw(
            JSONWriter.compact(
                .object([
                    ("jsonrpc", .string("2.0")), ("id", .int(id)), ("method", .string(method)), ("params", params),
                ])))
        return sent.last { $0["id"]?.int == id }
    }

    func open(_ uri: String, _ text: String, version: Int = 1) {
        notify(
            "textDocument/didOpen",
            .object([
                (
                    "textDocument",
                    .object([
                        ("uri", .string(uri)), ("languageId", .string("markdown")), ("version", .int(version)),
                        ("text", .string(text)),
                    ])
                )
            ]))
    }

    func change(_ uri: String, version: Int, _ changes: [JSONValue]) {
        notify(
            "textDocument/didChange",
            .object([
                ("textDocument", .object([("uri", .string(uri)), ("version", .int(version))])),
                ("contentChanges", .array(changes)),
            ]))
    }

    /// Publishes what is due and returns the latest diagnostics published for `uri`.
    func diagnostics(_ uri: String) -> [JSONValue]? {
        server.flush(now: .infinity)
        return sent.last {
            $0["method"]?.string == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == uri
        }?["params"]?["diagnostics"]?.array
    }

    static func position(_ line: Int, _ character: Int) -> JSONValue {
        .object([("line", .int(line)), ("character", .int(character))])
    }

    static func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> JSONValue {
        .object([("start", position(l1, c1)), ("end", position(l2, c2))])
    }

    func at(_ uri: String, _ line: Int, _ character: Int) -> JSONValue {
        .object([("textDocument", .object([("uri", .string(uri))])), ("position", Self.position(line, character))])
    }
}

/// A URI inside the bundled template, so the server finds its fieldnotes.yml (the file need not exist).
func templateURI(_ name: String) -> String {
    TextDocument.uri(forPath: Project.template.appendingPathComponent("accounts/\(name)").path)
}

/// Line (0-based) and UTF-16 column of the first occurrence of `needle` in `text`.
func utf16Position(of needle: String, in text: String, after: String? = nil) -> (line: Int, character: Int) {
    var searchStart = text.startIndex
    if let after, let r = text.range(of: after) { searchStart = r.upperBound }
    let r = text.range(of: needle, range: searchStart..<text.endIndex)!
    let before = text[..<r.lowerBound]
    let line = before.filter { $0 == "\n" }.count
    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
    return (line, text[lineStart..<r.lowerBound].utf16.count)
}

let noteWithMistakes = """
    ---
    account: Globex Corporation
    owner: Dana Reyes
    stage: discovry
    last_contact: 2026-11-02
    next_step: Demo on site
    our_postion: contender
    contacts:
      - name: Zoë 😀 Müller
        roles: [champion]
        reports_to: Hañk Scörpio
      - name: Hank Scorpio
        roles: [economic_buyer]
    ---

    ## Decision process

    They decide in a committee.
    """

@Suite struct LSPProtocolTests {
    @Test func diagnosticsAreThoseOfCheckWithUTF16Columns() throws {
        let h = LSPHarness()
        let uri = templateURI("globex-lsp.md")
        h.open(uri, noteWithMistakes)
        let published = try #require(h.diagnostics(uri))
        // The same findings as the checker, in the same order.
        let report = checkText(noteWithMistakes, path: "accounts/globex-lsp.md")
        #expect(published.map { $0["code"]?.string } == report.diagnostics.map { $0.rule?.rawValue })
        #expect(published.count == report.diagnostics.count && !published.isEmpty)
        for (lsp, d) in zip(published, report.diagnostics) {
            let message = try #require(lsp["message"]?.string)
            #expect(message.hasPrefix(d.message))
            if let help = d.help { #expect(message.contains("help: " + help)) }
            #expect(lsp["source"]?.string == "fieldnotes")
            #expect(lsp["severity"]?.int == (d.severity == .error ? 1 : d.severity == .warning ? 2 : 3))
        }
        // Ranges in UTF-16 code units: the emoji counts two, the accents one.
        func rangeOf(_ code: String, containing text: String) -> JSONValue? {
            published.first { $0["code"]?.string == code && ($0["message"]?.string ?? "").contains(text) }?["range"]
        }
        let stage = try #require(rangeOf("invalid-value", containing: "discovry"))
        let p = utf16Position(of: "discovry", in: noteWithMistakes)
        #expect(stage["start"]?["line"]?.int == p.line && stage["start"]?["character"]?.int == p.character)
        #expect(stage["end"]?["character"]?.int == p.character + 8)
        let boss = try #require(rangeOf("unknown-contact", containing: "Hañk"))
        let q = utf16Position(of: "Hañk Scörpio", in: noteWithMistakes)
        #expect(boss["start"]?["line"]?.int == q.line && boss["start"]?["character"]?.int == q.character)
        #expect(boss["end"]?["character"]?.int == q.character + "Hañk Scörpio".utf16.count)
        // The published version is the document's.
        let notification = h.sent.last { $0["method"]?.string == "textDocument/publishDiagnostics" }
        #expect(notification?["params"]?["version"]?.int == 1)
    }

    @Test func templateAccountsGiveWhatCheckGives() throws {
        let h = LSPHarness()
        for name in ["binford-tools.md", "initech.md", "ridgeline-pumps.md"] {
            let url = Project.template.appendingPathComponent("accounts/\(name)")
            let text = try String(contentsOf: url, encoding: .utf8)
            let uri = TextDocument.uri(forPath: url.path)
            h.open(uri, text)
            let published = try #require(h.diagnostics(uri))
            let cli = runCLI(
                ["check", "--format", "json", "--as-of", "2026-11-20", "accounts/\(name)"], in: Project.template)
            let json = try JSONParser.parse(cli.stdout)
            let expected = json["diagnostics"]?.array ?? []
            #expect(published.count == expected.count, "\(name)")
            for (lsp, d) in zip(published, expected) {
                #expect(lsp["code"]?.string == d["rule"]?.string)
                #expect(lsp["range"]?["start"]?["line"]?.int == (d["line"]?.int ?? 0) - 1)
                let message = lsp["message"]?.string ?? "", expectedMessage = d["message"]?.string ?? "?"
                #expect(message.hasPrefix(expectedMessage), "\(message)")
            }
        }
    }

    @Test func incrementalEditsKeepTheTextTheEditorHas() throws {
        // Random edits at UTF-16 positions, applied to a Swift string the same way, must give the same text.
        var rng = SeededGenerator(seed: 7)
        var expected = "---\r\naccount: Zoë 😀\nowner: Ana\n---\n\n## Why\n\nBecause.\n"
        var doc = TextDocument(uri: "file:///x.md", version: 1, text: expected)
        let pieces = ["a", "é", "😀", "\n", "\r\n", "", "## Notes\n", "Zoë Müller", "\t"]
        for _ in 0..<500 {
            var units = Array(expected.utf16)
            // Lines by UTF-16 units (a Swift Character would hold \r\n as one).
            let lines = units.split(separator: 10, omittingEmptySubsequences: false)
            func randomPosition() -> (Int, Int, Int) {
                let line = Int.random(in: 0..<lines.count, using: &rng)
                let lineUnits = Array(lines[line]).filter { $0 != 13 }
                // Only positions between whole characters (editors never split a surrogate pair).
                var boundaries = [0]
                var k = 0
                for c in String(decoding: lineUnits, as: UTF16.self).unicodeScalars {
                    k += c.utf16.count; boundaries.append(k)
                }
                let character = boundaries.randomElement(using: &rng)!
                let offset = lines[..<line].reduce(0) { $0 + $1.count + 1 } + character
                return (line, character, offset)
            }
            var a = randomPosition(), b = randomPosition()
            if a.2 > b.2 { swap(&a, &b) }
            let piece = pieces.randomElement(using: &rng)!
            // A position inside a CRLF line break is not a place an editor edits.
            units.replaceSubrange(a.2..<b.2, with: Array(piece.utf16))
            try doc.apply(range: ((a.0, a.1), (b.0, b.1)), text: piece)
            expected = String(decoding: units, as: UTF16.self)
            #expect(doc.text == expected)
            if doc.text != expected { break }
        }
    }

    @Test func positionsPastTheEndClampAsTheProtocolSays() {
        let doc = TextDocument(uri: "file:///x.md", version: 1, text: "ab\r\ncd\nZoë")
        #expect(doc.offset(line: 0, character: 99) == 2)  // end of line 0, before \r\n
        #expect(doc.offset(line: 1, character: 1) == 5)
        #expect(doc.offset(line: 2, character: 3) == doc.bytes.count)
        #expect(doc.offset(line: 9, character: 0) == doc.bytes.count)
        #expect(TextDocument.path(fromURI: "file:///tmp/a%20b/Zo%C3%AB.md") == "/tmp/a b/Zoë.md")
        #expect(TextDocument.path(fromURI: "untitled:Untitled-1") == nil)
    }

    @Test func changesAreRecheckedAndCloseClears() throws {
        let h = LSPHarness()
        let uri = templateURI("globex-lsp.md")
        h.open(uri, noteWithMistakes)
        #expect(h.diagnostics(uri)?.contains { ($0["message"]?.string ?? "").contains("discovry") } == true)
        // Fix the stage with an incremental edit.
        let p = utf16Position(of: "discovry", in: noteWithMistakes)
        h.change(
            uri, version: 2,
            [
                .object([
                    ("range", LSPHarness.range(p.line, p.character, p.line, p.character + 8)),
                    ("text", .string("discovery")),
                ])
            ])
        let after = try #require(h.diagnostics(uri))
        #expect(!after.contains { ($0["message"]?.string ?? "").contains("discovry") })
        #expect(
            h.sent.last { $0["method"]?.string == "textDocument/publishDiagnostics" }?["params"]?["version"]?.int == 2)
        h.notify("textDocument/didClose", .object([("textDocument", .object([("uri", .string(uri))]))]))
        #expect(h.diagnostics(uri)?.isEmpty == true)
    }

    @Test func debouncedChangesAreCheckedOnce() {
        let h = LSPHarness()
        h.server.debounce = 60
        let uri = templateURI("globex-lsp.md")
        h.open(uri, noteWithMistakes)
        h.server.flush(now: LanguageServer.now())
        let before = h.sent.count
        for v in 2...6 { h.change(uri, version: v, [.object([("text", .string(noteWithMistakes + "\n\(v)\n"))])]) }
        h.server.flush(now: LanguageServer.now())
        #expect(h.sent.count == before, "nothing is published while the rep types")
        #expect(h.server.nextDeadline() != nil)
        h.server.flush(now: LanguageServer.now() + 61)
        let published = h.sent[before...].filter { $0["method"]?.string == "textDocument/publishDiagnostics" }
        #expect(published.count == 1)
        #expect(published.first?["params"]?["version"]?.int == 6)
    }

    @Test func completionOffersContactsAsAttendeesOfTheNextMeeting() throws {
        let h = LSPHarness()
        let uri = templateURI("globex-attendees.md")
        func items(_ text: String, after needle: String) -> [JSONValue] {
            h.open(uri, text)
            let p = utf16Position(of: needle, in: text)
            let reply = h.request("textDocument/completion", h.at(uri, p.line, p.character + needle.utf16.count))
            return reply?["result"]?["items"]?.array ?? []
        }
        let flow = noteWithMistakes.replacingOccurrences(
            of: "next_step: Demo on site\n", with: "next_step: Demo on site\nnext_meeting_with: [Hank Scorpio, Zo]\n")
        // In a flow list: the contacts not yet named; the name typed so far is replaced.
        let inFlow = items(flow, after: "[Hank Scorpio, Zo")
        #expect(inFlow.compactMap { $0["label"]?.string } == ["Zoë 😀 Müller"])
        let edit = inFlow.first?["textEdit"]
        #expect(edit?["newText"]?.string == "Zoë 😀 Müller")
        let typed = utf16Position(of: "Zo]", in: flow)
        #expect(edit?["range"]?["start"]?["character"]?.int == typed.character)
        // After the key: every contact, as a list.
        let empty = noteWithMistakes.replacingOccurrences(
            of: "next_step: Demo on site\n", with: "next_step: Demo on site\nnext_meeting_with: \n")
        let afterKey = items(empty, after: "next_meeting_with: ")
        #expect(afterKey.compactMap { $0["label"]?.string } == ["Zoë 😀 Müller", "Hank Scorpio"])
        #expect(afterKey.first?["textEdit"]?["newText"]?.string == "[Zoë 😀 Müller]")
        // A block list item.
        let block = noteWithMistakes.replacingOccurrences(
            of: "next_step: Demo on site\n", with: "next_step: Demo on site\nnext_meeting_with:\n  - Ha\n")
        let item = items(block, after: "  - Ha")
        #expect(item.compactMap { $0["label"]?.string } == ["Zoë 😀 Müller", "Hank Scorpio"])
        #expect(item.last?["textEdit"]?["newText"]?.string == "Hank Scorpio")
        // A name that YAML would split or end is written quoted, so that it reads back as one name.
        let comma = empty.replacingOccurrences(of: "  - name: Hank Scorpio\n", with: "  - name: \"Scorpio, Hank\"\n")
        let quoted = items(comma, after: "next_meeting_with: ").last?["textEdit"]?["newText"]?.string
        #expect(quoted == "[\"Scorpio, Hank\"]")
    }

    @Test func completionOffersFieldsValuesNamesAndSections() throws {
        let h = LSPHarness()
        let uri = templateURI("globex-lsp.md")
        let text =
            noteWithMistakes.replacingOccurrences(of: "stage: discovry", with: "stage: discovery")
            .replacingOccurrences(of: "    roles: [champion]\n", with: "    roles: [champion, ]\n")
            .replacingOccurrences(of: "our_postion: contender\n", with: "budget: \nou\n")
            + "\n## \n"
        h.open(uri, text)
        func labels(_ needle: String, after: String? = nil, offset: Int = 0) -> [String] {
            let p = utf16Position(of: needle, in: text, after: after)
            let reply = h.request(
                "textDocument/completion", h.at(uri, p.line, p.character + needle.utf16.count + offset))
            return reply?["result"]?["items"]?.array?.compactMap { $0["label"]?.string } ?? []
        }
        #expect(labels("stage: ") == Stage.allCases.map(\.rawValue))
        #expect(labels("budget: ") == BuiltinSchema.budgets)
        // A role list: the roles not yet written.
        let roles = labels("roles: [champion, ")
        #expect(roles.contains("economic_buyer") && !roles.contains("champion"))
        // reports_to: the other contacts, not the contact itself.
        #expect(labels("reports_to: ") == ["Hank Scorpio"])
        // A name with a space, half typed: the whole value is replaced, not just its last word.
        let partial = utf16Position(of: "Hañk Sc", in: text)
        let nameReply = h.request("textDocument/completion", h.at(uri, partial.line, partial.character + 7))
        let edit = nameReply?["result"]?["items"]?.array?.first?["textEdit"]
        #expect(edit?["newText"]?.string == "Hank Scorpio")
        #expect(edit?["range"]?["start"]?["character"]?.int == partial.character)
        // A key being typed: the account's fields not yet there, with their documentation.
        let p = utf16Position(of: "ou\n", in: text)
        let reply = h.request("textDocument/completion", h.at(uri, p.line, 2))
        let items = try #require(reply?["result"]?["items"]?.array)
        let names = items.compactMap { $0["label"]?.string }
        #expect(
            names.contains("our_position") && names.contains("competitors") && !names.contains("account")
                && !names.contains("stage"))
        let doc = items.first { $0["label"]?.string == "our_position" }?["documentation"]?["value"]?.string ?? ""
        #expect(doc.contains("data_point"))
        // After "## " in the body: the sections still missing at this stage, in checklist order.
        let sections = labels("## \n", offset: -1)
        let report = checkText(text, path: "accounts/globex-lsp.md")
        let expected = report.results.filter { $0.status.isOpen && $0.range == nil }.compactMap {
            $0.question.primaryTitle
        }
        #expect(!expected.isEmpty && sections == expected, "\(sections) vs \(expected)")
        #expect(!sections.contains("Decision process"))
    }

    @Test func hoverExplainsFieldsStagesAndSections() throws {
        let h = LSPHarness()
        let url = Project.template.appendingPathComponent("accounts/initech.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let uri = TextDocument.uri(forPath: url.path)
        h.open(uri, text)
        func hover(_ needle: String) -> String {
            let p = utf16Position(of: needle, in: text)
            return h.request("textDocument/hover", h.at(uri, p.line, p.character + 1))?["result"]?["contents"]?[
                "value"]?.string ?? ""
        }
        let stage = hover("\nstage:")
        #expect(stage.isEmpty == false)
        let p = utf16Position(of: "stage:", in: text)
        let stageHover =
            h.request("textDocument/hover", h.at(uri, p.line, 1))?["result"]?["contents"]?["value"]?.string ?? ""
        let report = runCLI(
            ["missing", "--no-history", "--format", "json", "accounts/initech.md"], in: Project.template)
        #expect(report.stdout.contains("\"open\""))
        #expect(stageHover.contains("Still due at `discovery`"))
        let open = checkText(text, path: "accounts/initech.md").results.filter { $0.status.isOpen }
        for r in open { #expect(stageHover.contains(r.question.ask)) }
        // A heading: the checklist question its section answers, with the hint.
        let heading = text.split(separator: "\n").first { $0.hasPrefix("## ") }.map(String.init) ?? ""
        let hp = utf16Position(of: heading, in: text)
        let headingHover =
            h.request("textDocument/hover", h.at(uri, hp.line, 4))?["result"]?["contents"]?["value"]?.string ?? ""
        let key = BodyScanner.normalizeTitle(String(heading.dropFirst(3)))
        let question = try #require(Checklist.builtIn.questions.first { $0.sectionKeys.contains(key) })
        #expect(headingHover.contains(question.ask))
        // A level-3 heading with the same title is not a section the checklist reads: no hover.
        let sub = templateURI("sub-heading.md")
        h.open(sub, text.replacingOccurrences(of: heading + "\n", with: "#" + heading + "\n"))
        let subHover = h.request("textDocument/hover", h.at(sub, hp.line, 4))
        #expect(subHover?["result"]?.isNull == true, "\(String(describing: subHover))")
        // A contact field: its meaning.
        let rolesHover = hover("roles:")
        #expect(rolesHover.contains("buying decision") && rolesHover.contains("economic_buyer"))
    }

    /// Saving a note re-checks that note (settings on disk may have changed); saving a settings
    /// file re-checks every open note.
    @Test func savingRechecksTheNoteOrEveryNoteForSettings() throws {
        let h = LSPHarness()
        let a = templateURI("save-a.md"), b = templateURI("save-b.md")
        h.open(a, noteWithMistakes)
        h.open(b, noteWithMistakes)
        _ = h.diagnostics(a)
        func published() -> [String] {
            h.server.flush(now: .infinity)
            defer { h.sent = [] }
            return h.sent.filter { $0["method"]?.string == "textDocument/publishDiagnostics" }.compactMap {
                $0["params"]?["uri"]?.string
            }
        }
        _ = published()
        h.notify("textDocument/didSave", .object([("textDocument", .object([("uri", .string(a))]))]))
        #expect(published() == [a])
        h.notify(
            "textDocument/didSave",
            .object([("textDocument", .object([("uri", .string(templateURI("fieldnotes.yml")))]))]))
        #expect(published() == [], "a settings file that is not open: nothing to re-check from it")
        let settings = templateURI("checklist.yml")
        h.open(
            settings, try String(contentsOf: Project.template.appendingPathComponent("checklist.yml"), encoding: .utf8))
        _ = published()
        h.notify("textDocument/didSave", .object([("textDocument", .object([("uri", .string(settings))]))]))
        #expect(Set(published()).isSuperset(of: [a, b]))
    }

    @Test func quickFixesForDidYouMeanAndMissingSections() throws {
        let h = LSPHarness()
        let uri = templateURI("globex-lsp.md")
        h.open(uri, noteWithMistakes)
        func actions(at needle: String) -> [JSONValue] {
            let p = utf16Position(of: needle, in: noteWithMistakes)
            let params: JSONValue = .object([
                ("textDocument", .object([("uri", .string(uri))])),
                ("range", LSPHarness.range(p.line, p.character, p.line, p.character)),
                ("context", .object([("diagnostics", .array([]))])),
            ])
            return h.request("textDocument/codeAction", params)?["result"]?.array ?? []
        }
        func edits(_ action: JSONValue?) -> [JSONValue] { action?["edit"]?["changes"]?[uri]?.array ?? [] }
        let stage = actions(at: "discovry")
        let fix = try #require(stage.first { $0["title"]?.string == "Replace with 'discovery'" })
        #expect(fix["kind"]?.string == "quickfix")
        #expect(edits(fix).first?["newText"]?.string == "discovery")
        let key = actions(at: "our_postion")
        #expect(key.contains { $0["title"]?.string == "Replace with 'our_position'" })
        let boss = actions(at: "Hañk")
        #expect(boss.contains { $0["title"]?.string == "Replace with 'Hank Scorpio'" })
        // Apply every fix and the missing sections: the note is then free of those findings.
        var text = noteWithMistakes
        for (needle, replacement) in [
            ("discovry", "discovery"), ("our_postion", "our_position"), ("Hañk Scörpio", "Hank Scorpio"),
        ] {
            text = text.replacingOccurrences(of: needle, with: replacement)
        }
        h.change(uri, version: 2, [.object([("text", .string(text))])])
        let sections = try #require(actions(at: "account").first { ($0["title"]?.string ?? "").hasPrefix("Add the ") })
        let insert = try #require(edits(sections).first?["newText"]?.string)
        #expect(insert.contains("\n## "))
        h.change(uri, version: 3, [.object([("text", .string(text + insert))])])
        let after = try #require(h.diagnostics(uri))
        #expect(
            !after.contains {
                ["invalid-value", "unknown-field", "unknown-contact"].contains($0["code"]?.string ?? "")
            })
        #expect(!actions(at: "account").contains { ($0["title"]?.string ?? "").hasPrefix("Add the ") })
    }

    @Test func editingTheConfigRechecksOpenNotes() throws {
        let h = LSPHarness()
        let uri = templateURI("globex-lsp.md")
        h.open(uri, noteWithMistakes)
        #expect(h.diagnostics(uri)?.contains { $0["code"]?.string == "unknown-field" } == true)
        let configURL = Project.template.appendingPathComponent("fieldnotes.yml")
        let configURI = TextDocument.uri(forPath: configURL.path)
        let config = try String(contentsOf: configURL, encoding: .utf8)
        #expect(config.contains("severity:\n"))
        // The rep turns a rule off in the editor, unsaved: open notes follow at once.
        h.open(configURI, config)
        h.change(
            configURI, version: 2,
            [
                .object([
                    (
                        "text",
                        .string(
                            config.replacingOccurrences(of: "severity:\n", with: "severity:\n  unknown-field: off\n"))
                    )
                ])
            ])
        #expect(h.diagnostics(uri)?.contains { $0["code"]?.string == "unknown-field" } == false)
        #expect(h.diagnostics(uri)?.isEmpty == false)
        // A broken config: the note says it cannot be checked, the config shows where.
        h.change(
            configURI, version: 3,
            [
                .object([
                    (
                        "text",
                        .string(
                            config.replacingOccurrences(of: "severity:\n", with: "severity:\n  unknown-feild: off\n"))
                    )
                ])
            ])
        let note = try #require(h.diagnostics(uri))
        #expect(note.count == 1 && (note.first?["message"]?.string ?? "").contains("cannot be checked"))
        let located = try #require(h.diagnostics(configURI))
        #expect(located.contains { ($0["message"]?.string ?? "").contains("unknown-feild") })
        // Fixed again: the note is checked and the config's problems are gone.
        h.change(configURI, version: 4, [.object([("text", .string(config))])])
        #expect(h.diagnostics(uri)?.contains { $0["code"]?.string == "unknown-field" } == true)
        #expect(h.diagnostics(configURI)?.isEmpty == true)
    }

    @Test func badMessagesGetErrorsAndTheServerCarriesOn() throws {
        let h = LSPHarness()
        func lastError() -> Int? { h.sent.last?["error"]?["code"]?.int }
        h.raw("{not json")
        #expect(lastError() == -32700)
        h.raw("[1, 2]")
        #expect(lastError() == -32600)
        h.raw(#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#)
        #expect(lastError() == -32600)
        #expect(h.request("textDocument/definition", .object([]))?["error"]?["code"]?.int == -32601)
        let count = h.sent.count
        h.notify("$/somethingNew", .object([]))
        h.notify("custom/notification", .null)
        #expect(h.sent.count == count, "unknown notifications are ignored")
        // Requests about documents that are not open, or with missing parameters.
        #expect(h.request("textDocument/hover", h.at("file:///nowhere.md", 0, 0))?["error"]?["code"]?.int == -32602)
        #expect(h.request("textDocument/completion", .object([]))?["error"]?["code"]?.int == -32602)
        #expect(h.request("textDocument/codeAction", .null)?["error"]?["code"]?.int == -32602)
        h.change("file:///nowhere.md", version: 2, [.object([("text", .string("x"))])])
        #expect(h.logged.last?.contains("not open") == true)
        // An edit whose range ends before it starts.
        let uri = templateURI("globex-lsp.md")
        h.open(uri, noteWithMistakes)
        h.change(uri, version: 2, [.object([("range", LSPHarness.range(3, 5, 1, 0)), ("text", .string("x"))])])
        #expect(h.logged.last?.contains("ends before it starts") == true)
        // Still serving.
        #expect(h.request("textDocument/hover", h.at(uri, 3, 1))?["result"] != nil)
        // Nothing is served after shutdown; exit then ends with 0.
        #expect(h.request("shutdown", .null)?["result"]?.isNull == true)
        #expect(h.request("textDocument/hover", h.at(uri, 3, 1))?["error"] != nil)
        h.notify("exit", .null)
        #expect(h.server.exitCode == 0)
    }

    @Test func requestsBeforeInitializeAndExitWithoutShutdown() {
        let server = LanguageServer(today: { testDay })
        var sent: [JSONValue] = []
        server.send = { sent.append($0) }
        server.receive(Array(#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#.utf8))
        #expect(sent.last?["error"]?["code"]?.int == -32002)
        server.receive(Array(#"{"jsonrpc":"2.0","method":"exit"}"#.utf8))
        #expect(server.exitCode == 1)
    }

    @Test func onlyAccountsAreCheckedWithOrWithoutAConfig() throws {
        let h = LSPHarness()
        // Not an account: the template's README and its _template.md get no findings.
        let readme = TextDocument.uri(forPath: Project.template.appendingPathComponent("README.md").path)
        h.open(readme, "---\nstage: nonsense\n---\n")
        #expect(h.diagnostics(readme)?.isEmpty == true)
        let template = templateURI("_template.md")
        h.open(
            template,
            try String(contentsOf: Project.template.appendingPathComponent("accounts/_template.md"), encoding: .utf8))
        #expect(h.diagnostics(template)?.isEmpty == true)
        // No fieldnotes.yml anywhere: the defaults apply from the folder that holds accounts/.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-lsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("accounts/emea"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let uri = TextDocument.uri(forPath: dir.appendingPathComponent("accounts/emea/globex.md").path)
        h.open(uri, noteWithMistakes)
        #expect(h.diagnostics(uri)?.contains { ($0["message"]?.string ?? "").contains("discovry") } == true)
    }

    @Test func hugeAndHostileDocuments() throws {
        let h = LSPHarness()
        let uri = templateURI("huge-lsp.md")
        // 5 MB of notes: checked, not choked on.
        let big =
            noteWithMistakes
            + String(repeating: "Some long prose about the plant in Zoë's words. 😀\n", count: 100_000)
        h.open(uri, big)
        #expect(h.diagnostics(uri)?.isEmpty == false)
        // Deep nesting and a NUL byte: located diagnostics, no crash.
        h.open(uri, "---\naccount: " + String(repeating: "[", count: 100_000) + "\n---\n", version: 2)
        #expect(h.diagnostics(uri)?.isEmpty == false)
        h.open(uri, "---\naccount: A\u{0}\n---\n", version: 3)
        #expect(h.diagnostics(uri)?.first?["code"]?.string == "encoding")
    }
}

/// A deterministic random generator for property tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
