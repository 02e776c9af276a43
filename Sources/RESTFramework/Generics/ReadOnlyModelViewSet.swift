/// DRF's `ReadOnlyModelViewSet`: `list` and `retrieve` only; other methods are 405 with `Allow`.
///
///     final class PublicAccountViewSet: ReadOnlyModelViewSet<QuerySet<Account>>, SearchableView {
///         override class var queryset: QuerySet<Account>? { Account.objects }
///         override class var serializerClass: Serializer.Type? { PublicAccountSerializer.self }
///         override class var permissionClasses: [any Permission]? { [AllowAny()] }
///         override class var filterBackends: [any FilterBackend]? { [SearchFilter(), OrderingFilter()] }
///         var searchFields: [String] { ["name", "description"] }
///     }
///
/// The actions are `open` methods of the class body, so subclasses override them.
open class ReadOnlyModelViewSet<Q: Queryable>: GenericViewSet<Q>, RetrieveModelMixin, ListModelMixin {
    open func list(_ request: Request) throws -> Response { try listModel(request) }
    open func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
}
