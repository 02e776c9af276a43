import RESTFramework
import RESTTesting

struct Member: RequestUser {
    let id: Int
    let username: String
    var isStaff = false
    var isActive = true
    var pk: FieldValue { .int(Int64(id)) }
}

let ada = Member(id: 1, username: "ada")
let adaToken = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"
let hasher = PasswordHasher(iterations: 10)

/// Echoes what the view saw of the request: the user, `request.auth`, the method, the query,
/// the content type and the parsed body.
final class Echo: APIView, GetHandler, PostHandler, PutHandler, PatchHandler, DeleteHandler {
    func get(_ request: Request) throws -> Response { try echo(request) }
    func post(_ request: Request) throws -> Response { try echo(request) }
    func put(_ request: Request) throws -> Response { try echo(request) }
    func patch(_ request: Request) throws -> Response { try echo(request) }
    func delete(_ request: Request) throws -> Response { try echo(request) }

    func echo(_ request: Request) throws -> Response {
        Response([
            "user": .string(request.user.username),
            "auth": (request.auth as? String).map { .string($0) } ?? .null,
            "method": .string(request.method.rawValue),
            "query": .string(request.queryString),
            "content_type": request.contentType.map { .string($0) } ?? .null,
            "data": try request.data,
            "marker": request.extensions[MarkerKey.self].map { .string($0) } ?? .null,
        ])
    }
}

/// A per-request extension the client attaches, as a server attaches its database connection.
enum MarkerKey: RequestExtensionKey { typealias Value = String }

/// Token and Basic authentication, only authenticated users allowed.
final class PrivateEcho: APIView, GetHandler {
    override class var authenticationClasses: [any Authentication]? {
        [
            TokenAuthentication(store: InMemoryTokenStore([adaToken: ada])),
            BasicAuthentication(store: InMemoryUserStore([(user: ada, passwordHash: hasher.makePassword("s3cret"))]), hasher: hasher),
        ]
    }
    override class var permissionClasses: [any Permission]? { [IsAuthenticated()] }
    func get(_ request: Request) throws -> Response { Response(["user": .string(request.user.username)]) }
}

func makeApp() throws -> Application {
    Application(
        urls: try URLConf([
            .path("echo/", Echo.asView(), name: "echo"),
            .path("private/", PrivateEcho.asView(), name: "private"),
        ]))
}
