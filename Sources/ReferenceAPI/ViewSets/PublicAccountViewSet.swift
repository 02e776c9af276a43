import RESTFramework
import RESTModels

/// `public-accounts`: every account, read-only, for anyone (authentication still runs: a bad
/// token is a 401). Limit/offset pages; `?search=` over name and description; `?ordering=` by
/// name, created or id (default id).
final class PublicAccountViewSet: ReadOnlyModelViewSet<QuerySet<Account>>, SearchableView, OrderableView {
    override class var queryset: QuerySet<Account>? { Account.objects }
    override class var serializerClass: Serializer.Type? { PublicAccountSerializer.self }
    override class var permissionClasses: [any Permission]? { [AllowAny()] }
    override class var paginationClass: PaginatorFactory? { { LimitOffsetPagination(maxLimit: 100) } }
    override class var filterBackends: [any FilterBackend]? { [SearchFilter(), OrderingFilter()] }

    var searchFields: [String] { ["name", "description"] }
    var orderingFields: [String]? { ["name", "created", "id"] }
    var ordering: [String]? { ["id"] }
}
