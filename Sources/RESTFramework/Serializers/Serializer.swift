/// DRF's `Serializer`: declares fields in order, validates input into `validatedData` (or
/// `errors` in DRF's shape and words), saves through `create`/`update`, and represents instances
/// as `data`.
///
///     final class UserSerializer: Serializer {
///         override class var fields: [any SerializerField] {
///             [HyperlinkedIdentityField("url", viewName: "user-detail"),
///              IntegerField("id", readOnly: true),
///              CharField("username", maxLength: 150, validators: [usernamePattern, uniqueUsername]),
///              EmailField("email", required: false, allowBlank: true, maxLength: 254),
///              BooleanField("is_staff", required: false),
///              DateTimeField("date_joined", readOnly: true)]
///         }
///         override func create(_ attrs: ValidatedData) throws -> any FieldReadable { try Users.insert(attrs) }
///     }
///
///     let serializer = UserSerializer(data: try request.data, context: context)
///     try serializer.isValid(raiseException: true)     // 400 {"username":["This field is required."]}
///     try serializer.save()
///     return Response(try serializer.data, status: 201)
///
/// One instance serves one use, as in DRF. `isValid` and `data` throw more than validation
/// errors: lookups behind validators and related fields reach the database, and a failure there
/// must surface (as a 503), not read as "invalid".
open class Serializer {
    // MARK: Declaration (DRF's class attributes)

    /// The fields, in output and error order. Read once per class, on the first instance, as
    /// DRF reads its declared fields once when the class is defined: build them from the
    /// declaration, not from state that changes between requests (adjust `fields` per instance
    /// for that).
    open class var fields: [any SerializerField] { [] }
    /// Whole-object validators, run before `validate(_:)` (DRF's `Meta.validators`).
    open class var validators: [any ObjectValidator] { [] }

    // MARK: State

    /// This instance's fields; start as the class's, and may be adjusted per instance.
    public var fields: [any SerializerField] {
        didSet { rendering.fieldsChanged() }
    }
    /// The object represented or updated; after `save()`, the saved object.
    public internal(set) var instance: (any FieldReadable)?
    /// The input as given (DRF's `initial_data`); nil when the serializer only represents.
    public let initialData: JSON?
    /// PATCH: validate only the supplied fields, apply no defaults.
    public let partial: Bool
    public var context: SerializerContext {
        didSet { rendering.contextChanged() }
    }

    var validationOutcome: (data: ValidatedData, errors: JSONObject)?
    /// What `toRepresentation` worked out for the rows before (Rendering/).
    var rendering = RenderingState()

    public required init(
        instance: (any FieldReadable)? = nil, data: JSON? = nil, partial: Bool = false,
        context: SerializerContext = SerializerContext()
    ) {
        self.fields = DeclaredFields.of(Self.self)
        self.instance = instance
        self.initialData = data
        self.partial = partial
        self.context = context
    }

    /// A list serializer over this class: DRF's `many=True`.
    ///
    ///     Response(try UserSerializer.many(instances: users, context: context).data)
    public class func many(
        instances: [any FieldReadable]? = nil, data: JSON? = nil, partial: Bool = false,
        context: SerializerContext = SerializerContext()
    ) -> ListSerializer {
        ListSerializer(child: self, instances: instances, data: data, partial: partial, context: context)
    }

    // MARK: Hooks (override these)

    /// DRF's `validate_<field>`: called for each writable field that produced a value, after its
    /// own validators. Switch on `name`; throw `ValidationError` to report under the field.
    open func validateField(_ name: String, value: FieldValue) throws -> FieldValue { value }

    /// DRF's `validate(attrs)`: object-level checks, once every field is valid. A message or list
    /// thrown here goes under `non_field_errors`; an object of field errors is reported as given.
    open func validate(_ attrs: ValidatedData) throws -> ValidatedData { attrs }

    /// Makes the new object from validated data; `save()` calls it when there is no instance.
    open func create(_ validatedData: ValidatedData) throws -> any FieldReadable {
        throw SerializerConfigurationError("`create()` must be implemented by \(type(of: self)).")
    }

    /// Applies validated data to the instance; `save()` calls it when there is one.
    open func update(_ instance: any FieldReadable, _ validatedData: ValidatedData) throws -> any FieldReadable {
        throw SerializerConfigurationError("`update()` must be implemented by \(type(of: self)).")
    }

    // MARK: Validation

    /// Validates `initialData` once; true when it is valid. With `raiseException`, invalid data
    /// throws `ValidationError(errors)` (a 400 in a view).
    @discardableResult
    public func isValid(raiseException: Bool = false) throws -> Bool {
        guard let initialData else {
            throw SerializerConfigurationError(
                "Cannot call `isValid()` as no `data:` was passed when instantiating \(type(of: self)).")
        }
        if validationOutcome == nil { validationOutcome = try runValidation(initialData) }
        let errors = validationOutcome!.errors
        if !errors.isEmpty && raiseException { throw ValidationError(.object(errors)) }
        return errors.isEmpty
    }

    /// The validated attributes (DRF's `validated_data`); empty before `isValid()` or when invalid.
    public var validatedData: ValidatedData { validationOutcome?.data ?? ValidatedData() }

    /// The errors, keyed by field in field order, then `non_field_errors`; empty when valid.
    public var errors: JSON { .object(validationOutcome?.errors ?? JSONObject()) }

    // MARK: Saving

    /// Creates or updates through `create`/`update` with the validated data plus `extra`
    /// (DRF's `save(owner=request.user)`), and keeps the result as `instance`.
    @discardableResult
    public func save(_ extra: ValidatedData = ValidatedData()) throws -> any FieldReadable {
        guard let outcome = validationOutcome else {
            throw SerializerConfigurationError("You must call `isValid()` before calling `save()`.")
        }
        guard outcome.errors.isEmpty else {
            throw SerializerConfigurationError("You cannot call `save()` on a serializer with invalid data.")
        }
        let attrs = outcome.data.merging(extra)
        let saved = try instance.map { try update($0, attrs) } ?? create(attrs)
        instance = saved
        return saved
    }

    // MARK: Output

    /// The representation: of the instance (after `save()`, the saved one); after a valid
    /// `isValid()` without an instance, of the validated data; after an invalid one, the
    /// writable fields as they were sent (DRF's `get_initial`).
    public var data: JSON {
        get throws {
            if let outcome = validationOutcome, !outcome.errors.isEmpty { return initialRepresentation() }
            if let instance { return try toRepresentation(instance) }
            if let outcome = validationOutcome { return try toRepresentation(outcome.data) }
            if initialData != nil {
                throw SerializerConfigurationError(
                    "When a serializer is passed `data:`, call `isValid()` before accessing `data`.")
            }
            return initialRepresentation()
        }
    }

    /// DRF's `to_representation`: each readable field in order; fields that skip are left out.
    ///
    /// The result is an object already written as compact JSON (each field writes itself into
    /// one buffer): a response copies it as it is. Reading or changing it (an override calling
    /// `super`) works as on any object.
    open func toRepresentation(_ instance: any FieldReadable) throws -> JSON {
        try renderRow(instance)
    }

    /// DRF's `get_initial`: with input, the writable fields present in it as sent; without, each
    /// writable field's initial value.
    func initialRepresentation() -> JSON {
        var object = JSONObject()
        let input = initialData?.objectValue
        if initialData != nil && input == nil { return .object(object) }
        for field in fields where !field.readOnly {
            if let input {
                // A hidden field reads no input (DRF's `get_value` is `empty`), so none is echoed.
                if !(field is HiddenField), let value = input[field.name] { object.append(field.name, value) }
            } else {
                object.append(field.name, field.initialValue)
            }
        }
        return .object(object)
    }

    // MARK: Metadata

    /// DRF's `SimpleMetadata.get_serializer_info`: each field's info in order, write-only fields
    /// included, hidden fields left out.
    public var fieldsMetadata: JSON {
        .object(fields.filter { !($0 is HiddenField) }.map { ($0.name, $0.metadataInfo) })
    }
}
