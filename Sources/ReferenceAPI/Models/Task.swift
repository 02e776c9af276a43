import PostgreSQL
import RESTFramework
import RESTModels

/// The `tasks` table (shared/spec/reference-api-2.md): a project's task, with an optional
/// assignee, a priority with choices, a due date, an estimate and tags, many-to-many through
/// `task_tags` (the table Django makes for `ManyToManyField(Tag)`).
///
/// The name is the spec's model name (`No Task matches the given query.`). It shadows Swift's
/// concurrency `Task` for code that imports ReferenceAPI; write `_Concurrency.Task` there.
///
///     let page = try Task.objects(on: connection)
///         .filter(.field("tags__slug", .exact("urgent")))
///         .selectRelated("project", "project__account", "assignee")
///         .prefetchRelated("tags")
///         .orderBy("id")
///         .all()
public struct Task: Model, Identifiable {
    public var id: Int64
    public var project: ForeignKey<Project>
    public var title: String
    public var assignee: ForeignKey<User>?
    public var priority: TaskPriority
    public var done: Bool
    public var due: CalendarDate?
    public var estimate: CalendarDuration?
    public var created: DateTime
    public var tags: RelatedSet<Tag>

    public static let tableName = "tasks"
    public static let fields = Fields(
        Task.init,
        // The options are Django's model field's (DRF's ModelSerializer reads them): the
        // defaults are the table's, `created` is `auto_now_add`.
        Field("id", \.id), Field("project_id", \.project), Field("title", \.title, .maxLength(200)),
        Field("assignee_id", \.assignee), Field("priority", \.priority, .hasDefault), Field("done", \.done, .hasDefault),
        Field("due", \.due), Field("estimate", \.estimate), Field("created", \.created, .hasDefault, .editable(false)),
        Field(\.tags))
    public static let relations: [Relation<Task>] = [
        .foreignKey("project", \.project), .foreignKey("assignee", \.assignee),
        .manyToMany("tags", \.tags, through: "task_tags", source: "task_id", target: "tag_id"),
    ]
}

/// `tasks.priority` (Django's `IntegerChoices`): 1 high, 2 normal (the default), 3 low, with
/// the spec's lower-case labels.
public enum TaskPriority: Int16, ColumnEnum, Sendable {
    case high = 1, normal = 2, low = 3

    public var displayName: String {
        switch self {
        case .high: "high"
        case .normal: "normal"
        case .low: "low"
        }
    }
}
