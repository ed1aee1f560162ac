import Foundation

/// A calendar date (`YYYY-MM-DD`), without time or time zone: notes speak in days.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public enum ParseError: Error, Equatable, Sendable {
        /// Not in the form YYYY-MM-DD.
        case format
        /// Well-formed, but no such day (2026-02-30).
        case noSuchDay(String)
    }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public static func parse(_ text: String) -> Result<Day, ParseError> {
        var text = text
        return text.withUTF8(parse)
    }

    private static func parse(_ u: UnsafeBufferPointer<UInt8>) -> Result<Day, ParseError> {
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return .failure(.format) }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard Bytes.isDigit(u[i]) else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return .failure(.format) }
        guard (1...12).contains(m) else { return .failure(.noSuchDay("there is no month \(m)")) }
        guard y >= 1 else { return .failure(.noSuchDay("there is no year 0")) }
        let days = daysIn(month: m, year: y)
        guard (1...days).contains(d) else {
            return .failure(.noSuchDay("\(monthNames[m - 1]) \(y) has \(days) days"))
        }
        return .success(Day(checked: y, m, d))
    }

    /// A day whose fields are already known to be valid.
    private init(checked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The first and last days a `Day` can hold (four-digit years).
    public static let first = Day(checked: 1, 1, 1)
    public static let last = Day(checked: 9999, 12, 31)

    /// The days accepted as "today" (`--as-of`): a date in the notes is compared with it and
    /// reports count back from it, so it stays well inside what a `Day` can hold.
    public static let asOfRange = Day(checked: 1900, 1, 1)...Day.last

    /// A likely intended date for text that is not YYYY-MM-DD ("18/11/2026", "2026/11/18", "2026-11-5").
    public static func suggestion(for text: String) -> String? {
        switch reading(of: text) {
        case .day(let day)?, .withTime(let day)?: return day.description
        case .either(let dayFirst, let monthFirst)?: return "\(dayFirst)' or '\(monthFirst)"
        case nil: return nil
        }
    }

    /// How text that is not YYYY-MM-DD reads as a day.
    public enum Reading: Equatable, Sendable {
        /// One day: the year first ("2026-9-5", "2026/11/18"), or the year last with only one
        /// reading a real day ("18/11/2026").
        case day(Day)
        /// A day followed by a time ("2026-11-10T10:00", "2026-11-10 10:00").
        case withTime(Day)
        /// The year last, and both day/month/year and month/day/year are real days ("10/11/2026").
        case either(dayFirst: Day, monthFirst: Day)
    }

    /// The day `text` likely means, nil when it reads as none.
    public static func reading(of text: String) -> Reading? {
        if text.count > 10, case .success(let day) = parse(String(text.prefix(10))),
            let next = text.dropFirst(10).first, next == "T" || next == " "
        {
            return .withTime(day)
        }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else {
            return nil
        }
        let n = parts.compactMap { Int($0) }
        guard n.count == 3 else { return nil }
        if parts[0].count == 4 { return Day(year: n[0], month: n[1], day: n[2]).map(Reading.day) }
        guard parts[2].count == 4 else { return nil }
        let dayFirst = Day(year: n[2], month: n[1], day: n[0]), monthFirst = Day(year: n[2], month: n[0], day: n[1])
        switch (dayFirst, monthFirst) {
        case (let a?, let b?) where a != b: return .either(dayFirst: a, monthFirst: b)
        case (let a?, _): return .day(a)
        case (_, let b?): return .day(b)
        default: return nil
        }
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences between days.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    /// The day `n` days later (earlier when negative), held to `Day.first...Day.last`: a date
    /// near the ends of the calendar (year 1, year 9999) never traps, it stops at the end.
    public func adding(days n: Int) -> Day {
        let target = ordinal.addingReportingOverflow(n)
        if target.overflow || target.partialValue < Day.first.ordinal { return n < 0 ? Day.first : Day.last }
        if target.partialValue > Day.last.ordinal { return Day.last }
        // Days since 1970-01-01 back to a civil date (Howard Hinnant's algorithm).
        let z = target.partialValue + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Day(checked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public var description: String {
        // Written digit by digit: every event, row and JSON date of a report goes through here.
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            func pad(_ v: Int, _ n: Int) -> String {
                let s = String(v)
                return String(repeating: "0", count: max(0, n - s.count)) + s
            }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
        return String(unsafeUninitializedCapacity: 10) { b in
            func digit(_ v: Int) -> UInt8 { UInt8(0x30 + v) }
            b[0] = digit(year / 1000)
            b[1] = digit(year / 100 % 10)
            b[2] = digit(year / 10 % 10)
            b[3] = digit(year % 10)
            b[4] = 0x2D
            b[5] = digit(month / 10)
            b[6] = digit(month % 10)
            b[7] = 0x2D
            b[8] = digit(day / 10)
            b[9] = digit(day % 10)
            return 10
        }
    }
}

extension Day {
    /// Today's date in the local time zone.
    public static func today() -> Day {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? Day(year: 1970, month: 1, day: 1)!
    }
}
