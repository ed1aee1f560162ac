import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// The byte-level fast paths against plain reference versions (the straightforward code they
/// replaced), on generated input that reaches their corners: same answers, or the fast path is wrong.
@Suite struct FastPathTests {
    /// Text made of pieces that matter to the scanners.
    static func randomText(_ rng: inout SeededGenerator, pieces: [String], count: Int) -> String {
        (0..<Int.random(in: 0...count, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    @Test func utf8ValidationAgreesWithTheByteByByteDecoder() {
        func reference(_ b: [UInt8]) -> Int? {
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                var need = 0, minimum: UInt32 = 0, value: UInt32 = 0
                if c & 0xE0 == 0xC0 {
                    need = 1; minimum = 0x80; value = UInt32(c & 0x1F)
                } else if c & 0xF0 == 0xE0 {
                    need = 2; minimum = 0x800; value = UInt32(c & 0x0F)
                } else if c & 0xF8 == 0xF0 {
                    need = 3; minimum = 0x10000; value = UInt32(c & 0x07)
                } else {
                    return i
                }
                if i + need > b.count - 1 { return i }
                for k in 1...need {
                    guard b[i + k] & 0xC0 == 0x80 else { return i }
                    value = (value << 6) | UInt32(b[i + k] & 0x3F)
                }
                if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i }
                i += need + 1
            }
            return nil
        }
        var rng = SeededGenerator(seed: 7)
        let pieces: [[UInt8]] = [
            Array("plain ascii text ".utf8), Array("é".utf8), Array("€".utf8), Array("𝄞".utf8),
            [0x80], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xFF], [0],
        ]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
            #expect(Bytes.firstInvalidUTF8(bytes) == reference(bytes), "\(bytes)")
            // Valid exactly when Swift's own decoder changes nothing.
            #expect(
                (Bytes.firstInvalidUTF8(bytes) == nil)
                    == (Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes))
        }
    }

    @Test func lineStartsAgreeWithAByteLoop() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<1000 {
            let text = Self.randomText(&rng, pieces: ["a", "bc ", "\n", "\r\n", "\r", "ë", "\u{FEFF}"], count: 40)
            let file = SourceFile(path: "x", text: text)
            var starts = [0]
            for (i, b) in file.bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
            #expect(file.lineStarts == starts, "\(text.debugDescription)")
            #expect(!file.bytes.contains(0x0D))
        }
    }

    @Test func lineCuesAgreeWithSeparateSearches() {
        func hasWord(_ line: [UInt8], _ word: String) -> Bool {
            let w = Array(word.utf8)
            func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 0x80 }
            guard line.count >= w.count else { return false }
            for i in 0...(line.count - w.count) where Array(line[i..<(i + w.count)]) == w {
                if (i == 0 || !isLetter(line[i - 1])) && (i + w.count == line.count || !isLetter(line[i + w.count])) {
                    return true
                }
            }
            return false
        }
        var rng = SeededGenerator(seed: 13)
        let pieces = [
            "assum", "ASSUM", "Assumption:", "as", "sum", "u", "U", "TBD", "TODO", "TBDs", "xTBD", "T", "<", "<!--",
            " ",
            "plain words ", "é", "ü", "12345678", "(assumed)",
        ]
        for _ in 0..<5000 {
            let line = Self.randomText(&rng, pieces: pieces, count: 10)
            let bytes = Array(line.utf8)
            let cues = BodyScanner.LineCues(bytes[...])
            #expect(cues.comment == bytes.contains(UInt8(ascii: "<")), "\(line)")
            #expect(
                cues.assumption
                    == String(decoding: bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self).contains(
                        "assum"), "\(line)")
            #expect(cues.placeholder == (hasWord(bytes, "TBD") || hasWord(bytes, "TODO")), "\(line)")
            #expect(BodyScanner.placeholderWords.occurs(in: bytes[...]) == cues.placeholder, "\(line)")
        }
    }

    /// `Words.key`'s plain version: lowercased, split at spaces (and tabs) as characters.
    static func plainKey(_ text: String, tabs: Bool) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || (tabs && $0 == "\t") }).joined(separator: " ")
    }

    @Test func titlesNormalizeAsThePlainVersionDoes() {
        var rng = SeededGenerator(seed: 17)
        let pieces = ["Why", "they", " ", "  ", "\t", ":", "?", "ARE", "buying", "#", "Über", "\u{0301}", "\u{0600}"]
        for _ in 0..<3000 {
            let title = Self.randomText(&rng, pieces: pieces, count: 8)
            var plain = Self.plainKey(title, tabs: true)
            while let last = plain.last, last == ":" || last == "?" || last == " " { plain.removeLast() }
            #expect(BodyScanner.normalizeTitle(title) == plain, "\(title.debugDescription)")
        }
        #expect(BodyScanner.normalizeTitle("Über  Uns ?") == "über uns")
    }

    /// A text's spaces stand alone exactly when splitting it at space characters and at space
    /// bytes gives the same words.
    @Test func spacesStandAloneAsCharactersSay() {
        var rng = SeededGenerator(seed: 23)
        let pieces = [
            "a", " ", "  ", "Zoë", "\u{301}", "\u{0600}", "\u{200D}", "\u{0903}", "\u{093F}", "李", "🙂", "\u{1F3FB}",
            "\u{110BD}", "\u{0E33}", "\t", "\r\n",
        ]
        for _ in 0..<3000 {
            var text = Self.randomText(&rng, pieces: pieces, count: 6)
            let byCharacters = text.split(separator: " ").map(String.init)
            let byBytes = text.utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            let alone = text.withUTF8(Words.spacesStandAlone)
            #expect(alone == (byCharacters == byBytes), "\(text.debugDescription)")
        }
        func standAlone(_ text: String) -> Bool {
            var text = text
            return text.withUTF8(Words.spacesStandAlone)
        }
        #expect(!standAlone("x \u{301}y"))
        #expect(!standAlone("\u{0600} 1"))
        #expect(standAlone("Zoë Łukasz 李 🙂"))
    }

    @Test func contactNamesCompareAsLowercasedWords() {
        var rng = SeededGenerator(seed: 19)
        let pieces = [
            "Raj", "PATEL", " ", "  ", "Zoë", "Björn", "İ", "ΣΟΦΙΑ", "ΟΔΥΣΣΕΥΣ", "Straße",
            "Hañk", "李", "a", "\u{0301}", "Ö", "\u{212A}", "ǅ", "Ω", "\u{0600}", "\t",
        ]
        for _ in 0..<3000 {
            let name = Self.randomText(&rng, pieces: pieces, count: 6)
            #expect(Words.key(name, tabs: false) == Self.plainKey(name, tabs: false), "\(name.debugDescription)")
        }
    }

    /// `Words.key` copies scalars without `changesWhenLowercased` as they are: their lower case
    /// must be themselves, for every non-ASCII scalar.
    @Test func scalarsThatDoNotChangeWhenLoweredLowerToThemselves() {
        var wrong: [String] = []
        for v in UInt32(0x80)...0x10_FFFF {
            guard let scalar = Unicode.Scalar(v), !scalar.properties.changesWhenLowercased else { continue }
            if scalar.properties.lowercaseMapping != String(scalar) { wrong.append(String(v, radix: 16)) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }

    @Test func numbersAreRecognisedAsTheCharacterVersionDid() {
        func reference(_ text: String) -> Bool {
            var s = Substring(text)
            if s.first == "-" { s = s.dropFirst() }
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), !parts[0].isEmpty else { return false }
            return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        }
        var rng = SeededGenerator(seed: 23)
        let pieces = ["1", "23", "0", "-", ".", "a", " ", "٣", "\u{0301}", "e", "+", ","]
        for _ in 0..<5000 {
            let text = Self.randomText(&rng, pieces: pieces, count: 5)
            #expect(AccountDecoder.isNumber(text) == reference(text), "\(text.debugDescription)")
        }
        for text in ["120000", "-12.5", "0.5", "1.", ".5", "-", "", "1.2.3", "--1", "1-"] {
            #expect(AccountDecoder.isNumber(text) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func asciiAssumptionsReadAsTheCharacterVersionDoes() {
        var rng = SeededGenerator(seed: 41)
        let pieces = [
            "Assumption:", "assumed:", "ASSUMPTION -", "**Assumption**:", "_assumed_:", "(assumed)", "(Assumption)",
            "Assumed",
            "- ", "* ", "+ ", "1. ", "12) ", "3.", " ", "\t", "word", ".", "? ", "! ", "\n", "\n\n", "# h\n", "assum",
            "*", "_", ":", "é",
        ]
        var paragraphs = 0
        for _ in 0..<4000 {
            let source = SourceFile(path: "x", text: Self.randomText(&rng, pieces: pieces, count: 12))
            for i in 0..<source.lineCount {
                let line = source.bytes[source.lineRange(i)]
                let text = String(decoding: line, as: UTF8.self)
                let general = BodyScanner.assumptionMarker(text).map {
                    (line.startIndex + text.utf8.distance(from: text.startIndex, to: $0.lowerBound))..<(line.startIndex
                        + text.utf8.distance(from: text.startIndex, to: $0.upperBound))
                }
                #expect(BodyScanner.assumptionMarker(in: line) == general, "\(text.debugDescription)")
                guard let marker = general else { continue }
                let lines = max(0, i - 2)...min(i + 2, source.lineCount - 1)
                guard lines.allSatisfy({ Bytes.isASCII(source.bytes[source.lineRange($0)]) }) else { continue }
                let a = Assumption(text: "", range: SourceRange(marker.lowerBound, marker.upperBound), line: i)
                let ascii = BodyScanner.asciiParagraphText(source, lines, marker: a)
                let reference = BodyScanner.paragraphText(source, lines, marker: a)
                #expect(
                    ascii.text == reference.text && ascii.markerOffset == reference.markerOffset,
                    "\(source.text.debugDescription)")
                paragraphs += 1
            }
        }
        #expect(paragraphs > 1000)
    }

    @Test func headingsParseAsCharactersWould() {
        func reference(_ line: String) -> (Int, String)? {
            var level = 0
            for c in line.utf8 { if c == UInt8(ascii: "#") { level += 1 } else { break } }
            guard (1...6).contains(level) else { return nil }
            let rest = line.utf8.dropFirst(level)
            guard rest.isEmpty || rest.first == 0x20 || rest.first == 0x09 else { return nil }
            var title = String(decoding: Bytes.trim(ArraySlice(rest)), as: UTF8.self)
            if let lastNonHash = title.lastIndex(where: { $0 != "#" }) {
                let after = title.index(after: lastNonHash)
                if after < title.endIndex && (title[lastNonHash] == " " || title[lastNonHash] == "\t") {
                    title = String(decoding: Bytes.trim(ArraySlice(title[..<after].utf8)), as: UTF8.self)
                }
            } else {
                title = ""
            }
            return (level, title)
        }
        var rng = SeededGenerator(seed: 23)
        for _ in 0..<5000 {
            let line = Self.randomText(&rng, pieces: ["#", "##", " ", "\t", "C#", "Title", "ë", "x"], count: 8)
            let fast = BodyScanner.parseHeading(line)
            let slow = reference(line)
            #expect(fast?.level == slow?.0 && fast?.title == slow?.1, "\(line.debugDescription)")
        }
    }

    @Test func logDatesEndWhereCharactersSayWhitespaceStarts() {
        var rng = SeededGenerator(seed: 29)
        let pieces = [
            "2026-11-18", " ", "\t", "—", "call", ":", "\u{00A0}", "\u{0301}", "\u{2003}", "é", "x", "\r\n", "\n",
            "\u{200D}", "\u{0903}",
        ]
        for _ in 0..<5000 {
            let title = Self.randomText(&rng, pieces: pieces, count: 6)
            #expect(
                Words.first(title) == String(title.prefix(while: { !$0.isWhitespace })),
                "\(title.debugDescription)")
        }
    }

    @Test func globsMatchAsTheComponentMatcherDid() {
        func reference(_ pattern: [String], _ path: [String]) -> Bool {
            guard let first = pattern.first else { return path.isEmpty }
            if first == "**" {
                for k in 0...path.count where reference(Array(pattern.dropFirst()), Array(path.dropFirst(k))) {
                    return true
                }
                return false
            }
            guard let component = path.first,
                component.range(
                    of: "^"
                        + NSRegularExpression.escapedPattern(for: first)
                        .replacingOccurrences(of: "\\*", with: "[^/]*").replacingOccurrences(of: "\\?", with: "[^/]")
                        + "$",
                    options: .regularExpression) != nil
            else { return false }
            return reference(Array(pattern.dropFirst()), Array(path.dropFirst()))
        }
        var rng = SeededGenerator(seed: 31)
        let patternPieces = ["accounts", "**", "*", "*.md", "a?c", "team*", "x*y*z"]
        let pathPieces = ["accounts", "team01", "a.md", "abc", "xyz", "xaybz", "ë.md", "notes.md", "team"]
        for _ in 0..<3000 {
            let pattern = (0..<Int.random(in: 1...4, using: &rng)).map { _ in patternPieces.randomElement(using: &rng)!
            }
            let path = (0..<Int.random(in: 1...4, using: &rng)).map { _ in pathPieces.randomElement(using: &rng)! }
            #expect(
                Glob(pattern.joined(separator: "/")).matches(path.joined(separator: "/")) == reference(pattern, path),
                "\(pattern) \(path)")
        }
    }

    @Test func briefTextDropsCommentsAsTheStringVersionDid() {
        func reference(_ lines: Range<Int>, _ source: SourceFile) -> String {
            var inComment = false
            var out: [String] = []
            for i in lines {
                let raw = source.lineText(i)
                let wasInComment = inComment
                var visible = ""
                var rest = Substring(raw)
                while !rest.isEmpty {
                    if inComment {
                        guard let close = rest.range(of: "-->") else { rest = ""; break }
                        rest = rest[close.upperBound...]
                        inComment = false
                    } else {
                        guard let open = rest.range(of: "<!--") else { visible += rest; break }
                        visible += rest[..<open.lowerBound]
                        rest = rest[open.upperBound...]
                        inComment = true
                    }
                }
                if visible.trimmingSpaces().isEmpty && (wasInComment || raw.contains("<!--")) { continue }
                var line = Substring(visible)
                while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
                out.append(String(line))
            }
            while out.first?.isEmpty == true { out.removeFirst() }
            while out.last?.isEmpty == true { out.removeLast() }
            var collapsed: [String] = []
            for line in out where !(line.isEmpty && collapsed.last?.isEmpty == true) { collapsed.append(line) }
            return collapsed.joined(separator: "\n")
        }
        var rng = SeededGenerator(seed: 37)
        let pieces = ["text", " ", "\t", "\n", "\n\n", "<!--", "-->", "<!-- note -->", "é", "\u{00A0}", "- item"]
        for _ in 0..<3000 {
            let text = Self.randomText(&rng, pieces: pieces, count: 14)
            let source = SourceFile(path: "x", text: text)
            #expect(
                Brief.text(of: 0..<source.lineCount, in: source) == reference(0..<source.lineCount, source),
                "\(text.debugDescription)")
        }
    }

    @Test func briefPathsAsComponentsGaveThem() {
        func reference(_ accountPath: String, prefix: [String]) -> String {
            var parts = accountPath.split(separator: "/").map(String.init)
            if parts.count > prefix.count, Array(parts.prefix(prefix.count)) == prefix {
                parts.removeFirst(prefix.count)
            }
            var name = parts.joined(separator: "/")
            if let dot = name.lastIndex(of: "."), !name[dot...].contains("/") { name = String(name[..<dot]) }
            return name + ".md"
        }
        let cases = [
            "accounts/initech.md", "accounts/emea/zoë.md", "accounts//a.md", "accounts/", "accounts", "other/x.md",
            "accounts/v1.2/plan", "accounts/a.b.md", "/accounts/x.md", "accountsx/y.md", "accounts/.hidden",
        ]
        for path in cases {
            #expect(
                BriefWriter.briefPath(for: path, glob: Glob("accounts/**/*.md"))
                    == reference(path, prefix: ["accounts"]), "\(path)")
        }
        // A folder name composed differently (NFD, as macOS file names often are) is the same folder.
        let nfd = "Kunden/Zu\u{0308}rich/x.md"
        #expect(
            BriefWriter.briefPath(for: nfd, glob: Glob("Kunden/Z\u{00FC}rich/*.md"))
                == reference(nfd, prefix: ["Kunden", "Z\u{00FC}rich"]))
        #expect(BriefWriter.briefPath(for: nfd, glob: Glob("Kunden/Z\u{00FC}rich/*.md")) == "x.md")
    }

    @Test func twoAccountsWithOneBriefPathWriteTheFirstBrief() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fastpath-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = BriefWriter(directory: dir, root: dir)
        let first = Brief.mark(for: "accounts/acme.md") + "\nfirst\n",
            second = Brief.mark(for: "acme.md") + "\nsecond\n"
        try writer.write(.init(texts: [(path: "acme.md", contents: first), (path: "acme.md", contents: second)]))
        #expect(try String(contentsOf: dir.appendingPathComponent("acme.md"), encoding: .utf8) == first)
    }

    @Test func colouredDiagnosticsKeepTheirEscapes() {
        let source = SourceFile(path: "accounts/a.md", text: "---\nstage: discovry\n---\n")
        let file = FileDiagnostics(path: "accounts/a.md", source: source, diagnostics: [])
        let d = Diagnostic(
            .invalidValue, "unknown stage 'discovry'", at: SourceRange(11, 19), help: "did you mean 'discovery'?",
            notes: [.init("first here", SourceRange(4, 9))])
        let e = "\u{1B}["
        #expect(
            TextRenderer(color: true).render(d, in: file) == """
                \(e)1maccounts/a.md:2:8:\(e)0m \(e)1;31merror[invalid-value]\(e)0m\(e)1m: unknown stage 'discovry'\(e)0m
                  \(e)1;34m2 |\(e)0m stage: discovry
                  \(e)1;34m  |\(e)0m        \(e)1;31m^^^^^^^^\(e)0m
                  \(e)1;34m=\(e)0m \(e)1mhelp\(e)0m: did you mean 'discovery'?
                  \(e)1;34m=\(e)0m \(e)1mnote\(e)0m: first here (accounts/a.md:2:1)

                """)
        #expect(
            TextRenderer(color: false).render(d, in: file).contains("  2 | stage: discovry\n    |        ^^^^^^^^\n"))
    }

    @Test func tabsAndWideCharactersKeepCaretsUnderTheirText() {
        let source = SourceFile(path: "a.md", text: "\tnext_step: 李 push them\n")
        let file = FileDiagnostics(path: "a.md", source: source, diagnostics: [])
        let start = Bytes.firstRange(of: Array("push".utf8), in: source.bytes[...])!.lowerBound
        let d = Diagnostic(.oneSidedLanguage, "x", at: SourceRange(start, start + 4))
        let text = TextRenderer(color: false).render(d, in: file)
        // The tab shows as four spaces and 李 takes two columns.
        #expect(text.contains("  1 |     next_step: 李 push them\n    |                   ^^^^\n"), "\(text)")
    }

    @Test func walkingAndTheAccountPathRuleAgree() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = [
            "accounts/a.md", "accounts/_template.md", "accounts/_archive/old.md", "accounts/.hidden/x.md",
            "accounts/.x.md", "accounts/east/b.md", "accounts/notes.txt", "other/c.md",
        ]
        for f in files {
            let url = dir.appendingPathComponent(f)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "x".write(to: url, atomically: true, encoding: .utf8)
        }
        let glob = Glob("accounts/**/*.md")
        #expect(Workspace.walk(dir, glob: glob) == files.filter { Workspace.isAccountPath($0, glob: glob) }.sorted())
        #expect(Workspace.walk(dir, glob: glob) == ["accounts/_archive/old.md", "accounts/a.md", "accounts/east/b.md"])
    }

    /// `Words.spaced` says what Foundation's replacing says, by bytes.
    @Test func spacedIdsAreFoundationsReplacing() {
        for id in ["economic_buyer", "data_point", "closed_lost", "plain", "", "_", "__a__", "é_ü_😀", "a b_c"] {
            #expect(Words.spaced(id) == id.replacingOccurrences(of: "_", with: " "), "\(id)")
        }
    }
}
