import Testing
import ValueCore

/// Order by value, as PostgreSQL orders `numeric` and `interval` (what the in-memory querysets
/// are held to).
@Suite struct ComparisonTests {
    private func decimal(_ text: String) -> DecimalNumber { DecimalNumber(text)! }

    @Test func decimalsCompareByValueNotText() {
        #expect(decimal("1.50").compareValue(decimal("1.5")) == 0)
        #expect(decimal("1.50") != decimal("1.5"))  // == keeps the scale
        #expect(decimal("9.99").compareValue(decimal("10")) == -1)
        #expect(decimal("0.001").compareValue(decimal("0.01")) == -1)
        #expect(decimal("-2").compareValue(decimal("0.1")) == -1)
        #expect(decimal("-2").compareValue(decimal("-10")) == 1)
        #expect(decimal("0").compareValue(decimal("-0.00")) == 0)
        #expect(decimal("-0.01").compareValue(decimal("0")) == -1)
        let big = "99999999999999999999999999999999999999"
        #expect(decimal(big).compareValue(decimal(big + ".1")) == -1)
    }

    @Test func specialsOrderAsPostgreSQLOrdersThem() {
        let ordered = ["-Infinity", "-1", "0", "1", "Infinity", "NaN"].map(decimal)
        for (i, a) in ordered.enumerated() {
            for (j, b) in ordered.enumerated() {
                #expect(a.compareValue(b) == (i < j ? -1 : i == j ? 0 : 1), "\(a) vs \(b)")
            }
        }
    }

    @Test func intervalsCompareAsOneSpan() {
        #expect(CalendarDuration(months: 1).compareSpan(CalendarDuration(days: 30)) == 0)
        #expect(CalendarDuration(days: 1).compareSpan(CalendarDuration(microseconds: 86_400_000_000)) == 0)
        #expect(CalendarDuration(months: 1, days: -2).compareSpan(CalendarDuration(days: 27)) == 1)
        #expect(CalendarDuration(microseconds: -1).compareSpan(CalendarDuration()) == -1)
        // No overflow at the extremes.
        #expect(CalendarDuration(microseconds: .min).compareSpan(CalendarDuration(microseconds: .max)) == -1)
        #expect(CalendarDuration(months: .max, microseconds: .max).compareSpan(CalendarDuration(months: .max)) == 1)
    }
}
