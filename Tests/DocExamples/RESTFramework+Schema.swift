// The `///` examples of Sources/RESTFramework/Schema, compiled (DocCommentExampleTests finds them here).
import Foundation
@testable import RESTFramework
@testable import RESTModels

// OpenAPIFieldDescribing
extension UpperCaseField: OpenAPIFieldDescribing {
    var openAPISchema: JSON { ["type": "string", "pattern": "^[A-Z]*$"] }
}

// SchemaDescribedView
final class HealthWithSchema: APIView, GetHandler, SchemaDescribedView {
    func get(_ request: Request) throws -> Response { Response(["status": "ok"]) }
    static func extendSchema(method: HTTPMethod, action: ViewSetAction?) -> ExtendSchema? {
        ExtendSchema(responses: [200: .stringMembers(["status"])])
    }
}

// OpenAPISecurityScheme
struct APIKeyAuthentication: Authentication {
    func authenticate(_ request: Request) throws -> AuthenticationResult? { nil }
}

extension APIKeyAuthentication: OpenAPISecurityScheme {
    var openAPISecuritySchemeName: String { "apiKeyAuth" }
    var openAPISecurityScheme: JSON { ["type": "apiKey", "in": "header", "name": "X-API-Key"] }
}

// SchemaView
final class APISchema: SchemaView {
    override class var generator: SchemaGenerator { SchemaGenerator(title: "Todo API", version: "2.0.0") }
    override class var permissionClasses: [any Permission]? { [IsAuthenticated()] }
}

extension DocHost {
    // ExtendSchema
    func extraActionSchema() {
        let recentUsers: ExtraAction = .action(
            "recent_users", detail: false, schema: ExtendSchema(responses: [200: .paginatedList(BriefUserSerializer.self)])
        ) { (view: UserViewSet, request) in Response([]) }
        _ = recentUsers
    }

    // SchemaBody
    func schemaBodies() {
        let one = SchemaBody.serializer(UserSerializer.self)        // one object
        let many = SchemaBody.list(UserSerializer.self)             // a JSON array of them
        let page = SchemaBody.paginatedList(UserSerializer.self)    // the view's paginator's envelope around a page
        let inline = SchemaBody.schema(["type": "object", "properties": ["status": ["type": "string"]], "required": ["status"]])
        let nothing = SchemaBody.none                               // no body
        _ = (one, many, page, inline, nothing)
    }

    // FieldSchema, SchemaComponents
    func fieldSchemas() {
        var components = SchemaComponents()
        let title = FieldSchema.schema(for: CharField("title", maxLength: 200), direction: .request, components: &components)
        // {"maxLength":200,"type":"string"}
        let due = FieldSchema.schema(for: DateField("due", allowNull: true), direction: .response, components: &components)
        // {"format":"date","type":["string","null"]}
        _ = (title, due)
    }

    func schemaComponents() {
        var components = SchemaComponents()
        let user = components.reference(to: UserSerializer.self, direction: .response, partial: false)
        // {"$ref":"#/components/schemas/User"}
        _ = user
    }

    // FilterSchema, PaginationSchema
    func queryParameters() {
        let query = FilterSchema.parameters(of: [SearchFilter(), OrderingFilter()], view: self, request: request) { _ in nil }
        _ = query
    }

    func paginationParameters() {
        let query = PaginationSchema.parameters(of: LimitOffsetPagination())   // limit, offset
        _ = query
    }

    // OperationID
    func operationIDs() {
        let id = OperationID.make(path: "/api/projects/{id}/archive/", prefix: "/api", method: .post, isList: false)
        // "projects_archive_create"
        let prefix = OperationID.commonPrefix(["/api/users/", "/api/users/{pk}/", "/api/auth-token/"])   // "/api"
        _ = (id, prefix)
    }

    // SchemaGenerator
    func generate(_ application: Application) {
        let generator = SchemaGenerator(title: "Reference API", version: "1.0.0")
        let document = generator.document(for: application)
        FileManager.default.createFile(atPath: "openapi.json", contents: Data(SchemaGenerator.render(document)))
    }

    // SchemaView
    func schemaURLs() throws {
        let urls = try URLConf([
            .include("api/", router),
            .path("api/schema/", SchemaView.asView(), name: "schema"),
        ])
        _ = urls
    }
}
