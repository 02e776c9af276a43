/// The rows a related field accepts as input (DRF's `queryset=` of a `RelatedField`): finds the
/// one whose `field` equals a value and answers its primary key, which becomes the validated
/// value (what `ModelSerializer` writes into the key column, or the join table of a
/// many-to-many). The model layer's `ModelRelatedQueryset` implements it against the database,
/// with rows that may depend on the request; tests use an in-memory one.
///
///     struct TagSlugs: RelatedQueryset {
///         let slugs: [String: Int64] = ["backend": 1, "urgent": 2]
///         func keyType(of field: String) -> RelatedKeyType { field == "slug" ? .text : .integer }
///         func primaryKey(where field: String, equals value: FieldValue, context: SerializerContext) throws -> FieldValue? {
///             value.stringValue.flatMap { slugs[$0] }.map(FieldValue.int)
///         }
///     }
public protocol RelatedQueryset: Sendable {
    /// How a value sent for `field` is read before the lookup (Django's field `to_python`).
    func keyType(of field: String) -> RelatedKeyType
    /// The primary key of the candidate whose `field` equals `value` (already of `keyType`),
    /// nil when there is none. Throw only for failures (a database outage).
    func primaryKey(where field: String, equals value: FieldValue, context: SerializerContext) throws -> FieldValue?
}

/// The kinds of column a related field looks rows up by; each reads input as Django's model
/// field of that kind does before `queryset.get(...)`.
public enum RelatedKeyType: Sendable {
    /// `int(value)`: `7`, `"7"`, `7.9` (7); a bool, list, dict or other text is a type error.
    case integer
    /// `uuid.UUID(hex=value)` (any case, hyphens or not, braces, `urn:uuid:`), an integer as
    /// `UUID(int=...)`; anything else is Django's `“x” is not a valid UUID.`.
    case uuid
    /// `str(value)`: any JSON value is compared as its Python text.
    case text
    /// Any other column: the value as sent.
    case other
}

/// A `RelatedQueryset` from two closures (tests, or rows that are not models).
///
///     SlugRelatedField("tag", slugField: "slug", queryset: RelatedQuerysetFunction(keyType: .text) { field, value, _ in
///         value == "backend" ? .int(1) : FieldValue?.none   // (a bare `nil` here would be `.null`)
///     })
public struct RelatedQuerysetFunction: RelatedQueryset {
    let type: RelatedKeyType
    let body: @Sendable (String, FieldValue, SerializerContext) throws -> FieldValue?
    public init(
        keyType: RelatedKeyType,
        _ body: @escaping @Sendable (_ field: String, _ value: FieldValue, _ context: SerializerContext) throws -> FieldValue?
    ) {
        type = keyType
        self.body = body
    }
    public func keyType(of field: String) -> RelatedKeyType { type }
    public func primaryKey(where field: String, equals value: FieldValue, context: SerializerContext) throws -> FieldValue? {
        try body(field, value, context)
    }
}
