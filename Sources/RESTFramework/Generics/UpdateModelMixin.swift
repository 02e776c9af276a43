/// DRF's `UpdateModelMixin`: `update` (PUT: the required fields must be sent) and
/// `partialUpdate` (PATCH: only what is sent is validated) save through `performUpdate(_:)`.
///
/// The order on one object is the spec's: look it up (404), check the object permissions (403),
/// read the body (415, parse error), validate (400).
///
/// Adopting it makes a viewset offer `update` and `partial_update`; the class declares both in
/// its body (see `ListModelMixin`):
///
///     open func update(_ request: Request) throws -> Response { try updateModel(request) }
///     open func partialUpdate(_ request: Request) throws -> Response { try partialUpdateModel(request) }
///
/// Unlike DRF, where `partial_update` calls `self.update(partial=True)`, the two actions are
/// separate methods: overriding `update` changes PUT only.
public protocol UpdateModelMixin: UpdateAction, PartialUpdateAction {
    /// DRF's bodies of `update` and `partial_update` (`GenericAPIView` has them).
    func updateModel(_ request: Request, partial: Bool) throws -> Response
    func partialUpdateModel(_ request: Request) throws -> Response
}

extension GenericAPIView {
    /// DRF's `UpdateModelMixin.update`, for any generic view.
    public func updateModel(_ request: Request, partial: Bool = false) throws -> Response {
        // The object before the body: a missing or forbidden object answers before a bad body
        // does, and so does a failed precondition (conditional requests).
        try withObjectForWrite { instance in
            let serializer = try getSerializer(instance, data: request.data, partial: partial)
            try serializer.isValid(raiseException: true)
            try performUpdate(serializer)
            return Response(try serializer.data)
        }
    }

    /// DRF's `UpdateModelMixin.partial_update`.
    public func partialUpdateModel(_ request: Request) throws -> Response {
        try updateModel(request, partial: true)
    }
}
