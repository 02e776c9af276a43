import RESTFramework
import RESTModels

/// `projects`: the projects of the accounts the requesting user is a member of, with their
/// task counts, account and lead in one statement; members read, admin members write (object
/// level, through `project.account`). Filtered by django-filter's fields, `?search=` and
/// `?ordering=`; page-number pages. Registered with a basename (the queryset comes from
/// `getQueryset()`).
///
///     POST /api/projects/{id}/archive/    status "done" → 200 with the project
///     GET  /api/projects/summary/         {"count":4,"by_status":{...},"budget_total":"5250.00"}
///     GET  /api/projects/{id}/tasks/      the project's tasks, limit/offset pages (see `tasksSerializerClass`)
final class ProjectViewSet: ModelViewSet<QuerySet<Project>>, FilterableView, SearchableView, OrderableView {
    override class var serializerClass: Serializer.Type? { ProjectSerializer.self }
    override class var permissionClasses: [any Permission]? { [IsAuthenticated(), IsProjectAdminOrReadOnly()] }
    override class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend(), SearchFilter(), OrderingFilter()] }
    /// The spec's conditional requests on the detail: `ETag`, 304, and 412 for a stale `If-Match`.
    override class var conditionalRequests: ConditionalRequests? { ConditionalRequests() }

    var filtersetFields: FiltersetFields {
        [
            "status": ["exact", "in"], "budget": ["gte", "lte"], "starts": ["gte", "lte"], "account": ["exact"],
            "lead__username": ["exact"],
        ]
    }
    var searchFields: [String] { ["name", "account__name"] }
    var orderingFields: [String]? { ["name", "budget", "starts", "task_count", "created"] }
    // No `ordering`: as DRF's view, the queryset's order stands unless `?ordering=` replaces it.
    var ordering: [String]? { nil }

    /// The serializer of the `tasks` action's rows (DRF's `TaskSerializer`). Nil leaves the
    /// action out (its route is a 404).
    class var tasksSerializerClass: Serializer.Type? { TaskSerializer.self }

    override class var extraActions: [ExtraAction] {
        var actions: [ExtraAction] = [
            .action(
                "archive", detail: true, methods: [.post],
                schema: ExtendSchema(request: SchemaBody.none, responses: [200: .serializer(ProjectSerializer.self)])
            ) { (view: ProjectViewSet, request) in
                try view.archive(request)
            },
            .action("summary", detail: false, schema: summarySchema) { (view: ProjectViewSet, request) in try view.summary(request) },
        ]
        if tasksSerializerClass != nil {
            actions.insert(
                .action(
                    "tasks", detail: true,
                    configure: { (view: ProjectViewSet) in
                        view.paginationClass = { LimitOffsetPagination(maxLimit: 100) }
                    },
                    schema: tasksSerializerClass.map { ExtendSchema(responses: [200: .paginatedList($0)]) }
                ) { (view: ProjectViewSet, request) in try view.tasks(request) }, at: 0)
        }
        return actions
    }

    /// `summary`'s answer, filtered as the list is: `{"count":4,"by_status":{"planned":1,...},"budget_total":"5250.00"}`.
    static let summarySchema = ExtendSchema(
        responses: [
            200: .schema([
                "type": "object",
                "properties": [
                    "count": ["type": "integer"],
                    "by_status": [
                        "type": "object",
                        "properties": .object(JSONObject(ProjectStatus.allCases.map { ($0.rawValue, ["type": "integer"]) })),
                        "required": .array(ProjectStatus.allCases.map { .string($0.rawValue) }),
                    ],
                    "budget_total": ["type": "string", "format": "decimal", "pattern": #"^-?\d+\.\d{2}$"#],
                ],
                "required": ["count", "by_status", "budget_total"],
            ])
        ], filters: true)

    override func getQueryset() throws -> QuerySet<Project> {
        try Project.annotatedWithTaskCounts(Project.objects(on: request))
            .filter(.inSubquery("account", Account.ids(ofMember: request.user.pk)))
            .selectRelated("account", "lead")
            .orderBy("name", "id")
    }

    // MARK: Extra actions

    func tasks(_ request: Request) throws -> Response {
        let project = try getObject()
        guard let serializerClass = Self.tasksSerializerClass else { throw Http404() }
        let tasks = try Task.objects(on: request)
            .filter(.field("project", .exact(.uuid(project.id))))
            .selectRelated("project", "project__account", "assignee")
            .prefetchRelated("tags")
            .orderBy([OrderTerm("priority"), OrderTerm("due", nulls: .last), OrderTerm("id")])
        let context = getSerializerContext()
        if let page = try paginateQueryset(tasks) {
            return try getPaginatedResponse(serializerClass.many(instances: page, context: context).data)
        }
        return Response(try serializerClass.many(instances: tasks.all(), context: context).data)
    }

    /// Status `done` (and `updated` stamped, as Django's `save()` does), answered as a detail read.
    func archive(_ request: Request) throws -> Response {
        let project = try getObject()
        let projects = try getQueryset()
        _ = try Project.objects(on: request).update(
            project, with: ["status": .string(ProjectStatus.done.rawValue), "updated": .dateTime(DateTime.now())])
        let archived = try projects.filter(.field("id", .exact(.uuid(project.id)))).get()
        return Response(try getSerializer(archived).data)
    }

    /// Counts and the budget total over the filtered queryset (every backend applies, as
    /// DRF's `filter_queryset`), not paginated.
    func summary(_ request: Request) throws -> Response {
        let projects = try filterQueryset(getQueryset())
        let statuses = ProjectStatus.allCases.map(\.rawValue)  // by_status's keys, in this order
        let totals = try projects.aggregate([
            "count": Count("id"),
            "budget_total": Sum("budget", default: .decimal(DecimalNumber(0))),
            "planned": Count("id", filter: .field("status", .exact(.string(ProjectStatus.planned.rawValue)))),
            "active": Count("id", filter: .field("status", .exact(.string(ProjectStatus.active.rawValue)))),
            "done": Count("id", filter: .field("status", .exact(.string(ProjectStatus.done.rawValue)))),
        ])
        let budget = try (totals["budget_total"]?.decimalValue ?? DecimalNumber(0)).quantized(places: 2)
        return Response(
            .object([
                ("count", .int(totals["count"]?.intValue ?? 0)),
                ("by_status", .object(statuses.map { ($0, JSON.int(totals[$0]?.intValue ?? 0)) })),
                ("budget_total", .string(budget.description)),
            ]))
    }
}
