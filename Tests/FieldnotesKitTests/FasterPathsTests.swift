import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesHistory
@testable import FieldnotesSupport

/// Wrapping measures each word once and keeps the line's width: it must wrap exactly as
/// measuring each candidate line whole did.
@Suite struct TextWrapTests {
    /// The wrapping as it was first written: the whole candidate line measured at each word.
    static func reference(_ text: String, width: Int, measure: (String) -> Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let longer = current + " " + word
            if !current.isEmpty && measure(longer) > width {
                lines.append(current)
                current = String(word)
            } else {
                current = current.isEmpty ? String(word) : longer
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    @Test func wrapsAsMeasuringEachLineWhole() {
        let words = ["a", "deal", "会議", "→", "2026-11-15", "Zoë", "", "naïve", "décision", "x\u{301}", "🙂", "budget:"]
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            seed ^= seed << 13
            seed ^= seed >> 7
            seed ^= seed << 17
            return Int(seed % 1000)
        }
        for _ in 0..<2000 {
            let text = (0..<(next() % 30)).map { _ in words[next() % words.count] }.joined(
                separator: next() % 5 == 0 ? "  " : " ")
            let padded = next() % 7 == 0 ? " " + text + " " : text
            let width = 4 + next() % 60
            #expect(
                TextWrap.lines(padded, width: width, measure: TextRenderer.displayWidth)
                    == Self.reference(padded, width: width, measure: TextRenderer.displayWidth), "\(padded) at \(width)"
            )
            #expect(TextWrap.lines(padded, width: width) == Self.reference(padded, width: width) { $0.count })
        }
    }

    @Test func displayWidthOfLatinTextIsItsCharacters() {
        #expect(TextRenderer.displayWidth("décision → 2027-02-15") == 21)
        #expect(TextRenderer.displayWidth("soft\u{AD}hyphen") == 10)
        #expect(TextRenderer.displayWidth("会議") == 4)
        #expect(TextRenderer.displayWidth("e\u{301}") == 1)
    }

    /// The line key reads a line in place: marker, bullet, emphasis and ASCII case aside.
    @Test func lineKeysIgnoreMarkersBulletsAndCase() {
        let key = AccountSnapshot.lineKey("Budget is approved by the CFO")
        for line in [
            "- **Assumption:** Budget is approved by the CFO.", "* assumed — budget is approved by the cfo",
            "> _Assumption_: Budget is approved by the CFO", "  + ASSUMPTION - Budget is approved by the CFO  ",
            "budget is approved by the CFO***",
        ] {
            #expect(AccountSnapshot.lineKey(line) == key, "\(line)")
        }
        #expect(AccountSnapshot.lineKey("Budget is approved by the CEO") != key)
        #expect(AccountSnapshot.lineKey("") == StableHash.of(""))
        #expect(AccountSnapshot.lineKey("Assumption") == StableHash.of(""))
        #expect(key == StableHash.of("budget is approved by the cfo"))
    }
}

/// The history reads each version looking up only the meetings the checklist's `met: true`
/// questions ask about: its answers and findings are those of a full reading.
@Suite struct HistoryReadingTests {
    @Test func aReadingForTheChecklistAnswersAsAFullOne() throws {
        var files: [URL] = []
        for root in [Project.template, Project.fixtures] {
            let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = walk?.nextObject() as? URL {
                if url.pathExtension == "md" { files.append(url) }
            }
        }
        #expect(files.count > 20)
        var compared = 0
        for url in files {
            let source = SourceFile(path: url.path, bytes: [UInt8](try Data(contentsOf: url)))
            for asOf in [Day.last, HistoryFixtures.day("2026-11-30")] {
                let context = CheckContext(config: Config(), checklist: Checklist.builtIn, asOf: asOf)
                let full = Checker.read(source, context: context)
                let asked = Checker.read(source, context: context, meetings: .checklist)
                func shown(_ r: Checker.Reading) -> [String] {
                    r.results.map { "\($0.question.id) \($0.status) \($0.gaps.map(\.message))" }
                        + r.diagnostics.map { "\($0.range) \($0.message)" }
                }
                #expect(shown(full) == shown(asked), "\(url.lastPathComponent)")
                compared += 1
            }
        }
        #expect(compared == files.count * 2)
    }
}

/// A day is written digit by digit: as the padded form wrote it, for every day a note can hold.
@Suite struct DayDescriptionTests {
    @Test func everyDayReadsAsPadded() {
        func padded(_ d: Day) -> String {
            func pad(_ v: Int, _ n: Int) -> String {
                String(repeating: "0", count: max(0, n - String(v).count)) + String(v)
            }
            return "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))"
        }
        var d = Day(year: 1, month: 1, day: 1)!
        var checked = 0
        while d.year < 9999 {
            #expect(d.description == padded(d))
            d = d.adding(days: d.year < 1990 || d.year > 2100 ? 97 : 1)
            checked += 1
        }
        #expect(checked > 40000)
        #expect(Day(year: 2026, month: 9, day: 5)!.description == "2026-09-05")
    }
}
