/// DRF's `FloatField`: Python's `float(data)`: JSON numbers, `true`/`false` (1.0 and 0.0, a
/// Python `bool` being an `int`), and text (`" 1.5 "`, `"1e3"`, `"1_000.5"`, digits of any
/// script). NaN and the infinities (`"nan"`, `"inf"`, `"1e400"`) are "A valid number is
/// required.", as are other types; an integer too large for a float is "Integer value too
/// large to convert to float". Output is a JSON number, as Python's `repr(float)` writes it.
///
///     FloatField("ratio", maxValue: 1, minValue: 0)
///     FloatField("score", required: false, allowNull: true)
public struct FloatField: SerializerField {
    public var options: FieldOptions
    public var maxValue: NumberLimit?
    public var minValue: NumberLimit?

    public init(
        _ name: String, maxValue: NumberLimit? = nil, minValue: NumberLimit? = nil, source: String? = nil,
        required: Bool? = nil, readOnly: Bool = false, writeOnly: Bool = false, default defaultValue: FieldDefault? = nil,
        allowNull: Bool = false, label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.maxValue = maxValue
        self.minValue = minValue
    }

    static let maxStringLength = 1000

    var messages: ErrorMessages {
        ErrorMessages(
            defaults: [
                "invalid": "A valid number is required.",
                "max_value": "Ensure this value is less than or equal to {max_value}.",
                "min_value": "Ensure this value is greater than or equal to {min_value}.",
                "max_string_length": "String value too large.",
                "overflow": "Integer value too large to convert to float",
            ], overrides: options.errorMessages)
    }

    public var metadataType: String { "float" }

    public var metadataAttributes: [(String, JSON)] {
        var attributes: [(String, JSON)] = []
        if let minValue { attributes.append(("min_value", minValue.metadata)) }
        if let maxValue { attributes.append(("max_value", maxValue.metadata)) }
        return attributes
    }

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

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        let value: Double
        switch data {
        case .string(let text):
            if PythonText.length(text) > Self.maxStringLength { throw messages.fail("max_string_length") }
            guard let parsed = Self.pythonFloat(text) else { throw messages.fail("invalid") }
            value = parsed
        case .int(let i): value = Double(i)
        case .double(let d): value = d
        case .bool(let b): value = b ? 1 : 0
        case .bigInt(let text):
            // `float(int)` raises OverflowError past the largest float.
            guard let d = Double(text), d.isFinite else { throw messages.fail("overflow") }
            value = d
        default: throw messages.fail("invalid")
        }
        guard value.isFinite else { throw messages.fail("invalid") }
        return .double(value)
    }

    /// `float(text)` for finite spellings: surrounding whitespace, a sign, digits (any script)
    /// with single underscores between them, a fraction, an exponent. nil for what Python
    /// refuses, and for `nan`/`inf`, which the field refuses anyway.
    static func pythonFloat(_ text: String) -> Double? {
        var ascii = ""
        var previousDigit = false, pendingUnderscore = false
        for scalar in PythonText.strip(text).unicodeScalars {
            if scalar == "_" {
                guard previousDigit, !pendingUnderscore else { return nil }
                pendingUnderscore = true
                continue
            }
            if let digit = UnicodeDigits.value(scalar) {
                ascii.append(Character(Unicode.Scalar(UInt8(48 + digit))))
                previousDigit = true
            } else {
                guard !pendingUnderscore, "+-.eE".unicodeScalars.contains(scalar) else { return nil }
                ascii.unicodeScalars.append(scalar)
                previousDigit = false
            }
            pendingUnderscore = false
        }
        guard !pendingUnderscore else { return nil }
        // Swift's `Double(_:)` reads the same grammar once the digits are ASCII, but also hex
        // floats and "nan"/"inf", none of which can remain here.
        return Double(ascii)
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        switch value {
        case .double(let d): return .double(d)
        case .int(let i): return .double(Double(i))
        case .bool(let b): return .double(b ? 1 : 0)
        case .decimal(let d): return .double(Double(d.description) ?? .nan)
        case .string(let s): return Self.pythonFloat(s).map(JSON.double) ?? value.json
        default: return value.json
        }
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
        if case .double(let d) = value {
            out.append(contentsOf: JSONWriter.pythonRepr(d).utf8)
        } else {
            JSONWriter.write(try toRepresentation(value, context: context), into: &out, indent: nil, level: 0)
        }
    }
}

extension FloatField: ValueWritingField {}
