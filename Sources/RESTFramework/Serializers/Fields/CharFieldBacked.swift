/// A field that is DRF's `CharField` plus a format check (`class EmailField(CharField)`, and
/// `URLField`, `SlugField`): input, blank handling, rendering and OPTIONS attributes are the
/// `CharField`'s; the field adds its validator after the CharField's (`validators`) and names its
/// OPTIONS type.
public protocol CharFieldBacked: SerializerField {
    /// The CharField doing everything but the format check.
    var text: CharField { get }
}

extension CharFieldBacked {
    public var options: FieldOptions { text.options }
    public var initialValue: JSON { text.initialValue }
    public var metadataAttributes: [(String, JSON)] { text.metadataAttributes }

    public func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        if let blank = try TextFieldSupport.blankCheck(
            data, trim: text.trimWhitespace, allowBlank: text.allowBlank, messages: text.messages)
        {
            return blank
        }
        // Through this field's own validators (the CharField's would skip the format check).
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

    /// `ValueWritingField`'s requirement, for the fields that declare it.
    func writeValue(_ value: FieldValue, context: SerializerContext, into out: inout [UInt8]) throws {
        try text.writeValue(value, context: context, into: &out)
    }
}
