/// A `numeric` value, exactly: sign, decimal digits and scale, as PostgreSQL keeps them (never
/// through `Double`, which holds about 16 significant digits), plus `NaN` and, from PostgreSQL
/// 14, `±Infinity`.
///
/// The scale is part of the value, as in PostgreSQL: `1.50` keeps two fraction digits and prints
/// as `1.50`, so `==` compares the text form (`1.5` and `1.50` differ). numeric has no negative
/// zero: `-0` and `-0.00` read as `0` and `0.00`, as the server stores them.
///
///     let price = DecimalNumber("12345678901234567890.123456789012345678")
///     price?.description                                   // "12345678901234567890.123456789012345678"
///     DecimalNumber("-0.00")?.description                // "0.00"
///     try connection.execute("UPDATE invoices SET total = $1 WHERE id = $2", price, Int64(7))
public struct DecimalNumber: Hashable, Sendable, CustomStringConvertible {
    /// The values that are not numbers.
    public enum Special: Hashable, Sendable {
        case notANumber, infinity, negativeInfinity
    }

    /// True for values below zero, and for Python's negative zero (`Decimal('-0.00')`) where a
    /// caller asks for it (`signedZero`, and `quantized`, which keeps the sign as Python does):
    /// DRF answers a write of `"-0"` with `"-0.00"`. numeric has no negative zero, so text
    /// read from the server and arithmetic never make one; it equals zero by value
    /// (`compareValue`) and PostgreSQL stores it as `0`.
    public private(set) var isNegative: Bool
    /// The unscaled magnitude's decimal digits (each 0...9), most significant first, without
    /// leading zeros: empty for zero. `12.30` is `[1, 2, 3, 0]` with scale 2.
    public private(set) var digits: [UInt8]
    /// How many of `digits` are after the decimal point (PostgreSQL's display scale).
    public private(set) var scale: Int
    /// Set for `NaN` and `±Infinity` (then `digits` is empty and `scale` 0).
    public private(set) var special: Special?

    public static let notANumber = DecimalNumber(special: .notANumber)
    public static let infinity = DecimalNumber(special: .infinity)
    public static let negativeInfinity = DecimalNumber(special: .negativeInfinity)

    init(special: Special) {
        isNegative = special == .negativeInfinity
        digits = []
        scale = 0
        self.special = special
    }

    /// PostgreSQL's largest display scale (NUMERIC_DSCALE_MAX).
    public static let maximumScale = 16_383

    /// Digits (each 0...9, leading zeros allowed) and a scale; nil if a digit is out of range
    /// or the scale is outside `0...maximumScale`. A zero is positive unless `signedZero`
    /// (Python's `Decimal('-0')`, which DRF's `DecimalField` reads and echoes).
    public init?(isNegative: Bool, digits: [UInt8], scale: Int, signedZero: Bool = false) {
        guard (0...Self.maximumScale).contains(scale), digits.allSatisfy({ $0 < 10 }) else { return nil }
        self.init(checked: isNegative, digits: digits, scale: scale, signedZero: signedZero)
    }

    /// Digits each 0...9 and a scale in range, which the caller (arithmetic, rounding) ensures.
    init(checked isNegative: Bool, digits: [UInt8], scale: Int, signedZero: Bool = false) {
        let significant = digits.drop { $0 == 0 }
        self.isNegative = isNegative && (signedZero || !significant.isEmpty)
        self.digits = Array(significant)
        self.scale = scale
        special = nil
    }

    public init(_ value: Int64) {
        var magnitude = value.magnitude
        var reversed: [UInt8] = []
        while magnitude > 0 {
            reversed.append(UInt8(magnitude % 10))
            magnitude /= 10
        }
        isNegative = value < 0
        digits = reversed.reversed()
        scale = 0
        special = nil
    }

    public var isNaN: Bool { special == .notANumber }
    public var isInfinite: Bool { special == .infinity || special == .negativeInfinity }
    public var isZero: Bool { special == nil && digits.isEmpty }
}
