/// DRF's `DefaultRouter`: a `SimpleRouter` plus the API root view at the include prefix
/// (`api-root`) and format suffixes on every route.
///
///     var router = DefaultRouter()
///     try router.register("users", UserViewSet.self)
///     try router.register("notes", NoteViewSet.self)
///     let urls = try URLConf([.include("api/", router)])
///     // GET /api/  → {"users":"http://host/api/users/","notes":"http://host/api/notes/"}
///     // GET /api/users/3.json → the user detail, format "json"
public struct DefaultRouter: Router {
    public private(set) var base: SimpleRouter
    public var includeRootView = true
    public var includeFormatSuffixes = true
    public var rootViewName = "api-root"
    /// The root view class; a subclass can change its name, permissions or body.
    public var rootView: APIRootView.Type = APIRootView.self

    public init(trailingSlash: Bool = true, routes: [RouteTemplate] = RouteTemplate.simpleRouterRoutes) {
        base = SimpleRouter(trailingSlash: trailingSlash, routes: routes)
    }

    public var registry: [RouterRegistration] { base.registry }

    public mutating func register(_ prefix: String, _ viewset: any ViewSetMixin.Type, basename: String? = nil) throws {
        try base.register(prefix, viewset, basename: basename)
    }

    /// DRF's `get_api_root_view`: prefix → the name of its list route (the first row's name).
    public func getAPIRootView() -> ViewEndpoint {
        let listName: String =
            base.routes.lazy.compactMap { template -> String? in
                if case .route(let route) = template { return route.name }
                return nil
            }.first ?? "{basename}-list"
        let dict = registry.map { (prefix: $0.prefix, urlName: listName.replacingOccurrences(of: "{basename}", with: $0.basename)) }
        return ViewEndpoint(
            viewType: rootView, actions: nil,
            initkwargs: ViewInitKwargs(configure: { view in
                (view as? APIRootView)?.apiRootDict = dict
            }))
    }

    public var urls: [URLPattern] {
        var urls = base.urls
        if includeRootView { urls.append(URLPattern(RoutePattern(), getAPIRootView(), name: rootViewName)) }
        return includeFormatSuffixes ? formatSuffixPatterns(urls) : urls
    }
}
