/// DRF's `SlugRelatedField`: the related row named by one of its unique fields (a tag's
/// `slug`, a user's `username`). Input is looked up among the `queryset`'s rows
/// (`Object with slug=x does not exist.`; a value the field cannot read, `Invalid value.`);
/// output is the related row's `slugField`. With `many`, a list of them (rendered in the
/// related model's ordering, as the prefetch reads them).
///
///     SlugRelatedField("assignee", slugField: "username",
///                      queryset: ModelRelatedQueryset(User.objects.filter(.field("is_active", .exact(true)))),
///                      required: false, allowNull: true)
///     SlugRelatedField("tags", slugField: "slug", queryset: ModelRelatedQueryset(Tag.objects), many: true, required: false)
public struct SlugRelatedField: RelatedField, RelationReadingField {
    public var options: FieldOptions
    public var slugField: String
    public var queryset: (any RelatedQueryset)?
    public var many: Bool
    public var allowEmpty: Bool

    public init(
        _ name: String, slugField: String, queryset: (any RelatedQueryset)?, many: Bool = false,
        allowEmpty: Bool = true, source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        assert(queryset != nil || readOnly, "Relational field `\(name)` must provide a `queryset`, or set readOnly: true.")
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.slugField = slugField
        self.queryset = queryset
        self.many = many
        self.allowEmpty = allowEmpty
    }

    var messages: ErrorMessages {
        ErrorMessages(
            defaults: [
                "does_not_exist": "Object with {slug_name}={value} does not exist.",
                "invalid": "Invalid value.",
            ], overrides: options.errorMessages)
    }

    public func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        try relatedValidation(data, context: context)
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        try relatedInternalValue(data, context: context)
    }

    /// `queryset.get(**{slug_field: data})`: the value read as the slug's column reads it
    /// (`str()` for text: `5` looks up "5", `true` "True").
    public func relatedKey(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        let doesNotExist = messages.fail("does_not_exist", ["slug_name": slugField, "value": RelatedKeyReading.pythonStr(data)])
        guard let queryset else { throw doesNotExist }
        if data.isNull { throw doesNotExist }
        switch RelatedKeyReading.read(data, as: queryset.keyType(of: slugField)) {
        case .failure(.typeError), .failure(.valueError): throw messages.fail("invalid")
        case .failure(.noSuchRow): throw doesNotExist
        case .failure(.invalid(let message)): throw ValidationError(message, code: "invalid")
        case .success(let value):
            guard let found = try queryset.primaryKey(where: slugField, equals: value, context: context.serializerContext), !found.isNull
            else {
                throw doesNotExist
            }
            return found
        }
    }

    public func representation(ofRelated object: any FieldReadable, context: SerializerContext) throws -> JSON {
        (object.fieldValue(slugField) ?? .null).json
    }

    public func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        try relatedRepresentation(of: instance, context: context)
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }

    public var relatedPaths: [String] { [readPath] }
}

/// DRF's `StringRelatedField`: read-only, the related row's text (Django's `__str__`): its
/// `description` when the type is `CustomStringConvertible`, else `"Tag object (3)"` as
/// Django's default `__str__` reads.
///
///     extension Tag: CustomStringConvertible { var description: String { name } }
///
///     StringRelatedField("tags", many: true)      // ["Backend", "Urgent"]
public struct StringRelatedField: RelatedField, RelationReadingField {
    public var options: FieldOptions
    public var many: Bool
    public var allowEmpty: Bool { true }

    public init(_ name: String, many: Bool = false, source: String? = nil, label: String? = nil, helpText: String? = nil) {
        options = FieldOptions(name: name, source: source, readOnly: true, label: label, helpText: helpText)
        self.many = many
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        throw SerializerConfigurationError("StringRelatedField `\(options.name)` is read-only.")
    }

    public func relatedKey(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        try toInternalValue(data, context: context)
    }

    public func representation(ofRelated object: any FieldReadable, context: SerializerContext) throws -> JSON {
        .string(Self.text(of: object))
    }

    public func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        try relatedRepresentation(of: instance, context: context)
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }

    public var relatedPaths: [String] { [readPath] }

    /// Django's `str(obj)`.
    static func text(of object: any FieldReadable) -> String {
        if let described = object as? any CustomStringConvertible { return described.description }
        let key = object.fieldValue("pk") ?? object.fieldValue("id") ?? .null
        let name = type(of: object).fieldLayout?.source.typeName ?? String(describing: type(of: object))
        return "\(name) object (\(PythonText.str(key)))"
    }
}
