// The `///` examples of Sources/RESTFramework/Views and ViewSets, compiled (DocCommentExampleTests
// finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

// APIView
final class Health: APIView, GetHandler {
    override class var permissionClasses: [any Permission]? { [AllowAny()] }
    func get(_ request: Request) throws -> Response { Response(["status": "ok"]) }
}

// ListAction, RetrieveAction
final class SimpleUserViewSet: ViewSet, ListAction, RetrieveAction {
    func list(_ request: Request) throws -> Response { Response([["id": 1, "username": "ada"]]) }
    func retrieve(_ request: Request) throws -> Response { Response(["id": 1, "username": "ada"]) }
}

// ExtraAction
final class PasswordUserViewSet: UserViewSet {
    override class var extraActions: [ExtraAction] {[
        .action("set_password", detail: true, methods: [.post],
                permissionClasses: [IsAuthenticated() & IsAdminOrIsSelf()]) { (view: UserViewSet, request) in
            try view.setPassword(request)
        },
        .action("password", detail: true, methods: [.put], name: "Change Password") { (view: UserViewSet, request) in
            try view.changePassword(request)
        }.mapping(.delete, "delete_password") { (view: UserViewSet, request) in
            try view.deletePassword(request)
        },
        .action("recent_users", detail: false) { (view: UserViewSet, request) in try view.recentUsers(request) },
    ]}
}

extension DocHost {
    // APIView
    func health() throws {
        final class Health: APIView, GetHandler {
            override class var permissionClasses: [any Permission]? { [AllowAny()] }
            func get(_ request: Request) throws -> Response { Response(["status": "ok"]) }
        }
        let urls = try URLConf([.path("health/", Health.asView())])
        _ = urls
    }

    // ViewSet
    func withoutARouter() throws {
        // `SimpleUserViewSet` (see `ListAction`) without a router:
        try URLConf([.path("users/", SimpleUserViewSet.asView([.get: "list"]))])
    }
}

// ViewSetAction
final class PermissionsByActionViewSet: UserViewSet {
    override func getPermissions() -> [any Permission] {
        switch action {
        case .list, .retrieve: return [IsAuthenticated()]
        case .extra("set_password"): return [IsAuthenticated(), IsAdminOrIsSelf()]
        default: return [IsAdminUser()]
        }
    }
}

extension DocHost {
    // ViewSet: actions by their cases
    func withoutARouterByCase() throws {
        // `SimpleUserViewSet` (see `ListAction`) without a router:
        try URLConf([.path("users/", SimpleUserViewSet.asView([.get: .list]))])
    }

    // ViewSetMixin
    func viewSetMixin() throws {
        final class SimpleUserViewSet: ViewSet, ListAction, RetrieveAction {
            func list(_ request: Request) throws -> Response { Response([["id": 1, "username": "ada"]]) }
            func retrieve(_ request: Request) throws -> Response { Response(["id": 1, "username": "ada"]) }
        }
        // without a router:
        try URLConf([.path("users/", SimpleUserViewSet.asView([.get: .list]))])
    }

    // ActionRouting
    func actionRouting() {
        view.routing?.action      // .retrieve
        view.routing?.actionMap   // [.get: .retrieve, .put: .update, ...]
    }
}

extension ViewNaming {
    // viewName(forClassName:suffix:)
    static func docExamples() {
        viewName(forClassName: "UserViewSet", suffix: "List")   // "User List"
        viewName(forClassName: "APIRootView", suffix: nil)      // "Api Root"
    }
}
