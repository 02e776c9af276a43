import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting

// The part-2 projects and tasks with their relations (uuid project keys, the tags' join table):
// django-filter's filterset_fields across relations, search and ordering on related fields.
// The data is what /tmp/dfcheck2 (django-filter 25.2, DRF 3.18.3, Django 5.2) was given.

struct RelatedFilterProject: Model, Identifiable {
    var id: UUID
    var account: ForeignKey<Account>
    var name: String
    var lead: ForeignKey<User>?
    var status: FilterProjectStatus
    var budget: DecimalNumber?

    static let tableName = "rf_projects"
    static let modelName = "Project"
    static let columns: [Column<RelatedFilterProject>] = [
        Column("id", \.id), Column("account_id", \.account), Column("name", \.name), Column("lead_id", \.lead),
        Column("status", \.status), Column("budget", \.budget),
    ]
    static let relations: [Relation<RelatedFilterProject>] = [.foreignKey("account", \.account), .foreignKey("lead", \.lead)]

    init(row: ModelRow) throws {
        id = try row["id"]; account = try row["account_id"]; name = try row["name"]; lead = try row["lead_id"]
        status = try row["status"]; budget = try row["budget"]
    }
}

struct RelatedFilterTask: Model, Identifiable {
    var id: Int64
    var project: ForeignKey<RelatedFilterProject>
    var title: String
    var assignee: ForeignKey<User>?
    var due: CalendarDate?
    var tags: RelatedSet<Tag>

    static let tableName = "rf_tasks"
    static let modelName = "Task"
    static let columns: [Column<RelatedFilterTask>] = [
        Column("id", \.id), Column("project_id", \.project), Column("title", \.title), Column("assignee_id", \.assignee),
        Column("due", \.due),
    ]
    static let relations: [Relation<RelatedFilterTask>] = [
        .foreignKey("project", \.project), .foreignKey("assignee", \.assignee),
        .manyToMany("tags", \.tags, through: "rf_task_tags", source: "task_id", target: "tag_id"),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; project = try row["project_id"]; title = try row["title"]; assignee = try row["assignee_id"]
        due = try row["due"]; tags = .notLoaded
    }
}

enum RelatedFilterSchema {
    static let apollo = "11111111-1111-1111-1111-111111111111"
    static let borealis = "22222222-2222-2222-2222-222222222222"

    static var sql: String {
        ReferenceSchema.sql + """
            ;
            CREATE TABLE tags (id bigserial PRIMARY KEY, slug varchar(50) NOT NULL UNIQUE, name varchar(100) NOT NULL);
            CREATE TABLE rf_projects (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
                name varchar(100) NOT NULL, UNIQUE (account_id, name),
                lead_id bigint NULL REFERENCES users ON DELETE SET NULL,
                status varchar(10) NOT NULL DEFAULT 'planned',
                budget numeric(12,2) NULL);
            CREATE TABLE rf_tasks (
                id bigserial PRIMARY KEY,
                project_id uuid NOT NULL REFERENCES rf_projects ON DELETE CASCADE,
                title varchar(200) NOT NULL,
                assignee_id bigint NULL REFERENCES users ON DELETE SET NULL,
                due date NULL);
            CREATE TABLE rf_task_tags (
                id bigserial PRIMARY KEY,
                task_id bigint NOT NULL REFERENCES rf_tasks ON DELETE CASCADE,
                tag_id bigint NOT NULL REFERENCES tags ON DELETE CASCADE, UNIQUE (task_id, tag_id));
            """
    }

    /// Users ada 1, alan 2; accounts Acme 1, Globex 2; projects Apollo (Acme, lead ada, active,
    /// 1250) and Borealis (Globex, no lead, planned, 99.5); tags backend 1, urgent 2; tasks
    /// Launch (Apollo, ada, due 2026-05-01, backend and urgent), Land (Apollo, urgent) and
    /// Orbit (Borealis, alan, due 2026-06-01).
    static func seed(_ connection: Connection) throws {
        _ = try seedUsers(connection)
        try connection.executeScript(
            """
            INSERT INTO accounts (name, owner_id) VALUES ('Acme', 1), ('Globex', 2);
            INSERT INTO rf_projects (id, account_id, name, lead_id, status, budget) VALUES
                ('\(apollo)', 1, 'Apollo', 1, 'active', 1250),
                ('\(borealis)', 2, 'Borealis', NULL, 'planned', 99.5);
            INSERT INTO tags (slug, name) VALUES ('backend', 'Backend'), ('urgent', 'Urgent');
            INSERT INTO rf_tasks (project_id, title, assignee_id, due) VALUES
                ('\(apollo)', 'Launch', 1, '2026-05-01'), ('\(apollo)', 'Land', NULL, NULL),
                ('\(borealis)', 'Orbit', 2, '2026-06-01');
            INSERT INTO rf_task_tags (task_id, tag_id) VALUES (1, 1), (1, 2), (2, 2);
            """)
    }

    static func client(_ connection: Connection) throws -> APIClient {
        var router = DefaultRouter()
        try router.register("projects", RelatedFilterProjectViewSet.self)
        try router.register("tasks", RelatedFilterTaskViewSet.self)
        var settings = APISettings()
        settings.permissionClasses = [AllowAny()]
        return APIClient(Application(urls: try URLConf([.include("api/", router)]), settings: settings), database: connection)
    }
}

final class RelatedFilterProjectSerializer: ModelSerializer<RelatedFilterProject> {
    override class var fields: [any SerializerField] { [CharField("name", readOnly: true)] }
}

final class RelatedFilterProjectViewSet: ReadOnlyModelViewSet<QuerySet<RelatedFilterProject>>, FilterableView, SearchableView,
    OrderableView
{
    override class var queryset: QuerySet<RelatedFilterProject>? { RelatedFilterProject.objects.orderBy("name") }
    override class var serializerClass: Serializer.Type? { RelatedFilterProjectSerializer.self }
    override class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend(), SearchFilter(), OrderingFilter()] }

    var filtersetFields: FiltersetFields {
        ["status": ["exact", "in"], "account": ["exact"], "lead__username": ["exact"], "lead": ["isnull"]]
    }
    var searchFields: [String] { ["name", "account__name"] }
    var orderingFields: [String]? { ["name", "account__name"] }
    var ordering: [String]? { nil }
}

final class RelatedFilterTaskSerializer: ModelSerializer<RelatedFilterTask> {
    override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true)] }
}

final class RelatedFilterTaskViewSet: ReadOnlyModelViewSet<QuerySet<RelatedFilterTask>>, FilterableView, SearchableView,
    OrderableView
{
    override class var queryset: QuerySet<RelatedFilterTask>? { RelatedFilterTask.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { RelatedFilterTaskSerializer.self }
    override class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend(), SearchFilter(), OrderingFilter()] }

    /// /tmp/dfcheck2's `filterset_fields`.
    var filtersetFields: FiltersetFields {
        [
            "project": ["exact", "in", "isnull"], "project__account": ["exact", "in"], "assignee": ["exact", "isnull"],
            "assignee__username": ["exact", "in", "isnull"], "tags__slug": ["exact", "in"],
            "due": ["isnull", "gte", "lte", "range"], "project__budget": ["gte", "lte", "range", "isnull"],
            "project__status": ["exact", "in"], "project__lead": ["isnull", "exact"],
        ]
    }
    var searchFields: [String] { ["title", "project__name", "tags__slug"] }
    var orderingFields: [String]? { ["project__name", "id", "title"] }
    var ordering: [String]? { nil }
}

/// A target whose primary key is not `id`: a foreign key filter looks its row up by `code`.
struct RelatedFilterTeam: Model, Identifiable {
    var code: String
    var name: String
    var id: String { code }

    static let tableName = "rf_teams"
    static let primaryKey: PrimaryKey = "code"
    static let columns: [Column<RelatedFilterTeam>] = [Column("code", \.code), Column("name", \.name)]

    init(row: ModelRow) throws { code = try row["code"]; name = try row["name"] }
}

struct RelatedFilterMember: Model, Identifiable {
    var id: Int64
    var team: ForeignKey<RelatedFilterTeam>

    static let tableName = "rf_members"
    static let columns: [Column<RelatedFilterMember>] = [Column("id", \.id), Column("team_code", \.team)]
    static let relations: [Relation<RelatedFilterMember>] = [.foreignKey("team", \.team, column: "team_code")]

    init(row: ModelRow) throws { id = try row["id"]; team = try row["team_code"] }

    static let schema = """
        CREATE TABLE rf_teams (code text PRIMARY KEY, name text NOT NULL);
        CREATE TABLE rf_members (id bigserial PRIMARY KEY, team_code text NOT NULL REFERENCES rf_teams);
        INSERT INTO rf_teams VALUES ('core', 'Core'), ('web', 'Web');
        INSERT INTO rf_members (team_code) VALUES ('web'), ('core'), ('web');
        """
}
