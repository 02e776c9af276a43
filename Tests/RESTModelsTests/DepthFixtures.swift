import PostgreSQL
import RESTFramework
import RESTModels

// Models shaped like the Django models DRF 3.18.3 (Django 5.2) was asked about for `depth` and
// `HyperlinkedModelSerializer` (their twins are written out in ModelSerializerDepthTests): an
// account, a user, a project of an account with an optional lead, a tag, a task of a project
// with tags (many-to-many). Only their declarations are read: no table.

struct DepthAccount: Model, Identifiable {
    var id: Int64
    var name: String
    static let modelName = "Account"
    static let tableName = "depth_accounts"
    static let fields = Fields(DepthAccount.init, Field("id", \.id), Field("name", \.name, .maxLength(100)))
}

struct DepthUser: Model, Identifiable {
    var id: Int64
    var username: String
    static let modelName = "User"
    static let tableName = "depth_users"
    static let fields = Fields(DepthUser.init, Field("id", \.id), Field("username", \.username, .maxLength(150)))
}

struct DepthProject: Model, Identifiable {
    var id: Int64
    var account: ForeignKey<DepthAccount>
    var name: String
    var lead: ForeignKey<DepthUser>?
    static let modelName = "Project"
    static let tableName = "depth_projects"
    static let fields = Fields(
        DepthProject.init, Field("id", \.id), Field("account_id", \.account), Field("name", \.name, .maxLength(100)),
        Field("lead_id", \.lead))
    static let relations: [Relation<DepthProject>] = [.foreignKey("account", \.account), .foreignKey("lead", \.lead)]
}

struct DepthTag: Model, Identifiable {
    var id: Int64
    var slug: String
    static let modelName = "Tag"
    static let tableName = "depth_tags"
    static let fields = Fields(DepthTag.init, Field("id", \.id), Field("slug", \.slug, .maxLength(50), .unique))
}

struct DepthTask: Model, Identifiable {
    var id: Int64
    var project: ForeignKey<DepthProject>
    var title: String
    var tags: RelatedSet<DepthTag>
    static let modelName = "Task"
    static let tableName = "depth_tasks"
    static let fields = Fields(
        DepthTask.init, Field("id", \.id), Field("project_id", \.project), Field("title", \.title, .maxLength(200)),
        Field(\.tags))
    static let relations: [Relation<DepthTask>] = [
        .foreignKey("project", \.project),
        .manyToMany("tags", \.tags, through: "depth_task_tags", source: "task_id", target: "tag_id"),
    ]
}

/// DRF: `fields = ["id", "project", "title", "tags"]; depth = 2`.
final class TaskDepth2: ModelSerializer<DepthTask> {
    override class var modelFields: ModelFieldSelection? { ["id", "project", "title", "tags"] }
    override class var depth: Int { 2 }
}

/// DRF: `fields = "__all__"; depth = 1`.
final class ProjectDepth1: ModelSerializer<DepthProject> {
    override class var modelFields: ModelFieldSelection? { .all }
    override class var depth: Int { 1 }
}

/// DRF's `HyperlinkedModelSerializer` with `fields = "__all__"`.
final class ProjectLinks: HyperlinkedModelSerializer<DepthProject> {
    override class var modelFields: ModelFieldSelection? { .all }
}

/// The same with `depth = 1`.
final class ProjectLinksDepth1: HyperlinkedModelSerializer<DepthProject> {
    override class var modelFields: ModelFieldSelection? { .all }
    override class var depth: Int { 1 }
}

/// Beyond DRF's bounds of `depth`.
final class ProjectDepth11: ModelSerializer<DepthProject> {
    override class var modelFields: ModelFieldSelection? { .all }
    override class var depth: Int { 11 }
}

final class ProjectDepthNegative: ModelSerializer<DepthProject> {
    override class var modelFields: ModelFieldSelection? { .all }
    override class var depth: Int { -1 }
}
