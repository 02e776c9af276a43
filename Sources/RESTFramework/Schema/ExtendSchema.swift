/// What an operation's schema says where the generator cannot see it: drf-spectacular's
/// `@extend_schema`. A view or viewset states it per action (`SchemaDescribedView`), an extra
/// action with `schema:`. Whatever is nil is inferred from the view.
///
///     let recentUsers: ExtraAction = .action(
///         "recent_users", detail: false, schema: ExtendSchema(responses: [200: .paginatedList(BriefUserSerializer.self)])
///     ) { (view: UserViewSet, request) in Response([]) }
public struct ExtendSchema: Sendable {
    /// The request body; nil: the view's serializer for POST, PUT and PATCH.
    public var request: SchemaBody?
    /// Status → body of the successful answers; nil: inferred (200, 201 for a create, 204 for
    /// DELETE). The error answers (400, 401, 403, 404) are added from the view as always.
    public var responses: [Int: SchemaBody]?
    /// Whether the view's filter backends read this operation's query (search, ordering,
    /// django-filter's fields); nil: only for `list`.
    public var filters: Bool?
    /// More query parameters, as OpenAPI parameter objects.
    public var parameters: [JSON]
    public var summary: String?
    public var description: String?

    public init(
        request: SchemaBody? = nil, responses: [Int: SchemaBody]? = nil, filters: Bool? = nil, parameters: [JSON] = [],
        summary: String? = nil, description: String? = nil
    ) {
        self.request = request
        self.responses = responses
        self.filters = filters
        self.parameters = parameters
        self.summary = summary
        self.description = description
    }
}

/// A request or response body in an `ExtendSchema`.
///
///     let one = SchemaBody.serializer(UserSerializer.self)        // one object
///     let many = SchemaBody.list(UserSerializer.self)             // a JSON array of them
///     let page = SchemaBody.paginatedList(UserSerializer.self)    // the view's paginator's envelope around a page
///     let inline = SchemaBody.schema(["type": "object", "properties": ["status": ["type": "string"]], "required": ["status"]])
///     let nothing = SchemaBody.none                               // no body
public enum SchemaBody: Sendable {
    case serializer(Serializer.Type)
    case list(Serializer.Type)
    case paginatedList(Serializer.Type)
    /// An inline JSON Schema (OpenAPI 3.1's dialect).
    case schema(JSON)
    case none

    /// `{"type":"object","properties":{<name>:{"type":"string"},...},"required":[...]}`: an
    /// object of string members, each always present (`{"status": "password set"}`).
    public static func stringMembers(_ names: [String]) -> SchemaBody {
        .schema(
            .object(
                JSONObject([
                    ("type", "object"),
                    ("properties", .object(JSONObject(names.sorted().map { ($0, ["type": "string"]) }))),
                    ("required", .array(names.sorted().map(JSON.string))),
                ])))
    }
}

/// A view that states its operations' schemas (drf-spectacular's `@extend_schema_view`):
/// the generator asks it for each method (and, on a viewset, the action answering it).
///
///     final class HealthWithSchema: APIView, GetHandler, SchemaDescribedView {
///         func get(_ request: Request) throws -> Response { Response(["status": "ok"]) }
///         static func extendSchema(method: HTTPMethod, action: ViewSetAction?) -> ExtendSchema? {
///             ExtendSchema(responses: [200: .stringMembers(["status"])])
///         }
///     }
public protocol SchemaDescribedView: APIView {
    static func extendSchema(method: HTTPMethod, action: ViewSetAction?) -> ExtendSchema?
}

/// A view the schema leaves out: DRF's `schema = None` (the API root, the schema view itself).
public protocol SchemaExcludedView: APIView {}

/// DRF's `APIRootView` has `schema = None`: the root's links are no operation of the API.
extension APIRootView: SchemaExcludedView {}

/// The sign-in pages answer HTML forms and redirects, not the API's JSON: Django's own views in
/// DRF (`rest_framework.urls`), which no schema generator sees.
extension LoginView: SchemaExcludedView {}
extension LogoutView: SchemaExcludedView {}
