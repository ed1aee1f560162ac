import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Parses `text` as a whole YAML document.
func parseYAML(_ text: String) -> (SourceFile, YAMLDocument) {
    let file = SourceFile(path: "test.yaml", text: text)
    return (file, YAMLParser.parse(file, lines: 0..<file.lineCount, documentMarkers: true))
}

/// Foundation objects for comparison with JSONSerialization output (null read as "", like PyYAML's BaseLoader).
func foundationValue(_ node: YAMLNode?) -> Any {
    guard let node else { return NSNull() }
    switch node.value {
    case .null: return ""
    case .scalar(let s, _): return s
    case .sequence(let items): return items.map { foundationValue($0) }
    case .mapping(let pairs):
        var d: [String: Any] = [:]
        for p in pairs { d[p.key] = foundationValue(p.value) }
        return d
    }
}

struct YAMLParserTests {
    static let fixtures = Project.fixtures.appendingPathComponent("yaml")

    static func fixtureNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).filter { $0.hasSuffix(".yaml") }
            .sorted()
    }

    /// Our tree equals PyYAML's BaseLoader tree (committed as .json by Scripts/yaml-expectations).
    @Test(arguments: fixtureNames())
    func agreesWithPyYAML(_ name: String) throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
        let (_, document) = parseYAML(text)
        #expect(document.issues.isEmpty, "\(document.issues.map(\.message))")
        let expectedData = try Data(
            contentsOf: Self.fixtures.appendingPathComponent(String(name.dropLast(5)) + ".json"))
        let expected = try JSONSerialization.jsonObject(with: expectedData, options: [.fragmentsAllowed])
        let actual = foundationValue(document.root)
        #expect(
            NSDictionary(dictionary: ["v": actual]).isEqual(NSDictionary(dictionary: ["v": expected])),
            "\(name): ours \(JSONWriter.pretty(document.root?.json() ?? .null))")
    }

    /// Tree dumps with ranges: every node's position is part of the golden file.
    @Test(arguments: fixtureNames())
    func treeDump(_ name: String) throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
        let (file, document) = parseYAML(text)
        try assertGolden(document.root?.dump(in: file) ?? "(empty)\n", "yaml/\(name.dropLast(5)).dump")
    }

    @Test func rangesPointAtTheText() throws {
        let (file, document) = parseYAML("stage: discvery\ncontacts:\n  - name: Zoë Müller\n    roles: [champion]\n")
        let root = try #require(document.root)
        let stage = try #require(root["stage"])
        #expect(file.slice(stage.range) == "discvery")
        #expect(file.location(of: stage.range.start) == TextPosition(line: 1, column: 8, utf16Column: 7))
        let contact = try #require(root["contacts"]?.sequence?.first)
        let name = try #require(contact["name"])
        #expect(file.slice(name.range) == "Zoë Müller")
        // Columns count characters, not bytes: the range after "Zoë" is still on the right character.
        #expect(file.location(of: name.range.end).column == 21)
        let roles = try #require(contact["roles"])
        #expect(file.slice(roles.range) == "[champion]")
        #expect(file.slice(roles.sequence![0].range) == "champion")
    }

    @Test func noImplicitTyping() throws {
        let (_, document) = parseYAML("a: no\nb: 1.0\nc: ~\nd: 2026-11-18\ne: true\n")
        let root = try #require(document.root)
        #expect(root["a"]?.scalar == "no")
        #expect(root["b"]?.scalar == "1.0")
        #expect(root["c"]?.scalar == "~")
        #expect(root["d"]?.scalar == "2026-11-18")
        #expect(root["e"]?.scalar == "true")
    }

    @Test func emptyValueIsNull() throws {
        let (file, document) = parseYAML("a:\nb: x\n")
        let a = try #require(document.root?["a"])
        #expect(a.isNull)
        #expect(file.location(of: a.range.start).line == 1)
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let (file, document) = parseYAML("\u{FEFF}a: one\r\nb: |\r\n  two\r\n  three\r\n")
        #expect(document.issues.isEmpty)
        #expect(document.root?["a"]?.scalar == "one")
        #expect(document.root?["b"]?.scalar == "two\nthree\n")
        #expect(file.location(of: document.root!["b"]!.range.start) == TextPosition(line: 2, column: 4, utf16Column: 3))
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        var yaml: String
        var kind: YAMLIssue.Kind
        var line: Int
        var column: Int
        var contains: String
        var testDescription: String { yaml.debugDescription }
    }

    static let failures: [Failure] = [
        Failure(yaml: "a: 1\n\tb: 2\n", kind: .syntax, line: 2, column: 1, contains: "tab"),
        Failure(yaml: "a:\n  b: 1\n\t c: 2\n", kind: .syntax, line: 3, column: 1, contains: "tab"),
        Failure(yaml: "a: \"open\nb: 2\n", kind: .syntax, line: 1, column: 4, contains: "unterminated"),
        Failure(yaml: "a: 'open\n", kind: .syntax, line: 1, column: 4, contains: "unterminated"),
        Failure(yaml: "a: b: c\n", kind: .syntax, line: 1, column: 5, contains: "': '"),
        Failure(yaml: "a: x\n  b: y\n", kind: .syntax, line: 2, column: 4, contains: "key: value"),
        Failure(yaml: "a:\n  b: 1\n c: 2\n", kind: .syntax, line: 3, column: 2, contains: "indentation"),
        Failure(yaml: "a: &x 1\n", kind: .unsupported, line: 1, column: 4, contains: "anchors"),
        Failure(yaml: "a: *x\n", kind: .unsupported, line: 1, column: 4, contains: "aliases"),
        Failure(yaml: "a: !!str 1\n", kind: .unsupported, line: 1, column: 4, contains: "tags"),
        Failure(yaml: "? a\n: b\n", kind: .unsupported, line: 1, column: 1, contains: "complex keys"),
        Failure(yaml: "[a, b]: c\n", kind: .unsupported, line: 1, column: 1, contains: "complex keys"),
        Failure(yaml: "%YAML 1.2\n---\na: 1\n", kind: .unsupported, line: 1, column: 1, contains: "directives"),
        Failure(yaml: "a: [b, c\n", kind: .syntax, line: 1, column: 4, contains: "unclosed"),
        Failure(yaml: "a: {b: 1, b: 2}\n", kind: .duplicateKey, line: 1, column: 11, contains: "duplicate key 'b'"),
        Failure(yaml: "a: 1\na: 2\n", kind: .duplicateKey, line: 2, column: 1, contains: "duplicate key 'a'"),
        Failure(yaml: "a: \"\\q\"\n", kind: .syntax, line: 1, column: 5, contains: "escape"),
        Failure(yaml: "a: - b\n", kind: .syntax, line: 1, column: 4, contains: "list"),
        Failure(yaml: "a: @x\n", kind: .syntax, line: 1, column: 4, contains: "'@'"),
        Failure(yaml: "a: |x\n  t\n", kind: .syntax, line: 1, column: 5, contains: "block scalar"),
        Failure(yaml: "a: \"x\" y\n", kind: .syntax, line: 1, column: 8, contains: "after the value"),
        Failure(yaml: "- a\nb: c\n", kind: .syntax, line: 2, column: 1, contains: "unexpected content"),
        Failure(yaml: "a: [b,,c]\n", kind: .syntax, line: 1, column: 7, contains: "empty entry"),
    ]

    @Test(arguments: failures)
    func reportsLocatedErrors(_ f: Failure) throws {
        let (file, document) = parseYAML(f.yaml)
        let issue = try #require(document.issues.first, "no issue for \(f.yaml.debugDescription)")
        #expect(issue.kind == f.kind, "\(issue.message)")
        let at = file.location(of: issue.range.start)
        #expect(at.line == f.line && at.column == f.column, "\(issue.message) at \(at.line):\(at.column)")
        #expect(issue.message.contains(f.contains), "\(issue.message)")
        #expect(issue.help != nil || issue.kind == .duplicateKey)
    }

    /// Duplicates are found by searching the mapping's pairs up to 16 keys, then by a dictionary:
    /// both sides of that limit, in block and flow mappings.
    @Test func duplicateKeysOnBothSidesOfTheSearchLimit() throws {
        let keys = (1...20).map { "k\($0)" }
        let block = keys.map { "\($0): v\n" }.joined() + "k1: again\nk18: again\nk20: again\n"
        let flow = "m: {" + keys.map { "\($0): v" }.joined(separator: ", ") + ", k1: again, k18: again}\n"
        for (yaml, expected) in [(block, ["k1", "k18", "k20"]), (flow, ["k1", "k18"])] {
            let (file, document) = parseYAML(yaml)
            #expect(document.issues.map(\.kind) == expected.map { _ in .duplicateKey })
            #expect(document.issues.map(\.message) == expected.map { "duplicate key '\($0)'" })
            for (issue, key) in zip(document.issues, expected) {
                // "first defined here" points at the first one.
                let first = try #require(issue.related.first?.range)
                let from = String(decoding: file.bytes[first.start...], as: UTF8.self)
                #expect(from.hasPrefix(key + ":"), "\(from.prefix(12))")
                #expect(first.start < issue.range.start)
            }
            let pairs = yaml == block ? document.root?.mapping : document.root?["m"]?.mapping
            #expect(pairs?.map(\.key) == keys, "the first value of each key is kept")
        }
    }

    @Test func recoversAtTheNextTopLevelKey() throws {
        let (_, document) = parseYAML("a: \"open\nb: ok\nc: x: y\nd: fine\n")
        #expect(document.issues.count == 2)
        #expect(document.root?["d"]?.scalar == "fine")
    }

    @Test func depthIsLimited() throws {
        let deep = String(repeating: "[", count: 100_000)
        let (_, document) = parseYAML("a: \(deep)\n")
        let issue = try #require(document.issues.first)
        #expect(issue.kind == .limit)
        var nested = ""
        for i in 0..<200 { nested += String(repeating: " ", count: i * 2) + "k:\n" }
        let (_, document2) = parseYAML(nested)
        #expect(document2.issues.first?.kind == .limit)
        let dashes = String(repeating: "- ", count: 50_000) + "x\n"
        let (_, document3) = parseYAML(dashes)
        #expect(document3.issues.first?.kind == .limit)
    }
}
