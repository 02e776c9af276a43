/// DRF's `GenericViewSet`: a viewset with the generic view hooks (`getQueryset`, `getObject`,
/// `getSerializer`, `filterQueryset`, `paginateQueryset`) and no actions of its own; mixins and
/// `ModelViewSet` add them. Generic over the queryset type, so rows come out typed.
///
///     final class UserViewSet: ModelViewSet<QuerySet<User>> {
///         override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
///         override class var serializerClass: Serializer.Type? { UserSerializer.self }
///     }
///
/// Configuration is read action → viewset → settings: each `class var` (DRF's class attribute)
/// is copied into the instance property of the same name when the view is made, an extra
/// action's `configure` may then replace it, and what is still nil falls back to the settings
/// when used.
///
///     .action("recent_users", detail: false, configure: { (view: UserViewSet) in
///         view.serializerClass = BriefUserSerializer.self
///         view.paginationClass = { LimitOffsetPagination() }
///     }) { (view: UserViewSet, request) in try view.recentUsers(request) }
open class GenericViewSet<Q: Queryable>: ViewSet, GenericView, ActionsMetadataProviding {
    // MARK: Class-level configuration (DRF's class attributes; nil: the settings decide)

    /// DRF's `queryset`. Evaluated anew for each request (it is a computed class property), so
    /// nothing is cached between requests, and once when a router registers the viewset (for the
    /// basename): build it lazily, without touching the database. Nil: override `getQueryset()`.
    open class var queryset: Q? { nil }
    /// DRF's `serializer_class`. Nil: override `getSerializerClass()`.
    open class var serializerClass: Serializer.Type? { nil }
    /// DRF's `pagination_class`; nil: `settings.paginationClass`. `NoPagination.factory` turns it off.
    open class var paginationClass: PaginatorFactory? { nil }
    /// DRF's `filter_backends`; nil: `settings.filterBackends`.
    open class var filterBackends: [any FilterBackend]? { nil }
    /// The name in `No <Model> matches the given query.`: the queryset type's model name
    /// (`NamedQueryable`), else `querysetModelName`.
    open class var modelName: String? { (Q.self as? any NamedQueryable.Type)?.modelName ?? querysetModelName }
    /// For the router's basename: the model's name when the viewset has a class-level
    /// `queryset` (DRF derives the basename from `queryset.model`; a viewset with only
    /// `getQueryset()` must be registered with a basename).
    override open class var querysetModelName: String? {
        guard queryset != nil else { return nil }
        return (Q.self as? any NamedQueryable.Type)?.modelName
    }

    // MARK: Instance configuration (what this request uses)

    public var queryset: Q?
    public var serializerClass: Serializer.Type?
    public var paginationClass: PaginatorFactory? {
        didSet { cachedPaginator = nil }
    }
    /// The backends in force: the view's, else the settings'. Assign to override per action.
    public var filterBackends: [any FilterBackend] {
        get { filterBackendsOverride ?? settings.filterBackends }
        set { filterBackendsOverride = newValue }
    }

    private var filterBackendsOverride: [any FilterBackend]?
    private var cachedPaginator: (any Paginator)?

    public required init() {
        super.init()
        let type = Self.self
        queryset = type.queryset
        serializerClass = type.serializerClass
        paginationClass = type.paginationClass
        filterBackendsOverride = type.filterBackends
    }

    // MARK: Hooks (DRF's GenericAPIView; override these)

    open func getQueryset() throws -> Q { try requireQueryset(queryset) }

    open func getObject() throws -> Q.Element { try lookupObject(in: filterQueryset(getQueryset())) }

    open func getSerializerClass() throws -> Serializer.Type { try requireSerializerClass(serializerClass) }

    open func getSerializerContext() -> SerializerContext { makeSerializerContext() }

    /// Made once per request from `paginationClass`, else `settings.paginationClass`.
    open var paginator: (any Paginator)? {
        if let cachedPaginator { return cachedPaginator }
        guard let factory = paginationClass ?? settings.paginationClass else { return nil }
        let made = factory()
        cachedPaginator = made
        return made
    }

    open func performCreate(_ serializer: Serializer) throws { try serializer.save() }

    open func performUpdate(_ serializer: Serializer) throws { try serializer.save() }

    open func performDestroy(_ instance: Q.Element) throws { try deleteObject(instance) }

    // MARK: OPTIONS (DRF's SimpleMetadata finds `get_serializer` and `get_object`)

    open func serializerInfo(for method: HTTPMethod) throws -> JSON? { try getSerializer().fieldsMetadata }

    open func checkObjectForMetadata(_ request: Request) throws { _ = try getObject() }
}
