/// DRF's `URLField`: a `CharField` that also runs Django's `URLValidator` (see there), after the
/// length validators, with the message "Enter a valid URL." (also for non-text input such as
/// `true`).
///
///     URLField("homepage", required: false, allowBlank: true, maxLength: 200)
public struct URLField: CharFieldBacked {
    /// Everything but the URL check is the CharField's (DRF: `class URLField(CharField)`).
    public var text: CharField

    public init(
        _ name: String, source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        allowBlank: Bool = false, trimWhitespace: Bool = true, maxLength: Int? = nil, minLength: Int? = nil,
        label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        text = CharField(
            name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, allowBlank: allowBlank,
            trimWhitespace: trimWhitespace, maxLength: maxLength, minLength: minLength, label: label,
            helpText: helpText, validators: validators,
            errorMessages: ["invalid": "Enter a valid URL."].merging(errorMessages) { $1 })
    }

    public var metadataType: String { "url" }

    public var validators: [any Validator] {
        text.validators + [URLValidator(message: text.messages.message("invalid"))]
    }
}

extension URLField: ValueWritingField {}
