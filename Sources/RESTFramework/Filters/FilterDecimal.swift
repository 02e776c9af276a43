/// A query value as Python's `Decimal(str)` reads it, what django-filter's `NumberFilter`
/// (a `forms.DecimalField`) makes of `?budget__gte=`: surrounding whitespace stripped,
/// underscores dropped, digits of any script, `1.5e3`, `.5`, `5.`; `Infinity` and `NaN` are
/// read but are not numbers to the form ("Enter a number.").
///
///     FilterDecimal(parsing: " 1_250.5 ")   // 12505 × 10^-1
///     FilterDecimal(parsing: "1e")          // nil
struct FilterDecimal: Sendable, Hashable {
    var isNegative: Bool
    /// ASCII digits without leading zeros; empty for zero.
    var digits: [UInt8]
    /// The value is `digits × 10^exponent`.
    var exponent: Int
    /// `Infinity` or `NaN` (Python reads them; `DecimalField.validate` rejects them).
    var isFinite = true

    init?(parsing text: String) {
        var scalars: [Unicode.Scalar] = []
        for scalar in PythonText.strip(text).unicodeScalars where scalar != "_" {
            // Python's decimal reads any script's decimal digits as ASCII ones.
            if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue, !scalar.isASCII {
                scalars.append(Unicode.Scalar(UInt8(48 + Int(value))))
            } else {
                scalars.append(scalar)
            }
        }
        var i = 0
        isNegative = false
        if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" {
            isNegative = scalars[i] == "-"
            i += 1
        }
        let word = String(String.UnicodeScalarView(scalars[i...])).lowercased()
        if word == "inf" || word == "infinity" || word.hasPrefix("nan") || word.hasPrefix("snan") {
            let payload = word.drop { $0.isLetter }
            guard word.hasPrefix("inf") ? payload.isEmpty : payload.allSatisfy(\.isASCII) && payload.allSatisfy(\.isNumber)
            else { return nil }
            digits = []
            exponent = 0
            isFinite = false
            return
        }
        func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }
        var mantissa: [UInt8] = []
        var fractionDigits = 0
        var sawDigit = false
        while i < scalars.count, isDigit(scalars[i]) {
            mantissa.append(UInt8(scalars[i].value)); sawDigit = true; i += 1
        }
        if i < scalars.count, scalars[i] == "." {
            i += 1
            while i < scalars.count, isDigit(scalars[i]) {
                mantissa.append(UInt8(scalars[i].value)); fractionDigits += 1; sawDigit = true; i += 1
            }
        }
        guard sawDigit else { return nil }
        var written = 0
        if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
            i += 1
            var negative = false
            if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" {
                negative = scalars[i] == "-"
                i += 1
            }
            var sawExponentDigit = false
            while i < scalars.count, isDigit(scalars[i]) {
                // Saturates far beyond any value a filter can tell apart from infinity or zero.
                written = min(written * 10 + Int(scalars[i].value - 48), 1_000_000_000)
                sawExponentDigit = true
                i += 1
            }
            guard sawExponentDigit else { return nil }
            if negative { written = -written }
        }
        guard i == scalars.count else { return nil }
        let firstNonZero = mantissa.firstIndex { $0 != UInt8(ascii: "0") } ?? mantissa.endIndex
        digits = Array(mantissa[firstNonZero...])
        exponent = written - fractionDigits
    }

    var isZero: Bool { digits.isEmpty }

    /// `value > 1e50`: NumberFilter's `MaxValueValidator(1e50)`.
    var exceedsFilterMaximum: Bool {
        guard !isNegative, !isZero else { return false }
        let magnitude = digits.count - 1 + exponent  // 10^magnitude <= value < 10^(magnitude+1)
        if magnitude != 50 { return magnitude > 50 }
        return digits.first != UInt8(ascii: "1") || digits.dropFirst().contains { $0 != UInt8(ascii: "0") }
    }

    /// Django's `int(Decimal)` (toward zero) as an integer column compares it: an `.int`, or, past
    /// 64 bits, the digits as text, which the queryset reads as below or above every row.
    var truncatedInteger: FieldValue {
        let integerDigits = digits.count + exponent
        guard integerDigits > 0 else { return .int(0) }
        // Beyond 40 digits every integer column has long been passed: the exact digits no longer matter.
        let kept = min(integerDigits, 41)
        var text = [UInt8]()
        text.reserveCapacity(kept + 1)
        if isNegative { text.append(UInt8(ascii: "-")) }
        for position in 0..<kept { text.append(position < digits.count ? digits[position] : UInt8(ascii: "0")) }
        let string = String(decoding: text, as: UTF8.self)
        return Int64(string).map(FieldValue.int) ?? .string(string)
    }

    /// Python's `float(Decimal)`.
    var double: Double {
        let text = (isNegative ? "-" : "") + (isZero ? "0" : String(decoding: digits, as: UTF8.self)) + "e\(exponent)"
        return Double(text) ?? 0
    }

    /// The decimal as text a `numeric` column reads, always plain (`-1250e-2` → `-12.50`): the
    /// query compiler reads no exponent, as numeric's own text has none. Within numeric's range
    /// (131072 digits before the point, 16383 after) it is exact. Beyond it (Django would hand
    /// PostgreSQL a value it cannot hold): a magnitude too large (only a negative one passes the
    /// 1e50 maximum) is `-Infinity`, below every row; a fraction finer than numeric's finest step
    /// is rounded away from zero to that step, as no stored value lies between them.
    var plainText: String {
        let sign = isNegative && !isZero ? "-" : ""
        if !isZero && digits.count + exponent > Self.numericIntegerDigits { return sign + "Infinity" }
        if exponent < -Self.numericScale {
            // Finer than numeric can hold: the digits above its finest step, and one step more
            // for any non-zero digit below it.
            let kept = digits.count - (-exponent - Self.numericScale)
            let truncated = FilterDecimal(isNegative: false, digits: Array(digits.prefix(max(kept, 0))), exponent: -Self.numericScale)
            let exact = digits.dropFirst(max(kept, 0)).allSatisfy { $0 == UInt8(ascii: "0") }
            return sign + (exact ? truncated : truncated.incremented).plainText
        }
        var body = isZero ? "0" : String(decoding: digits, as: UTF8.self)
        if exponent >= 0 {
            if !isZero { body += String(repeating: "0", count: exponent) }
            return sign + body
        }
        let places = -exponent
        if body.count <= places { body = String(repeating: "0", count: places - body.count + 1) + body }
        body.insert(".", at: body.index(body.endIndex, offsetBy: -places))
        return sign + body
    }

    /// PostgreSQL's numeric: at most 131072 digits before the point and 16383 after.
    static let numericIntegerDigits = 131_072
    static let numericScale = 16_383

    init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        self.isNegative = isNegative
        self.digits = digits
        self.exponent = exponent
    }

    /// One unit of the last digit more (in magnitude).
    var incremented: FilterDecimal {
        var result = digits
        var index = result.count - 1
        while index >= 0 && result[index] == UInt8(ascii: "9") {
            result[index] = UInt8(ascii: "0")
            index -= 1
        }
        if index >= 0 { result[index] += 1 } else { result.insert(UInt8(ascii: "1"), at: 0) }
        return FilterDecimal(isNegative: isNegative, digits: result, exponent: exponent)
    }
}
