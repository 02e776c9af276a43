import RESTFramework
import RESTModels

/// `tasks`: the tasks of the projects of the user's accounts, with the project, its account and
/// the assignee read in the same statement and the tags in one more per page. Safe methods for
/// members, writes for admin members of the task's project's account. django-filter's fields,
/// then `?search=` (title, project name), then `?ordering=`; default page-number pages by id.
///
/// Public, so that a test may route it beside a projects viewset of its own.
///
///     GET /api/tasks/?done=false&priority__in=1,2&tags__slug=urgent&search=engine&ordering=-due
public final class TaskViewSet: ModelViewSet<QuerySet<Task>>, FilterableView, SearchableView, OrderableView {
    override public class var serializerClass: Serializer.Type? { TaskSerializer.self }
    override public class var permissionClasses: [any Permission]? { [IsAuthenticated(), IsProjectAdminOrReadOnly()] }
    override public class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend(), SearchFilter(), OrderingFilter()] }
    /// The spec's conditional requests on the detail: `ETag`, 304, and 412 for a stale `If-Match`.
    override public class var conditionalRequests: ConditionalRequests? { ConditionalRequests() }

    public var filtersetFields: FiltersetFields {
        [
            "done": ["exact"], "priority": ["exact", "in"], "due": ["lte", "gte", "isnull"], "assignee__username": ["exact"],
            "tags__slug": ["exact"], "project": ["exact"],
        ]
    }
    public var searchFields: [String] { ["title", "project__name"] }
    public var orderingFields: [String]? { ["due", "priority", "created", "title", "id"] }
    /// None: the queryset's order (`id`) stands, as DRF's OrderingFilter without `ordering`.
    public var ordering: [String]? { nil }

    override public func getQueryset() throws -> QuerySet<Task> {
        try Task.objects(on: request)
            .filter(.inSubquery("project__account", Account.ids(ofMember: request.user.pk)))
            .selectRelated("project", "project__account", "assignee")
            .prefetchRelated("tags")
            .orderBy("id")
    }
}
