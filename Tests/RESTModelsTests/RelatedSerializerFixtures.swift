import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting

// The spec's projects and tasks serializers (shared/spec/reference-api-2.md), written with the
// related fields over the test models of RelationModels.swift: a nested lead, a writable pk
// limited to the user's admin accounts, a hyperlinked project, slugs for the assignee and the
// tags (many), dotted sources.

/// The accounts where the requesting user is an admin member (DRF's `get_queryset` on the field).
func adminAccountIDs(_ context: SerializerContext) -> ModelSubquery {
    let user = context.request?.user.pk ?? .null
    return AccountMember.objects.filter(.field("user_id", .exact(user))).filter(.field("is_admin", .exact(true))).values("account_id")
}

final class LeadBriefSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [IntegerField("id", readOnly: true), CharField("username", readOnly: true)]
    }
}

final class RelatedProjectSerializer: ModelSerializer<Project> {
    override class var fields: [any SerializerField] {
        [
            HyperlinkedIdentityField("url", viewName: "project-detail"),
            IntegerField("id", readOnly: true),
            PrimaryKeyRelatedField(
                "account",
                queryset: ModelRelatedQueryset(Account.self) { context in
                    Account.objects.filter(.inSubquery("pk", adminAccountIDs(context)))
                }),
            ReadOnlyField("account_name", source: "account.name"),
            CharField("name", maxLength: 100),
            NestedSerializerField("lead", LeadBriefSerializer.self, readOnly: true),
            PrimaryKeyRelatedField(
                "lead_id", queryset: ModelRelatedQueryset(User.objects), source: "lead", required: false, writeOnly: true,
                allowNull: true),
        ]
    }
}

final class RelatedTaskSerializer: ModelSerializer<ProjectTask> {
    override class var fields: [any SerializerField] {
        [
            HyperlinkedIdentityField("url", viewName: "task-detail"),
            IntegerField("id", readOnly: true),
            HyperlinkedRelatedField(
                "project", viewName: "project-detail",
                queryset: ModelRelatedQueryset(Project.self) { context in
                    Project.objects.filter(.inSubquery("account", adminAccountIDs(context)))
                }),
            ReadOnlyField("project_name", source: "project.name"),
            CharField("title", maxLength: 200),
            SlugRelatedField(
                "assignee", slugField: "username", queryset: ModelRelatedQueryset(User.objects.filter(.field("is_active", .exact(true)))),
                required: false, allowNull: true),
            SlugRelatedField("tags", slugField: "slug", queryset: ModelRelatedQueryset(Tag.objects), many: true, required: false),
            BooleanField("done", required: false),
        ]
    }
}

final class RelatedProjectViewSet: ModelViewSet<QuerySet<Project>> {
    override class var queryset: QuerySet<Project>? { Project.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { RelatedProjectSerializer.self }
}

final class RelatedTaskViewSet: ModelViewSet<QuerySet<ProjectTask>> {
    override class var queryset: QuerySet<ProjectTask>? { ProjectTask.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { RelatedTaskSerializer.self }
}

/// The two viewsets on a router, with a connection and a signed-in user on every request.
struct RelatedAPI {
    let app: Application
    let connection: Connection

    init(connection: Connection, pageSize: Int = 100) throws {
        var router = DefaultRouter()
        try router.register("projects", RelatedProjectViewSet.self, basename: "project")
        try router.register("tasks", RelatedTaskViewSet.self, basename: "task")
        try router.register("lead-projects", ProjectWithNewLeadViewSet.self, basename: "lead-project")
        var settings = APISettings()
        settings.pageSize = pageSize
        settings.paginationClass = { PageNumberPagination() }
        app = Application(urls: try URLConf([.include("api/", router)]), settings: settings)
        self.connection = connection
    }

    func client(as user: User) -> APIClient {
        let client = APIClient(app, database: connection)
        client.forceAuthenticate(user: user)
        return client
    }
}

extension RelationSchema {
    /// ada is an admin member of Acme and a plain member of Globex.
    static func seedMemberships(_ connection: Connection, _ seed: Seed) throws {
        let members = AccountMember.objects(on: connection)
        _ = try members.insert(["account_id": .int(seed.accounts[0].id), "user_id": .int(seed.users[0].id), "is_admin": true])
        _ = try members.insert(["account_id": .int(seed.accounts[1].id), "user_id": .int(seed.users[0].id), "is_admin": false])
    }
}

/// DRF's writable nested pattern (docs/framework.md): the nested lead is validated by its
/// serializer and saved by the parent's `create` override.
final class LeadInputSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [IntegerField("id", readOnly: true), CharField("username", maxLength: 150)]
    }
}

final class ProjectWithNewLeadSerializer: ModelSerializer<Project> {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true),
            PrimaryKeyRelatedField("account", queryset: ModelRelatedQueryset(Account.self)),
            CharField("name", maxLength: 100),
            NestedSerializerField("lead", LeadInputSerializer.self, required: false, allowNull: true),
        ]
    }

    override func create(_ validatedData: ValidatedData) throws -> any FieldReadable {
        var attrs = validatedData
        if let lead = ValidatedData(nested: validatedData["lead"]) {
            let user = try User.objects.using(context.database).insert(lead.merging(["email": ""]))
            attrs["lead"] = .int(user.id)
        }
        return try super.create(attrs)
    }
}

final class ProjectWithNewLeadViewSet: ModelViewSet<QuerySet<Project>> {
    override class var queryset: QuerySet<Project>? { Project.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { ProjectWithNewLeadSerializer.self }
}
