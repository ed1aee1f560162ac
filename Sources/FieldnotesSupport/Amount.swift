import Foundation

/// An amount of money in one currency: what the notes' opportunities add up to. Amounts of
/// different currencies are never added.
public struct Money: Sendable, Equatable {
    /// The 3-letter code as written (nil when the notes give none).
    public var currency: String?
    public var amount: Decimal

    public init(currency: String?, amount: Decimal) {
        self.currency = currency
        self.amount = amount
    }

    /// "185,000 EUR": thousands separated by commas, the currency code after; cents, when there
    /// are some, with two digits at least ("12,500.50 EUR").
    public var text: String { Money.grouped(Money.number(amount)) + (currency.map { " " + $0 } ?? "") }

    /// An amount as digits: no separators, a fraction only when there is one, with two digits
    /// at least ("12500.5" → "12500.50").
    public static func number(_ amount: Decimal) -> String {
        let plain = amount.description
        guard let dot = plain.firstIndex(of: ".") else { return plain }
        let fraction = plain[plain.index(after: dot)...].count
        return fraction >= 2 ? plain : plain + String(repeating: "0", count: 2 - fraction)
    }

    /// A number as the notes write it (`185000`, `-12500.5`: an optional minus, digits, an
    /// optional fraction), parsed exactly; nil when it is not one or too large to add up
    /// (more than 30 digits).
    public static func amount(_ text: String) -> Decimal? {
        // Whole numbers of up to 18 digits (most values): read as an integer, exactly, without
        // Decimal's parser (which costs more than the rest of an account's figures).
        let u = text.utf8
        if !u.isEmpty, u.count <= 18, u.allSatisfy(Bytes.isDigit), let whole = UInt64(text) {
            return Decimal(whole)
        }
        var digits = 0, afterDot = -1
        for (i, b) in text.utf8.enumerated() {
            if Bytes.isDigit(b) {
                digits += 1
                if afterDot >= 0 { afterDot += 1 }
            } else if b == UInt8(ascii: ".") && digits > 0 && afterDot < 0 {
                afterDot = 0
            } else if !(b == UInt8(ascii: "-") && i == 0) {
                return nil
            }
        }
        guard digits > 0, digits <= 30, afterDot != 0 else { return nil }
        guard let value = Decimal(string: text, locale: posix), !value.isNaN else {
            return nil
        }
        return value
    }

    /// Made once: a locale costs more to make than the number it reads.
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// A number with its thousands separated by commas ("185000" → "185,000", "-1234.5" →
    /// "-1,234.5"); text that is not a plain number comes back as it is.
    public static func grouped(_ number: String) -> String {
        var digits = Substring(number)
        var sign = ""
        if digits.hasPrefix("-") {
            sign = "-"
            digits = digits.dropFirst()
        }
        let whole = digits.prefix { $0 != "." }
        let rest = digits.dropFirst(whole.count)
        guard !whole.isEmpty, whole.utf8.allSatisfy(Bytes.isDigit) else { return number }
        // Counted once: a Substring counts by walking it.
        let count = whole.utf8.count
        var out = ""
        out.reserveCapacity(count + count / 3)
        for (i, c) in whole.enumerated() {
            if i > 0 && (count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return sign + out + rest
    }

    /// A value with its currency as a page shows it ("185,000 EUR"; "85,000" without a currency):
    /// written as its total would be, so that `140.000` reads `140` in both.
    public static func text(_ value: String, currency: String?) -> String {
        guard let amount = amount(value) else { return grouped(value) + (currency.map { " " + $0 } ?? "") }
        return Money(currency: currency, amount: amount).text
    }

    /// The sum per currency of `amounts`, ordered by currency code (no currency last).
    public static func totals(_ amounts: [Money]) -> [Money] {
        var sums: [String: Decimal] = [:]
        var none: Decimal?
        for m in amounts {
            if let c = m.currency { sums[c, default: 0] += m.amount } else { none = (none ?? 0) + m.amount }
        }
        return sums.keys.sorted().map { Money(currency: $0, amount: sums[$0]!) }
            + (none.map { [Money(currency: nil, amount: $0)] } ?? [])
    }

    /// "185,000 EUR · 85,000 USD", empty for none.
    public static func text(_ amounts: [Money]) -> String {
        amounts.map(\.text).joined(separator: " · ")
    }
}
