import Foundation
import ReferenceAPI
import PostgreSQL
import RESTFramework
import RESTModels

// The part-2 spec's tags, projects and tasks (shared/spec/reference-api-2.md, "Schema"), trimmed
// to what the benchmark's tasks list reads. A benchmark fixture on relations.sql's tables: the
// part-2 reference API (issue 14) will declare its own.

// Foreign keys name their target by its `id`; the reference models have Int64 ids.
extension User: Identifiable {}
extension Account: Identifiable {}

struct Tag: Model, Identifiable {
    var id: Int64
    var slug: String
    var name: String

    static let tableName = "tags"
    static let ordering = [OrderTerm("slug")]
    static let columns: [Column<Tag>] = [Column("id", \.id), Column("slug", \.slug), Column("name", \.name)]

    init(row: ModelRow) throws { id = try row["id"]; slug = try row["slug"]; name = try row["name"] }
}

struct Project: Model, Identifiable {
    var id: UUID
    var account: ForeignKey<Account>
    var name: String

    static let tableName = "projects"
    static let columns: [Column<Project>] = [Column("id", \.id), Column("account_id", \.account), Column("name", \.name)]
    static let relations: [Relation<Project>] = [.foreignKey("account", \.account)]

    init(row: ModelRow) throws { id = try row["id"]; account = try row["account_id"]; name = try row["name"] }
}

/// The spec's `tasks` (not `Task`, which is Swift's).
struct ProjectTask: Model, Identifiable {
    var id: Int64
    var project: ForeignKey<Project>
    var title: String
    var assignee: ForeignKey<User>?
    var priority: Int16
    var done: Bool
    var created: DateTime
    var tags: RelatedSet<Tag>

    static let tableName = "tasks"
    static let modelName = "Task"
    static let columns: [Column<ProjectTask>] = [
        Column("id", \.id), Column("project_id", \.project), Column("title", \.title),
        Column("assignee_id", \.assignee), Column("priority", \.priority), Column("done", \.done),
        Column("created", \.created),
    ]
    static let relations: [Relation<ProjectTask>] = [
        .foreignKey("project", \.project), .foreignKey("assignee", \.assignee),
        .manyToMany("tags", \.tags, through: "task_tags", source: "task_id", target: "tag_id"),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; project = try row["project_id"]; title = try row["title"]
        assignee = try row["assignee_id"]; priority = try row["priority"]; done = try row["done"]
        created = try row["created"]
        tags = .notLoaded
    }
}
