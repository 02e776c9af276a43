import RESTFramework

/// DRF's `UniqueTogetherValidator`: the values of `fields` (serializer field names) must not be
/// together in any other row. `ModelSerializer` makes one for each of the model's
/// `uniqueTogether` sets; one can also be given in `validators`.
///
///     override class var validators: [any ObjectValidator] {
///         [UniqueTogetherValidator(Project.objects, fields: ["account", "name"])]
///     }
///
/// As DRF 3.18.3 does it: it runs once every field is valid, before `validate(_:)`; on create, a field
/// of the set that is missing is "This field is required." under that field; a set with a null
/// is not checked (a unique constraint lets NULLs through); an update fills what it was not sent
/// from the instance, checks only when a value sent changes, and does not collide with itself. The
/// message: "The fields account, name must make a unique set.".
public struct UniqueTogetherValidator<M: Model>: ObjectValidator {
    public static var defaultMessage: String { "The fields {field_names} must make a unique set." }

    public let query: ModelQuery<M>
    public let fields: [String]
    public let message: String

    public init(_ queryset: QuerySet<M>, fields: [String], message: String? = nil) {
        query = queryset.query
        self.fields = fields
        self.message = message ?? Self.defaultMessage
    }

    public func validate(_ attrs: ValidatedData, context: ObjectValidationContext) throws {
        var sources: [String] = []
        for name in fields {
            guard let field = context.fields.first(where: { $0.name == name }) else {
                throw SerializerConfigurationError(
                    "UniqueTogetherValidator names the field `\(name)`, which the serializer does not have.")
            }
            sources.append(field.source)
        }
        let instance = context.instance as? M
        // DRF's `enforce_required_fields`: only on create.
        if context.instance == nil {
            let missing = zip(fields, sources).filter { !attrs.contains($0.1) }.map(\.0)
            if !missing.isEmpty {
                throw ValidationError(
                    .object(missing.map { ($0, JSON.array([.string("This field is required.")])) }), code: "required")
            }
        }
        var filters: [Predicate] = []
        var values: [FieldValue] = []
        var changed = instance == nil
        for source in sources {
            let column = try QuerySet<M>.writableColumn(UniqueValidator<M>.lastPart(of: source)).name
            let stored = instance?.fieldValue(column)
            let value = attrs[source] ?? stored ?? .null
            filters.append(.field(column, .exact(value)))
            values.append(value)
            // On update, only a value sent and different from the instance's calls for the check.
            if let sent = attrs[source], sent != stored { changed = true }
        }
        // A null anywhere in the set (sent or kept): NULLs are distinct, nothing can collide.
        guard changed, !values.contains(where: \.isNull) else { return }
        var rows = QuerySet(query, connection: try context.serializerContext.database).filter(.and(filters))
        if let instance {
            rows = rows.exclude(.and(instance.primaryKeyValues.map { .field($0.column, .exact($0.value)) }))
        }
        if try rows.exists() {
            throw ValidationError(message.replacingOccurrences(of: "{field_names}", with: fields.joined(separator: ", ")), code: "unique")
        }
    }
}
