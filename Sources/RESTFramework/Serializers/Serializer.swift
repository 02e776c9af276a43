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
        didSet {
            readableFields = nil
            fieldsAreDeclared = false
            rowReadersType = nil
        }
    }
    /// The fields `toRepresentation` writes, with their names: the class's, worked out once per
    /// class, until this instance adjusts `fields`; then once per instance (a list serializer
    /// represents every row with one instance), never per row.
    private var readableFields: ReadableFieldTable?
    private var fieldsAreDeclared = true
    /// `rowReaders[i]` reads readable field `i`'s source from an instance of `rowReadersType`
    /// (`FieldReadable.fieldReader`), or is nil: the field reads by name. Looked up on the first
    /// row of a type (a list's rows are alike), resolved once per serializer class and type.
    private var rowReaders: [RowReader] = []
    private var rowReadersType: ObjectIdentifier?
    /// The capacity `toRepresentation` reserves: from the last row it wrote.
    private var renderedSizeHint = 256
    /// The object represented or updated; after `save()`, the saved object.
    public internal(set) var instance: (any FieldReadable)?
    /// The input as given (DRF's `initial_data`); nil when the serializer only represents.
    public let initialData: JSON?
    /// PATCH: validate only the supplied fields, apply no defaults.
    public let partial: Bool
    public var context: SerializerContext {
        didSet { frozenContext = nil }
    }
    /// `context` as `toRepresentation` passes it to every field: a `let` in a box is lent as it
    /// is, where the `var` was copied (a retain and a release per member) for every row.
    private var frozenContext: FrozenContext?

    var validationOutcome: (data: ValidatedData, errors: JSONObject)?

    public required init(instance: (any FieldReadable)? = nil, data: JSON? = nil, partial: Bool = false,
                         context: SerializerContext = SerializerContext()) {
        self.fields = DeclaredFields.of(Self.self)
        self.instance = instance
        self.initialData = data
        self.partial = partial
        self.context = context
    }

    /// A list serializer over this class: DRF's `many=True`.
    ///
    ///     Response(try UserSerializer.many(instances: users, context: context).data)
    public class func many(instances: [any FieldReadable]? = nil, data: JSON? = nil, partial: Bool = false,
                           context: SerializerContext = SerializerContext()) -> ListSerializer {
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
    /// one buffer): a response copies it as it is, with no tree of members to build, walk and
    /// free per row. Reading or changing it (an override calling `super`) works as on any object.
    open func toRepresentation(_ instance: any FieldReadable) throws -> JSON {
        let table = readableFields ?? makeReadableFields()
        let readable = table.fields
        let context = frozenContext ?? freezeContext()
        var out: [UInt8] = []
        // A list renders every row with one serializer: the rows are alike, so the last one's
        // size (with room to spare) saves growing the buffer step by step.
        out.reserveCapacity(renderedSizeHint)
        out.append(UInt8(ascii: "{"))
        // Read in place: copying each (name, field) out of the array went through the runtime's
        // generic value witnesses, for every field of every row.
        let instanceType = type(of: instance)
        if rowReadersType != ObjectIdentifier(instanceType) {
            rowReaders = table.readers(for: instanceType)
            rowReadersType = ObjectIdentifier(instanceType)
        }
        let stopped = try withFieldPointer(to: instance) { pointer in
            try readable.withUnsafeBufferPointer { fields in
                try rowReaders.withUnsafeBufferPointer { readers in
                    try Self.writeMembers(fields, readers, pointer, of: instance, context: context.value, into: &out)
                }
            }
        }
        out.append(UInt8(ascii: "}"))
        if let (index, value) = stopped {
            // A value that cannot be kept as bytes: this object is made of pairs, as before.
            var object = JSONObject(uniquePairs: RenderedJSON.members(of: out))
            object.append(readable[index].name, value)
            for field in readable[(index + 1)...] {
                if let value = try field.field.representation(of: instance, context: context.value) {
                    object.append(field.name, value)
                }
            }
            return .object(object)
        }
        renderedSizeHint = out.count + out.count / 4
        return .object(JSONObject(rendered: out))
    }

    /// The loop of `toRepresentation`, apart: inside the closure, the captured instance was
    /// copied (an existential box copy and destroy) for every field of every row.
    /// Stops at a field whose value cannot be kept rendered: its index and value.
    private static func writeMembers(_ fields: UnsafeBufferPointer<ReadableField>, _ readers: UnsafeBufferPointer<RowReader>,
                                     _ pointer: UnsafeRawPointer, of instance: any FieldReadable,
                                     context: SerializerContext, into out: inout [UInt8]) throws -> (Int, JSON)? {
        for i in fields.indices {
            let mark = out.count
            if mark > 1 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: fields[i].key)
            do {
                // As `writeStandardRepresentation`, with the value read through the type's
                // reader; a field without one reads by name (and handles a missing value).
                if let read = readers[i].read, let writeValue = fields[i].writeValue {
                    let value = read(pointer)
                    if case .null = value {
                        out.append(contentsOf: "null".utf8)
                    } else {
                        try writeValue(value, context, &out)
                    }
                } else if try !fields[i].write(instance, context, &out) {
                    out.removeLast(out.count - mark)
                }
            } catch let unrenderable as UnrenderableValue {
                out.removeLast(out.count - mark)
                return (i, unrenderable.value)
            }
        }
        return nil
    }

    private func freezeContext() -> FrozenContext {
        let frozen = FrozenContext(value: context)
        frozenContext = frozen
        return frozen
    }

    private func makeReadableFields() -> ReadableFieldTable {
        let readable = fieldsAreDeclared ? DeclaredFields.readable(of: Self.self)
                                         : ReadableFieldTable(DeclaredFields.readable(in: fields))
        readableFields = readable
        return readable
    }

    /// DRF's `get_initial`: with input, the writable fields present in it as sent; without, each
    /// writable field's initial value.
    func initialRepresentation() -> JSON {
        var object = JSONObject()
        let input = initialData?.objectValue
        if initialData != nil && input == nil { return .object(object) }
        for field in fields where !field.readOnly {
            if let input {
                if let value = input[field.name] { object.append(field.name, value) }
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

/// The instance's storage, for the readers `FieldReadable.fieldReader` hands out (opened from
/// the existential: no copy).
private func withFieldPointer<T: FieldReadable, R>(to instance: T, _ body: (UnsafeRawPointer) throws -> R) rethrows -> R {
    try withUnsafePointer(to: instance) { try body(UnsafeRawPointer($0)) }
}

/// A serializer's readable fields, and their readers per instance type (worked out once per
/// class and type: a retrieve represents one row per request).
final class ReadableFieldTable: Sendable {
    let fields: [ReadableField]
    private let readers = TypeCache<[RowReader]>()

    init(_ fields: [ReadableField]) { self.fields = fields }

    func readers(for type: any FieldReadable.Type) -> [RowReader] {
        readers.value(for: type) { fields.map { field in RowReader(read: field.valueSource.flatMap { type.fieldReader($0) }) } }
    }
}

/// A field's reader for one instance type, or nil: in a struct, so that calling it from the
/// array needs no reabstraction thunk.
struct RowReader: Sendable {
    let read: FieldReader?
}

final class FrozenContext {
    let value: SerializerContext
    init(value: SerializerContext) { self.value = value }
}

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
        -> @Sendable (any FieldReadable, SerializerContext, inout [UInt8]) throws -> Bool {
        { instance, context, out in try field.writeRepresentation(of: instance, context: context, into: &out) }
    }

    private static func valueWriter<Field: ValueWritingField>(_ field: Field)
        -> @Sendable (FieldValue, SerializerContext, inout [UInt8]) throws -> Void {
        { value, context, out in try field.writeValue(value, context: context, into: &out) }
    }
}

/// Each serializer class's `fields`, built once per class and shared by every instance and
/// worker thread (fields are values, so an instance adjusting its own copy changes nothing
/// here). Building them is not free: a `UserSerializer` made its nine fields, their labels and
/// validators anew for every request (~150k instructions, a fifth of a whole retrieve).
enum DeclaredFields {
    private static let cache = TypeCache<[any SerializerField]>()

    static func of(_ type: Serializer.Type) -> [any SerializerField] {
        cache.value(for: type) { type.fields }
    }

    private static let readableCache = TypeCache<ReadableFieldTable>()

    /// The declared fields that are not write-only, with their names.
    static func readable(of type: Serializer.Type) -> ReadableFieldTable {
        readableCache.value(for: type) { ReadableFieldTable(readable(in: of(type))) }
    }

    static func readable(in fields: [any SerializerField]) -> [ReadableField] {
        fields.compactMap { $0.writeOnly ? nil : ReadableField(name: $0.name, field: $0) }
    }
}
