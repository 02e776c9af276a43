/// The arguments every DRF field takes (`source`, `required`, `read_only`, `write_only`,
/// `default`, `allow_null`, `label`, `help_text`, `validators`, `error_messages`), resolved
/// the way DRF's `Field.__init__` and `bind` resolve them.
///
///     var options = FieldOptions(name: "is_staff", default: false)
///     options.required    // false: a default makes a field optional
///     options.label       // "Is staff"
///
/// The options live in one shared, copy-on-write box: a field hands out its `options` through the
/// `SerializerField` requirement, and a serializer reads `name`, `writeOnly` and `source` of
/// every field for every row; copying eleven members (strings, arrays, a dictionary) for each
/// read cost more than the value read itself. A copy is now one reference.
public struct FieldOptions: Sendable {
    @usableFromInline
    final class Storage: @unchecked Sendable {
        // Never mutated once shared: `FieldOptions` copies the box before writing to it unless it
        // holds the only reference.
        @usableFromInline var name: String
        @usableFromInline var source: String
        @usableFromInline var required: Bool
        @usableFromInline var readOnly: Bool
        @usableFromInline var writeOnly: Bool
        @usableFromInline var defaultValue: FieldDefault?
        @usableFromInline var allowNull: Bool
        @usableFromInline var label: String
        @usableFromInline var helpText: String?
        @usableFromInline var validators: [any Validator]
        @usableFromInline var errorMessages: [String: String]

        init(name: String, source: String, required: Bool, readOnly: Bool, writeOnly: Bool,
             defaultValue: FieldDefault?, allowNull: Bool, label: String, helpText: String?,
             validators: [any Validator], errorMessages: [String: String]) {
            self.name = name
            self.source = source
            self.required = required
            self.readOnly = readOnly
            self.writeOnly = writeOnly
            self.defaultValue = defaultValue
            self.allowNull = allowNull
            self.label = label
            self.helpText = helpText
            self.validators = validators
            self.errorMessages = errorMessages
        }

        @usableFromInline func copy() -> Storage {
            Storage(name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
                    defaultValue: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
                    validators: validators, errorMessages: errorMessages)
        }
    }

    @usableFromInline var storage: Storage

    /// The box, unshared, for a write.
    @usableFromInline var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    @inlinable public var name: String {
        get { storage.name }
        set { unique.name = newValue }
    }
    /// Where the value lives on the instance and goes in validated data; `"*"` is the instance
    /// itself. Defaults to the name.
    @inlinable public var source: String {
        get { storage.source }
        set { unique.source = newValue }
    }
    @inlinable public var required: Bool {
        get { storage.required }
        set { unique.required = newValue }
    }
    @inlinable public var readOnly: Bool {
        get { storage.readOnly }
        set { unique.readOnly = newValue }
    }
    @inlinable public var writeOnly: Bool {
        get { storage.writeOnly }
        set { unique.writeOnly = newValue }
    }
    public var defaultValue: FieldDefault? {
        get { storage.defaultValue }
        set { unique.defaultValue = newValue }
    }
    @inlinable public var allowNull: Bool {
        get { storage.allowNull }
        set { unique.allowNull = newValue }
    }
    public var label: String {
        get { storage.label }
        set { unique.label = newValue }
    }
    public var helpText: String? {
        get { storage.helpText }
        set { unique.helpText = newValue }
    }
    /// The user's validators, run before the ones the field adds itself (as DRF appends its
    /// own `MaxLengthValidator` after the `validators=` given).
    public var validators: [any Validator] {
        get { storage.validators }
        set { unique.validators = newValue }
    }
    /// Overrides of the field's messages by key (`"required"`, `"blank"`, `"invalid"`, ...).
    public var errorMessages: [String: String] {
        get { storage.errorMessages }
        set { unique.errorMessages = newValue }
    }

    public init(name: String, source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
                writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
                label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
                errorMessages: [String: String] = [:]) {
        // DRF asserts these; a release build keeps going with the more cautious reading.
        assert(!(readOnly && writeOnly), "May not set both `readOnly` and `writeOnly` on field \(name)")
        assert(!(readOnly && required == true), "May not set both `readOnly` and `required` on field \(name)")
        assert(!(required == true && defaultValue != nil), "May not set both `required` and `default` on field \(name)")
        storage = Storage(name: name, source: source ?? name, required: required ?? (defaultValue == nil && !readOnly),
                          readOnly: readOnly, writeOnly: writeOnly && !readOnly, defaultValue: defaultValue,
                          allowNull: allowNull, label: label ?? FieldOptions.label(forName: name), helpText: helpText,
                          validators: validators, errorMessages: errorMessages)
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
