/// DRF's `IntegerField`: JSON integers, integral floats (`1.0`), and strings Python's `int()`
/// reads after DRF drops a zero fraction (`" 12 "`, `"1.0"`, `"1_000"`, `"+5"`); not `true`,
/// `1.5`, `1e3` or `"0x10"`.
///
///     IntegerField("id", readOnly: true)
///     IntegerField("age", maxValue: 150, minValue: 0)
///
/// Values are 64-bit (what PostgreSQL's `bigint` holds). DRF itself takes any size, and its
/// ModelSerializer bounds integer columns with the database's range, so a larger input gets the
/// same message it would: "Ensure this value is less than or equal to 9223372036854775807."
public struct IntegerField: SerializerField {
    public var options: FieldOptions
    public var maxValue: Int64?
    public var minValue: Int64?

    public init(
        _ name: String, source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        maxValue: Int64? = nil, minValue: Int64? = nil, label: String? = nil, helpText: String? = nil,
        validators: [any Validator] = [], errorMessages: [String: String] = [:]
    ) {
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.maxValue = maxValue
        self.minValue = minValue
    }

    /// DRF refuses longer strings before parsing them.
    static let maxStringLength = 1000

    var messages: ErrorMessages {
        ErrorMessages(
            defaults: [
                "invalid": "A valid integer is required.",
                "max_value": "Ensure this value is less than or equal to {max_value}.",
                "min_value": "Ensure this value is greater than or equal to {min_value}.",
                "max_string_length": "String value too large.",
            ], overrides: options.errorMessages)
    }

    public var metadataType: String { "integer" }

    public var metadataAttributes: [(String, JSON)] {
        var attributes: [(String, JSON)] = []
        if let minValue { attributes.append(("min_value", .int(minValue))) }
        if let maxValue { attributes.append(("max_value", .int(maxValue))) }
        return attributes
    }

    public var validators: [any Validator] {
        var all = options.validators
        if let maxValue {
            all.append(MaxValueValidator(maxValue, message: messages.message("max_value", ["max_value": String(maxValue)])))
        }
        if let minValue {
            all.append(MinValueValidator(minValue, message: messages.message("min_value", ["min_value": String(minValue)])))
        }
        return all
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        if case .string(let text) = data, PythonText.length(text) > Self.maxStringLength {
            throw messages.fail("max_string_length")
        }
        // DRF: int(re.sub(r'\.0*\s*$', '', str(data))); str(True) is "True", which int() refuses.
        guard let text = PythonText.str(data),
            let number = PythonText.parseInteger(PythonText.removingZeroFraction(text))
        else {
            throw messages.fail("invalid")
        }
        switch number {
        case .int(let value):
            return .int(value)
        case .big(let text):
            if text.hasPrefix("-") {
                throw messages.fail("min_value", ["min_value": String(minValue ?? Int64.min)])
            }
            throw messages.fail("max_value", ["max_value": String(maxValue ?? Int64.max)])
        }
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        switch value {
        case .int(let i): return .int(i)
        case .bool(let b): return .int(b ? 1 : 0)
        case .double(let d) where d.isFinite && abs(d) < 9.2e18: return .int(Int64(d))
        case .string(let s):
            if case .int(let i)? = PythonText.parseInteger(s) { return .int(i) }
            return value.json
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
        if case .int(let i) = value {
            JSONWriter.appendInteger(i, into: &out)
        } else {
            JSONWriter.write(try toRepresentation(value, context: context), into: &out, indent: nil, level: 0)
        }
    }
}

extension IntegerField: ValueWritingField {}
