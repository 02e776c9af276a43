/// A `maxValue`/`minValue` of `DecimalField` or `FloatField`, kept as the Python value DRF's
/// would be: an `int`, a `float` or a `Decimal`. The kind shows in two places: the message
/// quotes `str()` of it ("greater than or equal to 0", "... 0.5", "... 0.00"), and OPTIONS
/// writes an `int` as a JSON integer but a `Decimal` as a float (DRF's JSON encoder turns
/// `Decimal('0.00')` into `0.0`).
///
///     DecimalField("budget", maxDigits: 12, decimalPlaces: 2, minValue: 0)
///     DecimalField("fee", maxDigits: 6, decimalPlaces: 2, maxValue: .decimal(DecimalNumber("99.50")!))
///     FloatField("ratio", maxValue: 1.5)
public enum NumberLimit: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    case int(Int64)
    case double(Double)
    case decimal(DecimalNumber)

    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }

    /// Python's `str()` of the limit, as DRF's `lazy_format` puts it in the message.
    public var text: String {
        switch self {
        case .int(let value): return String(value)
        case .double(let value): return JSONWriter.pythonRepr(value)
        case .decimal(let value): return value.description
        }
    }

    /// What `SimpleMetadata` shows: `force_str(strings_only=True)` keeps numbers, and the JSON
    /// encoder writes a `Decimal` as `float(value)`.
    var metadata: JSON {
        switch self {
        case .int(let value): return .int(value)
        case .double(let value): return .double(value)
        case .decimal(let value): return .double(Double(value.description) ?? .nan)
        }
    }

    /// The limit as a decimal, for comparing decimals exactly (a float limit by its shortest
    /// text, which is how it reads; Python would compare the binary value, which differs only
    /// past the seventeenth digit).
    var decimal: DecimalNumber? {
        switch self {
        case .int(let value): return DecimalNumber(value)
        case .decimal(let value): return value
        case .double(let value): return FilterDecimal(parsing: JSONWriter.pythonRepr(value))?.decimalNumber
        }
    }

    /// The limit as a float, for `FloatField` (Python compares an int or Decimal with a float
    /// by value; a limit that is not within 2^53 of a float would compare by its rounding).
    var double: Double {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .decimal(let value): return Double(value.description) ?? .nan
        }
    }
}

/// Django's `MaxValueValidator` and `MinValueValidator` for the numbers a `NumberLimit` bounds:
/// decimals compared by value (`1.50` equals `1.5`), floats as floats. The message is the
/// field's, already formatted. Non-numbers pass (another field's value is not this one's business).
struct NumberLimitValidator: Validator {
    enum Bound { case max, min }
    let bound: Bound
    let limit: NumberLimit
    let message: String

    func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        let order: Int
        switch value {
        case .decimal(let number):
            guard let limit = limit.decimal else { return }
            order = number.compareValue(limit)
        case .double(let number):
            let limit = limit.double
            order = number < limit ? -1 : (number > limit ? 1 : 0)
        default:
            return
        }
        if bound == .max ? order > 0 : order < 0 {
            throw ValidationError(message, code: bound == .max ? "max_value" : "min_value")
        }
    }
}
