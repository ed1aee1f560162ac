import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Differential test against real front matter from public documentation sites
/// (../shared/corpora/frontmatter), with PyYAML's BaseLoader as the reference
/// (Fixtures/frontmatter-expectations.tsv, made by Scripts/frontmatter-expectations).
struct FrontMatterCorpusTests {
    static let corpus = Project.shared.appendingPathComponent("corpora/frontmatter")

    static func fnv(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// BaseLoader reads an empty value as "": so does the comparison.
    static func baseLoaderForm(_ v: JSONValue) -> JSONValue {
        switch v {
        case .null: return .string("")
        case .array(let a): return .array(a.map(baseLoaderForm))
        case .object(let o): return .object(o.map { ($0.0, baseLoaderForm($0.1)) })
        default: return v
        }
    }

    @Test(.needsFile(corpus, "the front-matter corpus in ../shared/corpora is absent"))
    func realFrontMatter() throws {
        let tsv = try String(
            contentsOf: Project.fixtures.appendingPathComponent("frontmatter-expectations.tsv"), encoding: .utf8)
        var expected: [String: String] = [:]
        for line in tsv.split(separator: "\n") {
            let cols = line.split(separator: "\t")
            expected["\(cols[0])#\(cols[1])"] = String(cols[2])
        }
        var agreed = 0, rejectedBoth = 0, rejectedNamed: [String: Int] = [:], disagreed: [String] = [],
            unnamed: [String] = []
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter {
            $0.hasSuffix(".jsonl")
        }.sorted()
        for name in files {
            let text = try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
            for (index, line) in text.split(separator: "\n").enumerated() {
                let block = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                let frontMatter = block["front_matter"] as! String
                let file = SourceFile(path: "fm.md", text: frontMatter + "\n")
                let document = YAMLParser.parse(file, lines: 0..<file.lineCount)
                let id = "\(name)#\(index)"
                guard let reference = expected[id] else {
                    Issue.record("no expectation for \(id): regenerate the fixture"); continue
                }
                if let issue = document.issues.first {
                    if reference == "error" {
                        rejectedBoth += 1
                    } else if issue.kind == .unsupported || issue.kind == .duplicateKey
                        || issue.message.contains("not indented enough")
                    {
                        // Outside the subset, a mistake PyYAML lets through silently (a duplicate key), or a
                        // continuation line YAML 1.2 requires to be indented (PyYAML is lenient): named, never a
                        // different tree.
                        rejectedNamed[issue.kind == .duplicateKey ? "duplicate key" : issue.message, default: 0] += 1
                    } else {
                        unnamed.append(
                            "\(id) (\(block["path"] as! String)): \(issue.message) "
                                + "at line \(file.location(of: issue.range.start).line)"
                        )
                    }
                    continue
                }
                let ours = Self.fnv(JSONWriter.compact(Self.baseLoaderForm(document.root?.json() ?? .null)))
                if ours == reference {
                    agreed += 1
                } else {
                    disagreed.append(
                        "\(id) (\(block["path"] as! String)): ours "
                            + "\(JSONWriter.compact(document.root?.json() ?? .null).prefix(300)); "
                            + "see Scripts/frontmatter-expectations \(name) \(index)"
                    )
                }
            }
        }
        let named = rejectedNamed.values.reduce(0, +)
        print(
            "frontmatter corpus: \(agreed) agreed, \(rejectedBoth) rejected by both, "
                + "\(named) rejected with a named construct \(rejectedNamed.sorted { $0.key < $1.key }), "
                + "\(unnamed.count) rejected as syntax errors PyYAML accepts, \(disagreed.count) disagreed"
        )
        for d in disagreed { Issue.record("silent disagreement: \(d)") }
        for u in unnamed { Issue.record("rejection PyYAML does not make: \(u)") }
    }
}
