/// DRF's `CreateModelMixin`: `create` validates the body with the view's serializer, saves it
/// through `performCreate(_:)` and answers 201 with the new object, and `Location` when the
/// serializer has a `url` field (`settings.urlFieldName`).
///
/// Adopting it makes a viewset offer `create`; the class declares the action in its body (see
/// `ListModelMixin`):
///
///     open func create(_ request: Request) throws -> Response { try createModel(request) }
///
/// To change what saving does (set the owner), override `performCreate(_:)` instead:
///
///     override func performCreate(_ serializer: Serializer) throws {
///         try serializer.save(["author_id": request.user.pk])
///     }
public protocol CreateModelMixin: CreateAction {
    /// DRF's body of `create` (`GenericAPIView` has it).
    func createModel(_ request: Request) throws -> Response
}

extension GenericAPIView {
    /// DRF's `CreateModelMixin.create`, for any generic view.
    public func createModel(_ request: Request) throws -> Response {
        let serializer = try getSerializer(data: request.data)
        try serializer.isValid(raiseException: true)
        try performCreate(serializer)
        let data = try serializer.data
        return Response(data, status: 201, headers: getSuccessHeaders(data))
    }
}
