/// Conditional requests (RFC 9110 §13) on a generic view's detail actions, which DRF does not
/// have: turned on by a view's `conditionalRequests` class property.
///
///     final class NoteViewSet: ModelViewSet<QuerySet<Note>> {
///         override class var conditionalRequests: ConditionalRequests? { ConditionalRequests() }
///     }
///
/// - `retrieve` (GET, HEAD) sends a strong `ETag`: the hash of the rendered body, so it changes
///   whenever the representation does (another field value, `indent=`, another renderer). An
///   `If-None-Match` that matches it (weak comparison, a list, or `*`) answers 304 with the
///   `ETag` and no body.
/// - `update`, `partial_update` and `destroy` with `If-Match` (strong comparison, or `*`: the
///   object exists) or `If-None-Match` check it against the tag a GET would carry now and answer
///   412 `{"detail":"Precondition failed."}` when it fails, changing nothing. The check and the
///   write are atomic: in one transaction, the row locked (`SELECT … FOR UPDATE`) before the tag
///   is computed, so of two writes sent with the same tag exactly one succeeds. The queryset
///   must be a `RowLockingQueryable` (RESTModels' `QuerySet` is).
/// - Without these request headers, everything is as DRF does it (the `ETag` aside). A 404, 401,
///   403 or 405 answers as without them (RFC 9110 §13.2.1); a 400 for the body comes after them.
///
/// List routes and views that leave it nil pay nothing. A plain view tags its own GET responses
/// with `Response.etag` and checks writes with `Preconditions`.
public struct ConditionalRequests: Sendable {
    public init() {}
}

/// Where a response's `ETag` comes from (`Response.etag`).
public enum ResponseETag: Sendable {
    /// The hash of the rendered body (`EntityTag.ofRepresentation`), computed when it is rendered.
    case ofRepresentation
    /// A tag the view knows (a row version), sent as it is.
    case tag(EntityTag)
}
