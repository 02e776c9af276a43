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
/// - With `lastModified` naming a date-time field of the model (`ConditionalRequests(lastModified:
///   "updated")`), `retrieve` also sends `Last-Modified` (an HTTP-date, to the second) and answers
///   an `If-Modified-Since` no earlier than it with 304; a write with an `If-Unmodified-Since`
///   earlier than it answers 412, checked under the same row lock as `If-Match`. As RFC 9110
///   §13.2.2 orders them, `If-None-Match` decides instead of `If-Modified-Since` when both are
///   sent, and `If-Match` instead of `If-Unmodified-Since`. The field must change on every write
///   (the application's job, as for Django's `auto_now`); to the second, two writes within one
///   second look unmodified to a date, which is why the `ETag` stays.
///
/// List routes and views that leave it nil pay nothing. A plain view tags its own GET responses
/// with `Response.etag` and `Response.lastModified`, and checks writes with `Preconditions`.
public struct ConditionalRequests: Sendable {
    /// The model field holding the object's last change (a `timestamptz` column), nil: no
    /// `Last-Modified`, and date preconditions are ignored.
    public var lastModified: String?

    public init(lastModified: String? = nil) {
        self.lastModified = lastModified
    }

    /// The object's last modification, to the second: nil when no field is named, or the object
    /// has no date-time there (null, or another type).
    public func lastModified(of instance: any FieldReadable) -> HTTPDate? {
        guard let lastModified, case .dateTime(let instant)? = instance.fieldValue(lastModified), !instant.isInfinite else {
            return nil
        }
        return HTTPDate(instant)
    }
}

/// Where a response's `ETag` comes from (`Response.etag`).
public enum ResponseETag: Sendable {
    /// The hash of the rendered body (`EntityTag.ofRepresentation`), computed when it is rendered.
    case ofRepresentation
    /// A tag the view knows (a row version), sent as it is.
    case tag(EntityTag)
}
