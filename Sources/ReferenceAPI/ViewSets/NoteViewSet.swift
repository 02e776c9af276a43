import RESTFramework
import RESTModels

/// DRF's documented custom base: create, list and retrieve, nothing else (other methods are
/// 405 with `Allow`). Set `queryset` and `serializerClass` in a subclass.
open class CreateListRetrieveViewSet<Q: Queryable>: GenericViewSet<Q>, CreateModelMixin, ListModelMixin,
    RetrieveModelMixin
{
    // The mixins have no default actions: the class declares them, `open` so that subclasses
    // override them.
    open func create(_ request: Request) throws -> Response { try createModel(request) }
    open func list(_ request: Request) throws -> Response { try listModel(request) }
    open func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
}

/// `notes`: anyone reads, authenticated users write; newest first in cursor pages.
final class NoteViewSet: CreateListRetrieveViewSet<QuerySet<Note>> {
    override class var queryset: QuerySet<Note>? { Note.objects }
    override class var serializerClass: Serializer.Type? { NoteSerializer.self }
    override class var permissionClasses: [any Permission]? { [IsAuthenticatedOrReadOnly()] }
    override class var paginationClass: PaginatorFactory? { { CursorPagination(ordering: ["-id"]) } }

    /// The author is the requesting user.
    override func performCreate(_ serializer: Serializer) throws {
        try serializer.save(["author_id": request.user.pk])
    }
}
