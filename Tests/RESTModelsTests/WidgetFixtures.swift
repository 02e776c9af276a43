import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport

// A small API over a real table, built as an application would: a model with an annotation,
// a ModelSerializer with a unique validator and a related field, a ModelViewSet.

struct Widget: Model {
    var id: Int64
    var name: String
    var ownerID: Int64?
    /// The owner's username (an annotation), or nil without an owner.
    var owner: String?
    var created: DateTime

    static let tableName = "widgets"
    static let fields = Fields(
        Widget.init, Field("id", \.id), Field("name", \.name), Field("owner_id", \.ownerID, references: "users"),
        .annotation("owner", \.owner, sql: "SELECT username FROM users WHERE users.id = widgets.owner_id"),
        Field("created", \.created))
    static let schema =
        ReferenceSchema.sql + """
            ;
            CREATE TABLE widgets (id bigserial PRIMARY KEY, name varchar(50) NOT NULL UNIQUE,
                                  owner_id bigint NULL REFERENCES users ON DELETE SET NULL,
                                  created timestamptz NOT NULL DEFAULT now());
            """
}

final class WidgetSerializer: ModelSerializer<Widget> {
    override class var fields: [any SerializerField] {
        [
            HyperlinkedIdentityField("url", viewName: "widget-detail"),
            IntegerField("id", readOnly: true),
            CharField(
                "name", maxLength: 50,
                validators: [
                    UniqueValidator(Widget.objects, message: "A widget with that name already exists.")
                ]),
            PrimaryKeyRelatedField("owner_id", lookup: ModelRelatedLookup(User.objects), required: false, allowNull: true),
            ReadOnlyField("owner"),
        ]
    }
}

final class WidgetViewSet: ModelViewSet<QuerySet<Widget>> {
    override class var queryset: QuerySet<Widget>? { Widget.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { WidgetSerializer.self }
    override class var extraActions: [ExtraAction] {
        [
            // An extra action on another model's rows, bound explicitly.
            .action("owners", detail: false) { (view: WidgetViewSet, request) in
                let owners = Widget.objects.filter(.field("owner_id", .isNull(false))).values("owner_id")
                let users = try User.objects(on: request).filter(.inSubquery("id", owners)).orderBy("id")
                return Response(.array(try users.all().map { .string($0.username) }))
            }
        ]
    }
}

/// The widgets API with a page size of 10 and a connection attached to every request.
struct WidgetsAPI {
    let app: Application
    let connection: Connection
    let errors = ErrorLines()

    init(connection: Connection, pageSize: Int = 10, countStrategy: CountStrategy = .exact) throws {
        var router = DefaultRouter()
        try router.register("widgets", WidgetViewSet.self)
        var settings = APISettings()
        settings.pageSize = pageSize
        settings.paginationClass = { PageNumberPagination(countStrategy: countStrategy) }
        let errors = self.errors
        settings.errorLog = { errors.append($0) }
        app = Application(urls: try URLConf([.include("api/", router)]), settings: settings)
        self.connection = connection
    }

    /// Through RESTTesting's client, with the connection attached unless `attach` is false.
    func send(
        _ method: HTTPMethod, _ path: String, query: String = "", json: String? = nil,
        attach: Bool = true
    ) -> TestResponse {
        let client = attach ? APIClient(app, database: connection) : APIClient(app)
        return client.generic(
            method, query.isEmpty ? path : path + "?" + query, body: json ?? "",
            contentType: json == nil ? nil : "application/json")
    }
}

/// Lines the framework logs for unhandled errors. `@unchecked Sendable`: `lines` is only
/// touched while holding `lock`.
final class ErrorLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
