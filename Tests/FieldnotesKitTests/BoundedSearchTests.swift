import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Did-you-mean searches, globs and the language server's line table do work bounded by a count
/// (distance cells, component pairs, bytes scanned), whatever a note, a pattern or a burst of
/// edits holds; and they give the answers the plain algorithms give.
struct BoundedSearchTests {
    // MARK: - Did-you-mean

    /// The plain optimal string alignment distance (the specification of the bounded one).
    static func referenceDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// The unbounded search as it was first written (the specification of the indexed one).
    static func referenceClosest(to word: String, in candidates: [String]) -> String? {
        func fold(_ s: String) -> String { s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        func normalize(_ s: String) -> String { String(fold(s).map { $0 == " " || $0 == "-" ? "_" : $0 }) }
        let normalizedWord = normalize(word)
        if let exact = candidates.first(where: { normalize($0) == normalizedWord }), exact != word { return exact }
        var best: (String, Int)?
        let lowered = fold(word)
        for candidate in candidates where candidate != word {
            if candidate.count <= 2 { continue }
            let distance = referenceDistance(Array(lowered), Array(fold(candidate)))
            let limit = max(1, min(3, (max(word.count, candidate.count) + 2) / 4))
            guard distance <= limit else { continue }
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        if let best { return best.0 }
        if lowered.count >= 3 {
            let prefixed = candidates.filter { $0.lowercased().hasPrefix(lowered) }
            if prefixed.count == 1 { return prefixed[0] }
        }
        return nil
    }

    /// Folding ASCII as bytes gives what Foundation's folding gives: every ASCII character, and
    /// names mixing them; text that is not ASCII goes through Foundation.
    @Test func foldingReadsAsFoundationsFolding() {
        func reference(_ s: String) -> String {
            s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        }
        let every = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        var samples = [every, "", "acme", "Acme Corp", "ACME-42 (EU)", "José Ñúñez", "Straße", "İstanbul", "ǅemal"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            samples.append(
                String(
                    decoding: (0..<Int.random(in: 0..<12, using: &rng)).map { _ in
                        UInt8.random(in: 0..<128, using: &rng)
                    }, as: UTF8.self))
        }
        for s in samples { #expect(Suggest.fold(s) == reference(s), "\(s.debugDescription)") }
    }

    @Test func theBoundedDistanceIsTheDistanceWithinItsLimit() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "b", "c", "é", "e\u{301}", " "]
        for _ in 0..<3_000 {
            let a = (0..<Int.random(in: 0...9, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let b = (0..<Int.random(in: 0...9, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let limit = Int.random(in: 0...4, using: &rng)
            var cells = 0
            let exact = Self.referenceDistance(a, b)
            #expect(Suggest.distance(a, b, limit: limit, cells: &cells) == min(exact, limit + 1), "\(a) \(b) \(limit)")
            #expect(cells <= (2 * limit + 1) * a.count)
            #expect(Suggest.editDistance(String(a), String(b)) == exact)
        }
    }

    @Test func suggestionsAreThoseOfThePlainSearch() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "b", "o", "Ö", "st", "-", " ", "_", "won", "lost", "Ana", "ana"]
        func name(_ count: Int) -> String { (0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined() }
        for _ in 0..<400 {
            let candidates = (0..<Int.random(in: 0...12, using: &rng)).map { _ in
                name(Int.random(in: 1...6, using: &rng))
            }
            // A word near a candidate (one piece changed, added or dropped) or anything.
            var word: [Character] = Array(candidates.randomElement(using: &rng) ?? name(3))
            let mutation = Int.random(in: 0...3, using: &rng)
            if mutation == 0, !word.isEmpty { word.remove(at: Int.random(in: 0..<word.count, using: &rng)) }
            if mutation == 1 {
                word.insert(pieces.randomElement(using: &rng)!.first!, at: Int.random(in: 0...word.count, using: &rng))
            }
            if mutation == 2, word.count > 1 { word.swapAt(0, 1) }
            let text = String(word)
            #expect(
                Suggest.closest(to: text, in: candidates) == Self.referenceClosest(to: text, in: candidates),
                "\(text) in \(candidates)")
        }
        // Spellings as a rep writes them.
        let stages = BuiltinSchema.stages
        for word in ["discvery", "Closed Won", "closed-lost", "prospectin", "disc", "negotation", "x", "qualification"]
        {
            #expect(Suggest.closest(to: word, in: stages) == Self.referenceClosest(to: word, in: stages), "\(word)")
        }
    }

    /// The did-you-mean work of checking `text`, and the report.
    func checkCountingSearches(_ text: String) -> (work: Int, report: AccountReport) {
        let meter = Suggest.Meter()
        let report = Suggest.$meter.withValue(meter) { checkText(text) }
        return (meter.work, report)
    }

    func contactsNote(_ contacts: [(name: String, reportsTo: String)], title: String? = nil) -> String {
        let entries = contacts.map { contact in
            "  - name: \(contact.name)\n    reports_to: \(contact.reportsTo)\n"
                + (title.map { "    title: \($0)\n" } ?? "")
        }
        return "---\naccount: Acme\nowner: o\nstage: prospecting\ncontacts:\n" + entries.joined() + "---\n"
    }

    @Test func twoContactsWithVeryLongNames() {
        let long = String(repeating: "x", count: 20_000)
        let (work, report) = checkCountingSearches(contactsNote([(long + "a", long + "b"), (long + "c", long + "d")]))
        #expect(report.diagnostics.filter { $0.rule == .unknownContact }.count == 2)
        // Names that long are not compared (a typo in them is not guessed).
        #expect(work == 0)
    }

    @Test func fourThousandContactsReportingToNobody() {
        // Names of one length sharing their first letters: no length or prefix filter helps.
        let contacts = (0..<4_000).map { i in
            (name: "Contact \(String(format: "%05d", i))", reportsTo: "Contact \(String(format: "%05d", i))x")
        }
        let (work, report) = checkCountingSearches(contactsNote(contacts))
        #expect(report.diagnostics.filter { $0.rule == .unknownContact }.count == 4_000)
        // Without a bound: 4,000 × 4,000 comparisons of about a hundred cells each.
        #expect(work <= Suggest.Budget.perFile + 1_000)
        // The first ones still get their suggestion.
        let first = report.diagnostics.first { $0.rule == .unknownContact }
        #expect(first?.help == "did you mean 'Contact 00000'?")
    }

    @Test func typosAmongManyContactsAreStillFound() {
        var contacts = (0..<300).map { i in
            (name: "Person \(i) Surname\(i)", reportsTo: "Person \((i + 1) % 300) Surname\((i + 1) % 300)")
        }
        contacts[7].reportsTo = "Persno 3 Surname3"
        let (work, report) = checkCountingSearches(contactsNote(contacts))
        let unknown = report.diagnostics.filter { $0.rule == .unknownContact }
        #expect(unknown.count == 1)
        #expect(unknown.first?.help == "did you mean 'Person 3 Surname3'?")
        #expect(work < 30_000)
    }

    @Test func manyLongUnknownKeys() {
        var text = "---\naccount: Acme\nowner: o\nstage: prospecting\n"
        for i in 0..<150 { text += String(repeating: "k", count: 60_000) + "\(i): v\n" }
        let (work, report) = checkCountingSearches(text + "---\n")
        #expect(report.diagnostics.filter { $0.rule == .unknownField }.count == 150)
        #expect(work == 0)
    }

    @Test func manyUnknownValues() {
        var text = "---\naccount: Acme\nowner: o\nstage: prospecting\ncontacts:\n"
        for i in 0..<2_000 {
            text +=
                "  - name: P\(i)\n    function: engineerin\(i % 10)\n    relationship: "
                + String(repeating: "w", count: 1_000) + "\n"
        }
        let (work, report) = checkCountingSearches(text + "---\n")
        #expect(report.diagnostics.filter { $0.rule == .invalidValue }.count == 4_000)
        #expect(report.diagnostics.first { $0.rule == .invalidValue }?.help == "did you mean 'engineering'?")
        #expect(work <= Suggest.Budget.perFile + 1_000)
    }

    /// A note just under the size limit, made of contacts whose bosses are nobody: its search work is bounded.
    @Test func aNoteNearTheSizeLimit() throws {
        let title = String(repeating: "t", count: 3_000)
        let contacts = (0..<3_000).map { i in
            (
                name: "Contact with a name of sixty characters, number \(String(format: "%06d", i))!!",
                reportsTo: "Contact with a name of sixty characters, number \(String(format: "%06d", i))?"
            )
        }
        let text = contactsNote(contacts, title: title)
        #expect(text.utf8.count > 9_000_000 && text.utf8.count < FileReader.maxSize)
        let (work, report) = checkCountingSearches(text)
        #expect(report.diagnostics.filter { $0.rule == .unknownContact }.count == 3_000)
        #expect(work <= Suggest.Budget.perFile + 1_000)

        let repo = try TempRepo(["accounts/big.md": text])
        defer { try? FileManager.default.removeItem(at: repo.url) }
        let run = try runBinary(["check", "--format", "json", "accounts/big.md"], in: repo.url)
        #expect(run.status == 0)  // unknown bosses are warnings
        #expect(run.stdout.contains("who is not in contacts"))
    }

    // MARK: - Globs

    /// The matcher as it was first written, by backtracking (the specification; exponential in '**').
    static func referenceMatch(_ pattern: [String], _ path: [String]) -> Bool {
        func component(_ p: [Character], _ s: [Character]) -> Bool {
            guard let first = p.first else { return s.isEmpty }
            if first == "*" {
                return component(Array(p.dropFirst()), s) || (!s.isEmpty && component(p, Array(s.dropFirst())))
            }
            guard let c = s.first, first == "?" || first == c else { return false }
            return component(Array(p.dropFirst()), Array(s.dropFirst()))
        }
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            return (0...path.count).contains { referenceMatch(Array(pattern.dropFirst()), Array(path.dropFirst($0))) }
        }
        guard let head = path.first, component(Array(first), Array(head)) else { return false }
        return referenceMatch(Array(pattern.dropFirst()), Array(path.dropFirst()))
    }

    @Test func manyDoubleStarsAgainstADeepPath() {
        let pattern = Array(repeating: "**", count: 12).joined(separator: "/") + "/z.md"
        let folders = (0..<30).map { "d\($0)" }.joined(separator: "/")
        let glob = Glob(pattern)
        for (path, expected) in [(folders + "/z.md", true), (folders + "/y.md", false), (folders, false)] {
            var steps = 0
            #expect(glob.matches(path, steps: &steps) == expected, "\(path)")
            // (pattern components × path components) at most, not paths of the '**' through the folders.
            #expect(steps <= 13 * 31, "\(path)")
        }
        var steps = 0
        #expect(Glob("accounts/**/*.md").matches("accounts/a/b/c.md", steps: &steps))
        #expect(steps <= 3 * 4)
    }

    @Test func globsMatchAsThePlainMatcher() {
        var rng = SystemRandomNumberGenerator()
        let patternPieces = ["**", "*", "a*", "*b", "?", "a", "b", "ab", "a?b", "*.md", "x.md", "*a*"]
        let pathPieces = ["a", "b", "ab", "ba", "aab", "x.md", "a.md", "", "é", "abb"]
        for _ in 0..<3_000 {
            let pattern = (0..<Int.random(in: 1...5, using: &rng)).map { _ in patternPieces.randomElement(using: &rng)!
            }
            let path = (0..<Int.random(in: 0...5, using: &rng)).map { _ in pathPieces.randomElement(using: &rng)! }
                .filter { !$0.isEmpty }
            let text = pattern.joined(separator: "/")
            #expect(
                Glob(text).matches(path.joined(separator: "/")) == Self.referenceMatch(pattern, path), "\(text) \(path)"
            )
        }
    }

    // MARK: - Language server edits

    @Test func editsScanOnlyTheTextTheyTouch() throws {
        var rng = SystemRandomNumberGenerator()
        let line = "- a line of a long note, with words: Zoë 😀\r\n"
        let text = String(repeating: "---\n" + String(repeating: line, count: 20) + "\r", count: 1_000)
        var doc = TextDocument(uri: "file:///x.md", version: 1, text: text)
        let opened = doc.lineScanBytes
        #expect(opened == text.utf8.count)
        let pieces = ["x", "\n", "\r", "\r\n", "", "two\nlines", "é"]
        var inserted = 0
        for _ in 0..<5_000 {
            let lines = doc.lineStarts.count
            let startLine = Int.random(in: 0..<lines, using: &rng)
            let endLine = min(lines - 1, startLine + Int.random(in: 0...1, using: &rng))
            let piece = pieces.randomElement(using: &rng)!
            inserted += piece.utf8.count + 1
            try doc.apply(
                range: (
                    (startLine, Int.random(in: 0...5, using: &rng)), (endLine, Int.random(in: 6...60, using: &rng))
                ), text: piece)
        }
        // Each edit scans its new text and the byte before it; rescanning would be 5,000 × 1 MB.
        #expect(doc.lineScanBytes - opened <= inserted)
        #expect(doc.lineStarts == TextDocument.lineStarts(doc.bytes))
    }

    @Test func lineStartsStayRightAroundLineBreaks() throws {
        // A "\r" and a "\n" joined or split by an edit.
        for (text, range, insert) in [
            ("a\r\nb", ((0, 1), (1, 0)), "\r"), ("a\rb", ((1, 0), (1, 0)), "\n"), ("a\nb", ((0, 1), (0, 1)), "\r"),
            ("a\r\nb\rc", ((0, 0), (2, 1)), ""), ("\r", ((1, 0), (1, 0)), "\n\r"), ("", ((0, 0), (0, 0)), "\r"),
        ] {
            var doc = TextDocument(uri: "file:///x.md", version: 1, text: text)
            try doc.apply(range: range, text: insert)
            #expect(
                doc.lineStarts == TextDocument.lineStarts(doc.bytes),
                "\(text.debugDescription) \(insert.debugDescription)")
        }
    }
}
