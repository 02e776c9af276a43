/// The write half of `ConditionalRequests`: `update`, `partial_update` and `destroy` check
/// `If-Match` / `If-None-Match` / `If-Unmodified-Since` against the object's current
/// representation and last modification, atomically.
extension GenericAPIView {
    /// Runs a write on the object the URL names (`getObject()`: 404, then the object
    /// permissions). With conditional requests on and a precondition sent, the write runs in a
    /// transaction with the row locked, on the object read again under the lock, and only when
    /// the preconditions hold against the tag a GET would carry now; else 412 and nothing changed.
    ///
    ///     func archive(_ request: Request) throws -> Response {
    ///         try withObjectForWrite { note in try markArchived(note) }
    ///     }
    public func withObjectForWrite<T>(_ body: (Q.Element) throws -> T) throws -> T {
        guard let conditional = Self.conditionalRequests else { return try body(getObject()) }
        var preconditions = Preconditions(request.headers)
        // Ignored here (RFC 9110 §13.1.3, §13.1.4): a date to compare needs a named field, and
        // If-Modified-Since is for reads only. Neither makes a write take the lock.
        preconditions.ifModifiedSince = nil
        if conditional.lastModified == nil { preconditions.ifUnmodifiedSince = nil }
        if preconditions.isEmpty { return try body(getObject()) }
        guard let rows = try getQueryset() as? any RowLockingQueryable else {
            throw ImproperlyConfigured(
                "\(Self.self) has `conditionalRequests` but its queryset \(Q.self) cannot lock rows: "
                    + "use a RowLockingQueryable queryset (RESTModels' QuerySet), or leave `conditionalRequests` nil.")
        }
        return try lockedWrite(on: rows, preconditions, conditional, body)
    }

    private func lockedWrite<Rows: RowLockingQueryable, T>(
        on rows: Rows, _ preconditions: Preconditions, _ conditional: ConditionalRequests, _ body: (Q.Element) throws -> T
    ) throws -> T {
        try rows.transaction {
            // Found and allowed first (RFC 9110 §13.2.1: a 404 or 403 ignores the preconditions).
            let seen = try getObject()
            if let row = seen as? Rows.Element { try rows.lockForUpdate(row) }
            // Read again under the lock: a write that committed while this one waited is seen
            // (READ COMMITTED reads the latest commit per statement), so its tag is compared.
            let instance = try getObject()
            let current = try currentEntityTag(of: instance)
            let lastModified = conditional.lastModified(of: instance)
            guard preconditions.evaluate(method: request.method, current: current, lastModified: lastModified) == .proceed else {
                throw PreconditionFailed()
            }
            return try body(instance)
        }
    }

    /// The tag a GET of `instance` carries for this request: its serializer's data, rendered by
    /// the negotiated renderer (as `retrieve` and `ResponseRendering` do), hashed.
    public func currentEntityTag(of instance: Q.Element) throws -> EntityTag {
        let data = try getSerializer(instance).data
        let renderer = request.acceptedRenderer ?? JSONRenderer()
        return .ofRepresentation(renderer.render(data, acceptedMediaType: request.acceptedMediaType, request: request))
    }
}
