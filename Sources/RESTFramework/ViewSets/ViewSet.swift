/// DRF's `ViewSet`: an `APIView` whose handlers are actions (`list`, `retrieve`, extra actions)
/// bound to methods when it is mounted, by a router or by `asView(_:)`.
///
///     // `SimpleUserViewSet` (see `ListAction`) without a router:
///     try URLConf([.path("users/", SimpleUserViewSet.asView([.get: "list"]))])
open class ViewSet: APIView {
    /// The extra actions of this viewset (DRF's `@action` methods).
    open class var extraActions: [ExtraAction] { [] }

    // MARK: What routers read (DRF reads these attributes with getattr on the viewset class)

    /// The model field looked up by detail routes (DRF's `lookup_field`).
    open class var lookupField: String { "pk" }
    /// The URL keyword naming the lookup value; nil means `lookupField` (DRF's `lookup_url_kwarg`).
    open class var lookupURLKwarg: String? { nil }
    /// The pattern a lookup value must match within one path segment; nil means DRF's default
    /// `[^/.]+` (DRF's `lookup_value_regex`).
    open class var lookupValueRegex: String? { nil }
    /// The queryset model's name (`"User"`), from which a router derives the basename when
    /// `register` is not given one. The model layer overrides it; nil means "no queryset".
    open class var querysetModelName: String? { nil }

    // MARK: Introspection (set for every request, as DRF does)

    /// The action answering this request: `list`, `retrieve`, an extra action's name; `metadata`
    /// for OPTIONS; nil when the route does not map the method.
    public internal(set) var action: String?
    /// Method → action for the route that matched.
    public internal(set) var actionMap: [HTTPMethod: String] = [:]
    public internal(set) var basename: String?
    /// Whether the route is a detail route; nil when mounted without a router.
    public internal(set) var detail: Bool?
    var extraActionHandlers: [String: ExtraActionHandler] = [:]

    /// Binds actions to methods for mounting without a router (DRF's `as_view({'get': 'list'})`).
    /// HEAD follows GET unless mapped.
    public class func asView(_ actions: [HTTPMethod: String], name: String? = nil, suffix: String? = nil,
                             basename: String? = nil, detail: Bool? = nil) -> ViewEndpoint {
        precondition(!actions.isEmpty, "The `actions` argument must be provided when calling `asView()` on a ViewSet. For example `asView([.get: \"list\"])`")
        var handlers: [String: ExtraActionHandler] = [:]
        for extra in extraActions { handlers.merge(extra.handlers) { a, _ in a } }
        return ViewEndpoint(viewType: self, actions: actions,
                            initkwargs: ViewInitKwargs(name: name, suffix: suffix, basename: basename, detail: detail, handlers: handlers))
    }

    /// DRF's `get_extra_actions()`.
    open class func getExtraActions() -> [ExtraAction] { extraActions }
    public func getExtraActions() -> [ExtraAction] { Self.getExtraActions() }

    override open func handler(for method: HTTPMethod) -> RequestHandler? {
        if method == .options { return super.handler(for: method) }
        var name = action(mappedTo: method)
        if name == nil && method == .head { name = action(mappedTo: .get) }
        guard let name else { return nil }
        return handler(forAction: name)
    }

    /// The handler for an action name: a standard action the viewset implements, or an extra one.
    /// `actionMap[method]`, by a scan: the map has a few entries, and comparing short method
    /// names costs less than hashing one (this runs for every method when `Allow` is written).
    private func action(mappedTo method: HTTPMethod) -> String? {
        for (mapped, name) in actionMap where mapped == method { return name }
        return nil
    }

    open func handler(forAction name: String) -> RequestHandler? {
        if let standard = StandardAction(rawValue: name) { return standard.handler(on: self) }
        guard let extra = extraActionHandlers[name] else { return nil }
        return { [unowned self] request in try extra.call(self, request) }
    }

    /// DRF's `reverse_action(url_name, args)`: the absolute URL of `<basename>-<urlName>`.
    public func reverseAction(_ urlName: String, args: [String] = [], kwargs: [String: String] = [:]) throws -> String {
        guard let urls, let basename else {
            throw APIError(status: 500, detail: "reverseAction needs a viewset mounted by a router (basename and URL conf).")
        }
        return try urls.reverse("\(basename)-\(urlName)", args: args, kwargs: kwargs, request: request,
                                urlFormatOverride: settings.urlFormatOverride)
    }
}
