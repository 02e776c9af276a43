/// DRF's `DestroyModelMixin`: `destroy` looks the object up (404, object permissions), deletes
/// it through `performDestroy(_:)` and answers 204 with no body. The default `performDestroy`
/// needs a `DeletableQueryable` queryset.
///
/// Adopting it makes a viewset offer `destroy`; the class declares the action in its body (see
/// `ListModelMixin`):
///
///     open func destroy(_ request: Request) throws -> Response { try destroyModel(request) }
public protocol DestroyModelMixin: DestroyAction {
    /// DRF's body of `destroy` (`GenericAPIView` has it).
    func destroyModel(_ request: Request) throws -> Response
}

extension GenericAPIView {
    /// DRF's `DestroyModelMixin.destroy`, for any generic view.
    public func destroyModel(_ request: Request) throws -> Response {
        try withObjectForWrite { instance in try performDestroy(instance) }
        return Response(status: 204)
    }
}
