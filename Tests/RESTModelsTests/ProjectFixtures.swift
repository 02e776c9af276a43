import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport

// Projects and their tasks, shaped like the part-2 spec's (bigint keys and a double budget
// until the uuid and numeric column types reach models), with per-query annotation slots.

struct AnnotatedProject: Model {
    var id: Int64
    var name: String
    var status: String
    var budget: Double?
    /// All its tasks (`annotate`); 0 when the query does not annotate it.
    var taskCount: Int64
    var openTaskCount: Int64
    /// The highest priority (smallest number) among its open tasks; nil without any.
    var topPriority: Int64?

    static let tableName = "projects"
    static let ordering = [OrderTerm("name"), OrderTerm("id")]
    static let columns: [Column<AnnotatedProject>] = [
        Column("id", \.id), Column("name", \.name), Column("status", \.status), Column("budget", \.budget),
        .annotated("task_count", \.taskCount), .annotated("open_task_count", \.openTaskCount),
        .annotated("top_priority", \.topPriority),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; name = try row["name"]; status = try row["status"]; budget = try row["budget"]
        taskCount = try row["task_count"]; openTaskCount = try row["open_task_count"]; topPriority = try row["top_priority"]
    }

    static let schema = """
        CREATE TABLE projects (id bigserial PRIMARY KEY, name varchar(100) NOT NULL UNIQUE,
                               status varchar(10) NOT NULL DEFAULT 'planned', budget double precision NULL);
        CREATE TABLE tasks (id bigserial PRIMARY KEY, project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
                            title varchar(200) NOT NULL, priority smallint NOT NULL DEFAULT 2,
                            done boolean NOT NULL DEFAULT false, minutes bigint NULL);
        """

    static let openTasks: RESTFramework.Predicate = .field("done", .exact(false))

    /// The projects with their three annotations, as a view's `queryset` would declare them.
    static var annotated: QuerySet<AnnotatedProject> {
        AnnotatedProject.objects.annotate([
            "task_count": Count("id", from: AnnotatedTask.objects, on: "project_id"),
            "open_task_count": Count("id", from: AnnotatedTask.objects, on: "project_id", filter: openTasks),
            "top_priority": Min("priority", from: AnnotatedTask.objects.filter(openTasks), on: "project_id"),
        ])
    }
}

struct AnnotatedTask: Model {
    var id: Int64
    var projectID: Int64
    var title: String
    var priority: Int64
    var done: Bool
    var minutes: Int64?

    static let tableName = "tasks"
    static let columns: [Column<AnnotatedTask>] = [
        Column("id", \.id), Column("project_id", \.projectID, references: "projects"), Column("title", \.title),
        Column("priority", \.priority), Column("done", \.done), Column("minutes", \.minutes),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; projectID = try row["project_id"]; title = try row["title"]; priority = try row["priority"]
        done = try row["done"]; minutes = try row["minutes"]
    }
}

/// Five projects (Dawn without tasks) and seven tasks, stored; the stored rows as read back.
struct ProjectData {
    let projects: [AnnotatedProject]
    let tasks: [AnnotatedTask]

    static func seed(_ connection: Connection) throws -> ProjectData {
        let projectRows: [[String: FieldValue]] = [
            ["name": "Apollo", "status": "active", "budget": .double(1250)],
            ["name": "Borealis", "status": "planned"],
            ["name": "Cassini", "status": "active", "budget": .double(4000)],
            ["name": "Dawn", "status": "done"],
            ["name": "Europa", "status": "planned", "budget": .double(0)],
        ]
        let projects = try projectRows.map { try AnnotatedProject.objects(on: connection).insert($0) }
        let taskRows: [(Int, String, Int64, Bool, Int64?)] = [
            (0, "launch", 1, false, 30), (0, "review", 2, true, nil), (0, "report", 3, false, 90),
            (1, "plan", 2, false, 15),
            (2, "fly", 1, true, 60), (2, "land", 1, true, 45),
            (4, "dive", 3, false, nil),
        ]
        let tasks = try taskRows.map { project, title, priority, done, minutes in
            try AnnotatedTask.objects(on: connection).insert([
                "project_id": .int(projects[project].id), "title": .string(title), "priority": .int(priority),
                "done": .bool(done), "minutes": minutes.map(FieldValue.int) ?? .null,
            ])
        }
        return ProjectData(projects: projects, tasks: tasks)
    }

    /// Each project as named values with the annotations computed in memory: the expectation.
    func annotatedInMemory() throws -> [NamedValues] {
        try projects.map { project in
            let own = InMemoryQuerySet(tasks).filter(.field("project_id", .exact(.int(project.id))))
            let totals = try own.aggregate([
                "task_count": Count("id"),
                "open_task_count": Count("id", filter: AnnotatedProject.openTasks),
                "top_priority": Min("priority", filter: AnnotatedProject.openTasks),
            ])
            let columns = ["id", "name", "status", "budget"].map { ($0, project.fieldValue($0)!) }
            return NamedValues(columns + totals.pairs.map { ($0.name, $0.value) })
        }
    }
}

func withProjects<T>(_ body: (Connection, ProjectData) throws -> T) throws -> T {
    try withModelsDatabase(schema: AnnotatedProject.schema) { connection, _ in
        try body(connection, try ProjectData.seed(connection))
    }
}
