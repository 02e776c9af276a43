/// An `APIView` answers a method by conforming to its handler protocol, as a DRF view defines
/// `def get(self, request)`. HEAD follows GET; OPTIONS is built in.
///
///     final class ObtainAuthToken: APIView, PostHandler {
///         func post(_ request: Request) throws -> Response { Response(["token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"]) }
///     }
public protocol GetHandler: APIView { func get(_ request: Request) throws -> Response }
public protocol PostHandler: APIView { func post(_ request: Request) throws -> Response }
public protocol PutHandler: APIView { func put(_ request: Request) throws -> Response }
public protocol PatchHandler: APIView { func patch(_ request: Request) throws -> Response }
public protocol DeleteHandler: APIView { func delete(_ request: Request) throws -> Response }

/// A bound handler: the view method that answers one request.
public typealias RequestHandler = (Request) throws -> Response
