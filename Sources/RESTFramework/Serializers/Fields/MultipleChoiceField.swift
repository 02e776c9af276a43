/// DRF's `MultipleChoiceField`: a list of choices, each matched as `ChoiceField` matches one.
/// The result is a `.list` of the choices' values, repeats dropped, in input order (DRF 3.18's
/// `list(dict.fromkeys(...))`); output is the same shape.
///
///     MultipleChoiceField("days", choices: [(1, "Mon"), (2, "Tue")], allowEmpty: false)
///
/// Python iterates a dictionary's keys, so DRF takes `{"1": ...}` as `["1"]`; a string, number or
/// boolean is `Expected a list of items but got type "str".`, and `[]` with `allowEmpty: false`
/// is `This selection may not be empty.`. The first item that is no choice fails the field.
public struct MultipleChoiceField: SerializerField {
    public var options: FieldOptions
    public var allowBlank: Bool
    public var allowEmpty: Bool
    let choiceSet: ChoiceSet

    public var choices: [Choice] { choiceSet.choices }

    public init(
        _ name: String, choices: [Choice], source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        allowBlank: Bool = false, allowEmpty: Bool = true, label: String? = nil, helpText: String? = nil,
        validators: [any Validator] = [], errorMessages: [String: String] = [:]
    ) {
        self.init(
            name, choiceSet: ChoiceSet(choices), source: source, required: required, readOnly: readOnly,
            writeOnly: writeOnly, default: defaultValue, allowNull: allowNull, allowBlank: allowBlank,
            allowEmpty: allowEmpty, label: label, helpText: helpText, validators: validators, errorMessages: errorMessages)
    }

    /// Value and display name pairs (DRF's `choices=[(1, "Mon"), (2, "Tue")]`).
    public init(
        _ name: String, choices: [(FieldValue, String)], source: String? = nil, required: Bool? = nil,
        readOnly: Bool = false, writeOnly: Bool = false, default defaultValue: FieldDefault? = nil,
        allowNull: Bool = false, allowBlank: Bool = false, allowEmpty: Bool = true, label: String? = nil,
        helpText: String? = nil, validators: [any Validator] = [], errorMessages: [String: String] = [:]
    ) {
        self.init(
            name, choices: choices.map { Choice(value: $0.0, displayName: $0.1) }, source: source, required: required,
            readOnly: readOnly, writeOnly: writeOnly, default: defaultValue, allowNull: allowNull, allowBlank: allowBlank,
            allowEmpty: allowEmpty, label: label, helpText: helpText, validators: validators, errorMessages: errorMessages)
    }

    /// Values that are their own display names (DRF's `choices=["a", "b"]`).
    public init(
        _ name: String, choices: [FieldValue], source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        allowBlank: Bool = false, allowEmpty: Bool = true, label: String? = nil, helpText: String? = nil,
        validators: [any Validator] = [], errorMessages: [String: String] = [:]
    ) {
        self.init(
            name, choiceSet: ChoiceSet(values: choices), source: source, required: required, readOnly: readOnly,
            writeOnly: writeOnly, default: defaultValue, allowNull: allowNull, allowBlank: allowBlank,
            allowEmpty: allowEmpty, label: label, helpText: helpText, validators: validators, errorMessages: errorMessages)
    }

    init(
        _ name: String, choiceSet: ChoiceSet, source: String?, required: Bool?, readOnly: Bool, writeOnly: Bool,
        default defaultValue: FieldDefault?, allowNull: Bool, allowBlank: Bool, allowEmpty: Bool, label: String?,
        helpText: String?, validators: [any Validator], errorMessages: [String: String]
    ) {
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.choiceSet = choiceSet
        self.allowBlank = allowBlank
        self.allowEmpty = allowEmpty
    }

    public var metadataType: String { "multiple choice" }
    public var metadataAttributes: [(String, JSON)] { choiceSet.metadata(readOnly: options.readOnly) }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        let messages = choiceSet.messages(options.errorMessages)
        let items: [JSON]
        switch data {
        case .array(let array): items = array
        case .object(let object): items = object.keys.map(JSON.string)
        default: throw messages.fail("not_a_list", ["input_type": data.pythonTypeName])
        }
        if !allowEmpty && items.isEmpty { throw messages.fail("empty") }
        var values: [FieldValue] = []
        for item in items {
            let value = try choiceSet.internalValue(item, allowBlank: allowBlank, messages: messages)
            if !values.contains(value) { values.append(value) }
        }
        return .list(values)
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        var values: [FieldValue] = []
        for item in StructuredValue.items(of: value) {
            let mapped = choiceSet.byText[TextFieldSupport.str(item)] ?? item
            if !values.contains(mapped) { values.append(mapped) }
        }
        return .array(values.map(\.json))
    }
}
