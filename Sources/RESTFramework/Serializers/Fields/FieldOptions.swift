/// The arguments every DRF field takes (`source`, `required`, `read_only`, `write_only`,
/// `default`, `allow_null`, `label`, `help_text`, `validators`, `error_messages`), resolved
/// the way DRF's `Field.__init__` and `bind` resolve them.
///
///     var options = FieldOptions(name: "is_staff", default: false)
///     options.required    // false: a default makes a field optional
///     options.label       // "Is staff"
///
/// The options live in one shared, immutable box: a field hands out its `options` through the
/// `SerializerField` requirement, and a serializer reads `name`, `writeOnly` and `source` of
/// every field for every row; copying eleven members (strings, arrays, a dictionary) for each
/// read cost more than the value read itself. A copy is now one reference.
public struct FieldOptions: Sendable {
    /// The members, in a box that never changes once made: a setter makes a new box. Its
    /// members are `let`s, so reading one (every field of every row reads `source`) needs no
    /// runtime exclusivity check, which a class's `var` costs on every read.
    @usableFromInline
    final class Storage: Sendable {
        @usableFromInline let values: Values
        init(_ values: Values) { self.values = values }
    }

    @usableFromInline
    struct Values: Sendable {
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
    }

    @usableFromInline var storage: Storage

    /// A change: a new box with the member changed (options change while fields are declared,
    /// not per request).
    @usableFromInline mutating func update(_ change: (inout Values) -> Void) {
        var values = storage.values
        change(&values)
        storage = Storage(values)
    }

    @inlinable public var name: String {
        get { storage.values.name }
        set { update { $0.name = newValue } }
    }
    /// Where the value lives on the instance and goes in validated data; `"*"` is the instance
    /// itself. Defaults to the name.
    @inlinable public var source: String {
        get { storage.values.source }
        set { update { $0.source = newValue } }
    }
    @inlinable public var required: Bool {
        get { storage.values.required }
        set { update { $0.required = newValue } }
    }
    @inlinable public var readOnly: Bool {
        get { storage.values.readOnly }
        set { update { $0.readOnly = newValue } }
    }
    @inlinable public var writeOnly: Bool {
        get { storage.values.writeOnly }
        set { update { $0.writeOnly = newValue } }
    }
    public var defaultValue: FieldDefault? {
        get { storage.values.defaultValue }
        set { update { $0.defaultValue = newValue } }
    }
    @inlinable public var allowNull: Bool {
        get { storage.values.allowNull }
        set { update { $0.allowNull = newValue } }
    }
    public var label: String {
        get { storage.values.label }
        set { update { $0.label = newValue } }
    }
    public var helpText: String? {
        get { storage.values.helpText }
        set { update { $0.helpText = newValue } }
    }
    /// The user's validators, run before the ones the field adds itself (as DRF appends its
    /// own `MaxLengthValidator` after the `validators=` given).
    public var validators: [any Validator] {
        get { storage.values.validators }
        set { update { $0.validators = newValue } }
    }
    /// Overrides of the field's messages by key (`"required"`, `"blank"`, `"invalid"`, ...).
    public var errorMessages: [String: String] {
        get { storage.values.errorMessages }
        set { update { $0.errorMessages = newValue } }
    }

    public init(
        name: String, source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        // DRF asserts these; a release build keeps going with the more cautious reading.
        assert(!(readOnly && writeOnly), "May not set both `readOnly` and `writeOnly` on field \(name)")
        assert(!(readOnly && required == true), "May not set both `readOnly` and `required` on field \(name)")
        assert(!(required == true && defaultValue != nil), "May not set both `required` and `default` on field \(name)")
        storage = Storage(
            Values(
                name: name, source: source ?? name, required: required ?? (defaultValue == nil && !readOnly),
                readOnly: readOnly, writeOnly: writeOnly && !readOnly, defaultValue: defaultValue,
                allowNull: allowNull, label: label ?? FieldOptions.label(forName: name), helpText: helpText,
                validators: validators, errorMessages: errorMessages))
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
