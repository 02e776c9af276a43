import Foundation
import PostgreSQL
import RESTFramework
import RESTModels

/// The `projects` table (shared/spec/reference-api-2.md): an account's project, keyed by a UUID,
/// with an optional lead, a status with choices, a budget, dates, free-form settings and its
/// tasks (the reverse of `Task.project`). `taskCount` and `openTaskCount` are what the projects
/// viewset's queryset annotates (`Count("tasks")`, and those not done); 0 where it does not.
///
///     let projects = try Project.objects(on: connection)
///         .annotate(["task_count": Count("tasks")])
///         .selectRelated("account", "lead")
///         .orderBy("name", "id")
///         .all()
public struct Project: Model, Identifiable {
    public var id: UUID
    public var account: ForeignKey<Account>
    public var name: String
    public var lead: ForeignKey<User>?
    public var status: ProjectStatus
    public var budget: DecimalNumber?
    public var starts: CalendarDate?
    public var ends: CalendarDate?
    public var settings: JSON
    public var created: DateTime
    public var updated: DateTime
    public var tasks: RelatedSet<Task>
    public var taskCount: Int64
    public var openTaskCount: Int64

    public static let tableName = "projects"
    public static let fields = Fields(
        Project.init,
        Field("id", \.id), Field("account_id", \.account), Field("name", \.name), Field("lead_id", \.lead),
        Field("status", \.status), Field("budget", \.budget), Field("starts", \.starts), Field("ends", \.ends),
        Field("settings", \.settings), Field("created", \.created), Field("updated", \.updated),
        Field(\.tasks),
        // Filled per query by annotate(...): the spec's get_queryset counts them.
        .annotated("task_count", \.taskCount), .annotated("open_task_count", \.openTaskCount))
    public static let relations: [Relation<Project>] = [
        .foreignKey("account", \.account), .foreignKey("lead", \.lead),
        .reverse("tasks", \.tasks, column: "project_id"),
    ]
}

/// `projects.status` (Django's `TextChoices`): the labels are the case names in title case.
public enum ProjectStatus: String, ColumnEnum, Sendable {
    case planned, active, done
}
