/// DRF's `ListSerializer` (`many=True`): a list of instances represented with the child
/// serializer, or a list of inputs validated item by item and created together.
///
///     let list = UserSerializer.many(instances: users, context: context)
///     Response(try list.data)                       // [{"url":...,"id":1,...}, ...]
///
///     let batch = NoteSerializer.many(data: [["title": "a"], ["title": ""]])
///     try batch.isValid()                           // false
///     batch.errors                                  // {"1":{"title":["This field may not be blank."]}}
///
/// Errors of invalid items are an object keyed by the item's index, as DRF 3.18 reports them.
public final class ListSerializer {
    public let child: Serializer.Type
    public private(set) var instances: [any FieldReadable]?
    public let initialData: JSON?
    public let partial: Bool
    public var context: SerializerContext
    /// DRF's `allow_empty`: false makes `[]` "This list may not be empty.".
    public var allowEmpty: Bool

    var validationOutcome: (data: [ValidatedData], errors: JSON)?

    public init(
        child: Serializer.Type, instances: [any FieldReadable]? = nil, data: JSON? = nil, partial: Bool = false,
        context: SerializerContext = SerializerContext(), allowEmpty: Bool = true
    ) {
        self.child = child
        self.instances = instances
        self.initialData = data
        self.partial = partial
        self.context = context
        self.allowEmpty = allowEmpty
    }

    /// The instances, each as the child represents it.
    public var data: JSON {
        get throws {
            let serializer = child.init(context: context)
            return .array(try (instances ?? []).map { try serializer.toRepresentation($0) })
        }
    }

    @discardableResult
    public func isValid(raiseException: Bool = false) throws -> Bool {
        guard let initialData else {
            throw SerializerConfigurationError("Cannot call `isValid()` as no `data:` was passed to the list serializer.")
        }
        if validationOutcome == nil { validationOutcome = try runValidation(initialData) }
        let errors = validationOutcome!.errors
        let valid = errors.objectValue?.isEmpty ?? true
        if !valid && raiseException { throw ValidationError(errors) }
        return valid
    }

    public var validatedData: [ValidatedData] { validationOutcome?.data ?? [] }
    public var errors: JSON { validationOutcome?.errors ?? .object(JSONObject()) }

    /// Creates every item through the child's `create` (DRF supports no list update by default).
    @discardableResult
    public func save(_ extra: ValidatedData = ValidatedData()) throws -> [any FieldReadable] {
        guard let outcome = validationOutcome, outcome.errors.objectValue?.isEmpty ?? true else {
            throw SerializerConfigurationError("You must call `isValid()` on valid data before calling `save()`.")
        }
        let serializer = child.init(context: context)
        let saved = try outcome.data.map { try serializer.create($0.merging(extra)) }
        instances = saved
        return saved
    }

    func runValidation(_ input: JSON) throws -> (data: [ValidatedData], errors: JSON) {
        let key = context.nonFieldErrorsKey
        func nonField(_ message: String) -> (data: [ValidatedData], errors: JSON) {
            ([], .object([(key, JSON.array([.string(message)]))]))
        }
        if input.isNull { return nonField("No data provided") }
        guard case .array(let items) = input else {
            return nonField("Expected a list of items but got type \"\(input.pythonTypeName)\".")
        }
        if !allowEmpty && items.isEmpty { return nonField("This list may not be empty.") }
        var results: [ValidatedData] = []
        var errors = JSONObject()
        for (index, item) in items.enumerated() {
            let serializer = child.init(data: item, partial: partial, context: context)
            if try serializer.isValid() {
                results.append(serializer.validatedData)
            } else {
                errors.append(String(index), serializer.errors)
            }
        }
        return errors.isEmpty ? (results, .object(JSONObject())) : ([], .object(errors))
    }
}
