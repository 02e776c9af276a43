/// The rows a router expands for every registered viewset: DRF's `Route` and `DynamicRoute`.
/// Adding a kind of route is adding a row. URLs are templates with the placeholders `{prefix}`,
/// `{lookup}`, `{url_path}` (dynamic rows) and `{trailing_slash}`; names with `{basename}` and
/// `{url_name}`.
///
///     var routes = RouteTemplate.simpleRouterRoutes
///     routes.append(.route(Route(url: "{prefix}/{lookup}/history{trailing_slash}",
///                                mapping: [(.get, .extra("history"))], name: "{basename}-history",
///                                detail: true, initkwargs: ViewInitKwargs(suffix: "History"))))
///     let router = SimpleRouter(routes: routes)
public enum RouteTemplate: Sendable {
    /// A fixed route, mapping methods to actions the viewset may implement.
    case route(Route)
    /// One route per extra action of the matching `detail` level.
    case dynamic(DynamicRoute)

    /// DRF's `SimpleRouter.routes`, in its order: list, list-level extra actions, detail,
    /// detail-level extra actions. The order is what makes `users/recent_users/` win over
    /// `users/{pk}/`.
    public static let simpleRouterRoutes: [RouteTemplate] = [
        .route(
            Route(
                url: "{prefix}{trailing_slash}", mapping: [(.get, .list), (.post, .create)],
                name: "{basename}-list", detail: false, initkwargs: ViewInitKwargs(suffix: "List"))),
        .dynamic(DynamicRoute(url: "{prefix}/{url_path}{trailing_slash}", name: "{basename}-{url_name}", detail: false)),
        .route(
            Route(
                url: "{prefix}/{lookup}{trailing_slash}",
                mapping: [(.get, .retrieve), (.put, .update), (.patch, .partialUpdate), (.delete, .destroy)],
                name: "{basename}-detail", detail: true, initkwargs: ViewInitKwargs(suffix: "Instance"))),
        .dynamic(DynamicRoute(url: "{prefix}/{lookup}/{url_path}{trailing_slash}", name: "{basename}-{url_name}", detail: true)),
    ]
}

/// DRF's `Route`: a URL template, method → action, a name template, and what the view is
/// initialised with (the list route's `suffix: "List"`).
///
///     Route(url: "{prefix}{trailing_slash}", mapping: [(.get, .list)], name: "{basename}-list",
///           detail: false, initkwargs: ViewInitKwargs(suffix: "List"))
public struct Route: Sendable {
    public var url: String
    public var mapping: [(method: HTTPMethod, action: ViewSetAction)]
    public var name: String
    public var detail: Bool
    public var initkwargs: ViewInitKwargs

    public init(
        url: String, mapping: [(HTTPMethod, ViewSetAction)], name: String, detail: Bool,
        initkwargs: ViewInitKwargs = ViewInitKwargs()
    ) {
        self.url = url
        self.mapping = mapping.map { (method: $0.0, action: $0.1) }
        self.name = name
        self.detail = detail
        self.initkwargs = initkwargs
    }
}

/// DRF's `DynamicRoute`: the template an extra action of the same `detail` level fills in.
///
///     DynamicRoute(url: "{prefix}/{lookup}/{url_path}{trailing_slash}", name: "{basename}-{url_name}", detail: true)
public struct DynamicRoute: Sendable {
    public var url: String
    public var name: String
    public var detail: Bool
    public var initkwargs: ViewInitKwargs

    public init(url: String, name: String, detail: Bool, initkwargs: ViewInitKwargs = ViewInitKwargs()) {
        self.url = url
        self.name = name
        self.detail = detail
        self.initkwargs = initkwargs
    }
}

extension ViewInitKwargs {
    /// DRF's `initkwargs.update(other)`: what `other` sets wins.
    func updated(with other: ViewInitKwargs) -> ViewInitKwargs {
        var merged = self
        if let name = other.name { merged.name = name }
        if let description = other.description { merged.description = description }
        if let suffix = other.suffix { merged.suffix = suffix }
        if let basename = other.basename { merged.basename = basename }
        if let detail = other.detail { merged.detail = detail }
        merged.handlers.merge(other.handlers) { _, new in new }
        if let configure = other.configure { merged.configure = configure }
        return merged
    }
}
