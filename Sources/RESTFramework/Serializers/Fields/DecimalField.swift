/// DRF's `DecimalField`: input is `str(data).strip()` read by Python's `Decimal` (JSON numbers
/// by their Python text, `"1E+2"`, `"1_000"`, `".5"`, digits of any script); `NaN` and
/// `±Infinity` are "A valid number is required."; then DRF's `validate_precision` (digits in
/// total, then decimal places, then digits before the point) and quantizing to `decimalPlaces`.
/// Output is quantized too (`rounding`, Python's ROUND_HALF_EVEN by default) and rendered as a
/// string (`"1250.00"`), or a JSON number with `coerceToString: false` or the setting
/// `coerceDecimalToString` off.
///
///     DecimalField("budget", maxDigits: 12, decimalPlaces: 2, minValue: 0, required: false, allowNull: true)
///     DecimalField("rate", maxDigits: 5, decimalPlaces: 3, rounding: .halfUp, normalizeOutput: true)
///
/// With `allowNull`, `""` and whitespace are null (DRF's `validate_empty_values`). `-0` (and
/// `-0E+3`, `-0.0`) is Python's negative zero: it passes `minValue: 0` and renders `"-0.00"`, as
/// DRF answers a write from the unsaved `Decimal`; PostgreSQL stores `0`, so the next read is
/// `"0.00"` (a `ModelSerializer` answers with the row it read back: see docs/framework.md).
/// `localize` has no counterpart (no locales here). Without `maxDigits`, a value no `numeric`
/// can hold (`"1e999999999"`: DRF would render its billion digits) is "A valid number is
/// required.".
public struct DecimalField: SerializerField {
    public var options: FieldOptions
    public var maxDigits: Int?
    public var decimalPlaces: Int?
    /// nil: the setting `coerceDecimalToString` (DRF's `COERCE_DECIMAL_TO_STRING`).
    public var coerceToString: Bool?
    public var maxValue: NumberLimit?
    public var minValue: NumberLimit?
    /// Python's rounding mode for quantizing output (nil is the context's, ROUND_HALF_EVEN).
    public var rounding: DecimalNumber.Rounding?
    /// Trailing fraction zeros dropped on output (`Decimal.normalize()`): `"12.50"` → `"12.5"`.
    public var normalizeOutput: Bool

    public init(
        _ name: String, maxDigits: Int?, decimalPlaces: Int?, coerceToString: Bool? = nil,
        maxValue: NumberLimit? = nil, minValue: NumberLimit? = nil, rounding: DecimalNumber.Rounding? = nil,
        normalizeOutput: Bool = false, source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.maxDigits = maxDigits
        self.decimalPlaces = decimalPlaces
        self.coerceToString = coerceToString
        self.maxValue = maxValue
        self.minValue = minValue
        self.rounding = rounding
        self.normalizeOutput = normalizeOutput
    }

    /// DRF's `MAX_STRING_LENGTH`: longer input is refused before it is parsed.
    static let maxStringLength = 1000

    static let defaultMessages: [String: String] = [
        "invalid": "A valid number is required.",
        "max_value": "Ensure this value is less than or equal to {max_value}.",
        "min_value": "Ensure this value is greater than or equal to {min_value}.",
        "max_digits": "Ensure that there are no more than {max_digits} digits in total.",
        "max_decimal_places": "Ensure that there are no more than {max_decimal_places} decimal places.",
        "max_whole_digits": "Ensure that there are no more than {max_whole_digits} digits before the decimal point.",
        "max_string_length": "String value too large.",
    ]

    var messages: ErrorMessages { ErrorMessages(defaults: Self.defaultMessages, overrides: options.errorMessages) }

    public var metadataType: String { "decimal" }

    /// SimpleMetadata's order: `min_value`, `max_value`, `max_digits`, `decimal_places`.
    public var metadataAttributes: [(String, JSON)] {
        var attributes: [(String, JSON)] = []
        if let minValue { attributes.append(("min_value", minValue.metadata)) }
        if let maxValue { attributes.append(("max_value", maxValue.metadata)) }
        if let maxDigits { attributes.append(("max_digits", .int(Int64(maxDigits)))) }
        if let decimalPlaces { attributes.append(("decimal_places", .int(Int64(decimalPlaces)))) }
        return attributes
    }

    /// The user's validators, then max, then min (DRF's `__init__` order).
    public var validators: [any Validator] {
        var all = options.validators
        if let maxValue {
            all.append(
                NumberLimitValidator(
                    bound: .max, limit: maxValue, message: messages.message("max_value", ["max_value": maxValue.text])))
        }
        if let minValue {
            all.append(
                NumberLimitValidator(
                    bound: .min, limit: minValue, message: messages.message("min_value", ["min_value": minValue.text])))
        }
        return all
    }

    /// `smart_str(data).strip() == ''` is null for a nullable field, before anything else.
    public func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        if options.allowNull, !options.readOnly, case .string(let text)? = data, PythonText.strip(text).isEmpty {
            return .null
        }
        return try runStandardValidation(data, context: context)
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        // `smart_str(data)`: booleans are "True"/"False", lists and objects their repr; none reads
        // as a number, so only strings and numbers go on.
        guard let raw = PythonText.numberOrStringText(data) else { throw messages.fail("invalid") }
        let text = PythonText.strip(raw)
        if PythonText.length(text) > Self.maxStringLength { throw messages.fail("max_string_length") }
        guard let parsed = FilterDecimal(parsing: text), parsed.isFinite else { throw messages.fail("invalid") }
        try validatePrecision(parsed)
        guard let number = parsed.decimalNumber else { throw messages.fail("invalid") }
        return .decimal(try quantize(number))
    }

    /// DRF's `validate_precision`, on the digits and exponent as Python's `as_tuple()` gives
    /// them (zero has one digit; `0E+5` counts six).
    func validatePrecision(_ value: FilterDecimal) throws {
        let count = max(value.digits.count, 1)
        let total: Int, whole: Int, places: Int
        if value.exponent >= 0 {
            (total, whole, places) = (count + value.exponent, count + value.exponent, 0)
        } else if count > -value.exponent {
            (total, whole, places) = (count, count + value.exponent, -value.exponent)
        } else {
            (total, whole, places) = (-value.exponent, 0, -value.exponent)
        }
        if let maxDigits, total > maxDigits { throw messages.fail("max_digits", ["max_digits": String(maxDigits)]) }
        if let decimalPlaces, places > decimalPlaces {
            throw messages.fail("max_decimal_places", ["max_decimal_places": String(decimalPlaces)])
        }
        if let maxDigits, let decimalPlaces, whole > maxDigits - decimalPlaces {
            throw messages.fail("max_whole_digits", ["max_whole_digits": String(maxDigits - decimalPlaces)])
        }
    }

    /// DRF's `quantize`: to `decimalPlaces` in a context of `maxDigits` digits (Python's 28 when
    /// none is given); a result longer than that is Python's `InvalidOperation`, which DRF does
    /// not catch either (a 500).
    func quantize(_ value: DecimalNumber) throws -> DecimalNumber {
        guard let decimalPlaces else { return value }
        return try value.quantized(places: decimalPlaces, rounding: rounding ?? .halfEven, maximumDigits: maxDigits ?? 28)
    }

    /// The text DRF renders: quantized, normalized if asked, `f'{value:f}'`.
    func outputNumber(_ value: FieldValue) throws -> DecimalNumber? {
        let number: DecimalNumber
        switch value {
        case .decimal(let d): number = d
        case .int(let i): number = DecimalNumber(i)
        case .double(let d): guard let n = FilterDecimal(parsing: JSONWriter.pythonRepr(d))?.decimalNumber else { return nil }; number = n
        case .string(let s): guard let n = FilterDecimal(parsing: PythonText.strip(s))?.decimalNumber else { return nil }; number = n
        default: return nil
        }
        let quantized = try quantize(number)
        return normalizeOutput ? quantized.droppingTrailingFractionZeros : quantized
    }

    func coerces(_ context: SerializerContext) -> Bool {
        coerceToString ?? context.view?.settings.coerceDecimalToString ?? true
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        guard let number = try outputNumber(value) else { return value.json }
        if coerces(context) { return .string(number.description) }
        return .double(Double(number.description) ?? .nan)
    }

    public func writeRepresentation(
        of instance: any FieldReadable, context: SerializerContext,
        into out: inout [UInt8]
    ) throws -> Bool {
        try writeStandardRepresentation(of: instance, context: context, into: &out) { value, out in
            try writeValue(value, context: context, into: &out)
        }
    }

    func writeValue(_ value: FieldValue, context: SerializerContext, into out: inout [UInt8]) throws {
        // A column value already at the field's scale (what a `numeric(p, s)` column holds)
        // renders as it is: no quantizing, no JSON value.
        if case .decimal(let d) = value, d.scale == decimalPlaces, !normalizeOutput, d.special == nil,
            d.digits.count <= (maxDigits ?? 28), coerces(context)
        {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: d.description.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        JSONWriter.write(try toRepresentation(value, context: context), into: &out, indent: nil, level: 0)
    }
}

extension DecimalField: ValueWritingField {}

extension FilterDecimal {
    /// The value as a `DecimalNumber`: nil for the infinities and NaN, and for values no
    /// `numeric` holds (more than 131072 digits before the point or 16383 after).
    var decimalNumber: DecimalNumber? {
        guard isFinite else { return nil }
        let values = digits.map { $0 - UInt8(ascii: "0") }
        if exponent >= 0 {
            guard values.count + exponent <= 131_072 else { return nil }
            return DecimalNumber(
                isNegative: isNegative, digits: values + repeatElement(0, count: values.isEmpty ? 0 : exponent), scale: 0,
                signedZero: true)
        }
        return DecimalNumber(isNegative: isNegative, digits: values, scale: -exponent, signedZero: true)
    }
}

extension DecimalNumber {
    /// Python's `normalize()` as `f'{:f}'` shows it: the fraction without trailing zeros.
    var droppingTrailingFractionZeros: DecimalNumber {
        guard special == nil else { return self }
        var digits = self.digits, scale = self.scale
        while scale > 0, digits.last == 0 || digits.isEmpty {
            if !digits.isEmpty { digits.removeLast() }
            scale -= 1
        }
        return DecimalNumber(isNegative: isNegative, digits: digits, scale: scale, signedZero: true) ?? self
    }
}
