import FieldnotesCore
import FieldnotesSupport

/// What the history needs of one version of an account: the facts a sales team follows (stage,
/// dates, values, people, position, answers, assumptions, log), read by the checker's first steps.
/// Small, comparable and cached by the content's object id: the same content gives the same facts.
public struct AccountSnapshot: Sendable, Equatable {
    public struct Person: Sendable, Equatable {
        public var name: String
        public var title: String?
        public var roles: [String]
        public var left: Bool
    }

    public struct Deal: Sendable, Equatable {
        public var name: String
        public var stage: Stage?
        public var value: String?
        public var currency: String?
        public var decisionDate: Day?
        public var nextStep: String?
    }

    public struct Rival: Sendable, Equatable {
        public var name: String
        public var incumbent: Bool
    }

    public struct Entry: Sendable, Equatable {
        public var date: Day?
        public var title: String
    }

    public var name: String?
    public var stage: Stage?
    /// The stage as written, when it is not a valid stage.
    public var stageText: String?
    public var decisionDate: Day?
    /// The decision date as written, when it is not a valid date.
    public var decisionDateText: String?
    public var nextStep: String?
    public var ourPosition: String?
    public var budget: String?
    public var pain: String?
    public var contacts: [Person] = []
    public var opportunities: [Deal] = []
    public var competitors: [Rival] = []
    /// Ids of the questions answered, and of those due and open, in checklist order.
    public var answered: [String] = []
    public var open: [String] = []
    /// The assumption lines, as written.
    public var assumptions: [String] = []
    /// Hashes of every line of the checklist sections, as `AccountSnapshot.lineKey` reads them
    /// (marker, emphasis and case aside), sorted: an assumption whose marker was removed while the
    /// line stayed is verified.
    public var lines: [UInt64] = []
    /// Each section (by key) and a hash of its text: what changed in which section, and when.
    public var sections: [SectionHash] = []
    public var log: [Entry] = []
    /// Errors found reading this version (its facts are what could be read).
    public var errors = 0
    /// The first of them, as `line:column: message`.
    public var firstError: String?

    public struct SectionHash: Sendable, Equatable {
        public var key: String
        public var hash: UInt64
    }

    public init() {}

    /// The facts of a version as the checker's first steps read it.
    public init(_ reading: Checker.Reading, source: SourceFile, context: CheckContext) {
        let f = reading.fields
        name = f.name?.value ?? reading.body.title
        // A value written but not valid (a typo'd stage, 2027-02-30) is kept as written: the
        // history says it was mistyped, not that it was removed.
        func asWritten(_ key: String) -> String? {
            f.keyRanges[key] == nil ? nil : f.root?.mapping?.first { $0.key == key }?.value.scalar ?? ""
        }
        stage = f.stage?.value
        if stage == nil { stageText = asWritten("stage") }
        decisionDate = f.decisionDate?.value
        if decisionDate == nil { decisionDateText = asWritten("decision_date") }
        nextStep = f.nextStep?.value
        ourPosition = f.ourPosition?.value
        budget = f.budget?.value
        pain = f.pain?.value
        contacts = f.contacts.map {
            Person(name: $0.name.value, title: $0.title, roles: $0.roles, left: $0.left)
        }
        opportunities = f.opportunities.map {
            Deal(
                name: $0.name.value, stage: $0.stage, value: $0.value, currency: $0.currency,
                decisionDate: $0.decisionDate, nextStep: $0.nextStep?.value)
        }
        competitors = f.competitors.map { Rival(name: $0.name.value, incumbent: $0.incumbent) }
        let stageNow = f.stage?.value
        for r in reading.results {
            if r.status == .answered {
                answered.append(r.question.id)
            } else if r.status.isOpen, let s = stageNow, r.question.isDue(at: s) {
                open.append(r.question.id)
            }
        }
        assumptions = reading.body.assumptions.map(\.text)
        // Each line's bytes read in place, twice: the section's hash and the line's key.
        var keys: [UInt64] = []
        source.bytes.withUnsafeBufferPointer { all in
            for section in reading.body.sections {
                var h = StableHash.of(section.key)
                for i in section.contentLines {
                    let text = UnsafeBufferPointer(rebasing: all[source.lineRange(i)])
                    h = StableHash.words(UnsafeRawBufferPointer(text), seed: h ^ 0x0A)
                    let key = Self.lineKey(text)
                    if key != Self.emptyKey { keys.append(key) }
                }
                sections.append(SectionHash(key: section.key, hash: h))
            }
        }
        keys.sort()
        lines.reserveCapacity(keys.count)
        for key in keys where key != lines.last { lines.append(key) }
        log = reading.body.log.map { Entry(date: $0.date, title: $0.title) }
        // Errors as `check` counts them: at the team's severities, suppression comments applied.
        let errors = Checker.errors(reading.diagnostics, file: source, body: reading.body, context: context)
        self.errors = errors.count
        if let first = errors.min(by: { $0.range.start < $1.range.start }) {
            let l = source.location(of: first.range.start)
            firstError = "\(l.line):\(l.column): \(first.message)"
        }
    }

    private static let emptyKey = lineKey("")

    /// A line as the same answer reads, whether or not it is marked as an assumption: without a
    /// list bullet, emphasis, the marker ("Assumption:") and ASCII case. Works on bytes: every
    /// line of every version goes through it.
    public static func lineKey(_ line: String) -> UInt64 {
        Array(line.utf8).withUnsafeBufferPointer { lineKey($0) }
    }

    /// The same, of a line's bytes, read in place (no copy).
    public static func lineKey(_ line: ArraySlice<UInt8>) -> UInt64 { line.withUnsafeBufferPointer { lineKey($0) } }

    /// The same, of a line's bytes in memory: every line of every version goes through it.
    static func lineKey(_ line: UnsafeBufferPointer<UInt8>) -> UInt64 {
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        var lo = 0, hi = line.count
        func trim() {
            while lo < hi, isSpace(line[lo]) || line[lo] == 0x2A || line[lo] == 0x5F || line[lo] == 0x3E { lo += 1 }
        }
        trim()
        if lo + 1 < hi, line[lo] == 0x2D || line[lo] == 0x2B, line[lo + 1] == 0x20 { lo += 1 }
        trim()
        if lo < hi {
            let first = lower(line[lo])
            for marker in markerBytes where marker[0] == first && hi - lo >= marker.count {
                var k = 1
                while k < marker.count && lower(line[lo + k]) == marker[k] { k += 1 }
                guard k == marker.count else { continue }
                lo += marker.count
                // Spaces, ':', '*', '_', '-' and the em dash's bytes.
                while lo < hi {
                    let c = line[lo]
                    guard
                        isSpace(c) || c == 0x3A || c == 0x2A || c == 0x5F || c == 0x2D || c == 0xE2 || c == 0x80
                            || c == 0x94
                    else { break }
                    lo += 1
                }
                break
            }
        }
        while hi > lo, isSpace(line[hi - 1]) || line[hi - 1] == 0x2A || line[hi - 1] == 0x5F || line[hi - 1] == 0x2E {
            hi -= 1
        }
        // The hash of the bytes in ASCII lowercase, eight at a time.
        let kept = UnsafeBufferPointer(rebasing: line[lo..<hi])
        return StableHash.words(UnsafeRawBufferPointer(kept), transform: StableHash.asciiLowercased)
    }

    /// The marker's forms, as the body scanner reads them, and its bare words (lowercase).
    private static let markerBytes = (BodyScanner.markerWords + ["assumption", "assumed"]).map { Array($0.utf8) }

    /// The hash of section `key`, or nil when the version has no such section.
    public func sectionHash(_ key: String) -> UInt64? { sections.first { $0.key == key }?.hash }

    /// Contacts still with the customer.
    public var active: [Person] { contacts.filter { !$0.left } }
}
