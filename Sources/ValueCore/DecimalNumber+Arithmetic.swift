/// Exact `+`, `-` and `*`, to any length: the result keeps every digit, with the scale Python's
/// `decimal` and PostgreSQL give it (the larger scale for a sum, the sum of the scales for a
/// product: `1.50 + 2.5` is `4.00`, `1.5 * 1.50` is `2.250`). Python's default context would
/// round past 28 digits; this is PostgreSQL's `numeric`, which does not.
///
/// `NaN` and `±Infinity` behave as in Python's `decimal`: `NaN` propagates, `Infinity + 1` is
/// `Infinity`, and `Infinity - Infinity` or `Infinity * 0` throw `InvalidOperation` (Python
/// raises `decimal.InvalidOperation`; PostgreSQL would answer `NaN`). There is no negative
/// zero: `-1 * 0` is `0` (Python says `-0`), as numeric stores it.
///
///     let total = try DecimalNumber("19.99")! * DecimalNumber(3) + DecimalNumber("0.03")!   // 60.00
extension DecimalNumber {
    /// Python's `decimal.InvalidOperation`: an operation with no defined result.
    public struct InvalidOperation: Error, Hashable, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// The value with the opposite sign (zero and `NaN` stay as they are).
    public var negated: DecimalNumber {
        switch special {
        case .infinity: return .negativeInfinity
        case .negativeInfinity: return .infinity
        case .notANumber: return self
        case nil: return DecimalNumber(checked: !isNegative, digits: digits, scale: scale)
        }
    }

    public static func + (lhs: DecimalNumber, rhs: DecimalNumber) throws -> DecimalNumber {
        if lhs.isNaN || rhs.isNaN { return .notANumber }
        switch (lhs.special, rhs.special) {
        case (nil, nil): return add(lhs, rhs)
        case (let infinite?, nil), (nil, let infinite?): return DecimalNumber(special: infinite)
        case (let a?, let b?):
            guard a == b else { throw InvalidOperation("Infinity minus Infinity has no value") }
            return DecimalNumber(special: a)
        }
    }

    public static func - (lhs: DecimalNumber, rhs: DecimalNumber) throws -> DecimalNumber {
        try lhs + rhs.negated
    }

    public static func * (lhs: DecimalNumber, rhs: DecimalNumber) throws -> DecimalNumber {
        if lhs.isNaN || rhs.isNaN { return .notANumber }
        let negative = lhs.isNegative != rhs.isNegative
        if lhs.isInfinite || rhs.isInfinite {
            guard !lhs.isZero, !rhs.isZero else { throw InvalidOperation("Infinity times zero has no value") }
            return negative ? .negativeInfinity : .infinity
        }
        let scale = lhs.scale + rhs.scale
        guard scale <= maximumScale else {
            throw InvalidOperation("a product's scale beyond \(maximumScale) digits")
        }
        // Schoolbook multiplication on little-endian digits; each column holds at most
        // 81 × (shorter length), far inside Int, and carries once at the end.
        let a = Array(lhs.digits.reversed()), b = Array(rhs.digits.reversed())
        var columns = [Int](repeating: 0, count: a.count + b.count)
        for (i, x) in a.enumerated() where x != 0 {
            for (j, y) in b.enumerated() { columns[i + j] += Int(x) * Int(y) }
        }
        var carry = 0
        for index in columns.indices {
            let total = columns[index] + carry
            columns[index] = total % 10
            carry = total / 10
        }
        return DecimalNumber(checked: negative, digits: columns.reversed().map { UInt8($0) }, scale: scale)
    }

    /// Two finite values: aligned to the larger scale, then added or subtracted by magnitude.
    private static func add(_ lhs: DecimalNumber, _ rhs: DecimalNumber) -> DecimalNumber {
        let scale = max(lhs.scale, rhs.scale)
        let a = lhs.littleEndian(atScale: scale), b = rhs.littleEndian(atScale: scale)
        if lhs.isNegative == rhs.isNegative {
            return DecimalNumber(checked: lhs.isNegative, digits: addMagnitudes(a, b), scale: scale)
        }
        // Opposite signs: the larger magnitude minus the smaller, with the larger one's sign.
        if compareMagnitudes(a, b) >= 0 {
            return DecimalNumber(checked: lhs.isNegative, digits: subtractMagnitudes(a, b), scale: scale)
        }
        return DecimalNumber(checked: rhs.isNegative, digits: subtractMagnitudes(b, a), scale: scale)
    }

    /// The unscaled digits at `scale` (not below `self.scale`), least significant first.
    private func littleEndian(atScale target: Int) -> [UInt8] {
        repeatElement(0, count: target - scale) + digits.reversed()
    }

    private static func addMagnitudes(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt8 = 0
        for index in 0..<max(a.count, b.count) {
            let total = (index < a.count ? a[index] : 0) + (index < b.count ? b[index] : 0) + carry
            result.append(total % 10)
            carry = total / 10
        }
        if carry > 0 { result.append(carry) }
        return result.reversed()
    }

    /// `a - b` for `a >= b`.
    private static func subtractMagnitudes(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(a.count)
        var borrow: Int8 = 0
        for index in 0..<a.count {
            var difference = Int8(a[index]) - (index < b.count ? Int8(b[index]) : 0) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 10 }
            result.append(UInt8(difference))
        }
        return result.reversed()
    }

    /// Compares little-endian magnitudes that may carry leading (high) zeros.
    private static func compareMagnitudes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for index in stride(from: max(a.count, b.count) - 1, through: 0, by: -1) {
            let x = index < a.count ? a[index] : 0, y = index < b.count ? b[index] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }
}
