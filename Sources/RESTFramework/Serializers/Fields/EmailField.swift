/// DRF's `EmailField`: a `CharField` that also runs Django's `EmailValidator`, after the length
/// validators (so an over-long address reports length, then format). Its `invalid` message is
/// "Enter a valid email address.", which DRF also uses for non-text input such as `true`.
///
///     EmailField("email", required: false, allowBlank: true, maxLength: 254)
public struct EmailField: CharFieldBacked {
    /// Everything but the format check is the CharField's (DRF: `class EmailField(CharField)`).
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
            errorMessages: ["invalid": "Enter a valid email address."].merging(errorMessages) { $1 })
    }

    public var metadataType: String { "email" }

    public var validators: [any Validator] {
        text.validators + [EmailValidator(message: text.messages.message("invalid"))]
    }
}

extension EmailField: ValueWritingField {}
