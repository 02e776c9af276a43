import RESTFramework
import RESTModels

/// Tasks (shared/spec/reference-api-2.md, "tasks"): `url, id, project, project_name, title,
/// assignee, tags, priority, priority_display, done, due, estimate, created`, made from the model
/// as DRF's `ModelSerializer` makes them, with the related fields declared as the DRF reference
/// declares them: `project` a link to a project of an account the requesting user administers,
/// `assignee` an active user's username, `tags` slugs (rendered in slug order; a write replaces
/// the task's tags). Public: the projects' `tasks` action lists a project's tasks with it.
public final class TaskSerializer: ModelSerializer<Task> {
    override public class var modelFields: ModelFieldSelection? {
        [
            "url", "id", "project", "project_name", "title", "assignee", "tags", "priority", "priority_display", "done", "due",
            "estimate", "created",
        ]
    }

    override public class var declaredFields: [any SerializerField] {
        [
            HyperlinkedRelatedField(
                "project", viewName: "project-detail",
                queryset: ModelRelatedQueryset(Project.self) { context in
                    Project.objects.filter(.inSubquery("account", adminAccountIDs(of: context.request?.user.pk ?? .null)))
                }),
            ReadOnlyField("project_name", source: "project.name"),
            SlugRelatedField(
                "assignee", slugField: "username", queryset: ModelRelatedQueryset(User.objects.filter(.field("is_active", .exact(true)))),
                required: false, allowNull: true),
            SlugRelatedField("tags", slugField: "slug", queryset: ModelRelatedQueryset(Tag.objects), many: true, required: false),
            CharField("priority_display", source: "get_priority_display", readOnly: true),
        ]
    }

    /// The accounts `user` is an admin member of (Django's `memberships__user=user,
    /// memberships__is_admin=True`).
    static func adminAccountIDs(of user: FieldValue) -> ModelSubquery {
        AccountMember.objects.filter(.and([.field("user_id", .exact(user)), .field("is_admin", .exact(true))])).values("account_id")
    }
}
