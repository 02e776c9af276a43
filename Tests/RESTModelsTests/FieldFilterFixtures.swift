import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting

// The part-2 projects list with today's column types (the spec's uuid, numeric and date columns
// come with issue 13 §2): django-filter's filterset_fields, then search, then ordering.

/// The spec's `status`: text with choices.
enum FilterProjectStatus: String, ColumnEnum {
    case planned, active, done
}

struct FilterProject: Model {
    var id: Int64
    var accountID: Int64
    var name: String
    var leadID: Int64?
    /// The lead's username, under the name of the relation path Django filters it by.
    var leadUsername: String?
    var status: FilterProjectStatus
    var budget: Double?
    var archived: Bool
    var created: DateTime

    static let tableName = "filter_projects"
    static let columns: [Column<FilterProject>] = [
        Column("id", \.id), Column("account_id", \.accountID, references: "accounts"), Column("name", \.name),
        Column("lead_id", \.leadID, references: "users"),
        .annotation("lead__username", \.leadUsername, sql: "SELECT username FROM users WHERE users.id = filter_projects.lead_id"),
        Column("status", \.status), Column("budget", \.budget), Column("archived", \.archived), Column("created", \.created),
    ]
    static let schema =
        ReferenceSchema.sql + """
            ;
            CREATE TABLE filter_projects (
                id bigserial PRIMARY KEY,
                account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
                name varchar(100) NOT NULL,
                lead_id bigint NULL REFERENCES users ON DELETE SET NULL,
                status varchar(10) NOT NULL DEFAULT 'planned',
                budget double precision NULL,
                archived boolean NOT NULL DEFAULT false,
                created timestamptz NOT NULL DEFAULT now());
            """

    init(row: ModelRow) throws {
        id = try row["id"]; accountID = try row["account_id"]; name = try row["name"]; leadID = try row["lead_id"]
        leadUsername = try row["lead__username"]; status = try row["status"]; budget = try row["budget"]
        archived = try row["archived"]; created = try row["created"]
    }
}

final class FilterProjectSerializer: ModelSerializer<FilterProject> {
    override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true)] }
}

final class FilterProjectViewSet: ReadOnlyModelViewSet<QuerySet<FilterProject>>, FilterableView, SearchableView, OrderableView {
    override class var queryset: QuerySet<FilterProject>? { FilterProject.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { FilterProjectSerializer.self }
    override class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend(), SearchFilter(), OrderingFilter()] }

    var filtersetFields: FiltersetFields {
        [
            "status": ["exact", "in"], "budget": ["gte", "lte", "range", "isnull"], "account": ["exact"],
            "lead__username": ["exact"], "lead": ["isnull"], "id": ["exact", "gte"], "archived": ["exact"],
            "created": ["gte"],
        ]
    }
    var searchFields: [String] { ["name"] }
    var orderingFields: [String]? { ["name", "budget", "id"] }
    var ordering: [String]? { nil }
}

/// Accounts 1 (ada's) and 2 (grace's); projects 1-4.
func seedFilterProjects(_ connection: Connection) throws {
    try seedUsers(connection)
    try connection.executeScript(
        """
        INSERT INTO accounts (name, description, owner_id) VALUES ('Acme', '', 1), ('Globex', '', 3);
        INSERT INTO filter_projects (account_id, name, lead_id, status, budget, archived, created) VALUES
            (1, 'Apollo', 1, 'active', 1250, false, '2026-01-01T00:00:00Z'),
            (1, 'Gemini', 3, 'planned', 99.5, false, '2026-02-01T00:00:00Z'),
            (2, 'Mercury', NULL, 'done', NULL, true, '2026-03-01T00:00:00Z'),
            (2, 'Artemis', 1, 'active', 4000, false, '2026-04-01T00:00:00Z');
        """)
}

func filterProjectsClient(_ connection: Connection) throws -> APIClient {
    var router = DefaultRouter()
    try router.register("projects", FilterProjectViewSet.self)
    var settings = APISettings()
    settings.permissionClasses = [AllowAny()]
    return APIClient(Application(urls: try URLConf([.include("api/", router)]), settings: settings), database: connection)
}
