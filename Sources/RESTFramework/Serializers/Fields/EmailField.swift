/// DRF's `EmailField`: a `CharField` that also runs Django's `EmailValidator`, after the length
/// validators (so an over-long address reports length, then format). Its `invalid` message is
/// "Enter a valid email address.", which DRF also uses for non-text input such as `true`.
///
///     EmailField("email", required: false, allowBlank: true, maxLength: 254)
public struct EmailField: SerializerField {
    public var options: FieldOptions
    public var allowBlank: Bool
    public var trimWhitespace: Bool
    public var maxLength: Int?
    public var minLength: Int?

    public init(_ name: String, source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
                writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
                allowBlank: Bool = false, trimWhitespace: Bool = true, maxLength: Int? = nil, minLength: Int? = nil,
                label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
                errorMessages: [String: String] = [:]) {
        options = FieldOptions(name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
                               default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
                               validators: validators, errorMessages: errorMessages)
        self.allowBlank = allowBlank
        self.trimWhitespace = trimWhitespace
        self.maxLength = maxLength
        self.minLength = minLength
    }

    var messages: ErrorMessages {
        ErrorMessages(defaults: CharField.defaultMessages.merging(["invalid": "Enter a valid email address."]) { $1 },
                      overrides: options.errorMessages)
    }

    public var metadataType: String { "email" }
    public var initialValue: JSON { "" }
    public var metadataAttributes: [(String, JSON)] { TextFieldSupport.lengthMetadata(min: minLength, max: maxLength) }

    public var validators: [any Validator] {
        TextFieldSupport.validators(options.validators, maxLength: maxLength, minLength: minLength, messages: messages)
            + [EmailValidator(message: messages.message("invalid"))]
    }

    public func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        if let blank = try TextFieldSupport.blankCheck(data, trim: trimWhitespace, allowBlank: allowBlank, messages: messages) {
            return blank
        }
        return try runStandardValidation(data, context: context)
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        try TextFieldSupport.toText(data, trim: trimWhitespace, messages: messages)
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        .string(TextFieldSupport.str(value))
    }
}
