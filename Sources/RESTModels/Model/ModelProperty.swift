import RESTFramework

/// A value a model computes from its own fields, by name: Django's model methods and properties
/// that a serializer names as a `source` (DRF's `ReadOnlyField(source="get_expiry_date")`).
/// `fieldValue(name)` answers it after the columns and relations, so a serializer reads it as
/// any column (through the model's readers, no lookup per row).
///
///     struct Person: Model {
///         var id: Int64, firstName: String, lastName: String
///
///         static let tableName = "people"
///         static let fields = Fields(Person.init, Field("id", \.id), Field("first_name", \.firstName), Field("last_name", \.lastName))
///         static let properties = [ModelProperty<Person>("full_name") { .string($0.firstName + " " + $0.lastName) }]
///     }
///
/// and its serializer says:
///
///     ReadOnlyField("name", source: "full_name")
///
/// A column with choices has Django's `get_<column>_display` without a declaration: the choice's
/// display name, or the stored value itself when it is no choice (`CharField("priority_display",
/// source: "get_priority_display", readOnly: true)`). A property of that name replaces it.
public struct ModelProperty<M: Model>: Sendable {
    public let name: String
    let compute: @Sendable (M) -> FieldValue

    public init(_ name: String, _ compute: @escaping @Sendable (M) -> FieldValue) {
        self.name = name
        self.compute = compute
    }

    /// The reader `ModelLayout` keeps: the property of the instance at the pointer.
    var reader: FieldReader {
        let compute = compute
        return { compute($0.assumingMemoryBound(to: M.self).pointee) }
    }
}

/// Django's `_get_FIELD_display`: `dict(choices).get(value, value)`.
enum ChoiceDisplay {
    static func name(of value: FieldValue, in choices: [Choice]) -> FieldValue {
        for choice in choices where choice.value == value { return .string(choice.displayName) }
        return value
    }

    /// `get_status_display` for a column named `status`.
    static func propertyName(ofColumn name: String) -> String { "get_" + name + "_display" }
}
