/// A serializer field: DRF's `Field`. It turns input JSON into a `FieldValue`
/// (`toInternalValue`, then the validators) and an instance's value into output JSON
/// (`toRepresentation`), and describes itself for OPTIONS.
///
/// Conformers store their `FieldOptions` and implement the two conversions; the protocol
/// extension supplies DRF's surrounding logic (`run_validation`, `validate_empty_values`,
/// `get_attribute`) and the metadata.
///
///     struct UpperCaseField: SerializerField {
///         var options: FieldOptions
///         init(_ name: String) { options = FieldOptions(name: name) }
///         func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
///             guard let text = data.stringValue else { throw ValidationError("Not a valid string.") }
///             return .string(text.uppercased())
///         }
///         func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }
///     }
public protocol SerializerField: Sendable {
    var options: FieldOptions { get }

    /// The type OPTIONS reports (`"string"`, `"integer"`, `"field"`, ...).
    var metadataType: String { get }
    /// Extra OPTIONS attributes after the label (`min_length`, `max_length`, ...), in DRF's order.
    var metadataAttributes: [(String, JSON)] { get }
    /// What `data` shows for this field with no instance and no input (DRF's `initial`).
    var initialValue: JSON { get }

    /// Every validator the field runs, in order: the user's, then the field's own.
    var validators: [any Validator] { get }

    /// DRF's `run_validation`: the input (nil when the key is absent) to a validated value, or
    /// nil when the field contributes nothing (DRF's `SkipField`). Throws `ValidationError`
    /// with the field's list of messages.
    func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue?
    /// Primitive input to an internal value; throws `ValidationError` (DRF's `fail`).
    func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue

    /// The output for an instance, or nil to leave the key out (DRF's `SkipField`).
    func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON?
    /// A non-null value to output JSON.
    func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON

    /// Writes the output for an instance as compact JSON at the end of `out`; false (with
    /// nothing written) to leave the key out. The same output as `representation(of:context:)`,
    /// which the default goes through; the built-in fields write their values directly, so a
    /// serializer renders a row with no `JSON` value made per field.
    func writeRepresentation(
        of instance: any FieldReadable, context: SerializerContext,
        into out: inout [UInt8]
    ) throws -> Bool
}

extension SerializerField {
    public var name: String { options.name }
    public var source: String { options.source }
    public var required: Bool { options.required }
    public var readOnly: Bool { options.readOnly }
    public var writeOnly: Bool { options.writeOnly }
    public var allowNull: Bool { options.allowNull }
    public var label: String { options.label }

    public var metadataType: String { "field" }
    public var metadataAttributes: [(String, JSON)] { [] }
    public var initialValue: JSON { .null }
    public var validators: [any Validator] { options.validators }

    public func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        try runStandardValidation(data, context: context)
    }

    public func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        try standardRepresentation(of: instance, context: context)
    }

    public func writeRepresentation(
        of instance: any FieldReadable, context: SerializerContext,
        into out: inout [UInt8]
    ) throws -> Bool {
        guard let value = try representation(of: instance, context: context) else { return false }
        // A value whose text would not read back as itself cannot be kept as bytes (reading the
        // object would trap, or give another value): the serializer keeps that object as pairs.
        guard value.readsBackAsWritten else { throw UnrenderableValue(value: value) }
        JSONWriter.write(value, into: &out, indent: nil, level: 0)
        return true
    }

    /// `standardRepresentation` written into `out`: a present non-null value goes to `write`
    /// (the field's `toRepresentation`, in bytes); null is `null` without asking the field; a
    /// missing value takes the rules of `standardRepresentation` (rare: a misnamed or optional
    /// source).
    func writeStandardRepresentation(
        of instance: any FieldReadable, context: SerializerContext,
        into out: inout [UInt8],
        _ write: (FieldValue, inout [UInt8]) throws -> Void
    ) throws -> Bool {
        guard let value = SourceAttribute.value(of: instance, source: options.source) else {
            guard let json = try standardRepresentation(of: instance, context: context) else { return false }
            JSONWriter.write(json, into: &out, indent: nil, level: 0)
            return true
        }
        if case .null = value {
            out.append(contentsOf: "null".utf8)
        } else {
            try write(value, &out)
        }
        return true
    }

    /// DRF's `Field.run_validation`: empty values first (absent, null), then conversion, then
    /// every validator. Fields that override `runValidation` call this after their own step.
    public func runStandardValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        let messages = ErrorMessages(defaults: [:], overrides: options.errorMessages)
        if options.readOnly { return defaultValue(context) }
        guard let data else {
            // Absent: PATCH skips it; otherwise required, or the default, or nothing.
            if context.partial { return nil }
            if options.required { throw messages.fail("required") }
            return defaultValue(context)
        }
        if data.isNull {
            guard options.allowNull else { throw messages.fail("null") }
            return .null
        }
        let value = try toInternalValue(data, context: context)
        try runValidators(value, context: context)
        return value
    }

    /// DRF's `get_default`: none on a partial update, since PATCH changes only what is sent.
    func defaultValue(_ context: FieldValidationContext) -> FieldValue? {
        guard let defaultValue = options.defaultValue, !context.partial else { return nil }
        return defaultValue.resolve(context.serializerContext, creating: context.instance == nil)
    }

    /// DRF's `run_validators`: all of them, messages collected in order; an object-shaped error
    /// stops at once.
    public func runValidators(_ value: FieldValue, context: FieldValidationContext) throws {
        var messages: [JSON] = []
        for validator in validators {
            do {
                try validator.validate(value, context: context)
            } catch let error as ValidationError {
                switch error.detail {
                case .object: throw error
                case .array(let items): messages.append(contentsOf: items)
                default: messages.append(error.detail)
                }
            }
        }
        if !messages.isEmpty { throw ValidationError(.array(messages)) }
    }

    /// DRF's `get_attribute` + `to_representation`: the value at `source`; a missing one falls
    /// back to the default, then null (nullable fields), then omission (optional fields).
    public func standardRepresentation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        guard let value = SourceAttribute.value(of: instance, source: options.source) else {
            if let defaultValue = options.defaultValue {
                // Representing an instance is not creating one: a create-only default leaves the key out.
                guard let value = defaultValue.resolve(context, creating: false) else { return nil }
                return try renderNullable(value, context: context)
            }
            if options.allowNull { return .null }
            if !options.required { return nil }
            let type = type(of: instance)
            let reason =
                type.fieldLayout == nil
                ? "the field might be named incorrectly and not match any field of the instance."
                : String(describing: FieldError(type, field: options.source))
            throw SerializerConfigurationError(
                "Could not get a value for field `\(options.name)` (source `\(options.source)`) on \(type): " + reason)
        }
        return try renderNullable(value, context: context)
    }

    /// Null is written as null without asking the field, as DRF skips `to_representation` for None.
    func renderNullable(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        value.isNull ? .null : try toRepresentation(value, context: context)
    }

    /// DRF's `SimpleMetadata.get_field_info`: `type`, `required`, `read_only`, `label`,
    /// `help_text`, then the field's own attributes.
    public var metadataInfo: JSON {
        var info: [(String, JSON)] = [
            ("type", .string(metadataType)),
            ("required", .bool(options.required)),
            ("read_only", .bool(options.readOnly)),
            ("label", .string(options.label)),
        ]
        if let help = options.helpText, !help.isEmpty { info.append(("help_text", .string(help))) }
        info.append(contentsOf: metadataAttributes)
        return .object(info)
    }
}

/// Thrown by `writeRepresentation` for a value that cannot be kept rendered (see
/// `JSON.readsBackAsWritten`); `Serializer.toRepresentation` then builds that object as pairs.
/// A field that writes the value at its `source` as `writeStandardRepresentation` does: the
/// serializer may read that value itself (through the row type's `FieldLayout`, resolved once
/// per instance type) and hand over a non-null one.
protocol ValueWritingField: SerializerField {
    /// The name the value is read by: `source`, unless the field says otherwise.
    var valueSource: String { get }
    /// Writes `value` (present, not null) as the field's representation.
    func writeValue(_ value: FieldValue, context: SerializerContext, into out: inout [UInt8]) throws
}

extension ValueWritingField {
    var valueSource: String { source }
}

struct UnrenderableValue: Error {
    let value: JSON
}
