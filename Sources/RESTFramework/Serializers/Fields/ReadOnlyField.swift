/// DRF's `ReadOnlyField`: outputs the instance's value at `source` as it is, never takes input.
/// A dotted source reads a related row's value, which the instance answers under the dotted
/// name (the model layer provides it by annotation).
///
///     ReadOnlyField("author", source: "author.username")
///     ReadOnlyField("owner", source: "owner_id")
public struct ReadOnlyField: SerializerField {
    public var options: FieldOptions

    public init(_ name: String, source: String? = nil, label: String? = nil, helpText: String? = nil) {
        options = FieldOptions(name: name, source: source, readOnly: true, label: label, helpText: helpText)
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        throw SerializerConfigurationError("ReadOnlyField `\(options.name)` takes no input.")
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }

    public func writeRepresentation(
        of instance: any FieldReadable, context: SerializerContext,
        into out: inout [UInt8]
    ) throws -> Bool {
        try writeStandardRepresentation(of: instance, context: context, into: &out) { value, out in
            try writeValue(value, context: context, into: &out)
        }
    }

    func writeValue(_ value: FieldValue, context: SerializerContext, into out: inout [UInt8]) throws {
        JSONWriter.write(value, into: &out)
    }
}

/// DRF's `SerializerMethodField`: a read-only value computed from the whole instance.
///
///     MethodField("display_name") { user, _ in
///         .string((user.fieldValue("first_name")?.stringValue ?? "") + " " + (user.fieldValue("last_name")?.stringValue ?? ""))
///     }
///
/// A closure that returns a Swift value (`Int`, `String`, `Bool`, `Double`, `DateTime`, optionals
/// and arrays of them: `SchemaTypedValue`) types the field in the OpenAPI document; one that
/// returns `JSON` leaves it untyped (any JSON value), as drf-spectacular does without a hint:
///
///     MethodField("initials") { user, _ -> String in
///         String((user.fieldValue("first_name")?.stringValue ?? "").prefix(1))
///     }
public struct MethodField: SerializerField {
    public var options: FieldOptions
    let compute: @Sendable (any FieldReadable, SerializerContext) throws -> JSON
    /// The schema of what `compute` returns, when its Swift type says it.
    let valueSchema: JSON?

    public init(
        _ name: String, label: String? = nil, helpText: String? = nil,
        _ compute: @escaping @Sendable (any FieldReadable, SerializerContext) throws -> JSON
    ) {
        options = FieldOptions(name: name, source: "*", readOnly: true, label: label, helpText: helpText)
        self.compute = compute
        valueSchema = nil
    }

    public init<Value: SchemaTypedValue>(
        _ name: String, label: String? = nil, helpText: String? = nil,
        _ compute: @escaping @Sendable (any FieldReadable, SerializerContext) throws -> Value
    ) {
        options = FieldOptions(name: name, source: "*", readOnly: true, label: label, helpText: helpText)
        self.compute = { try compute($0, $1).schemaTypedJSON }
        valueSchema = Value.openAPISchema
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        throw SerializerConfigurationError("MethodField `\(options.name)` takes no input.")
    }

    public func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        try compute(instance, context)
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }
}

/// DRF's `HiddenField`: never read from input nor shown in output; always its default in the
/// validated data (the requesting user as an author, say). Absent from OPTIONS.
///
///     HiddenField("author_id", default: .computed { context in context.request?.user.pk ?? .null })
public struct HiddenField: SerializerField {
    public var options: FieldOptions

    public init(_ name: String, source: String? = nil, default defaultValue: FieldDefault) {
        options = FieldOptions(name: name, source: source, writeOnly: true, default: defaultValue)
    }

    /// Input is ignored: the default always applies (but not on PATCH, as for any default).
    public func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        try runStandardValidation(nil, context: context)
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        throw SerializerConfigurationError("HiddenField `\(options.name)` takes no input.")
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }
}

extension ReadOnlyField: ValueWritingField {}

/// DRF's `SerializerMethodField`, by its DRF name: where DRF calls the serializer's
/// `get_<field_name>(obj)`, the method is the closure given here, with the instance and the
/// serializer's context.
///
///     SerializerMethodField("task_total") { project, _ in
///         .int((project.fieldValue("task_count")?.intValue ?? 0) + 1)
///     }
public typealias SerializerMethodField = MethodField
