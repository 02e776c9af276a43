/// What DRF's `DecimalField` does with a decimal: count its digits as `validate_precision` does
/// (`max_digits`, `decimal_places`) and `quantize` it to a number of places with one of Python's
/// rounding modes, exactly, at any length.
///
///     let price = DecimalNumber("2.675")!
///     try price.quantized(places: 2).description                       // "2.68" (ROUND_HALF_EVEN)
///     try DecimalNumber("2.665")!.quantized(places: 2).description     // "2.66"
///     try DecimalNumber("2.665")!.quantized(places: 2, rounding: .halfUp).description   // "2.67"
///     DecimalNumber("0.00123")!.digitCount                              // (5, 0, 5)
extension DecimalNumber {
    /// Python's `decimal` rounding modes, by their Python names.
    public enum Rounding: Sendable, Hashable {
        /// `ROUND_HALF_EVEN`, Python's default: a tie goes to the even digit.
        case halfEven
        /// `ROUND_HALF_UP`: a tie goes away from zero.
        case halfUp
        /// `ROUND_HALF_DOWN`: a tie goes towards zero.
        case halfDown
        /// `ROUND_UP`: away from zero.
        case up
        /// `ROUND_DOWN`: towards zero (truncation).
        case down
        /// `ROUND_CEILING`: towards +Infinity.
        case ceiling
        /// `ROUND_FLOOR`: towards -Infinity.
        case floor
        /// `ROUND_05UP`: away from zero when the kept last digit is 0 or 5, else towards zero.
        case zeroFiveUp
    }

    /// DRF's `validate_precision` counts: all digits, those before the point and those after it.
    /// Zero's coefficient is one digit (`0` has one whole digit; `0.00` has two digits, both
    /// decimal places), and a value below one counts its leading fraction zeros (`0.00123` has
    /// five). nil for `NaN` and `±Infinity`, which `DecimalField` refuses before counting.
    public var digitCount: (total: Int, whole: Int, decimalPlaces: Int)? {
        guard special == nil else { return nil }
        let coefficient = max(digits.count, 1)
        if scale == 0 { return (coefficient, coefficient, 0) }
        if coefficient > scale { return (coefficient, coefficient - scale, scale) }
        return (scale, 0, scale)
    }

    /// Python's `value.quantize(Decimal(10) ** -places, rounding=rounding, context=...)` with
    /// the context's precision `maximumDigits` (DRF sets it to `max_digits`): exactly `places`
    /// fraction digits. `NaN` stays `NaN`; `±Infinity`, `places` outside `0...maximumScale`, or
    /// a result longer than `maximumDigits` digits throw `InvalidOperation`, as Python raises it.
    /// The sign stays, as Python keeps it: a negative value that rounds to zero, or a negative
    /// zero, is `-0.00` (`isNegative`; it equals zero by value).
    public func quantized(places: Int, rounding: Rounding = .halfEven, maximumDigits: Int? = nil) throws -> DecimalNumber {
        if isNaN { return self }
        guard !isInfinite else { throw InvalidOperation("cannot quantize \(self)") }
        guard (0...Self.maximumScale).contains(places) else {
            throw InvalidOperation("cannot quantize to \(places) decimal places")
        }
        let result = places >= scale ? padded(toScale: places) : rounded(toScale: places, rounding)
        if let maximumDigits, max(result.digits.count, 1) > maximumDigits {
            throw InvalidOperation("\(result) has more than \(maximumDigits) digits")
        }
        return result
    }

    private func padded(toScale places: Int) -> DecimalNumber {
        guard !digits.isEmpty else { return DecimalNumber(checked: isNegative, digits: [], scale: places, signedZero: true) }
        return DecimalNumber(checked: isNegative, digits: digits + repeatElement(0, count: places - scale), scale: places)
    }

    /// Drops `scale - places` digits, then adds one unit in the last kept place when the mode
    /// says so.
    private func rounded(toScale places: Int, _ rounding: Rounding) -> DecimalNumber {
        let dropped = scale - places
        let keptCount = max(digits.count - dropped, 0)
        var kept = Array(digits[..<keptCount])
        // The first dropped digit (0 when the number is shorter than the dropped places) and
        // whether anything after it is non-zero: the whole of what decides a rounding.
        let firstDropped = digits.count >= dropped ? digits[keptCount] : 0
        let restStart = digits.count >= dropped ? keptCount + 1 : 0
        let restNonZero = digits[restStart...].contains { $0 != 0 }
        let discardsAnything = firstDropped != 0 || restNonZero
        let aboveHalf = firstDropped > 5 || (firstDropped == 5 && restNonZero)
        let exactlyHalf = firstDropped == 5 && !restNonZero
        let lastKept = kept.last ?? 0
        let awayFromZero: Bool
        switch rounding {
        case .down: awayFromZero = false
        case .up: awayFromZero = discardsAnything
        case .ceiling: awayFromZero = discardsAnything && !isNegative
        case .floor: awayFromZero = discardsAnything && isNegative
        case .halfUp: awayFromZero = aboveHalf || exactlyHalf
        case .halfDown: awayFromZero = aboveHalf
        case .halfEven: awayFromZero = aboveHalf || (exactlyHalf && lastKept % 2 == 1)
        case .zeroFiveUp: awayFromZero = discardsAnything && (lastKept == 0 || lastKept == 5)
        }
        if awayFromZero { Self.incrementMagnitude(&kept) }
        return DecimalNumber(checked: isNegative, digits: kept, scale: places, signedZero: true)
    }

    /// Adds one to big-endian digits, carrying as far as it goes (`999` becomes `1000`).
    package static func incrementMagnitude(_ digits: inout [UInt8]) {
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] < 9 {
                digits[index] += 1
                return
            }
            digits[index] = 0
            index -= 1
        }
        digits.insert(1, at: 0)
    }
}
