/// DRF's `HyperlinkedIdentityField`: a read-only absolute link to the instance's own detail
/// route, built by the context's `reverse` with `[lookupURLKwarg: <instance's lookupField>]`
/// and the context's `format` (so a `.json` request links with `.json`; what `?format=json`
/// adds is the reverse function's business). An instance without a pk links to null.
///
///     HyperlinkedIdentityField("url", viewName: "user-detail")
///
/// `lookupField` `"pk"` falls back to the instance's `"id"` when it does not answer `"pk"`.
public struct HyperlinkedIdentityField: SerializerField {
    public var options: FieldOptions
    public var viewName: String
    public var lookupField: String
    public var lookupURLKwarg: String
    /// Forces a format for this link (DRF's `format=`), when the request has one.
    public var format: String?

    public init(
        _ name: String, viewName: String, lookupField: String = "pk", lookupURLKwarg: String? = nil,
        format: String? = nil, label: String? = nil, helpText: String? = nil
    ) {
        options = FieldOptions(name: name, source: "*", readOnly: true, label: label, helpText: helpText)
        self.viewName = viewName
        self.lookupField = lookupField
        self.lookupURLKwarg = lookupURLKwarg ?? lookupField
        self.format = format
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        throw SerializerConfigurationError("HyperlinkedIdentityField `\(options.name)` is read-only.")
    }

    public func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        var value = instance.fieldValue(lookupField)
        if value == nil, lookupField == "pk" { value = instance.fieldValue("id") }
        guard let value, !value.isNull, !value.isEmptyString else { return .null }  // unsaved: no URL yet
        return try toRepresentation(value, context: context)
    }

    /// The link for a lookup value.
    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        .string(try link(value, context: context))
    }

    private func link(_ value: FieldValue, context: SerializerContext) throws -> String {
        guard let reverse = context.reverse else {
            throw SerializerConfigurationError(
                "`HyperlinkedIdentityField` `\(options.name)` requires a `reverse` function in the serializer context. "
                    + "Pass `SerializerContext(request: request, reverse: ...)` when instantiating the serializer.")
        }
        var format = context.format
        if let requested = format, let own = self.format, own != requested { format = own }
        do {
            return try reverse(viewName, [lookupURLKwarg: value.description], context.request, format)
        } catch {
            throw SerializerConfigurationError(
                "Could not resolve URL for hyperlinked relationship using view name \"\(viewName)\". You may have failed "
                    + "to include the related model in your API, or incorrectly configured the `lookupField` attribute on this field.")
        }
    }
}

/// The serializer reads `lookupField` through the row type's reader (no name lookup per row);
/// a type without one takes `representation(of:context:)`, with its `"id"` fallback.
extension HyperlinkedIdentityField: ValueWritingField {
    var valueSource: String { lookupField }

    func writeValue(_ value: FieldValue, context: SerializerContext, into out: inout [UInt8]) throws {
        // As `representation(of:context:)`: an empty key is an unsaved object (null was written
        // by the serializer).
        if value.isEmptyString {
            out.append(contentsOf: "null".utf8)
        } else {
            JSONWriter.writeString(try link(value, context: context), into: &out)
        }
    }
}
