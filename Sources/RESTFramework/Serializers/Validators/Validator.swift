/// Checks one field's internal value: DRF's field validators (Django's `MaxLengthValidator`,
/// `RegexValidator`, DRF's `UniqueValidator`). A failing validator throws `ValidationError`
/// with a message or a list of messages; the field runs all its validators and reports every
/// message, in order. A `ValidationError` whose detail is an object stops the field at once
/// (as DRF re-raises dict errors). Any other error (a database outage) propagates untouched.
///
///     struct NotAdmin: Validator {
///         func validate(_ value: FieldValue, context: FieldValidationContext) throws {
///             if value == "admin" { throw ValidationError("This name is reserved.") }
///         }
///     }
///     CharField("username", validators: [NotAdmin()])
///
/// ## The seam for uniqueness
/// The model layer writes `UniqueValidator` against this protocol: it reads the database handle
/// from `context.serializerContext.extensions`, filters on `context.source` (the column), and
/// excludes `context.instance` (the row being updated), so an update does not collide with
/// itself. Its message is a parameter ("A user with that username already exists.").
public protocol Validator: Sendable {
    func validate(_ value: FieldValue, context: FieldValidationContext) throws
}

/// What a field and its validators know while validating: the field, the object being updated
/// (nil on create), whether the update is partial, and the serializer's context.
public struct FieldValidationContext {
    /// The field's name in the input (`"username"`).
    public var fieldName: String
    /// Where the value goes (`"username"`, or `"owner.username"`): for uniqueness, the last part.
    public var source: String
    /// The instance being updated (DRF's `serializer.instance`); nil when creating.
    public var instance: (any FieldReadable)?
    /// PATCH: only the supplied fields are validated; defaults do not apply.
    public var partial: Bool
    public var serializerContext: SerializerContext

    public init(
        fieldName: String, source: String? = nil, instance: (any FieldReadable)? = nil, partial: Bool = false,
        serializerContext: SerializerContext = SerializerContext()
    ) {
        self.fieldName = fieldName
        self.source = source ?? fieldName
        self.instance = instance
        self.partial = partial
        self.serializerContext = serializerContext
    }
}

/// Checks the validated attributes as a whole before `Serializer.validate(_:)`: DRF's
/// `Meta.validators` (`UniqueTogetherValidator`). Errors go under `non_field_errors` unless
/// the detail is an object of field errors.
public protocol ObjectValidator: Sendable {
    func validate(_ attrs: ValidatedData, context: ObjectValidationContext) throws
}

/// What an object-level validator knows: the instance being updated and the serializer's context.
public struct ObjectValidationContext {
    public var instance: (any FieldReadable)?
    public var partial: Bool
    public var serializerContext: SerializerContext
    /// The serializer's fields (DRF's `serializer.fields`): what a validator naming fields
    /// (`UniqueTogetherValidator`) reads their sources from.
    public var fields: [any SerializerField] = []
}

/// A validator from a closure, for one-off rules.
///
///     CharField("title", validators: [ValidatorFunction { value, _ in
///         if value.stringValue?.hasPrefix("!") == true { throw ValidationError("No bangs.") }
///     }])
public struct ValidatorFunction: Validator {
    let body: @Sendable (FieldValue, FieldValidationContext) throws -> Void
    public init(_ body: @escaping @Sendable (FieldValue, FieldValidationContext) throws -> Void) { self.body = body }
    public func validate(_ value: FieldValue, context: FieldValidationContext) throws { try body(value, context) }
}
