import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Differential test against the official YAML test suite (selection and expectations in
/// Fixtures/yaml-test-suite.json, made by Scripts/yaml-suite-expectations).
///
/// - a case inside the subset: our tree equals the suite's (scalars compared as text);
/// - a case outside it, or one the suite marks invalid: we report a diagnostic, never a tree.
struct YAMLTestSuiteTests {
    struct Case {
        var id: String
        var name: String
        var yaml: String
        var expect: String
        var tree: Any?
    }

    static func cases() throws -> [Case] {
        let data = try Data(contentsOf: Project.fixtures.appendingPathComponent("yaml-test-suite.json"))
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return (root["cases"] as! [[String: Any]]).map {
            Case(
                id: $0["id"] as! String, name: $0["name"] as! String, yaml: $0["yaml"] as! String,
                expect: $0["expect"] as! String, tree: $0["tree"])
        }
    }

    /// Our tree as Foundation objects, with null for empty values (as the expectations have it).
    static func foundation(_ node: YAMLNode?) -> Any {
        guard let node else { return NSNull() }
        switch node.value {
        case .null: return NSNull()
        case .scalar(let s, _): return s
        case .sequence(let items): return items.map { foundation($0) }
        case .mapping(let pairs):
            var d: [String: Any] = [:]
            for p in pairs { d[p.key] = foundation(p.value) }
            return d
        }
    }

    @Test func officialSuite() throws {
        var agreed = 0, rejectedCleanly = 0, outsideByOurRules = 0, overRejected: [String] = [],
            disagreed: [String] = []
        for c in try Self.cases() {
            let (_, document) = parseYAML(c.yaml)
            switch c.expect {
            case "tree":
                if let issue = document.issues.first {
                    // The subset also excludes explicit '?' keys and tabs in indentation (see the README's
                    // front-matter subset), which the suite's event stream does not show: a rejection naming them
                    // is right.
                    if issue.kind == .unsupported || issue.message.contains("tab character used for indentation") {
                        outsideByOurRules += 1
                    } else {
                        overRejected.append("\(c.id) (\(c.name)): \(issue.message)")
                    }
                } else if NSArray(array: [Self.foundation(document.root)]).isEqual(to: [c.tree ?? NSNull()]) {
                    agreed += 1
                } else {
                    disagreed.append("\(c.id) (\(c.name)): ours \(JSONWriter.compact(document.root?.json() ?? .null))")
                }
            default:
                if document.issues.isEmpty {
                    disagreed.append(
                        "\(c.id) (\(c.name)): expected \(c.expect), "
                            + "read \(JSONWriter.compact(document.root?.json() ?? .null))"
                    )
                } else {
                    rejectedCleanly += 1
                }
            }
        }
        print(
            "yaml-test-suite: \(agreed) agreed, \(rejectedCleanly + outsideByOurRules) rejected cleanly "
                + "(\(outsideByOurRules) of them valid YAML outside the subset: '?' keys, tab indentation), "
                + "\(overRejected.count) in-subset cases rejected, \(disagreed.count) disagreed"
        )
        for d in disagreed { Issue.record("disagreement: \(d)") }
        for o in overRejected { Issue.record("rejected a case inside the subset: \(o)") }
    }
}
