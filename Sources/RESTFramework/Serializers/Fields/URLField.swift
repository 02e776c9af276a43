/// DRF's `URLField`: a `CharField` that also runs Django's `URLValidator` (see there), after the
/// length validators, with the message "Enter a valid URL." (also for non-text input such as
/// `true`).
///
///     URLField("homepage", required: false, allowBlank: true, maxLength: 200)
public struct URLField: SerializerField {
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

    public var options: FieldOptions { text.options }
    public var metadataType: String { "url" }
    public var initialValue: JSON { text.initialValue }
    public var metadataAttributes: [(String, JSON)] { text.metadataAttributes }

    public var validators: [any Validator] {
        text.validators + [URLValidator(message: text.messages.message("invalid"))]
    }

    public func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        if let blank = try TextFieldSupport.blankCheck(
            data, trim: text.trimWhitespace, allowBlank: text.allowBlank, messages: text.messages)
        {
            return blank
        }
        return try runStandardValidation(data, context: context)
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        try text.toInternalValue(data, context: context)
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        try text.toRepresentation(value, context: context)
    }

    public func writeRepresentation(
        of instance: any FieldReadable, context: SerializerContext,
        into out: inout [UInt8]
    ) throws -> Bool {
        try text.writeRepresentation(of: instance, context: context, into: &out)
    }
}

extension URLField: ValueWritingField {
    func writeValue(_ value: FieldValue, context: SerializerContext, into out: inout [UInt8]) throws {
        try text.writeValue(value, context: context, into: &out)
    }
}
