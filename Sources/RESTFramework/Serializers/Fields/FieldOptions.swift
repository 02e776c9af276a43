/// The arguments every DRF field takes (`source`, `required`, `read_only`, `write_only`,
/// `default`, `allow_null`, `label`, `help_text`, `validators`, `error_messages`), resolved
/// the way DRF's `Field.__init__` and `bind` resolve them.
///
///     var options = FieldOptions(name: "is_staff", default: false)
///     options.required    // false: a default makes a field optional
///     options.label       // "Is staff"
public struct FieldOptions: Sendable {
    public var name: String
    /// Where the value lives on the instance and goes in validated data; `"*"` is the instance
    /// itself. Defaults to the name.
    public var source: String
    public var required: Bool
    public var readOnly: Bool
    public var writeOnly: Bool
    public var defaultValue: FieldDefault?
    public var allowNull: Bool
    public var label: String
    public var helpText: String?
    /// The user's validators, run before the ones the field adds itself (as DRF appends its
    /// own `MaxLengthValidator` after the `validators=` given).
    public var validators: [any Validator]
    /// Overrides of the field's messages by key (`"required"`, `"blank"`, `"invalid"`, ...).
    public var errorMessages: [String: String]

    public init(name: String, source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
                writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
                label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
                errorMessages: [String: String] = [:]) {
        // DRF asserts these; a release build keeps going with the more cautious reading.
        assert(!(readOnly && writeOnly), "May not set both `readOnly` and `writeOnly` on field \(name)")
        assert(!(readOnly && required == true), "May not set both `readOnly` and `required` on field \(name)")
        assert(!(required == true && defaultValue != nil), "May not set both `required` and `default` on field \(name)")
        self.name = name
        self.source = source ?? name
        self.required = required ?? (defaultValue == nil && !readOnly)
        self.readOnly = readOnly
        self.writeOnly = writeOnly && !readOnly
        self.defaultValue = defaultValue
        self.allowNull = allowNull
        self.label = label ?? FieldOptions.label(forName: name)
        self.helpText = helpText
        self.validators = validators
        self.errorMessages = errorMessages
    }

    /// DRF's label: `name.replace('_', ' ').capitalize()`. `id` is "ID", as ModelSerializer
    /// derives it from Django's automatic primary key (`verbose_name="ID"`): this framework's
    /// serializers describe model rows, and OPTIONS must say "ID".
    public static func label(forName name: String) -> String {
        if name == "id" { return "ID" }
        return PythonText.capitalize(name.replacingOccurrences(of: "_", with: " "))
    }

    /// The `source` split on dots (DRF's `source_attrs`); empty for `"*"`.
    public var sourceAttrs: [String] { source == "*" ? [] : source.split(separator: ".").map(String.init) }
}
