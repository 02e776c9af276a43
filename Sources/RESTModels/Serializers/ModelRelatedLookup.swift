import RESTFramework

/// The `RelatedLookup` of `PrimaryKeyRelatedField` for a model: does a row with this primary
/// key exist among the queryset's rows (one `SELECT 1 ... LIMIT 1` on the serializer's
/// connection)? A pk beyond 64 bits never gets here: the field answers "does not exist" itself.
///
///     PrimaryKeyRelatedField("user", lookup: ModelRelatedLookup(User.objects))
///     PrimaryKeyRelatedField("user", lookup: ModelRelatedLookup(User.objects.filter(.field("is_active", .exact(true)))))
public struct ModelRelatedLookup<M: Model>: RelatedLookup {
    public let query: ModelQuery<M>

    public init(_ queryset: QuerySet<M>) { query = queryset.query }
    public init(_ model: M.Type) { query = ModelQuery() }

    public func exists(pk: Int64, context: SerializerContext) throws -> Bool {
        try QuerySet(query, connection: context.database).filter(.field("pk", .exact(.int(pk)))).exists()
    }
}
