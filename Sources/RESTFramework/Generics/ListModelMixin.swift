/// DRF's `ListModelMixin`: `list` answers the filtered queryset, one page of it when the view
/// paginates (`{"count","next","previous","results"}`), else all of it as a JSON array.
///
/// Adopting it makes a viewset offer `list` (the router routes it). It has no default `list`:
/// the adopting class declares the action in its body, calling DRF's body `listModel(_:)`, so
/// that a subclass overrides it and the router dispatches the override. Without it, the class
/// does not compile.
///
///     open class CreateListRetrieveViewSet<Q: Queryable>: GenericViewSet<Q>,
///         CreateModelMixin, ListModelMixin, RetrieveModelMixin {
///         open func create(_ request: Request) throws -> Response { try createModel(request) }
///         open func list(_ request: Request) throws -> Response { try listModel(request) }
///         open func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
///     }
public protocol ListModelMixin: ListAction {
    /// DRF's body of `list` (`GenericAPIView` has it).
    func listModel(_ request: Request) throws -> Response
}

extension GenericAPIView {
    /// DRF's `ListModelMixin.list`, for any generic view (a viewset's `list`, a `ListAPIView`'s `get`).
    public func listModel(_ request: Request) throws -> Response {
        // What the serializer reads across relations, fetched for the page, not per row.
        let queryset = try filterQueryset(getQueryset()).withRelated(serializerRelatedPaths)
        if let page = try paginateQueryset(queryset) {
            return try getPaginatedResponse(getSerializer(many: page).data)
        }
        return Response(try getSerializer(many: queryset.all()).data)
    }
}
