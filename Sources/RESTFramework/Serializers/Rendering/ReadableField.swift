/// A field `toRepresentation` writes, with its name and the `"name":` that starts its member
/// (escaped once, not per row).
struct ReadableField: Sendable {
    let name: String
    let field: any SerializerField
    let key: [UInt8]
    /// `field.writeRepresentation`, bound to the field's own type once: called through the
    /// existential, the field was copied out of it (a box copy, a retain and a release) for
    /// every field of every row.
    let write: @Sendable (any FieldReadable, SerializerContext, inout [UInt8]) throws -> Bool
    /// For a `ValueWritingField`: its source, and its `writeValue` bound to its type.
    let valueSource: String?
    let writeValue: (@Sendable (FieldValue, SerializerContext, inout [UInt8]) throws -> Void)?

    init(name: String, field: any SerializerField) {
        self.name = name
        self.field = field
        self.write = Self.writer(field)
        if let valueField = field as? any ValueWritingField {
            valueSource = valueField.valueSource
            writeValue = Self.valueWriter(valueField)
        } else {
            valueSource = nil
            writeValue = nil
        }
        var key: [UInt8] = []
        JSONWriter.writeString(name, into: &key)
        key.append(UInt8(ascii: ":"))
        self.key = key
    }

    private static func writer<Field: SerializerField>(_ field: Field)
        -> @Sendable (any FieldReadable, SerializerContext, inout [UInt8]) throws -> Bool
    {
        { instance, context, out in try field.writeRepresentation(of: instance, context: context, into: &out) }
    }

    private static func valueWriter<Field: ValueWritingField>(_ field: Field)
        -> @Sendable (FieldValue, SerializerContext, inout [UInt8]) throws -> Void
    {
        { value, context, out in try field.writeValue(value, context: context, into: &out) }
    }
}
