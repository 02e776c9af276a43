/// DRF's `GenericAPIView`: the generic view hooks on a plain `APIView`, for views mounted with
/// `asView()` rather than a router. The concrete views (`ListCreateAPIView`, ...) bind methods
/// to the mixin bodies; see `GenericViewSet` for the hooks and how configuration is resolved.
///
///     final class NoteList: ListCreateAPIView<QuerySet<Note>> {
///         override class var queryset: QuerySet<Note>? { Note.objects.orderBy("-id") }
///         override class var serializerClass: Serializer.Type? { NoteSerializer.self }
///     }
///     try URLConf([.path("notes/", NoteList.asView(), name: "note-list")])
open class GenericAPIView<Q: Queryable>: APIView, GenericView, ActionsMetadataProviding {
    // MARK: Class-level configuration (DRF's class attributes; nil: the settings decide)

    open class var queryset: Q? { nil }
    open class var serializerClass: Serializer.Type? { nil }
    open class var paginationClass: PaginatorFactory? { nil }
    open class var filterBackends: [any FilterBackend]? { nil }
    /// DRF's `lookup_field`.
    open class var lookupField: String { "pk" }
    /// DRF's `lookup_url_kwarg`; nil: `lookupField`.
    open class var lookupURLKwarg: String? { nil }
    /// The name in `No <Model> matches the given query.`; default: the queryset type's (`NamedQueryable`).
    open class var modelName: String? { (Q.self as? any NamedQueryable.Type)?.modelName }

    // MARK: Instance configuration (what this request uses)

    public var queryset: Q?
    public var serializerClass: Serializer.Type?
    public var paginationClass: PaginatorFactory? {
        didSet { cachedPaginator = nil }
    }
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

    // MARK: Hooks (the same as GenericViewSet's)

    open func getQueryset() throws -> Q { try requireQueryset(queryset) }
    open func getObject() throws -> Q.Element { try lookupObject(in: filterQueryset(getQueryset())) }
    open func getSerializerClass() throws -> Serializer.Type { try requireSerializerClass(serializerClass) }
    open func getSerializerContext() -> SerializerContext { makeSerializerContext() }

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

    // MARK: OPTIONS

    open func serializerInfo(for method: HTTPMethod) throws -> JSON? { try getSerializer().fieldsMetadata }
    open func checkObjectForMetadata(_ request: Request) throws { _ = try getObject() }
}
