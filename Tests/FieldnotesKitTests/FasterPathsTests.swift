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
        // A combining mark after a space, and a prepended mark before one, join the space into
        // their character: such text is wrapped by characters.
        let words = [
            "a", "deal", "会議", "→", "2026-11-15", "Zoë", "", "naïve", "décision", "x\u{301}", "🙂", "budget:",
            "\u{301}", "\u{0600}", "\r\n", "line\r",
        ]
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
        #expect(AccountSnapshot.lineKey("Assumption") == AccountSnapshot.lineKey(""))
        #expect(key == AccountSnapshot.lineKey("budget is approved by the cfo"))
        #expect(AccountSnapshot.lineKey("Budget is approved by the CFO-") != key)
    }

    /// The line key as it was first written (on a slice, a marker compared with `allSatisfy`, each
    /// byte lowercased on its own), hashed as the line key hashes.
    static func referenceLineKey(_ line: ArraySlice<UInt8>) -> UInt64 {
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        let markers = (BodyScanner.markerWords + ["assumption", "assumed"]).map { Array($0.utf8) }
        var lo = line.startIndex, hi = line.endIndex
        func trim() {
            while lo < hi, isSpace(line[lo]) || line[lo] == 0x2A || line[lo] == 0x5F || line[lo] == 0x3E { lo += 1 }
        }
        trim()
        if lo + 1 < hi, line[lo] == 0x2D || line[lo] == 0x2B, line[lo + 1] == 0x20 { lo += 1 }
        trim()
        let first = lo < hi ? lower(line[lo]) : 0
        for marker in markers where marker[0] == first && hi - lo >= marker.count {
            guard marker.indices.allSatisfy({ lower(line[lo + $0]) == marker[$0] }) else { continue }
            lo += marker.count
            while lo < hi, [0x20, 0x09, 0x3A, 0x2A, 0x5F, 0x2D, 0xE2, 0x80, 0x94].contains(line[lo]) { lo += 1 }
            break
        }
        while hi > lo, [0x20, 0x09, 0x2A, 0x5F, 0x2E].contains(line[hi - 1]) { hi -= 1 }
        return line[lo..<hi].map(lower).withUnsafeBytes { StableHash.words($0) }
    }

    /// Eight bytes at a time in lowercase are each byte in lowercase: every byte value in every
    /// place of a word.
    @Test func wordsLowercaseAsBytesDo() {
        var rng = SplitMix(seed: 8)
        for round in 0..<20_000 {
            var bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            bytes[round % 8] = UInt8(truncatingIfNeeded: round / 8)
            let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            let expected = lowered.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            #expect(StableHash.asciiLowercased(word) == expected, "\(bytes)")
        }
    }

    /// Random lines made of the pieces that matter (markers, bullets, emphasis, dashes, case,
    /// Unicode) key as the reference does, whole or as a slice of a longer text.
    @Test func lineKeysAreThoseOfTheReference() {
        let pieces = [
            "Assumption", "assumed", "ASSUMPTION:", "assumption —", "assumption -", "Assum", "a", "- ", "+ ", "* ",
            "**", "_", "> ", " ", "\t", ":", "—", ".", "Budget", "CFO", "é", "Ünïcode", "-", "x", "", "@[`{",
            "AZaz", "ÀÉ",
        ]
        var rng = SplitMix(seed: 58)
        for _ in 0..<5000 {
            let line = (0..<Int(rng.next() % 7)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let bytes = Array(("pre\n" + line + "\npost").utf8)
            let slice = bytes[4..<(4 + line.utf8.count)]
            let expected = Self.referenceLineKey(slice)
            #expect(AccountSnapshot.lineKey(line) == expected, "\(line)")
            #expect(AccountSnapshot.lineKey(slice) == expected, "\(line)")
        }
    }
}

/// The history counts a version's errors without reading its suppression comments when nothing
/// could be an error: the same errors as the whole of `finish`, under any team's severities.
@Suite struct VersionErrorsTests {
    @Test func errorsAreThoseFinishLeaves() throws {
        var files: [URL] = []
        for root in [Project.template, Project.fixtures] {
            let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = walk?.nextObject() as? URL {
                if url.pathExtension == "md" { files.append(url) }
            }
        }
        let configs = [
            "", "severity:\n  invalid-suppression: error\n",
            "severity:\n  duplicate-contact: warning\n  invalid-date: off\n  unknown-field: error\n",
        ]
        var withErrors = 0, withNone = 0
        for text in configs {
            let config = try Config.load(SourceFile(path: "fieldnotes.yml", text: text)).get()
            let context = CheckContext(config: config, checklist: Checklist.builtIn, asOf: .last)
            for url in files {
                let source = SourceFile(path: url.path, bytes: [UInt8](try Data(contentsOf: url)))
                let reading = Checker.read(source, context: context, meetings: .checklist)
                let all = Checker.finish(
                    reading.diagnostics, file: source, body: reading.body, context: context, reportUnused: false
                ).filter { $0.severity == .error }
                let errors = Checker.errors(reading.diagnostics, file: source, body: reading.body, context: context)
                #expect(errors.map(\.message) == all.map(\.message), "\(url.lastPathComponent) with \(text)")
                #expect(errors.map(\.range) == all.map(\.range), "\(url.lastPathComponent) with \(text)")
                if !all.isEmpty { withErrors += 1 } else { withNone += 1 }
            }
        }
        #expect(withErrors > 10 && withNone > 10)
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

    /// A buyer whose last_met is past is met without the log being read; one whose last_met is
    /// to come, or who has none, is met only when a dated entry up to that day names them: the
    /// answers and gaps are the full reading's, on each day around those dates.
    @Test func aBuyerMetByLastMetOrByTheLogAnswersAsInAFullReading() throws {
        let buyers = [
            "  - name: Dana Whitfield\n    roles: [economic_buyer]\n    last_met: 2026-10-01\n",
            "  - name: Dana Whitfield\n    roles: [economic_buyer]\n    last_met: 2026-12-20\n",
            "  - name: Dana Whitfield\n    roles: [economic_buyer]\n",
            "  - name: Dana Whitfield\n    roles: [economic_buyer]\n    last_met: 2026-12-20\n"
                + "  - name: Raj Patel\n    roles: [economic_buyer]\n    last_met: 2026-09-01\n",
            "  - name: Dana Whitfield\n    roles: [economic_buyer]\n  - name: Raj Patel\n    roles: [economic_buyer]\n",
        ]
        let logs = [
            "", "## Log\n\n### 2026-11-03 Plant visit\nWalked the line with Dana Whitfield.\n",
            "## Log\n\n### 2026-12-01 Call with Raj\nPricing.\n\n### 2026-09-15 Lunch\nRaj Patel and Dana.\n",
        ]
        var answered = 0, partial = 0
        for buyer in buyers {
            for log in logs {
                let text = "---\naccount: Acme\nstage: discovery\ncontacts:\n\(buyer)---\n\n# Acme\n\n\(log)"
                let source = SourceFile(path: "acme.md", text: text)
                for day in ["2026-09-01", "2026-10-01", "2026-11-30", "2026-12-20", "2027-01-01"] {
                    let context = CheckContext(
                        config: Config(), checklist: Checklist.builtIn, asOf: HistoryFixtures.day(day))
                    let full = Checker.read(source, context: context)
                    let asked = Checker.read(source, context: context, meetings: .checklist)
                    func shown(_ r: Checker.Reading) -> [String] {
                        r.results.map { "\($0.question.id) \($0.status) \($0.gaps.map(\.message))" }
                    }
                    #expect(shown(full) == shown(asked), "\(buyer) \(log) on \(day)")
                    let buyer = full.results.first { $0.question.id == "economic_buyer" }?.status
                    if buyer == .answered { answered += 1 } else if buyer == .partial { partial += 1 }
                }
            }
        }
        #expect(answered > 10 && partial > 10)
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

/// The caches are written a block at a time, their checksum made as they go: it must be the
/// checksum of the whole file, wherever the blocks end.
@Suite struct StreamedChecksumTests {
    @Test func theHashOfPiecesIsTheHashOfTheWhole() {
        var rng = SeededGenerator(seed: 29)
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...100, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var cuts = (0..<Int.random(in: 0...5, using: &rng)).map { _ in Int.random(in: 0...bytes.count, using: &rng)
            }
            cuts = ([0] + cuts + [bytes.count]).sorted()
            var streamed = StableHash.Words()
            for (a, b) in zip(cuts, cuts.dropFirst()) { bytes[a..<b].withUnsafeBytes { streamed.add($0) } }
            #expect(streamed.finish() == bytes.withUnsafeBytes { StableHash.words($0) }, "\(bytes) cut at \(cuts)")
        }
        #expect(StableHash.Words().finish() == [UInt8]().withUnsafeBytes { StableHash.words($0) })
    }
}
