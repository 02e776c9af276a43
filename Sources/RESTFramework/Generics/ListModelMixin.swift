/// DRF's `ListModelMixin`: `list` answers the filtered queryset, one page of it when the view
/// paginates (`{"count","next","previous","results"}`), else all of it as a JSON array.
///
/// Adopting it makes a viewset offer `list` (the router routes it). The default `list` is a
/// protocol extension, which a subclass cannot override; a class meant to be subclassed declares
/// the action in its body instead, as `ModelViewSet` does:
///
///     open class CreateListRetrieveViewSet<Q: Queryable>: GenericViewSet<Q>,
///         CreateModelMixin, ListModelMixin, RetrieveModelMixin {
///         open func list(_ request: Request) throws -> Response { try listModel(request) }
///     }
public protocol ListModelMixin: GenericView, ListAction {}

extension ListModelMixin {
    public func list(_ request: Request) throws -> Response { try listModel(request) }
}

extension GenericView {
    /// DRF's `ListModelMixin.list`, for any generic view (a viewset's `list`, a `ListAPIView`'s `get`).
    public func listModel(_ request: Request) throws -> Response {
        let queryset = try filterQueryset(getQueryset())
        if let page = try paginateQueryset(queryset) {
            return try getPaginatedResponse(getSerializer(many: page).data)
        }
        return Response(try getSerializer(many: queryset.all()).data)
    }
}
