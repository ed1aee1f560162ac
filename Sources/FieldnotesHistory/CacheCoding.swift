import FieldnotesCore
import FieldnotesSupport

/// How the history's caches write a day and a stage: one home for the snapshots' and the
/// digests' forms (and the digests' keys).
extension ByteWriter {
    /// A day as YYYYMMDD, 0 for none.
    mutating func day(_ d: Day?) { number(d.map { $0.year * 10000 + $0.month * 100 + $0.day } ?? 0) }

    /// A stage as its index + 1, 0 for none.
    mutating func stage(_ s: Stage?) { number(s.map { $0.index + 1 } ?? 0) }
}

extension ByteReader {
    mutating func day() throws -> Day? {
        let n = try number()
        guard n != 0 else { return nil }
        guard let d = Day(year: n / 10000, month: n / 100 % 100, day: n % 100) else { throw Corrupt() }
        return d
    }

    mutating func stage() throws -> Stage? {
        let n = try number()
        guard n != 0 else { return nil }
        guard n > 0, n <= Stage.allCases.count else { throw Corrupt() }
        return Stage.allCases[n - 1]
    }

    /// A stage that must be there.
    mutating func someStage() throws -> Stage {
        guard let s = try stage() else { throw Corrupt() }
        return s
    }

    /// A day that must be there.
    mutating func someDay() throws -> Day {
        guard let d = try day() else { throw Corrupt() }
        return d
    }
}
