/// DRF's `DestroyModelMixin`: `destroy` looks the object up (404, object permissions), deletes
/// it through `performDestroy(_:)` and answers 204 with no body. The default `performDestroy`
/// needs a `DeletableQueryable` queryset.
///
/// Adopting it makes a viewset offer `destroy`. To let subclasses override the action, declare
/// it in the class body (see `ListModelMixin`):
///
///     open func destroy(_ request: Request) throws -> Response { try destroyModel(request) }
public protocol DestroyModelMixin: GenericView, DestroyAction {}

extension DestroyModelMixin {
    public func destroy(_ request: Request) throws -> Response { try destroyModel(request) }
}

extension GenericView {
    /// DRF's `DestroyModelMixin.destroy`, for any generic view.
    public func destroyModel(_ request: Request) throws -> Response {
        let instance = try getObject()
        try performDestroy(instance)
        return Response(status: 204)
    }
}
