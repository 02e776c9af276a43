/// DRF's `ListField`: a JSON array whose items its `child` validates and renders. The result is
/// a `.list` of the child's values (what an array column takes).
///
///     ListField("scores", child: IntegerField("score", minValue: 0), minLength: 1, maxLength: 10)
///     ListField("anything")      // items kept as they are (DRF's default child)
///
/// Checks in DRF's order: a string, object, number or boolean is `Expected a list of items but
/// got type "str".`; `[]` with `allowEmpty: false` is `This list may not be empty.`; then every
/// item, whose errors are keyed by position (`{"scores": {"1": ["A valid integer is required."]}}`,
/// only the items that failed); then the validators, the given ones first, then DRF's
/// `Ensure this field has no more than 10 elements.` and `... at least 1 elements.`.
/// A null item is rendered as null without asking the child.
public struct ListField: SerializerField {
    public var options: FieldOptions
    public let child: any SerializerField
    public var allowEmpty: Bool
    public var maxLength: Int?
    public var minLength: Int?

    public init(
        _ name: String, child: (any SerializerField)? = nil, source: String? = nil, required: Bool? = nil,
        readOnly: Bool = false, writeOnly: Bool = false, default defaultValue: FieldDefault? = nil,
        allowNull: Bool = false, allowEmpty: Bool = true, minLength: Int? = nil, maxLength: Int? = nil,
        label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        // DRF asserts the same: a child reads its item, not an attribute.
        assert(child.map { $0.source == $0.name } ?? true, "The `source` argument is not meaningful when applied to a `child:` field.")
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.child = child ?? ChildField.unvalidated
        self.allowEmpty = allowEmpty
        self.minLength = minLength
        self.maxLength = maxLength
    }

    static let defaultMessages: [String: String] = [
        "not_a_list": "Expected a list of items but got type \"{input_type}\".",
        "empty": "This list may not be empty.",
        "min_length": "Ensure this field has at least {min_length} elements.",
        "max_length": "Ensure this field has no more than {max_length} elements.",
    ]

    var messages: ErrorMessages { ErrorMessages(defaults: Self.defaultMessages, overrides: options.errorMessages) }

    public var metadataType: String { "list" }
    public var initialValue: JSON { [] }

    public var metadataAttributes: [(String, JSON)] {
        TextFieldSupport.lengthMetadata(min: minLength, max: maxLength) + [("child", ChildField.metadata(child))]
    }

    public var validators: [any Validator] {
        var all = options.validators
        if let maxLength { all.append(MaxLengthValidator(maxLength, messages: messages)) }
        if let minLength { all.append(MinLengthValidator(minLength, messages: messages)) }
        return all
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        guard case .array(let items) = data else { throw messages.fail("not_a_list", ["input_type": data.pythonTypeName]) }
        if !allowEmpty && items.isEmpty { throw messages.fail("empty") }
        var values: [FieldValue] = []
        values.reserveCapacity(items.count)
        var errors = JSONObject()
        for (index, item) in items.enumerated() {
            switch try ChildField.validate(child, item, context: context) {
            case .success(let value): values.append(value)
            case .failure(let error): errors.append(String(index), ChildField.errors(error))
            }
        }
        guard errors.isEmpty else { throw ValidationError(.object(errors)) }
        return .list(values)
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        .array(try StructuredValue.items(of: value).map { try ChildField.represent(child, $0, context: context) })
    }
}
