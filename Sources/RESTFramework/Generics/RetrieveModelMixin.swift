/// DRF's `RetrieveModelMixin`: `retrieve` answers the object the URL names (`getObject()`:
/// 404, then the object permission checks).
///
/// Adopting it makes a viewset offer `retrieve`. To let subclasses override the action, declare
/// it in the class body (see `ListModelMixin`):
///
///     open func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
public protocol RetrieveModelMixin: GenericView, RetrieveAction {}

extension RetrieveModelMixin {
    public func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
}

extension GenericView {
    /// DRF's `RetrieveModelMixin.retrieve`, for any generic view.
    public func retrieveModel(_ request: Request) throws -> Response {
        let instance = try getObject()
        return Response(try getSerializer(instance).data)
    }
}
