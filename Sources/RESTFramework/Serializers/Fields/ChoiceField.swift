/// DRF's `ChoiceField`: one of a fixed set of values, each with the name OPTIONS shows for it.
///
///     ChoiceField("status", choices: [
///         Choice(value: "planned", displayName: "Planned"), Choice(value: "active", displayName: "Active"),
///         Choice(value: "done", displayName: "Done"),
///     ], default: "planned")
///     ChoiceField("priority", choices: [(1, "high"), (2, "normal"), (3, "low")], default: 2)
///     ChoiceField("size", choices: ["s", "m", "l"])     // each value is its own display name
///
/// Input is matched as DRF matches it, by Python's `str()` of the input against `str()` of each
/// choice, and the result is the choice's own value: with integer choices, `"1"` and `1` both give
/// `1`, but `1.0` and `true` are `"1.0" is not a valid choice.` and `"True" is not a valid
/// choice.`. Output is the matching choice's value, or the stored value as it is when it matches
/// none. `allowBlank` lets `""` through as `""`. DRF's `html_cutoff` shapes the browsable API's
/// select box only, and grouped choices are not supported.
///
/// A choice's display name, read-only, is the model's `get_<column>_display` (as Django's): see
/// `docs/framework.md`, "Choices and display names".
public struct ChoiceField: SerializerField {
    public var options: FieldOptions
    public var allowBlank: Bool
    let choiceSet: ChoiceSet

    /// The choices, in order, with their display names.
    public var choices: [Choice] { choiceSet.choices }

    public init(
        _ name: String, choices: [Choice], source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        allowBlank: Bool = false, label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        self.init(
            name, choiceSet: ChoiceSet(choices), source: source, required: required, readOnly: readOnly,
            writeOnly: writeOnly, default: defaultValue, allowNull: allowNull, allowBlank: allowBlank, label: label,
            helpText: helpText, validators: validators, errorMessages: errorMessages)
    }

    /// DRF's `choices=[(1, "high"), (2, "normal")]`: value and display name pairs.
    public init(
        _ name: String, choices: [(FieldValue, String)], source: String? = nil, required: Bool? = nil,
        readOnly: Bool = false, writeOnly: Bool = false, default defaultValue: FieldDefault? = nil,
        allowNull: Bool = false, allowBlank: Bool = false, label: String? = nil, helpText: String? = nil,
        validators: [any Validator] = [], errorMessages: [String: String] = [:]
    ) {
        self.init(
            name, choices: choices.map { Choice(value: $0.0, displayName: $0.1) }, source: source, required: required,
            readOnly: readOnly, writeOnly: writeOnly, default: defaultValue, allowNull: allowNull, allowBlank: allowBlank,
            label: label, helpText: helpText, validators: validators, errorMessages: errorMessages)
    }

    /// DRF's `choices=["s", "m", "l"]`: each value is its own display name (OPTIONS shows
    /// `{"value": 1, "display_name": 1}` for an integer, as DRF does).
    public init(
        _ name: String, choices: [FieldValue], source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        allowBlank: Bool = false, label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        self.init(
            name, choiceSet: ChoiceSet(values: choices), source: source, required: required, readOnly: readOnly,
            writeOnly: writeOnly, default: defaultValue, allowNull: allowNull, allowBlank: allowBlank, label: label,
            helpText: helpText, validators: validators, errorMessages: errorMessages)
    }

    init(
        _ name: String, choiceSet: ChoiceSet, source: String?, required: Bool?, readOnly: Bool, writeOnly: Bool,
        default defaultValue: FieldDefault?, allowNull: Bool, allowBlank: Bool, label: String?, helpText: String?,
        validators: [any Validator], errorMessages: [String: String]
    ) {
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.choiceSet = choiceSet
        self.allowBlank = allowBlank
    }

    public var metadataType: String { "choice" }
    public var metadataAttributes: [(String, JSON)] { choiceSet.metadata(readOnly: options.readOnly) }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        try choiceSet.internalValue(data, allowBlank: allowBlank, messages: choiceSet.messages(options.errorMessages))
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        choiceSet.representation(value).json
    }

    public func writeRepresentation(
        of instance: any FieldReadable, context: SerializerContext, into out: inout [UInt8]
    ) throws -> Bool {
        try writeStandardRepresentation(of: instance, context: context, into: &out) { value, out in
            writeValue(value, context: context, into: &out)
        }
    }

    func writeValue(_ value: FieldValue, context: SerializerContext, into out: inout [UInt8]) {
        JSONWriter.write(choiceSet.representation(value), into: &out)
    }
}

extension ChoiceField: ValueWritingField {}

/// What `ChoiceField` and `MultipleChoiceField` share: the choices, and DRF's
/// `choice_strings_to_values` (each choice under Python's `str()` of its value), made once when
/// the field is declared.
struct ChoiceSet: Sendable {
    let choices: [Choice]
    /// DRF's `choices=[1, 2]`: OPTIONS shows the values themselves as display names.
    let displayNamesAreValues: Bool
    let byText: [String: FieldValue]

    init(_ choices: [Choice]) {
        self.init(choices, displayNamesAreValues: false)
    }

    init(values: [FieldValue]) {
        self.init(values.map { Choice(value: $0, displayName: TextFieldSupport.str($0)) }, displayNamesAreValues: true)
    }

    private init(_ choices: [Choice], displayNamesAreValues: Bool) {
        self.choices = choices
        self.displayNamesAreValues = displayNamesAreValues
        var byText: [String: FieldValue] = [:]
        // A later choice with the same text wins, as in DRF's dict comprehension.
        for choice in choices { byText[TextFieldSupport.str(choice.value)] = choice.value }
        self.byText = byText
    }

    static let defaultMessages: [String: String] = [
        "invalid_choice": "\"{input}\" is not a valid choice.",
        "not_a_list": "Expected a list of items but got type \"{input_type}\".",
        "empty": "This selection may not be empty.",
    ]

    func messages(_ overrides: [String: String]) -> ErrorMessages {
        ErrorMessages(defaults: Self.defaultMessages, overrides: overrides)
    }

    /// DRF's `ChoiceField.to_internal_value`.
    func internalValue(_ data: JSON, allowBlank: Bool, messages: ErrorMessages) throws -> FieldValue {
        if allowBlank, case .string("") = data { return .string("") }
        let text = PythonText.display(data)
        guard let value = byText[text] else { throw messages.fail("invalid_choice", ["input": text]) }
        return value
    }

    /// DRF's `ChoiceField.to_representation`: `""` as it is, a known value as its choice's value,
    /// anything else as it is.
    func representation(_ value: FieldValue) -> FieldValue {
        if case .string("") = value { return value }
        return byText[TextFieldSupport.str(value)] ?? value
    }

    /// SimpleMetadata's `choices`, for a writable field only.
    func metadata(readOnly: Bool) -> [(String, JSON)] {
        guard !readOnly else { return [] }
        let list: [JSON] = choices.map { choice in
            ["value": choice.value.json, "display_name": displayNamesAreValues ? choice.value.json : .string(choice.displayName)]
        }
        return [("choices", .array(list))]
    }
}
