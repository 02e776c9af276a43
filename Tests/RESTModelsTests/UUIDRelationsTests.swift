import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// The spec's projects have uuid keys: a foreign key to them takes its column type from the
/// target's `id`, and joins, prefetches and lookups bind uuids.
struct UUIDProject: Model, Identifiable {
    var id: UUID
    var name: String
    var tasks: RelatedSet<UUIDTask>

    static let tableName = "uprojects"
    static let columns: [Column<UUIDProject>] = [Column("id", \.id), Column("name", \.name)]
    static let relations: [Relation<UUIDProject>] = [.reverse("tasks", \.tasks, column: "project_id")]

    init(row: ModelRow) throws { id = try row["id"]; name = try row["name"]; tasks = .notLoaded }
}

struct UUIDTask: Model, Identifiable {
    var id: Int64
    var project: ForeignKey<UUIDProject>
    var title: String

    static let tableName = "utasks"
    static let columns: [Column<UUIDTask>] = [Column("id", \.id), Column("project_id", \.project), Column("title", \.title)]
    static let relations: [Relation<UUIDTask>] = [.foreignKey("project", \.project)]

    init(row: ModelRow) throws { id = try row["id"]; project = try row["project_id"]; title = try row["title"] }
}

@Suite(.needsTestsRun) struct UUIDRelationsTests {
    static let schema = """
        CREATE TABLE uprojects (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL);
        CREATE TABLE utasks (id bigserial PRIMARY KEY, project_id uuid NOT NULL REFERENCES uprojects ON DELETE CASCADE, title text NOT NULL);
        """

    @Test func uuidKeysJoinPrefetchAndFilter() throws {
        try withModelsDatabase(schema: Self.schema) { connection, _ in
            #expect(ForeignKey<UUIDProject>.columnType == .uuid)
            let projects = try ["Apollo", "Borealis"].map { try UUIDProject.objects(on: connection).insert(["name": .string($0)]) }
            for (number, project) in [projects[0], projects[0], projects[1]].enumerated() {
                _ = try UUIDTask.objects(on: connection).insert(["project": .uuid(project.id), "title": .string("task \(number)")])
            }
            let tasks = try UUIDTask.objects(on: connection).selectRelated("project").orderBy("id").all()
            #expect(tasks.map { $0.project.instance?.name } == ["Apollo", "Apollo", "Borealis"])
            #expect(tasks[2].project.id == projects[1].id)
            let (loaded, statements) = try QueryCapture.capture {
                try UUIDProject.objects(on: connection).prefetchRelated("tasks").orderBy("name").all()
            }
            #expect(statements.count == 2 && statements[1].contains("= ANY($1"))
            #expect(loaded.map { $0.tasks.all?.map(\.title) ?? [] } == [["task 0", "task 1"], ["task 2"]])
            #expect(try UUIDTask.objects(on: connection).filter(.field("project__name", .exact("Borealis"))).count() == 1)
            #expect(try UUIDTask.objects(on: connection).filter(.field("project", .exact(.string(projects[0].id.uuidString)))).count() == 2)
            #expect(try UUIDTask.objects(on: connection).get(pk: 3).project.fetch(on: connection).name == "Borealis")
        }
    }
}
