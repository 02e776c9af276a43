/// DRF's `ModelViewSet`: every standard action (`list`, `create`, `retrieve`, `update`,
/// `partial_update`, `destroy`) over a queryset and a serializer.
///
///     final class UserViewSet: ModelViewSet<QuerySet<User>> {
///         override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
///         override class var serializerClass: Serializer.Type? { UserSerializer.self }
///         override func list(_ request: Request) throws -> Response {   // overridable: declared here
///             try super.list(request)
///         }
///     }
///
/// The actions are `open` methods of the class body (the mixins have no default bodies), so a
/// subclass overrides them and the override is what the router dispatches to.
open class ModelViewSet<Q: Queryable>: GenericViewSet<Q>, CreateModelMixin, RetrieveModelMixin, UpdateModelMixin,
    DestroyModelMixin, ListModelMixin
{
    open func list(_ request: Request) throws -> Response { try listModel(request) }
    open func create(_ request: Request) throws -> Response { try createModel(request) }
    open func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
    open func update(_ request: Request) throws -> Response { try updateModel(request) }
    open func partialUpdate(_ request: Request) throws -> Response { try partialUpdateModel(request) }
    open func destroy(_ request: Request) throws -> Response { try destroyModel(request) }
}
