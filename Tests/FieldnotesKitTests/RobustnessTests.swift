import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Deterministic mutation testing: thousands of corrupted variants of real notes must each
/// produce a report (never a crash or a hang), with every diagnostic inside the file.
struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    }

    static let alphabet: [[UInt8]] = [
        "-", " ", "  ", ":", ": ", "\t", "\n", "#", "'", "\"", "[", "]", "{", "}", ",", "|", ">", "&", "*", "!", "?",
        "\\", "---\n", "- ", "ü", "\r\n", "%", "@", "`", "\u{FEFF}", "2026-02-30", "## ", "```\n", "<!--", "-->",
    ].map { Array($0.utf8) }

    static func mutate(_ bytes: [UInt8], _ g: inout Generator) -> [UInt8] {
        var b = bytes
        for _ in 0..<(1 + g.below(4)) {
            let at = g.below(b.count + 1)
            switch g.below(4) {
            case 0: b.insert(contentsOf: alphabet[g.below(alphabet.count)], at: at)
            case 1: if at < b.count { b.removeSubrange(at..<min(b.count, at + 1 + g.below(8))) }
            case 2: if at < b.count { b[at] = UInt8(truncatingIfNeeded: g.next()) }
            default:
                let other = g.below(b.count + 1)
                let lo = min(at, other), hi = max(at, other)
                b.insert(contentsOf: b[lo..<min(hi, lo + 40)], at: g.below(b.count + 1))
            }
        }
        return b
    }

    @Test func mutatedNotesNeverCrash() throws {
        let seeds =
            EmbeddedTemplate.files.filter { $0.path.hasSuffix(".md") && $0.path.hasPrefix("accounts/") }.map {
                Array($0.contents.utf8)
            }
            + [Array(Rule.allCases.map(\.info.bad).joined(separator: "\n").utf8)]
        #expect(!seeds.isEmpty)
        let context = CheckContext(config: Config(), checklist: .builtIn, asOf: testDay)
        var g = Generator(state: 20261120)
        var diagnostics = 0
        for i in 0..<4000 {
            let input = Self.mutate(seeds[i % seeds.count], &g)
            let report = Checker.check(FileReader.decode(input, displayPath: "m.md"), path: "m.md", context: context)
            for d in report.diagnostics {
                diagnostics += 1
                #expect(
                    d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= report.source.bytes.count,
                    "range out of the file for input #\(i): \(d.message)")
                _ = TextRenderer(color: false).render(d, in: report.fileDiagnostics)
            }
        }
        #expect(diagnostics > 4000)
    }

    /// Every input a fuzzer ever crashed on stays a regression test (Fuzz/crashers).
    @Test func fuzzerCrashersStayFixed() throws {
        let dir = Project.root.appendingPathComponent("Fuzz/crashers")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        let context = CheckContext(config: Config(), checklist: .builtIn, asOf: testDay)
        for name in names where !name.hasPrefix(".") {
            let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            let file = SourceFile(path: name, text: String(decoding: bytes, as: UTF8.self))
            _ = YAMLParser.parse(file, lines: 0..<file.lineCount, documentMarkers: true)
            if case .text(let source) = FileReader.decode(bytes, displayPath: name) {
                _ = Checker.check(source, path: name, context: context)
            }
        }
    }

    @Test func hostileInputsAreBounded() throws {
        let context = CheckContext(config: Config(), checklist: .builtIn, asOf: testDay)
        let inputs: [String] = [
            "", "---", "---\n", "---\n---", "\u{FEFF}", "\n\n\n",
            "---\n" + String(repeating: "[", count: 100_000) + "\n---\n",
            "---\n" + String(repeating: "- ", count: 100_000) + "\n---\n",
            "---\na: " + String(repeating: "x", count: 1_000_000) + "\n---\n",
            "---\na: \"" + String(repeating: "\\", count: 10_001) + "\n---\n",
            "---\n" + (0..<20_000).map { "k\($0): v" }.joined(separator: "\n") + "\n---\n",
            "---\na: |\n" + String(repeating: "\n", count: 50_000) + "---\n",
            String(repeating: "## x\n", count: 20_000),
        ]
        for input in inputs {
            let start = Date()
            switch FileReader.decode(Array(input.utf8), displayPath: "h.md") {
            case .text(let source): _ = Checker.check(source, path: "h.md", context: context)
            case .unreadable: break
            }
            #expect(Date().timeIntervalSince(start) < 20, "input of \(input.utf8.count) bytes took too long")
        }
    }

    @Test func invalidUTF8AndNULAreLocated() throws {
        let bytes = Array("---\naccount: Bin".utf8) + [0xFF, 0xFE] + Array("ford\n---\n".utf8)
        guard case .unreadable(let source, let d) = FileReader.decode(bytes, displayPath: "x.md") else {
            Issue.record("invalid UTF-8 accepted")
            return
        }
        #expect(d.rule == .encoding)
        #expect(source.location(of: d.range.start) == TextPosition(line: 2, column: 13, utf16Column: 12))
        guard
            case .unreadable(let source2, let d2) = FileReader.decode(
                Array("---\na: b\u{0}c\n".utf8), displayPath: "x.md")
        else {
            Issue.record("NUL accepted")
            return
        }
        #expect(d2.message.contains("NUL"))
        #expect(source2.location(of: d2.range.start).line == 2)
        #expect(Bytes.firstInvalidUTF8([0xE2, 0x82]) == 0)
        #expect(Bytes.firstInvalidUTF8([0xED, 0xA0, 0x80]) == 0)
        #expect(Bytes.firstInvalidUTF8([0xC0, 0x80]) == 0)
        #expect(Bytes.firstInvalidUTF8(Array("Zoë €𝄞".utf8)) == nil)
    }
}
