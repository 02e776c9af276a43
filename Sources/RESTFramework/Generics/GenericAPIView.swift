/// DRF's `GenericAPIView`: the generic view hooks (`getQueryset`, `getObject`,
/// `getSerializer`, `filterQueryset`, `paginateQueryset`) on an `APIView`. Generic over the
/// queryset type, so rows come out typed. Mounted with `asView()` through the concrete views
/// (`ListCreateAPIView`, ...), or with a router through `GenericViewSet` (this class plus
/// `ViewSetMixin`) and the model mixins.
///
///     final class NoteList: ListCreateAPIView<QuerySet<Note>> {
///         override class var queryset: QuerySet<Note>? { Note.objects.orderBy("-id") }
///         override class var serializerClass: Serializer.Type? { NoteSerializer.self }
///     }
///     try URLConf([.path("notes/", NoteList.asView(), name: "note-list")])
///
/// Configuration is read action → view → settings: each `class var` (DRF's class attribute)
/// is copied into the instance property of the same name when the view is made, an extra
/// action's `configure` may then replace it, and what is still nil falls back to the settings
/// when used. The hooks are `open` methods of this class, so a subclass's override is the one
/// the mixin bodies (`listModel`, `createModel`, ...) call, and class properties are read in
/// class context, where a subclass's override is always seen.
///
///     .action("recent_users", detail: false, configure: { (view: UserViewSet) in
///         view.serializerClass = BriefUserSerializer.self
///         view.paginationClass = { LimitOffsetPagination() }
///     }) { (view: UserViewSet, request) in try view.recentUsers(request) }
open class GenericAPIView<Q: Queryable>: APIView, FilteredView, ActionsMetadataProviding {
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
    /// DRF's `lookup_field`: the field `getObject()` filters on (and a router's detail routes name).
    open class var lookupField: String { "pk" }
    /// DRF's `lookup_url_kwarg`: the URL keyword holding the lookup value; nil: `lookupField`.
    open class var lookupURLKwarg: String? { nil }
    /// Not DRF: `ETag`, `If-None-Match` and `If-Match` on the detail actions (see
    /// `ConditionalRequests`); nil (the default): off, as in DRF.
    open class var conditionalRequests: ConditionalRequests? { nil }
    /// The name in `No <Model> matches the given query.`: the queryset type's model name
    /// (`NamedQueryable`), else `querysetModelName`; nil: `Not found.`.
    open class var modelName: String? { (Q.self as? any NamedQueryable.Type)?.modelName ?? querysetModelName }
    /// For a router's basename: the model's name when the view has a class-level `queryset`
    /// (DRF derives the basename from `queryset.model`; a viewset with only `getQueryset()`
    /// must be registered with a basename).
    open class var querysetModelName: String? {
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

    /// DRF's `get_queryset`: the rows this request may see (re-evaluated on every request).
    open func getQueryset() throws -> Q { try requireQueryset(queryset) }
    /// DRF's `get_object`: the row the URL names, after the object permission checks.
    /// The serializer's relations are read with the row (`Serializer.relatedPaths`).
    open func getObject() throws -> Q.Element { try lookupObject(in: filterQueryset(getQueryset()).withRelated(serializerRelatedPaths)) }
    /// DRF's `get_serializer_class`.
    open func getSerializerClass() throws -> Serializer.Type { try requireSerializerClass(serializerClass) }
    /// DRF's `get_serializer_context`.
    open func getSerializerContext() -> SerializerContext { makeSerializerContext() }

    /// DRF's `paginator`: made once per request from `paginationClass`, else
    /// `settings.paginationClass`; nil when the view has none.
    open var paginator: (any Paginator)? {
        if let cachedPaginator { return cachedPaginator }
        guard let factory = paginationClass ?? settings.paginationClass else { return nil }
        let made = factory()
        cachedPaginator = made
        return made
    }

    /// DRF's `perform_create`: `serializer.save()`.
    open func performCreate(_ serializer: Serializer) throws { try serializer.save() }
    /// DRF's `perform_update`: `serializer.save()`.
    open func performUpdate(_ serializer: Serializer) throws { try serializer.save() }
    /// DRF's `perform_destroy`: deletes through a `DeletableQueryable` queryset.
    open func performDestroy(_ instance: Q.Element) throws { try deleteObject(instance) }

    // MARK: OPTIONS (DRF's SimpleMetadata finds `get_serializer` and `get_object`)

    open func serializerInfo(for method: HTTPMethod) throws -> JSON? { try getSerializer().fieldsMetadata }
    open func checkObjectForMetadata(_ request: Request) throws { _ = try getObject() }
}
