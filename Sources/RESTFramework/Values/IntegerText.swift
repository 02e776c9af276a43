/// An integer of any size, read as Python's `int(text)` reads it. DRF's query parameters
/// (`?offset=`, `?page=`, a cursor's `o`) are Python integers: `?offset=99999999999999999999`
/// is a valid offset that DRF echoes back, minus the limit, in `previous`.
///
///     IntegerText(parsing: " +1_000 ")?.description    // "1000"
///     IntegerText(parsing: "2.5")                      // nil
///     (IntegerText(parsing: "99999999999999999999")! - 10).description   // "99999999999999999989"
public struct IntegerText: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let isNegative: Bool
    /// Decimal digits, most significant first, no leading zeros (`[0]` for zero).
    let digits: [UInt8]

    /// Python's `int(text)`: surrounding whitespace (Unicode's too), one optional sign, decimal
    /// digits of any script (`٣` is 3), single underscores between digits, at most 4300 digits.
    /// Nil where Python raises `ValueError`.
    public init?(parsing text: some StringProtocol) {
        // Plain ASCII digits (what ids and offsets are): no stripping, signs or underscores.
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            guard text.utf8.count <= Self.maxDigits else { return nil }
            self.init(negative: false, digits: text.utf8.map { $0 - UInt8(ascii: "0") })
            return
        }
        var scalars = Array(PythonText.strip(text).unicodeScalars)[...]
        var negative = false
        if let sign = scalars.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            scalars = scalars.dropFirst()
        }
        var digits: [UInt8] = []
        var lastWasDigit = false
        for scalar in scalars {
            if scalar == "_" {
                guard lastWasDigit else { return nil }
                lastWasDigit = false
            } else if let digit = Self.decimalValue(scalar) {
                digits.append(digit)
                lastWasDigit = true
            } else {
                return nil
            }
        }
        guard lastWasDigit else { return nil }  // empty, or a trailing underscore
        guard digits.count <= Self.maxDigits else { return nil }
        self.init(negative: negative, digits: digits)
    }

    /// CPython's `sys.get_int_max_str_digits()` default: `int()` of a longer text (leading zeros
    /// count, underscores do not) raises `ValueError`, so DRF reads `?offset=` of 4301 digits as
    /// no offset and such a cursor as invalid. It also keeps the digit arithmetic small.
    static let maxDigits = 4300

    public init(_ value: Int) {
        var magnitude = value.magnitude, digits: [UInt8] = []
        repeat {
            digits.append(UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude != 0
        self.init(negative: value < 0, digits: digits.reversed())
    }

    private init(negative: Bool, digits: [UInt8]) {
        let trimmed = Array(digits.drop { $0 == 0 })
        self.digits = trimmed.isEmpty ? [0] : trimmed
        self.isNegative = negative && !trimmed.isEmpty
    }

    public var isZero: Bool { digits == [0] }

    /// The value when it fits an `Int`.
    public var intValue: Int? {
        var magnitude: UInt = 0
        for digit in digits {
            let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(UInt(digit))
            if overflow || carry { return nil }
            magnitude = sum
        }
        if isNegative { return magnitude <= UInt(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt(Int.max) ? Int(magnitude) : nil
    }

    /// Python's `str(int)`: ASCII digits, `-` when negative.
    public var description: String {
        (isNegative ? "-" : "") + String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }

    public static func < (a: IntegerText, b: IntegerText) -> Bool {
        if a.isNegative != b.isNegative { return a.isNegative }
        let magnitudeLess = compareMagnitude(a.digits, b.digits) < 0
        let magnitudeGreater = compareMagnitude(a.digits, b.digits) > 0
        return a.isNegative ? magnitudeGreater : magnitudeLess
    }

    public static func + (a: IntegerText, b: IntegerText) -> IntegerText {
        if a.isNegative == b.isNegative { return IntegerText(negative: a.isNegative, digits: addMagnitudes(a.digits, b.digits)) }
        // Opposite signs: the larger magnitude decides the sign.
        if compareMagnitude(a.digits, b.digits) >= 0 {
            return IntegerText(negative: a.isNegative, digits: subtractMagnitudes(a.digits, b.digits))
        }
        return IntegerText(negative: b.isNegative, digits: subtractMagnitudes(b.digits, a.digits))
    }

    public static prefix func - (a: IntegerText) -> IntegerText { IntegerText(negative: !a.isNegative, digits: a.digits) }
    public static func - (a: IntegerText, b: IntegerText) -> IntegerText { a + (-b) }
    public static func + (a: IntegerText, b: Int) -> IntegerText { a + IntegerText(b) }
    public static func - (a: IntegerText, b: Int) -> IntegerText { a - IntegerText(b) }

    // MARK: - Digits

    /// `Py_UNICODE_TODECIMAL`: ASCII digits and the decimal digits of other scripts.
    private static func decimalValue(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.isASCII {
            return ("0"..."9").contains(scalar) ? UInt8(scalar.value - 48) : nil
        }
        guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else { return nil }
        return UInt8(value)
    }

    private static func compareMagnitude(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    private static func addMagnitudes(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var carry: UInt8 = 0
        var i = a.count - 1, j = b.count - 1
        while i >= 0 || j >= 0 || carry > 0 {
            let sum = (i >= 0 ? a[i] : 0) + (j >= 0 ? b[j] : 0) + carry
            result.append(sum % 10)
            carry = sum / 10
            i -= 1; j -= 1
        }
        return result.reversed()
    }

    /// `a - b` for `a >= b` in magnitude.
    private static func subtractMagnitudes(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var borrow: Int = 0
        var i = a.count - 1, j = b.count - 1
        while i >= 0 {
            var difference = Int(a[i]) - (j >= 0 ? Int(b[j]) : 0) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 10 }
            result.append(UInt8(difference))
            i -= 1; j -= 1
        }
        return result.reversed()
    }
}
