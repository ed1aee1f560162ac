import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// The byte offset of the cursor, written `‸`.
private func cursor(_ marked: String) -> Int {
    marked.utf8.distance(from: marked.startIndex, to: marked.range(of: "‸")!.lowerBound)
}

/// Where the cursor falls in front matter.
private func locate(_ marked: String) -> YAMLLocation? {
    let offset = cursor(marked)
    let file = SourceFile(path: "a.md", text: marked.replacingOccurrences(of: "‸", with: ""))
    guard let lines = FrontMatterSplit.lines(of: file) else { return nil }
    return YAMLLocation.find(offset, in: file, lines: lines.yaml)
}

private let contacts = """
    ---
    account: Globex
    stage: discovery
    contacts:
      - name: Zoë Müller
        roles: [champion, economic_buyer]
        reports_to: Hank Scorpio
      - name: Hank Scorpio
        roles:
          - decision_maker
    notes: |
      first line
      second line
    ---

    ## Log
    """

/// `contacts` with `old` replaced by `new` (which holds the cursor).
private func contactsWith(_ old: String, _ new: String) -> String {
    contacts.replacingOccurrences(of: old, with: new)
}

@Suite struct YAMLLocationTests {
    typealias Step = YAMLLocation.Step

    @Test func keysAndValuesOfAParsedTree() throws {
        let key = try #require(locate(contactsWith("stage:", "st‸age:")))
        #expect(key.path == [.key("stage")] && key.place == .key)
        #expect(key.mappingKeys == ["account", "stage", "contacts", "notes"])
        let value = try #require(locate(contactsWith("discovery", "disc‸overy")))
        #expect(value.path == [.key("stage")] && value.place == .value)
        let valueStart = try #require(value.valueStart)
        #expect(Array(contacts.utf8)[valueStart...].starts(with: "discovery".utf8))
        // In a contact, found by the cursor, not by the first match of the key.
        let reports = try #require(locate(contactsWith("reports_to: Hank", "reports_to: Ha‸nk")))
        #expect(reports.path == [.key("contacts"), .item(0), .key("reports_to")] && reports.place == .value)
        #expect(reports.mappingKeys == ["name", "roles", "reports_to"])
        let name = try #require(locate(contactsWith("- name: Hank", "- na‸me: Hank")))
        #expect(name.path == [.key("contacts"), .item(1), .key("name")] && name.place == .key)
        // A block list's item, and a line of a block scalar.
        let item = try #require(locate(contactsWith("- decision_maker", "- decision‸_maker")))
        #expect(item.path == [.key("contacts"), .item(1), .key("roles"), .item(0)] && item.place == .item)
        #expect(item.key == "roles")
        let notes = try #require(locate(contactsWith("second line", "second‸ line")))
        #expect(notes.path == [.key("notes")] && notes.place == .value)
    }

    @Test func aFlowListKnowsItsItems() throws {
        let inside = try #require(locate(contactsWith("champion, economic_buyer]", "champion, ‸economic_buyer]")))
        #expect(inside.path == [.key("contacts"), .item(0), .key("roles")] && inside.place == .value)
        #expect(inside.inFlowList && inside.listItems == ["champion", "economic_buyer"])
        let after = try #require(locate(contactsWith("economic_buyer]", "economic_buyer]‸")))
        #expect(!after.inFlowList)
    }

    @Test func emptyValuesAndItemsBeingTyped() throws {
        let empty = try #require(locate(contactsWith("stage: discovery", "stage: ‸")))
        #expect(empty.path == [.key("stage")] && empty.place == .value)
        #expect(empty.valueStart == cursor(contactsWith("stage: discovery", "stage: ‸")))
        let newItem = try #require(locate(contactsWith("      - decision_maker", "      - ‸")))
        #expect(newItem.path == [.key("contacts"), .item(1), .key("roles"), .item(0)] && newItem.place == .item)
        let newContact = try #require(locate(contactsWith("notes: |", "  - na‸\nnotes: |")))
        #expect(newContact.path == [.key("contacts"), .item(2)] && newContact.place == .item)
    }

    /// Lines that do not parse while they are typed: placed by their indentation among the others.
    @Test func linesThatDoNotParseYet() throws {
        let top = try #require(locate(contactsWith("stage: discovery\n", "stage: discovery\nou‸\n")))
        #expect(top.path == [] && top.place == .newKey)
        #expect(top.mappingKeys == ["account", "stage", "contacts", "notes"])
        let inContact = try #require(locate(contactsWith("    reports_to: Hank Scorpio\n", "    rep‸\n")))
        #expect(inContact.path == [.key("contacts"), .item(0)] && inContact.place == .newKey)
        #expect(inContact.mappingKeys == ["name", "roles"])
        // An unclosed flow list: the key and the items typed so far come from the line itself.
        let unclosed = try #require(
            locate(contactsWith("[champion, economic_buyer]", "[champion, ‸")))
        #expect(unclosed.path == [.key("contacts"), .item(0), .key("roles")] && unclosed.place == .value)
        #expect(unclosed.inFlowList && unclosed.listItems == ["champion"])
        // A new item of a list written at its key's column.
        let sameColumn = try #require(locate("---\ntags:\n- a\n- [‸\n---\n"))
        #expect(sameColumn.path == [.key("tags"), .item(1)] && sameColumn.place == .item)
        // An empty line indented into a contact.
        let blank = try #require(locate(contactsWith("    reports_to: Hank Scorpio\n", "    ‸\n")))
        #expect(blank.path == [.key("contacts"), .item(0)] && blank.place == .newKey)
        // A line indented under a key with no value yet: the key's mapping or list.
        let under = try #require(locate("---\noutcome:\n  comp‸\n---\n"))
        #expect(under.path == [.key("outcome")] && under.place == .newKey && under.mappingKeys == [])
        let listUnder = try #require(locate("---\ncompetitors:\n  - ‸\n---\n"))
        #expect(listUnder.path == [.key("competitors"), .item(0)] && listUnder.place == .item)
    }

    @Test func brokenAndUnclosedFrontMatter() throws {
        // Not closed: read to the end of the text.
        let unclosed = try #require(locate("---\naccount: Globex\nst‸"))
        #expect(unclosed.path == [] && unclosed.place == .newKey && unclosed.mappingKeys == ["account"])
        let unclosedValue = try #require(locate("---\naccount: Globex\nstage: ‸\n\n## Log\n"))
        #expect(unclosedValue.path == [.key("stage")] && unclosedValue.place == .value)
        // Another entry is broken (a tab, an unclosed bracket): the rest is still read.
        let broken = try #require(locate("---\naccount: [Globex\n\tbad: x\nstage: ‸\nowner: Dana\n---\n"))
        #expect(broken.path == [.key("stage")] && broken.place == .value)
        // Empty front matter, and one where only the typed line is.
        #expect(locate("---\n‸\n---\n") == YAMLLocation(path: [], place: .newKey, mappingKeys: [], valueStart: 4))
        #expect(locate("---\nacc‸\n---\n")?.place == .newKey)
        // The markers and the body are not front matter; nor is a file without it.
        #expect(locate("--‸-\naccount: A\n---\n") == nil)
        #expect(locate("---\naccount: A\n---\n## L‸og\n") == nil)
        #expect(locate("# No front matter‸\n") == nil)
    }

    @Test func theFinderFindsFrontMatterOnce() {
        func lines(_ text: String) -> FrontMatterSplit.Lines? {
            FrontMatterSplit.lines(of: SourceFile(path: "a.md", text: text))
        }
        #expect(lines("---\na: 1\n---\nbody\n") == .init(yaml: 1..<2, isClosed: true))
        #expect(lines("--- \t\na: 1\n... \nbody\n") == .init(yaml: 1..<2, isClosed: true))
        #expect(lines("---\na: 1\nb: 2\n")?.isClosed == false)
        #expect(lines("---\na: 1\nb: 2\n")?.bodyStart == 4)
        #expect(lines("---\n---\n")?.bodyStart == 2)
        #expect(lines("# Title\n---\n") == nil)
        #expect(lines("----\na: 1\n---\n") == nil)
        #expect(lines("") == nil)
        // Over lines of text too (the template `fieldnotes new` fills), as the checker finds it.
        let template = ["---", "account:", "--- x", "stage:", "...", "# Title", "---"]
        #expect(
            FrontMatterSplit.lines(count: template.count) { template[$0].utf8 } == .init(yaml: 1..<4, isClosed: true))
        // The checker's split agrees.
        let file = SourceFile(path: "a.md", text: "---\na: 1\n...\nbody\n")
        if case .success(let split) = FrontMatterSplit.split(file) {
            #expect(split.yamlLines == 1..<2 && split.bodyStart == 3)
        } else {
            Issue.record("the front matter was not found")
        }
    }

    /// The language server completes in front matter that is not closed yet.
    @Test func completionInUnclosedFrontMatter() throws {
        let h = LSPHarness()
        let uri = templateURI("unclosed-lsp.md")
        h.open(uri, "---\naccount: Globex\nstage: \ncontacts:\n  - name: Ann\n    roles: [\n")
        func labels(_ line: Int, _ character: Int) -> [String] {
            h.request("textDocument/completion", h.at(uri, line, character))?["result"]?["items"]?.array?
                .compactMap { $0["label"]?.string } ?? []
        }
        #expect(labels(2, 7) == Stage.allCases.map(\.rawValue))
        #expect(labels(5, 12) == BuiltinSchema.roles)
        let hover = h.request("textDocument/hover", h.at(uri, 5, 6))?["result"]?["contents"]?["value"]?.string
        #expect(hover?.hasPrefix("**roles**") == true, "\(String(describing: hover))")
    }
}
