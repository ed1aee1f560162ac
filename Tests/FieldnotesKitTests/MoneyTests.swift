import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesReports
@testable import FieldnotesSupport

@Suite struct MoneyTests {
    @Test func amountsAreReadExactlyOrNotAtAll() {
        #expect(Money.amount("185000") == Decimal(185000))
        #expect(Money.amount("-12500.5") == Decimal(string: "-12500.5"))
        #expect(Money.amount("0.1")! + Money.amount("0.2")! == Money.amount("0.3")!)
        for bad in ["", "-", ".", "..", "1.", ".5", "1-2", "1.2.3", "85,000", "1e9", "1E999", "NaN", " 5", "5 "] {
            #expect(Money.amount(bad) == nil, "\(bad)")
        }
        // Too many digits to add up exactly: not an amount, rather than a wrong one.
        #expect(Money.amount(String(repeating: "9", count: 31)) == nil)
        #expect(Money.amount(String(repeating: "9", count: 30)) != nil)
    }

    @Test func amountsAreWrittenWithSeparatorsAndCents() {
        #expect(Money.grouped("185000") == "185,000")
        #expect(Money.grouped("-1234567.5") == "-1,234,567.5")
        #expect(Money.grouped("999") == "999")
        #expect(Money.grouped("not a number") == "not a number")
        #expect(Money(currency: "EUR", amount: 185000).text == "185,000 EUR")
        #expect(Money(currency: nil, amount: Decimal(string: "12500.5")!).text == "12,500.50")
        // A value reads as its total would: `140.000` is 140 in both places.
        #expect(Money.text("140.000", currency: "EUR") == "140 EUR")
        #expect(Money.text("12500.50", currency: "USD") == "12,500.50 USD")
    }

    /// A value reads as Decimal's own parser reads it, whatever its digits: whole numbers (read
    /// as integers) and the rest (through Decimal) alike; the same number, written the same.
    @Test func aValueReadsAsDecimalReadsIt() {
        var values = [
            "0", "7", "00", "007", "185000", "999999999999999999", "1000000000000000000", "-5", "12.5", "140.000",
            "1e3", "", "12a",
        ]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            values.append(
                String((0..<Int.random(in: 1...20, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! }))
        }
        let posix = Locale(identifier: "en_US_POSIX")
        for v in values {
            let reference = Decimal(string: v, locale: posix).flatMap { $0.isNaN ? nil : $0 }
            let isPlain = v.range(of: "^-?[0-9]+(\\.[0-9]+)?$", options: .regularExpression) != nil
            let amount = Money.amount(v)
            #expect(amount == (isPlain ? reference : nil), "\(v)")
            #expect(
                amount.map { Money(currency: "EUR", amount: $0).text }
                    == (isPlain ? reference : nil).map {
                        Money(currency: "EUR", amount: $0).text
                    }, "\(v)")
        }
    }

    @Test func totalsArePerCurrencyNeverAcross() {
        let totals = Money.totals([
            Money(currency: "USD", amount: 100), Money(currency: "EUR", amount: 50), Money(currency: nil, amount: 7),
            Money(currency: "USD", amount: 25),
        ])
        #expect(
            totals == [
                Money(currency: "EUR", amount: 50), Money(currency: "USD", amount: 125),
                Money(currency: nil, amount: 7),
            ])
        #expect(Money.text(totals) == "50 EUR · 125 USD · 7")
    }
}

@Suite struct OpenValueTests {
    /// Only values that passed the schema count: a currency in lower case or an amount with a
    /// comma is an error in the notes, and adds nothing to any total.
    @Test func onlyValidAmountsAndCurrenciesAddUp() throws {
        let report = checkText(
            """
            ---
            account: Acme
            owner: dana
            stage: prospecting
            opportunities:
              - name: A
                value: 100
                currency: EUR
              - name: B
                value: 50
                currency: eur
              - name: C
                value: 85,000
                currency: USD
              - name: D
                value: 70
                currency: USD
                stage: closed_won
            ---
            """)
        #expect(report.diagnostics.filter { $0.severity == .error }.count == 2)
        #expect(report.fields.opportunities.map(\.currency) == ["EUR", nil, "USD", "USD"])
        let facts = AccountFacts(report, checklist: .builtIn, staleAfterDays: 30, asOf: nil)
        // B has no valid currency: its amount is counted apart, never as a currency of its own.
        #expect(facts.openValue == [Money(currency: "EUR", amount: 100), Money(currency: nil, amount: 50)])
    }
}

@Suite struct ContactHistoryFieldsTests {
    static func note(_ contact: String) -> String {
        """
        ---
        account: Acme
        owner: dana
        stage: prospecting
        contacts:
          - name: Jenny Park
        \(contact)
        ---
        """
    }

    @Test func lastMetStatusAndStanceAreRead() {
        let report = checkText(Self.note("    last_met: 2026-11-02\n    status: left\n    stance: against"))
        #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty, "\(report.diagnostics.map(\.message))")
        let jenny = report.fields.contacts.first
        #expect(jenny?.lastMet?.value == Day(year: 2026, month: 11, day: 2))
        #expect(jenny?.left == true && jenny?.stance == "against")
    }

    @Test func aLastMetAfterTodayAndAnUnknownStatusAreErrors() {
        let report = checkText(Self.note("    last_met: 2099-01-01\n    status: gone\n    stance: pro"))
        let found = report.diagnostics.filter { $0.severity == .error }
        #expect(found.contains { $0.rule == .futureDate && $0.subject == "Jenny Park" }, "\(found.map(\.message))")
        #expect(found.contains { $0.rule == .invalidValue && $0.message.contains("'gone'") })
        #expect(found.contains { $0.rule == .invalidValue && $0.message.contains("'pro'") })
        let jenny = report.fields.contacts.first
        #expect(jenny?.left == false && jenny?.stance == nil)
    }
}
