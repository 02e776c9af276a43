@testable import RESTFramework
import RESTTesting

/// In-memory views for the request lifecycle tests: no database, users from a token table.
enum LifecycleFixtures {
    struct Member: RequestUser {
        let pk: FieldValue
        let username: String
        let isStaff: Bool
        var isActive: Bool { true }
    }

    /// `Authorization: Token <username>`; `staff` is staff; `bad` is an invalid token.
    struct TokenStub: Authentication {
        func authenticate(_ request: Request) throws -> AuthenticationResult? {
            guard let header = request.headers["Authorization"], header.hasPrefix("Token ") else { return nil }
            let key = String(header.dropFirst(6))
            if key == "bad" { throw AuthenticationFailed("Invalid token.") }
            return AuthenticationResult(user: Member(pk: key == "staff" ? 1 : 2, username: key, isStaff: key == "staff"), auth: key)
        }
        func authenticateHeader(_ request: Request) -> String? { "Token" }
    }

    /// Safe methods for any user; others for staff only (checked with the method OPTIONS clones).
    struct StaffForWrites: Permission {
        func hasPermission(_ request: Request, view: APIView) throws -> Bool {
            request.method.isSafe || request.user.isStaff
        }
    }

    final class NoteViewSet: ViewSet, ListAction, CreateAction, RetrieveAction, UpdateAction, DestroyAction, ActionsMetadataProviding {
        override class var authenticationClasses: [any Authentication]? { [TokenStub()] }
        override class var permissionClasses: [any Permission]? { [IsAuthenticated(), StaffForWrites()] }

        func list(_ request: Request) throws -> Response { Response([["id": 1, "title": "a/b é"]]) }
        func create(_ request: Request) throws -> Response {
            let data = try request.data
            if let error = ValidationError.nonObjectBody(data) { throw ValidationError(.object(error.serializerErrors())) }
            return Response(data, status: 201)
        }
        func retrieve(_ request: Request) throws -> Response { Response(["id": 1]) }
        func update(_ request: Request) throws -> Response { Response(try request.data) }
        func destroy(_ request: Request) throws -> Response { Response(status: 204) }

        func serializerInfo(for method: HTTPMethod) throws -> JSON? {
            FieldInfo.describe([
                ("url", FieldInfo(name: "url", type: .field, readOnly: true)),
                ("id", FieldInfo(name: "id", type: .integer, readOnly: true)),
                ("title", FieldInfo(name: "title", type: .string, required: true, maxLength: 200)),
                ("body", FieldInfo(name: "body", type: .string)),
                ("is_pinned", FieldInfo(name: "is_pinned", type: .boolean)),
                ("created", FieldInfo(name: "created", type: .datetime, readOnly: true)),
            ])
        }

        /// `get_object()`: pk 404 does not exist; pk 7 belongs to someone the user may not edit.
        func checkObjectForMetadata(_ request: Request) throws {
            #if DEBUG
            precondition(self.request === request && request.method == .put)
            #endif
            switch kwargs["pk"] {
            case "404": throw Http404("No Note matches the given query.")
            case "7": throw PermissionDenied()
            default: return
            }
        }
    }

    static let listRoute: [HTTPMethod: ViewSetAction] = [.get: "list", .post: "create"]
    static let detailRoute: [HTTPMethod: ViewSetAction] = [.get: "retrieve", .put: "update", .delete: "destroy"]

    /// Serves one request as `Application` would: fresh view, settings, dispatch, render.
    static func serve(
        _ method: HTTPMethod, route: [HTTPMethod: ViewSetAction] = listRoute, suffix: String = "List",
        token: String? = nil, accept: String? = nil, contentType: String? = nil, body: String = "",
        query: String = "", kwargs: [String: String] = [:], format: String? = nil
    ) -> TestResponse {
        var headers = Headers()
        if let token { headers["Authorization"] = "Token \(token)" }
        if let accept { headers["Accept"] = accept }
        let request = APIRequestFactory().generic(
            method, query.isEmpty ? "/notes/" : "/notes/?" + query, body: body,
            contentType: contentType, headers: headers)
        let view = NoteViewSet.asView(route, suffix: suffix).makeView()
        view.settings = APISettings()
        let response = view.dispatch(request, kwargs: kwargs, format: format)
        return TestResponse(view.render(response))
    }
}
