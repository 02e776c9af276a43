import RESTFramework
import RESTModels

/// A project's lead as the project shows it: `{"id": 3, "username": "ada"}`.
final class LeadSerializer: ModelSerializer<User> {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true),
            CharField(
                "username", maxLength: 150,
                validators: [
                    UserSerializer.usernamePattern,
                    UniqueValidator(User.objects, message: "A user with that username already exists."),
                ]),
        ]
    }
}

/// Projects (shared/spec/reference-api-2.md, "projects"): the spec's fields in its order.
/// `account` takes only accounts the requesting user administers; `lead` reads nested,
/// `lead_id` writes it; `task_count`/`open_task_count` are the viewset's annotations (0 in
/// the answer to a create, whose row the annotated queryset reads back).
///
///     {"url":"http://host/api/projects/<uuid>/","id":"<uuid>","account":1,"account_name":"Acme",
///      "name":"Apollo","lead":{"id":3,"username":"ada"},"status":"active","budget":"1250.00",...}
final class ProjectSerializer: ModelSerializer<Project> {
    override class var queryset: QuerySet<Project> { Project.annotatedWithTaskCounts(Project.objects) }

    override class var fields: [any SerializerField] {
        [
            HyperlinkedIdentityField("url", viewName: "project-detail"),
            // Django's verbose name "id" (a UUIDField key), not an AutoField's "ID".
            UUIDField("id", readOnly: true, label: "Id"),
            PrimaryKeyRelatedField(
                "account",
                queryset: ModelRelatedQueryset(Account.self) { context in
                    Account.objects.filter(.inSubquery("id", Account.ids(ofAdmin: context.request?.user.pk ?? .null)))
                }),
            ReadOnlyField("account_name", source: "account.name"),
            CharField("name", maxLength: 100),
            NestedSerializerField("lead", LeadSerializer.self, readOnly: true),
            PrimaryKeyRelatedField(
                "lead_id", queryset: ModelRelatedQueryset(User.objects), source: "lead", required: false,
                writeOnly: true, allowNull: true),
            // No serializer default (DRF's ModelSerializer passes none): the table's fills a create.
            ChoiceField("status", choices: ProjectStatus.choices ?? [], required: false),
            DecimalField(
                "budget", maxDigits: 12, decimalPlaces: 2, minValue: 0, required: false, allowNull: true),
            DateField("starts", required: false, allowNull: true),
            DateField("ends", required: false, allowNull: true),
            JSONField("settings", required: false),
            // DRF's `default=0` only shows in its validators' view; an unannotated row reads 0 here.
            IntegerField("task_count", readOnly: true),
            IntegerField("open_task_count", readOnly: true),
            DateTimeField("created", readOnly: true),
            DateTimeField("updated", readOnly: true),
        ]
    }

    override class var validators: [any ObjectValidator] {
        [UniqueTogetherValidator(Project.objects, fields: ["account", "name"])]
    }

    override func create(_ validatedData: ValidatedData) throws -> any FieldReadable {
        Self.answeringAsSent(try super.create(validatedData), validatedData)
    }

    /// Django's `auto_now`: every write through the API stamps `updated`.
    override func update(_ instance: any FieldReadable, _ validatedData: ValidatedData) throws -> any FieldReadable {
        var attrs = validatedData
        attrs["updated"] = .dateTime(DateTime.now())
        return Self.answeringAsSent(try super.update(instance, attrs), validatedData)
    }

    /// DRF answers a write with the instance in memory, where the row read back holds what
    /// PostgreSQL made of it (the next read's form): `settings` as sent (key order, `-0.0`, `1.5`
    /// for `1.50`) rather than jsonb's, and a `budget` of `"-0"` as `"-0.00"` rather than
    /// numeric's `0.00`.
    static func answeringAsSent(_ written: any FieldReadable, _ attrs: ValidatedData) -> any FieldReadable {
        guard var project = written as? Project else { return written }
        if case .jsonValue(let sent)? = attrs["settings"] { project.settings = sent }
        if case .decimal(let sent)? = attrs["budget"] { project.budget = sent }
        return project
    }

    /// The dates, a partial update's included: those it does not send are the project's.
    override func validate(_ attrs: ValidatedData) throws -> ValidatedData {
        let starts = attrs.contains("starts") ? attrs["starts"] : instance?.fieldValue("starts")
        let ends = attrs.contains("ends") ? attrs["ends"] : instance?.fieldValue("ends")
        if let starts = starts?.dateValue, let ends = ends?.dateValue, ends < starts {
            throw ValidationError("The project cannot end before it starts.")
        }
        return attrs
    }
}

extension Project {
    /// The spec's `get_queryset` annotations: all the project's tasks, and those not done.
    static func annotatedWithTaskCounts(_ projects: QuerySet<Project>) -> QuerySet<Project> {
        projects.annotate([
            "task_count": Count("tasks"),
            "open_task_count": Count("tasks", filter: .field("done", .exact(false))),
        ])
    }
}

extension Account {
    /// The ids of the accounts `userPK` administers (Django's
    /// `memberships__user=user, memberships__is_admin=True`).
    static func ids(ofAdmin userPK: FieldValue) -> ModelSubquery {
        AccountMember.objects.filter(.and([.field("user_id", .exact(userPK)), .field("is_admin", .exact(true))]))
            .values("account_id")
    }
}
