import PostgreSQL
import RESTFramework

/// The `queryset` of a related field for a model (DRF's `queryset=` on a `RelatedField`): the
/// rows the field accepts, looked up on the serializer's connection (one `SELECT ... LIMIT 1`
/// per value). The rows may depend on the request, as DRF's `get_queryset` override on the
/// field: a closure over the serializer context.
///
///     ModelRelatedQueryset(Tag.objects)
///     ModelRelatedQueryset(User.objects.filter(.field("is_active", .exact(true))))
///     // Only accounts where the requesting user is an admin member:
///     ModelRelatedQueryset(Account.self) { context in
///         Account.objects.filter(.inSubquery("pk", adminAccounts(of: context.request?.user.pk)))
///     }
///
/// A value the looked-up column cannot hold (text for an integer key) finds no row.
public struct ModelRelatedQueryset<M: Model>: RelatedQueryset {
    let rows: @Sendable (SerializerContext) throws -> ModelQuery<M>

    public init(_ queryset: QuerySet<M>) {
        let query = queryset.query
        rows = { _ in query }
    }

    public init(_ model: M.Type) { rows = { _ in ModelQuery() } }

    /// Rows that depend on the request: `queryset` is called for each lookup with the serializer's context.
    public init(_ model: M.Type, _ queryset: @escaping @Sendable (SerializerContext) throws -> QuerySet<M>) {
        rows = { context in try queryset(context).query }
    }

    public func keyType(of field: String) -> RelatedKeyType {
        let layout = ModelLayout.of(M.self)
        guard let index = layout.index(ofField: field) else { return .other }
        switch layout.columns[index].type {
        case .int, .smallint: return .integer
        case .uuid: return .uuid
        case .text: return .text
        default: return .other
        }
    }

    public func primaryKey(where field: String, equals value: FieldValue, context: SerializerContext) throws -> FieldValue? {
        let rows = QuerySet(try rows(context), connection: try context.database).filter(.field(field, .exact(value)))
        do {
            return try rows.limit(1).all().first.map { $0.fieldValue("pk") ?? .null }
        } catch is QueryValueError {
            return nil
        }
    }
}

/// The browsable API's select of a related field: the rows, in the queryset's ordering, else
/// by primary key (a stable list; Django's unordered queryset is the database's order).
extension ModelRelatedQueryset: ListableRelatedQueryset {
    public func candidates(limit: Int, context: SerializerContext) throws -> [any FieldReadable] {
        var listed = QuerySet(try rows(context), connection: try context.database)
        if listed.ordering.isEmpty { listed = listed.orderBy([OrderTerm("pk")]) }
        return try listed.limit(limit).all()
    }
}
