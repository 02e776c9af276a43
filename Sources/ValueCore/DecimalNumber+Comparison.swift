/// Order by value, as PostgreSQL compares `numeric`: `1.5` and `1.50` are equal here (though
/// `==`, which keeps the scale, tells them apart), `-Infinity` is below every number, `Infinity`
/// above, and `NaN` above everything and equal to itself.
///
///     DecimalNumber("1.50")!.compareValue(DecimalNumber("1.5")!)   // 0
///     DecimalNumber("-2")!.compareValue(DecimalNumber("0.1")!)     // -1
extension DecimalNumber {
    /// -1, 0 or 1 as `self` is below, equal to or above `other` by value.
    public func compareValue(_ other: DecimalNumber) -> Int {
        let (rankA, rankB) = (rank, other.rank)
        if rankA != rankB { return rankA < rankB ? -1 : 1 }
        guard special == nil else { return 0 }
        let (signA, signB) = (sign, other.sign)
        if signA != signB { return signA < signB ? -1 : 1 }
        if signA == 0 { return 0 }
        let magnitude = compareMagnitude(other)
        return signA < 0 ? -magnitude : magnitude
    }

    /// -Infinity, the numbers, Infinity, NaN.
    private var rank: Int {
        switch special {
        case .negativeInfinity: 0
        case nil: 1
        case .infinity: 2
        case .notANumber: 3
        }
    }

    private var sign: Int { isZero ? 0 : isNegative ? -1 : 1 }

    /// Compares two non-zero magnitudes: first by the position of the leading digit, then digit
    /// by digit (the shorter one padded with zeros).
    private func compareMagnitude(_ other: DecimalNumber) -> Int {
        let (exponentA, exponentB) = (digits.count - scale, other.digits.count - other.scale)
        if exponentA != exponentB { return exponentA < exponentB ? -1 : 1 }
        for index in 0..<max(digits.count, other.digits.count) {
            let a = index < digits.count ? digits[index] : 0
            let b = index < other.digits.count ? other.digits[index] : 0
            if a != b { return a < b ? -1 : 1 }
        }
        return 0
    }
}
