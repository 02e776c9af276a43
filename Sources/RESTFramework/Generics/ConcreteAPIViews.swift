/// DRF's concrete generic views: a `GenericAPIView` whose method handlers call the mixin bodies.
/// Each handler is declared in the class body, so a subclass can override it.
///
///     final class UserList: ListCreateAPIView<QuerySet<User>> {
///         override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
///         override class var serializerClass: Serializer.Type? { UserSerializer.self }
///     }
///     final class UserDetail: RetrieveUpdateDestroyAPIView<QuerySet<User>> { /* the same two overrides */ }

/// `GET`: the list.
open class ListAPIView<Q: Queryable>: GenericAPIView<Q>, GetHandler {
    open func get(_ request: Request) throws -> Response { try listModel(request) }
}

/// `GET`: one object.
open class RetrieveAPIView<Q: Queryable>: GenericAPIView<Q>, GetHandler {
    open func get(_ request: Request) throws -> Response { try retrieveModel(request) }
}

/// `POST`: create.
open class CreateAPIView<Q: Queryable>: GenericAPIView<Q>, PostHandler {
    open func post(_ request: Request) throws -> Response { try createModel(request) }
}

/// `GET` the list, `POST` to create.
open class ListCreateAPIView<Q: Queryable>: GenericAPIView<Q>, GetHandler, PostHandler {
    open func get(_ request: Request) throws -> Response { try listModel(request) }
    open func post(_ request: Request) throws -> Response { try createModel(request) }
}

/// `GET`, `PUT`, `PATCH`, `DELETE` on one object.
open class RetrieveUpdateDestroyAPIView<Q: Queryable>: GenericAPIView<Q>, GetHandler, PutHandler, PatchHandler,
    DeleteHandler
{
    open func get(_ request: Request) throws -> Response { try retrieveModel(request) }
    open func put(_ request: Request) throws -> Response { try updateModel(request) }
    open func patch(_ request: Request) throws -> Response { try partialUpdateModel(request) }
    open func delete(_ request: Request) throws -> Response { try destroyModel(request) }
}
