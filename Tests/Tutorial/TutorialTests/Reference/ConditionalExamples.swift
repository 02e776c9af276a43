// The docs/framework.md examples of conditional requests (ETag, If-None-Match, If-Match),
// compiled (MarkdownSnippetTests finds them here).
import RESTFramework
import RESTModels

/// Book details with ETags: GET and HEAD answer 304 to a matching If-None-Match; PUT, PATCH and
/// DELETE with a stale If-Match answer 412 and change nothing. The list is as DRF serves it.
final class ConditionalBookViewSet: ModelViewSet<QuerySet<Book>> {
    override class var queryset: QuerySet<Book>? { Book.objects }
    override class var serializerClass: Serializer.Type? { BookSerializer.self }
    override class var conditionalRequests: ConditionalRequests? { ConditionalRequests() }
}

/// A plain view: its GET tagged with a version it knows, its write checked by hand.
final class ShelfView: APIView, GetHandler, PutHandler {
    static let version = EntityTag(version: "3")

    func get(_ request: Request) throws -> Response {
        var response = Response(["books": 3])
        response.etag = .tag(Self.version)   // or .ofRepresentation: the hash of the rendered body
        return response
    }

    func put(_ request: Request) throws -> Response {
        if Preconditions(request.headers).evaluate(method: .put, current: Self.version) == .failed {
            throw PreconditionFailed()   // 412 {"detail":"Precondition failed."}
        }
        return Response(["books": 4])
    }
}

/// Book details with `Last-Modified` besides the `ETag`. The tutorial's books are never edited,
/// so their creation is their last change; a model that is edited names its `updated` column.
final class DatedBookViewSet: ModelViewSet<QuerySet<Book>> {
    override class var queryset: QuerySet<Book>? { Book.objects }
    override class var serializerClass: Serializer.Type? { BookSerializer.self }
    override class var conditionalRequests: ConditionalRequests? { ConditionalRequests(lastModified: "created") }
}
