/// DRF's `JSONField`: any JSON value, kept as it is (`.jsonValue`, what a `json`/`jsonb` column
/// takes) and rendered as it is.
///
///     JSONField("settings", default: .value(.jsonValue([:])))     // any JSON value but null
///     JSONField("payload", allowNull: true)
///     JSONField("document", binary: true)       // input and output as JSON text in a string
///
/// Null is DRF's null check (`This field may not be null.` unless `allowNull`), before the
/// value is looked at. With `binary`, the input must be a string holding JSON (anything else, or
/// text that is not JSON, is `Value must be valid JSON.`), and the output is the value as
/// Python's `json.dumps` writes it, as a string (`"{\"a\": 1}"`).
///
/// As in DRF 3.18: a value holding an infinity (`1e400`, which the JSON parser reads as
/// Python's `float("inf")`) is `Value must be valid JSON.`; and a field of a form body (DRF's
/// HTML input, a `QueryDict`) is JSON text, parsed as with `binary` (`settings={"a": [1]}`).
public struct JSONField: SerializerField {
    public var options: FieldOptions
    public var binary: Bool

    public init(
        _ name: String, binary: Bool = false, source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.binary = binary
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        // DRF's `get_value` marks a form's value as a JSON string (`is_json_string`).
        let formInput = !binary && (try? context.serializerContext.request?.formData) != nil
        guard binary || formInput else {
            // DRF: json.dumps(data) refuses the out-of-range floats its parser let through.
            guard Self.isFinite(data) else { throw invalid() }
            return .jsonValue(data)
        }
        // DRF: json.loads(data); a non-string is a TypeError, bad text a ValueError: both "invalid".
        guard case .string(let text) = data, let parsed = try? JSON.parse(text) else { throw invalid() }
        return .jsonValue(parsed)
    }

    private func invalid() -> ValidationError {
        ErrorMessages(defaults: ["invalid": "Value must be valid JSON."], overrides: options.errorMessages).fail("invalid")
    }

    /// Whether no number in `value` is an infinity or NaN.
    static func isFinite(_ value: JSON) -> Bool {
        switch value {
        case .double(let number): number.isFinite
        case .array(let items): items.allSatisfy(isFinite)
        case .object(let object): object.allSatisfy { isFinite($0.value) }
        default: true
        }
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        binary ? .string(PythonJSON.dumps(value.json)) : value.json
    }
}
