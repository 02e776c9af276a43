/// DRF's `SlugField`: a `CharField` that also requires ASCII letters, digits, `_` and `-`
/// ("Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."), or with
/// `allowUnicode` any letters and digits (Python's `\w`) with the Unicode message.
///
///     SlugField("slug", maxLength: 50)
///     SlugField("handle", allowUnicode: true)
public struct SlugField: CharFieldBacked {
    /// Everything but the pattern is the CharField's (DRF: `class SlugField(CharField)`).
    public var text: CharField
    public var allowUnicode: Bool

    public init(
        _ name: String, allowUnicode: Bool = false, source: String? = nil, required: Bool? = nil,
        readOnly: Bool = false, writeOnly: Bool = false, default defaultValue: FieldDefault? = nil,
        allowNull: Bool = false, allowBlank: Bool = false, trimWhitespace: Bool = true, maxLength: Int? = nil,
        minLength: Int? = nil, label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        text = CharField(
            name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, allowBlank: allowBlank,
            trimWhitespace: trimWhitespace, maxLength: maxLength, minLength: minLength, label: label,
            helpText: helpText, validators: validators, errorMessages: errorMessages)
        self.allowUnicode = allowUnicode
    }

    public var metadataType: String { "slug" }

    /// The CharField's validators, then the slug check with the field's message.
    public var validators: [any Validator] {
        let messages = ErrorMessages(
            defaults: [
                "invalid": "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.",
                "invalid_unicode": "Enter a valid \"slug\" consisting of Unicode letters, numbers, underscores, or hyphens.",
            ], overrides: text.options.errorMessages)
        return text.validators + [
            SlugValidator(allowUnicode: allowUnicode, message: messages.message(allowUnicode ? "invalid_unicode" : "invalid"))
        ]
    }
}

extension SlugField: ValueWritingField {}
