import RESTFramework
import RESTModels

/// `POST /api/auth-token/`: DRF's `ObtainAuthToken`. `{"username","password"}` (form, multipart
/// or JSON) → `{"token":"<40 hex>"}`, made on first use. Open to anyone, but authentication
/// still runs (a bad token header is a 401). Never rehashes the password, never touches
/// `last_login`.
final class ObtainAuthToken: APIView, PostHandler, ActionsMetadataProviding, SchemaDescribedView {
    static func extendSchema(method: HTTPMethod, action: ViewSetAction?) -> ExtendSchema? {
        ExtendSchema(request: .serializer(AuthTokenSerializer.self), responses: [200: .stringMembers(["token"])])
    }

    override class var permissionClasses: [any Permission]? { [] }
    override class var parserClasses: [any Parser]? { [FormParser(), MultiPartParser(), JSONParser()] }
    override class var rendererClasses: [any Renderer]? { [JSONRenderer()] }
    /// Counted against `login` when `REFERENCE_THROTTLE_RATES` sets it (`ScopedRateThrottle`).
    override class var throttleScope: String? { "login" }

    func getSerializer(data: JSON? = nil) -> AuthTokenSerializer {
        AuthTokenSerializer(data: data, context: SerializerContext(request: request, view: self, format: formatKwarg))
    }

    func post(_ request: Request) throws -> Response {
        let serializer = getSerializer(data: try request.data)
        try serializer.isValid(raiseException: true)
        // The user's pk, which `AuthTokenSerializer.validate` always sets.
        let token = try Token.getOrCreate(user: serializer.validatedData["user"] ?? .null, on: request.database)
        return Response(["token": .string(token.key)])
    }

    func serializerInfo(for method: HTTPMethod) throws -> JSON? { getSerializer().fieldsMetadata }
}
