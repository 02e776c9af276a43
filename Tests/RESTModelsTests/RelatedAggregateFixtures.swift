import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport

// The part-2 spec's projects, tasks and tags (uuid project keys, a numeric(12,2) budget, an
// interval estimate, Django's task_tags), with annotation slots for aggregates named by
// Django paths across their relations (`Count("tasks")`).

struct PathProject: Model, Identifiable {
    var id: UUID
    var name: String
    var status: String
    var budget: DecimalNumber?
    var tasks: RelatedSet<PathTask>
    var taskCount: Int64
    var openTaskCount: Int64
    var tagCount: Int64
    var estimateTotal: CalendarDuration?

    static let tableName = "projects"
    static let ordering = [OrderTerm("name"), OrderTerm("id")]
    static let columns: [Column<PathProject>] = [
        Column("id", \.id), Column("name", \.name), Column("status", \.status), Column("budget", \.budget),
        .annotated("task_count", \.taskCount), .annotated("open_task_count", \.openTaskCount),
        .annotated("tag_count", \.tagCount), .annotated("estimate_total", \.estimateTotal),
    ]
    static let relations: [Relation<PathProject>] = [.reverse("tasks", \.tasks, column: "project_id")]

    init(row: ModelRow) throws {
        id = try row["id"]; name = try row["name"]; status = try row["status"]; budget = try row["budget"]
        tasks = .notLoaded
        taskCount = try row["task_count"]; openTaskCount = try row["open_task_count"]; tagCount = try row["tag_count"]
        estimateTotal = try row["estimate_total"]
    }
}

struct PathTask: Model, Identifiable {
    var id: Int64
    var project: ForeignKey<PathProject>
    var title: String
    var done: Bool
    var estimate: CalendarDuration?
    var tags: RelatedSet<PathTag>
    var tagCount: Int64
    var projectBudget: DecimalNumber?

    static let tableName = "tasks"
    static let columns: [Column<PathTask>] = [
        Column("id", \.id), Column("project_id", \.project), Column("title", \.title), Column("done", \.done),
        Column("estimate", \.estimate), .annotated("tag_count", \.tagCount), .annotated("project_budget", \.projectBudget),
    ]
    static let relations: [Relation<PathTask>] = [
        .foreignKey("project", \.project),
        .manyToMany("tags", \.tags, through: "task_tags", source: "task_id", target: "tag_id"),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; project = try row["project_id"]; title = try row["title"]; done = try row["done"]
        estimate = try row["estimate"]; tags = .notLoaded
        tagCount = try row["tag_count"]; projectBudget = try row["project_budget"]
    }
}

struct PathTag: Model, Identifiable {
    var id: Int64
    var slug: String

    static let tableName = "tags"
    static let columns: [Column<PathTag>] = [Column("id", \.id), Column("slug", \.slug)]

    init(row: ModelRow) throws { id = try row["id"]; slug = try row["slug"] }
}

enum PathData {
    static let schema = """
        CREATE TABLE projects (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name varchar(100) NOT NULL UNIQUE,
                               status varchar(10) NOT NULL DEFAULT 'planned', budget numeric(12,2) NULL);
        CREATE TABLE tasks (id bigserial PRIMARY KEY, project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
                            title varchar(200) NOT NULL, done boolean NOT NULL DEFAULT false, estimate interval NULL);
        CREATE TABLE tags (id bigserial PRIMARY KEY, slug varchar(50) NOT NULL UNIQUE);
        CREATE TABLE task_tags (id bigserial PRIMARY KEY, task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
                                tag_id bigint NOT NULL REFERENCES tags ON DELETE CASCADE, UNIQUE (task_id, tag_id));
        """

    /// Apollo (active, 1250.00): launch (open, 1:30, urgent backend), review (done, backend),
    /// report (open, 2 days 4:00); Borealis (planned, no budget): plan (open, 0:15, frontend);
    /// Cassini (active, 4000.00): fly (done, 1:00, all three tags), land (done, 0:45);
    /// Dawn (done, 99.99): none; Europa (planned, 0.00): dive (open, urgent). In name order.
    static func seed(_ connection: Connection) throws -> [PathProject] {
        let projects = try [
            ("Apollo", "active", "1250.00"), ("Borealis", "planned", nil), ("Cassini", "active", "4000.00"),
            ("Dawn", "done", "99.99"), ("Europa", "planned", "0.00"),
        ].map { name, status, budget in
            try PathProject.objects(on: connection).insert([
                "name": .string(name), "status": .string(status), "budget": decimal(budget),
            ])
        }
        let tags = try ["urgent", "backend", "frontend"].map { try PathTag.objects(on: connection).insert(["slug": .string($0)]) }
        let tasks: [(Int, String, Bool, String?, [Int])] = [
            (0, "launch", false, "01:30:00", [0, 1]), (0, "review", true, nil, [1]), (0, "report", false, "2 days 04:00:00", []),
            (1, "plan", false, "00:15:00", [2]),
            (2, "fly", true, "01:00:00", [0, 1, 2]), (2, "land", true, "00:45:00", []),
            (4, "dive", false, nil, [0]),
        ]
        for (project, title, done, estimate, tagged) in tasks {
            let task = try PathTask.objects(on: connection).insert([
                "project": .uuid(projects[project].id), "title": .string(title), "done": .bool(done),
                "estimate": duration(estimate),
            ])
            for tag in tagged {
                _ = try connection.execute("INSERT INTO task_tags (task_id, tag_id) VALUES ($1, $2)", task.id, tags[tag].id)
            }
        }
        return projects
    }
}

func withPathData<T>(_ body: (Connection, [PathProject]) throws -> T) throws -> T {
    try withModelsDatabase(schema: PathData.schema) { connection, _ in try body(connection, try PathData.seed(connection)) }
}

/// `.decimal` of a literal the test writes (nil: NULL).
func decimal(_ text: String?) -> FieldValue {
    guard let text, let number = DecimalNumber(text) else { return .null }
    return .decimal(number)
}

/// `.duration` of a literal the test writes, as PostgreSQL reads it (nil: NULL).
func duration(_ text: String?) -> FieldValue {
    guard let text, let value = CalendarDuration(text) else { return .null }
    return .duration(value)
}
