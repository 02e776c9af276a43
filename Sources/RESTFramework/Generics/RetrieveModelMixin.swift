/// DRF's `RetrieveModelMixin`: `retrieve` answers the object the URL names (`getObject()`:
/// 404, then the object permission checks).
///
/// Adopting it makes a viewset offer `retrieve`; the class declares the action in its body (see
/// `ListModelMixin`):
///
///     open func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
public protocol RetrieveModelMixin: RetrieveAction {
    /// DRF's body of `retrieve` (`GenericAPIView` has it).
    func retrieveModel(_ request: Request) throws -> Response
}

extension GenericAPIView {
    /// DRF's `RetrieveModelMixin.retrieve`, for any generic view.
    public func retrieveModel(_ request: Request) throws -> Response {
        let instance = try getObject()
        var response = Response(try getSerializer(instance).data)
        if let conditional = Self.conditionalRequests {
            response.etag = .ofRepresentation
            response.lastModified = conditional.lastModified(of: instance)
        }
        return response
    }
}
