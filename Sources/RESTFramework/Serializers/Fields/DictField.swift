/// DRF's `DictField`: a JSON object whose values its `child` validates and renders. The result
/// is a `.jsonValue` object of the child's values (as their JSON), keys in input order.
///
///     DictField("limits", child: IntegerField("limit", minValue: 0))
///     DictField("labels", allowEmpty: false)      // values kept as they are (DRF's default child)
///
/// Anything but an object is `Expected a dictionary of items but got type "list".`; `{}` with
/// `allowEmpty: false` is `This dictionary may not be empty.`; errors are keyed by the failing
/// members' keys (`{"limits": {"b": ["A valid integer is required."]}}`).
public struct DictField: SerializerField {
    public var options: FieldOptions
    public let child: any SerializerField
    public var allowEmpty: Bool

    public init(
        _ name: String, child: (any SerializerField)? = nil, source: String? = nil, required: Bool? = nil,
        readOnly: Bool = false, writeOnly: Bool = false, default defaultValue: FieldDefault? = nil,
        allowNull: Bool = false, allowEmpty: Bool = true, label: String? = nil, helpText: String? = nil,
        validators: [any Validator] = [], errorMessages: [String: String] = [:]
    ) {
        assert(child.map { $0.source == $0.name } ?? true, "The `source` argument is not meaningful when applied to a `child:` field.")
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.child = child ?? ChildField.unvalidated
        self.allowEmpty = allowEmpty
    }

    static let defaultMessages: [String: String] = [
        "not_a_dict": "Expected a dictionary of items but got type \"{input_type}\".",
        "empty": "This dictionary may not be empty.",
    ]

    var messages: ErrorMessages { ErrorMessages(defaults: Self.defaultMessages, overrides: options.errorMessages) }

    public var metadataType: String { "nested object" }
    public var initialValue: JSON { .object(JSONObject()) }
    public var metadataAttributes: [(String, JSON)] { [("child", ChildField.metadata(child))] }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        guard case .object(let object) = data else { throw messages.fail("not_a_dict", ["input_type": data.pythonTypeName]) }
        if !allowEmpty && object.isEmpty { throw messages.fail("empty") }
        var result = JSONObject(minimumCapacity: object.count)
        var errors = JSONObject()
        for (key, item) in object {
            switch try ChildField.validate(child, item, context: context) {
            case .success(let value): result.append(key, value.json)
            case .failure(let error): errors.append(key, ChildField.errors(error))
            }
        }
        guard errors.isEmpty else { throw ValidationError(.object(errors)) }
        return .jsonValue(.object(result))
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        .object(
            JSONObject(try StructuredValue.members(of: value).map { ($0.key, try ChildField.represent(child, $0.value, context: context)) })
        )
    }
}
