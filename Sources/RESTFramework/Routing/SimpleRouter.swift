/// DRF's `SimpleRouter`: expands its route rows for each registered viewset, mapping only the
/// actions the viewset implements, and skipping routes left with none.
///
///     var router = SimpleRouter()                        // or SimpleRouter(trailingSlash: false)
///     try router.register("users", UserViewSet.self)     // basename "user", from the queryset model
///     try router.register("accounts", AccountViewSet.self, basename: "account")
///     // users/ users/recent_users/ users/{pk}/ users/{pk}/set_password/ ...
public struct SimpleRouter: Router {
    public private(set) var registry: [RouterRegistration] = []
    public let trailingSlash: Bool
    /// The rows expanded for each viewset (DRF's `routes`).
    public let routes: [RouteTemplate]

    public init(trailingSlash: Bool = true, routes: [RouteTemplate] = RouteTemplate.simpleRouterRoutes) {
        self.trailingSlash = trailingSlash
        self.routes = routes
    }

    public var urls: [URLPattern] { registry.flatMap(\.urls) }

    /// - Parameter prefix: path text, slashes allowed (`"users"`, `"admin/users"`), no leading or
    ///   trailing slash; empty mounts the viewset at the include prefix itself. Parameters in
    ///   Django's `path()` syntax nest it: `"accounts/<account_pk>/notes"`.
    public mutating func register(_ prefix: String, _ viewset: any ViewSetMixin.Type, basename: String? = nil) throws {
        let basename = try basename ?? getDefaultBasename(viewset)
        if registry.contains(where: { $0.basename == basename }) {
            throw ImproperlyConfigured(
                "Router with basename \"\(basename)\" is already registered. Please provide a unique basename for viewset \"\(ViewNaming.className(of: viewset))\""
            )
        }
        let urls = try getURLs(prefix: prefix, viewset: viewset, basename: basename)
        registry.append(RouterRegistration(prefix: prefix, viewset: viewset, basename: basename, urls: urls))
    }

    /// DRF's `get_default_basename`: the queryset model's name, lower-cased.
    public func getDefaultBasename(_ viewset: any ViewSetMixin.Type) throws -> String {
        guard let model = viewset.querysetModelName else {
            throw ImproperlyConfigured(
                "`basename` argument not specified, and could not automatically determine the name from the viewset \(ViewNaming.className(of: viewset)), as it does not have a `.queryset` attribute (`querysetModelName`). Pass `basename:` to `register`."
            )
        }
        return model.lowercased()
    }

    /// DRF's `get_routes`: the rows with the dynamic ones expanded for the viewset's extra
    /// actions. Extra actions that would shadow or duplicate a route are refused here.
    public func getRoutes(_ viewset: any ViewSetMixin.Type) throws -> [Route] {
        // DRF collects extra actions with `inspect.getmembers`, which sorts them by name.
        let extraActions = viewset.getExtraActions().sorted { $0.functionName < $1.functionName }
        try ExtraActionChecks.validate(extraActions, of: viewset, against: routes)
        var result: [Route] = []
        for template in routes {
            switch template {
            case .route(let route):
                result.append(route)
            case .dynamic(let dynamic):
                for action in extraActions where action.detail == dynamic.detail {
                    result.append(Self.route(dynamic, for: action))
                }
            }
        }
        return result
    }

    /// DRF's `_get_dynamic_route`.
    private static func route(_ dynamic: DynamicRoute, for action: ExtraAction) -> Route {
        var initkwargs = dynamic.initkwargs.updated(with: action.kwargs)
        initkwargs.handlers.merge(action.handlers) { _, new in new }
        // Braces in the path are doubled so that they stay text when the template is expanded.
        let urlPath = action.urlPath.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
        return Route(
            url: dynamic.url.replacingOccurrences(of: "{url_path}", with: urlPath),
            mapping: action.mapping.map { ($0.method, ViewSetAction($0.action)) },
            name: dynamic.name.replacingOccurrences(of: "{url_name}", with: action.urlName),
            detail: dynamic.detail, initkwargs: initkwargs)
    }

    /// DRF's `get_method_map`: only the actions the viewset has.
    public func getMethodMap(
        _ viewset: any ViewSetMixin.Type, _ mapping: [(method: HTTPMethod, action: ViewSetAction)],
        handlers: [String: ExtraActionHandler]
    ) -> [HTTPMethod: ViewSetAction] {
        var bound: [HTTPMethod: ViewSetAction] = [:]
        for (method, action) in mapping {
            let implemented: Bool
            switch action {
            case .extra(let name): implemented = handlers[name] != nil
            case .metadata: implemented = false
            default: implemented = action.isImplemented(by: viewset)
            }
            if implemented { bound[method] = action }
        }
        return bound
    }

    /// DRF's `get_lookup_regex`: the lookup parameter of detail routes.
    public func getLookup(_ viewset: any ViewSetMixin.Type) throws -> RoutePattern.Token {
        let name = viewset.lookupURLKwarg ?? viewset.lookupField
        guard let regex = viewset.lookupValueRegex else { return .parameter(name, .lookup) }
        return .parameter(name, try SegmentMatcher(regex: regex))
    }

    /// DRF's `get_urls`, for one registration.
    func getURLs(prefix: String, viewset: any ViewSetMixin.Type, basename: String) throws -> [URLPattern] {
        let lookup = try getLookup(viewset)
        let allHandlers = viewset.getExtraActions().reduce(into: [String: ExtraActionHandler]()) { all, action in
            all.merge(action.handlers) { old, _ in old }
        }
        var patterns: [URLPattern] = []
        for route in try getRoutes(viewset) {
            let handlers = allHandlers.merging(route.initkwargs.handlers) { _, new in new }
            let mapping = getMethodMap(viewset, route.mapping, handlers: handlers)
            if mapping.isEmpty { continue }
            var initkwargs = route.initkwargs.updated(with: ViewInitKwargs(basename: basename, detail: route.detail))
            initkwargs.handlers = handlers
            let pattern = try RouteURLTemplate.expand(route.url, prefix: prefix, lookup: lookup, trailingSlash: trailingSlash)
            patterns.append(
                URLPattern(
                    pattern, ViewEndpoint(viewType: viewset, actions: mapping, initkwargs: initkwargs),
                    name: route.name.replacingOccurrences(of: "{basename}", with: basename)))
        }
        return patterns
    }
}
