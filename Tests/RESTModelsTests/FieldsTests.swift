import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// The test's stand-in for a many-to-many's rows (the relations' `ManyToMany` is the real one):
/// a stored property that is not a column.
struct TagIDs: NonColumnValue, Equatable {
    var ids: [Int64]?
    static var notLoaded: TagIDs { TagIDs(ids: nil) }
}

/// A model shaped like the part-2 spec's `tasks` (the types RESTModels has today), declared
/// once with `Fields`: columns, a foreign key, an annotation and a property that is not a column.
struct PlannedTask: Model {
    var id: Int64
    var projectID: Int64
    var title: String
    var assigneeID: Int64?
    var priority: Int
    var done: Bool
    var tags: TagIDs
    var assignee: String?
    var created: DateTime

    static let tableName = "tasks"
    static let fields = Fields(
        PlannedTask.init,
        Field("id", \.id), Field("project_id", \.projectID, references: "projects"), Field("title", \.title),
        Field("assignee_id", \.assigneeID, references: "users"), Field("priority", \.priority), Field("done", \.done),
        Field(\.tags),
        .annotation("assignee", \.assignee, sql: "SELECT username FROM users WHERE users.id = tasks.assignee_id"),
        Field("created", \.created))

    static let schema =
        ReferenceSchema.sql + """
            ;
            CREATE TABLE projects (id bigserial PRIMARY KEY, name varchar(100) NOT NULL);
            CREATE TABLE tasks (id bigserial PRIMARY KEY,
                                project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
                                title varchar(200) NOT NULL,
                                assignee_id bigint NULL REFERENCES users ON DELETE SET NULL,
                                priority smallint NOT NULL DEFAULT 2, done boolean NOT NULL DEFAULT false,
                                created timestamptz NOT NULL DEFAULT now());
            INSERT INTO projects (name) VALUES ('Launch');
            """
}

/// `Fields`: the columns and `init(row:)` a model takes from one declaration.
@Suite struct FieldsDeclarationTests {
    @Test func columnsAreTheColumnFieldsInOrder() {
        let columns = PlannedTask.columns
        #expect(columns.map(\.name) == ["id", "project_id", "title", "assignee_id", "priority", "done", "assignee", "created"])
        #expect(columns.map(\.isWritable) == [true, true, true, true, true, true, false, true])
        #expect(columns.map(\.isNullable) == [false, false, false, true, false, false, true, false])
        #expect(columns[1].references == "projects" && columns[1].type == .int)
        #expect(columns[6].expression == "SELECT username FROM users WHERE users.id = tasks.assignee_id")
    }

    /// What `Column`'s forms carry comes through `Field` too: an enum's choices and a
    /// per-query annotation slot (the AllTypes and Annotate suites use them on PostgreSQL).
    @Test func choicesAndPerQueryAnnotationsComeThrough() {
        enum Level: String, ColumnEnum { case low, high }
        struct Gauge: Model {
            var id: Int64
            var level: Level
            var readings: Int64
            static let tableName = "gauges"
            static let fields = Fields(Gauge.init, Field("id", \.id), Field("level", \.level), .annotated("readings", \.readings))
        }
        let columns = Gauge.columns
        #expect(columns[1].choices == [Choice(value: "low", displayName: "Low"), Choice(value: "high", displayName: "High")])
        #expect(columns[2].isPerQueryAnnotation && !columns[2].isWritable && columns[2].expression == "0::int8")
        #expect(!columns[1].isPerQueryAnnotation && columns[0].choices == nil)
    }

    @Test func theDeclarationKeepsEachKeyPath() {
        let declared = PlannedTask.fields.declared
        #expect(declared.map(\.name) == ["id", "project_id", "title", "assignee_id", "priority", "done", nil, "assignee", "created"])
        #expect(declared[6].propertyName == "tags" && declared[6].valueType == "TagIDs")
        // Relations fill a non-column property through its key path, downcast to writable.
        var task = PlannedTask(
            id: 1, projectID: 1, title: "t", assigneeID: nil, priority: 2, done: false, tags: .notLoaded, assignee: nil,
            created: DateTime(microsecondsSinceEpoch: 0))
        let tags = try? #require(declared[6].keyPath as? WritableKeyPath<PlannedTask, TagIDs>)
        if let tags { task[keyPath: tags] = TagIDs(ids: [3]) }
        #expect(task.tags == TagIDs(ids: [3]))
        #expect(task.fieldValue("project_id") == .int(1) && task.fieldValue("tags") == nil)
    }
}

@Suite(.needsTestsRun) struct FieldsDecodingTests {
    @Test func aQuerySetDecodesByPositionWithoutSelectingNonColumns() throws {
        try withModelsDatabase(schema: PlannedTask.schema) { connection, _ in
            _ = try connection.execute("INSERT INTO users (username) VALUES ('ada')")
            let tasks = PlannedTask.objects(on: connection)
            let made = try tasks.insert(["project_id": 1, "title": "Write the spec", "assignee_id": 1, "priority": 1])
            #expect(made.id == 1 && made.assignee == "ada" && made.tags == .notLoaded && made.priority == 1 && !made.done)
            _ = try tasks.insert(["project_id": 1, "title": "Review"])
            let (all, statements) = try QueryCapture.capture { try tasks.orderBy("id").all() }
            #expect(all.map(\.title) == ["Write the spec", "Review"])
            #expect(all.map(\.assignee) == ["ada", nil] && all.map(\.assigneeID) == [1, nil])
            #expect(all.allSatisfy { $0.tags == .notLoaded })
            #expect(statements.count == 1 && !statements[0].contains("tags"))
        }
    }

    /// A row in another order than the select list (raw SQL): each column is found by name.
    @Test func aRowInAnotherOrderDecodesByName() throws {
        try withModelsDatabase(schema: PlannedTask.schema) { connection, _ in
            _ = try connection.execute("INSERT INTO tasks (project_id, title, priority) VALUES (1, 'By name', 3)")
            let result = try connection.query(
                "SELECT created, done, priority, 'nobody' AS assignee, assignee_id, title, project_id, id FROM tasks")
            let task = try PlannedTask(row: ModelRow(result[0]))
            #expect(task.id == 1 && task.title == "By name" && task.priority == 3 && task.assignee == "nobody")
            #expect(task.assigneeID == nil && task.tags == .notLoaded)
            let missing = try connection.query("SELECT id, title FROM tasks")
            #expect(throws: PostgresError.self) { try PlannedTask(row: ModelRow(missing[0])) }
        }
    }
}
