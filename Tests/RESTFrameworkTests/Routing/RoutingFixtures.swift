@testable import RESTFramework
import RESTTesting

// Small in-memory viewsets shaped like the reference API's. Every handler answers with what the
// view knows about itself, so tests can check what the router and dispatch set.

func describe(_ view: ViewSet) -> Response {
    .init(
        .object([
            ("action", JSON(view.action?.name)),
            ("detail", JSON(view.detail)),
            ("basename", JSON(view.basename)),
            ("suffix", JSON(view.suffix)),
            ("name", .string(view.getViewName())),
            ("kwargs", .object(view.kwargs.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) })),
            ("format", JSON(view.formatKwarg)),
        ]))
}

/// ModelViewSet-like: every standard action, extra actions at both levels, a `mapping`.
final class UserViewSet: ViewSet, ListAction, CreateAction, RetrieveAction, UpdateAction, PartialUpdateAction, DestroyAction {
    override class var querysetModelName: String? { "User" }
    override class var extraActions: [ExtraAction] {
        [
            .action("set_password", detail: true, methods: [.post]) { (view: UserViewSet, _) in describe(view) },
            .action("unset_password", detail: true, methods: [.post, .delete]) { (view: UserViewSet, _) in describe(view) },
            .action("password", detail: true, methods: [.put], name: "Change Password") { (view: UserViewSet, _) in describe(view) }
                .mapping(.delete, "delete_password") { (view: UserViewSet, _) in Response(status: 204) },
            .action("recent_users", detail: false) { (view: UserViewSet, _) in describe(view) },
        ]
    }
    func list(_ request: Request) throws -> Response { describe(self) }
    func create(_ request: Request) throws -> Response { describe(self) }
    func retrieve(_ request: Request) throws -> Response { describe(self) }
    func update(_ request: Request) throws -> Response { describe(self) }
    func partialUpdate(_ request: Request) throws -> Response { describe(self) }
    func destroy(_ request: Request) throws -> Response { Response(status: 204) }
}

/// A plain viewset with `list` and `retrieve` only.
final class SimpleUserViewSet: ViewSet, ListAction, RetrieveAction {
    func list(_ request: Request) throws -> Response { Response([["id": 1], ["id": 2]]) }
    func retrieve(_ request: Request) throws -> Response { describe(self) }
}

/// No queryset (so a basename is required), `url_path`/`url_name` overrides.
final class AccountViewSet: ViewSet, ListAction, CreateAction, RetrieveAction, UpdateAction, PartialUpdateAction, DestroyAction {
    override class var extraActions: [ExtraAction] {
        [
            .action("members", detail: true) { (view: AccountViewSet, _) in describe(view) },
            .action("add_member", detail: true, methods: [.post], urlPath: "add-member", urlName: "add-member") {
                (view: AccountViewSet, _) in describe(view)
            },
        ]
    }
    func list(_ request: Request) throws -> Response { describe(self) }
    func create(_ request: Request) throws -> Response { describe(self) }
    func retrieve(_ request: Request) throws -> Response { describe(self) }
    func update(_ request: Request) throws -> Response { describe(self) }
    func partialUpdate(_ request: Request) throws -> Response { describe(self) }
    func destroy(_ request: Request) throws -> Response { Response(status: 204) }
}

/// Create, list, retrieve: no update or destroy.
final class NoteViewSet: ViewSet, CreateAction, ListAction, RetrieveAction {
    override class var querysetModelName: String? { "Note" }
    func create(_ request: Request) throws -> Response { describe(self) }
    func list(_ request: Request) throws -> Response { describe(self) }
    func retrieve(_ request: Request) throws -> Response { describe(self) }
}

/// Detail routes only: a viewset without a list route gets no link from the API root.
final class DetailOnlyViewSet: ViewSet, RetrieveAction {
    func retrieve(_ request: Request) throws -> Response { describe(self) }
}

final class ObtainAuthToken: APIView, PostHandler {
    func post(_ request: Request) throws -> Response { Response(["token": "abc"]) }
}

/// The reference API's URL conf: a DefaultRouter under `api/` and the token view beside it.
func referenceURLConf() throws -> URLConf {
    var router = DefaultRouter()
    try router.register("users", UserViewSet.self)
    try router.register("simple-users", SimpleUserViewSet.self, basename: "simple-user")
    try router.register("accounts", AccountViewSet.self, basename: "account")
    return try URLConf([
        .include("api/", router),
        .path("api/auth-token/", ObtainAuthToken.asView(), name: "api-token"),
    ])
}

/// A request as RESTTesting's factory builds it (host `testserver`), for code that takes one.
func request(_ method: HTTPMethod, _ path: String, query: String = "") -> Request {
    APIRequestFactory().generic(method, query.isEmpty ? path : path + "?" + query)
}

/// The application's answer, through RESTTesting's client.
func send(_ app: Application, _ method: HTTPMethod, _ path: String, query: String = "") -> TestResponse {
    APIClient(app).generic(method, query.isEmpty ? path : path + "?" + query)
}

func bodyText(_ response: TestResponse) -> String { response.text }

/// The endpoint, kwargs and format a path resolves to, or nil.
func matched(_ urls: URLConf, _ path: String) -> (endpoint: ViewEndpoint, kwargs: [String: String], format: String?)? {
    if case .match(let endpoint, let kwargs, let format) = urls.resolve(path) { return (endpoint, kwargs, format) }
    return nil
}
