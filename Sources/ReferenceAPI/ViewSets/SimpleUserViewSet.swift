import RESTFramework
import RESTModels

/// `simple-users`: a plain ViewSet with `list` and `retrieve` written by hand, as in DRF's
/// documentation. The list is every user by id, not paginated; hyperlinks carry `?format=` but
/// not a `.json` suffix (the serializer gets the request, not the format).
final class SimpleUserViewSet: ViewSet, ListAction, RetrieveAction, SchemaDescribedView {
    /// Written by hand, so the OpenAPI document is told what the actions answer.
    static func extendSchema(method: HTTPMethod, action: ViewSetAction?) -> ExtendSchema? {
        ExtendSchema(responses: [200: action == .list ? .list(UserSerializer.self) : .serializer(UserSerializer.self)])
    }

    func list(_ request: Request) throws -> Response {
        let users = try User.objects(on: request).orderBy("id").all()
        return Response(try UserSerializer.many(instances: users, context: SerializerContext(request: request, view: self)).data)
    }

    func retrieve(_ request: Request) throws -> Response {
        let user = try getObjectOr404(User.objects(on: request), where: "pk", equals: .string(kwargs["pk"] ?? ""))
        return Response(try UserSerializer(instance: user, context: SerializerContext(request: request, view: self)).data)
    }
}
