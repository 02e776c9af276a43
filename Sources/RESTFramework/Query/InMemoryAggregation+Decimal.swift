/// Sum and Avg of decimals as PostgreSQL's `sum(numeric)` and `avg(numeric)` give them, so an
/// in-memory queryset and SQL agree digit for digit: the sum exact, at the largest scale of its
/// terms; the average that sum divided by the count at `numeric_div`'s scale (at least 16
/// significant digits, never fewer places than the sum), rounded half away from zero.
/// `Infinity` plus `-Infinity` is NaN there, as in PostgreSQL's aggregates.
enum DecimalAggregation {
    static func sum(_ values: [DecimalNumber]) -> DecimalNumber {
        var total = DecimalNumber(0)
        for value in values {
            guard let next = try? total + value else { return .notANumber }
            total = next
        }
        return total
    }

    static func average(_ values: [DecimalNumber]) throws -> DecimalNumber {
        let total = sum(values)
        let count = Int64(values.count)
        guard total.special == nil else { return total }
        // (Counts beyond this would overflow the long division's remainder; no queryset in
        // memory holds them.)
        guard count > 0, count <= Int64.max / 10 else { throw QueryValueError.unsupported("Avg over \(count) decimals") }
        let scale = divisionScale(total, count)
        // The magnitude at `scale` places, divided by the count digit by digit.
        let digits = total.digits + [UInt8](repeating: 0, count: scale - total.scale)
        var quotient: [UInt8] = []
        quotient.reserveCapacity(digits.count)
        var remainder: Int64 = 0
        for digit in digits {
            remainder = remainder * 10 + Int64(digit)
            quotient.append(UInt8(remainder / count))
            remainder %= count
        }
        if remainder * 2 >= count { DecimalNumber.incrementMagnitude(&quotient) }
        guard let result = DecimalNumber(isNegative: total.isNegative, digits: quotient, scale: scale) else {
            throw QueryValueError.unsupported("Avg of decimals at scale \(scale)")
        }
        return result
    }

    /// PostgreSQL's `select_div_scale` for `dividend / count`, in its base-10000 digits.
    private static func divisionScale(_ dividend: DecimalNumber, _ count: Int64) -> Int {
        let (weight1, first1) = leadingGroup(dividend)
        let (weight2, first2) = leadingGroup(DecimalNumber(count))
        var quotientWeight = weight1 - weight2
        if first1 <= first2 { quotientWeight -= 1 }
        let scale = max(16 - quotientWeight * 4, dividend.scale, 0)
        return min(scale, 1000)
    }

    /// The weight (power of 10000) and value of a number's first non-zero base-10000 digit;
    /// (0, 0) for zero.
    private static func leadingGroup(_ number: DecimalNumber) -> (weight: Int, value: Int) {
        guard !number.digits.isEmpty else { return (0, 0) }
        // The power of ten of the leading digit, and the base-10000 group holding it.
        let exponent = number.digits.count - 1 - number.scale
        let weight = exponent >= 0 ? exponent / 4 : -((-exponent + 3) / 4)
        var value = 0
        for (position, digit) in number.digits.enumerated() {
            let power = number.digits.count - 1 - number.scale - position
            guard power >= weight * 4 else { break }
            if power < weight * 4 + 4 { value = value * 10 + Int(digit) }
        }
        return (weight, value)
    }
}
