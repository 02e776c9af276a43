import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// A relation naming a key column its model does not declare.
struct MisnamedKeyTask: Model, Identifiable {
    var id: Int64
    var project: ForeignKey<PathProject>
    var title: String

    static let tableName = "tasks"
    static let columns: [Column<MisnamedKeyTask>] = [Column("id", \.id), Column("project_id", \.project), Column("title", \.title)]
    static let relations: [Relation<MisnamedKeyTask>] = [.foreignKey("project", \.project, column: "proj_id")]

    init(row: ModelRow) throws { id = try row["id"]; project = try row["project_id"]; title = try row["title"] }
}

/// `ModelCheck` over relations: key columns, target and join tables, key types.
@Suite(.needsTestsRun) struct ModelCheckRelationsTests {
    static let models: [any Model.Type] = [PathProject.self, PathTask.self, PathTag.self]

    static func differences(_ models: [any Model.Type] = models, after change: String = "") throws -> [String] {
        try withModelsDatabase(schema: PathData.schema + ";" + change) { connection, _ in
            try ModelCheck.differences(of: models, on: connection).map(\.description)
        }
    }

    @Test func matchingRelationsHaveNoDifferences() throws {
        #expect(try Self.differences() == [])
        let related: [any Model.Type] = [Project.self, ProjectTask.self, Tag.self, Profile.self, Member.self, User.self, Account.self]
        let found = try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            try ModelCheck.differences(of: related, on: connection).map(\.description)
        }
        #expect(found == [])
    }

    @Test func aMissingJoinTableOrJoinColumn() throws {
        #expect(
            try Self.differences(after: "DROP TABLE task_tags") == [
                #"PathTask.tags: the many-to-many 'tags' to PathTag: join table "task_tags" does not exist"#
            ])
        #expect(
            try Self.differences(after: "ALTER TABLE task_tags RENAME COLUMN tag_id TO tagid") == [
                #"PathTask.tags: the many-to-many 'tags' to PathTag: column "tag_id" of join table "task_tags" does not exist"#
            ])
    }

    @Test func aMissingTargetTable() throws {
        #expect(
            try Self.differences([PathTask.self], after: "DROP TABLE tags CASCADE") == [
                #"PathTask.tags: the many-to-many 'tags' to PathTag: table "tags" of PathTag does not exist"#
            ])
    }

    @Test func keysOfAnotherTypeThanTheKeyTheyHold() throws {
        #expect(
            try Self.differences(after: "ALTER TABLE task_tags DROP CONSTRAINT task_tags_tag_id_fkey, ALTER COLUMN tag_id TYPE text")
                == [
                    #"PathTask.tags: the many-to-many 'tags' to PathTag: column "tag_id" of "task_tags" is text; the key it holds, "id" of "tags", is bigint"#
                ])
        let change = "ALTER TABLE tasks DROP COLUMN project_id; ALTER TABLE tasks ADD COLUMN project_id bigint NOT NULL"
        let found = try Self.differences(after: change)
        #expect(
            found == [
                #"PathProject.tasks: the reverse relation 'tasks' to PathTask: column "project_id" of "tasks" is bigint; the key it holds, "id" of "projects", is uuid"#,
                // The key column's own check says it; the relation adds nothing.
                #"PathTask.project_id: column "project_id" of "tasks" is bigint; the model reads .uuid, which needs uuid"#,
            ])
    }

    @Test func aKeyColumnTheModelDoesNotDeclare() throws {
        #expect(
            try Self.differences([MisnamedKeyTask.self]) == [
                #"MisnamedKeyTask.project: the foreign key 'project' to PathProject: the column "proj_id" is not declared in MisnamedKeyTask's columns"#
            ])
    }
}
