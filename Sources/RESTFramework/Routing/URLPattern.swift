/// One entry of a URL conf once includes are flattened: Django's `URLPattern` (a pattern, the
/// view it routes to, its name for `reverse`).
///
///     let pattern = URLPattern(try RoutePattern(path: "health/"), Health.asView(), name: "health")
public struct URLPattern: Sendable {
    public var pattern: RoutePattern
    public var endpoint: ViewEndpoint
    public var name: String?

    public init(_ pattern: RoutePattern, _ endpoint: ViewEndpoint, name: String? = nil) {
        self.pattern = pattern
        self.endpoint = endpoint
        self.name = name
    }

    /// Django's namespace of the pattern (`v1`, nested `api:v1`); nil outside any.
    public var namespace: String? { endpoint.namespace }

    /// This pattern inside `namespace`: its name reversed as `namespace:name`, its views told
    /// the namespace (an inner one stays, after it: `outer:inner`).
    func inNamespace(_ namespace: String) -> URLPattern {
        var pattern = self
        pattern.name = name.map { namespace + ":" + $0 }
        pattern.endpoint.namespace = endpoint.namespace.map { namespace + ":" + $0 } ?? namespace
        return pattern
    }
}

/// What a URL conf is written with: Django's `path()` and `include()`. Entries are matched in
/// order, first match wins.
///
///     let urls = try URLConf([
///         .include("api/", router),
///         .path("api/auth-token/", ObtainAuthToken.asView(), name: "api-token"),
///     ])
public struct URLConfEntry: Sendable {
    /// The flattened patterns, prefixes applied.
    public let patterns: [URLPattern]

    public init(patterns: [URLPattern]) { self.patterns = patterns }

    /// Django's `path(route, view, name=...)`: `route` in Django's syntax (`"notes/<int:pk>/"`).
    public static func path(_ route: String, _ endpoint: ViewEndpoint, name: String? = nil) throws -> URLConfEntry {
        URLConfEntry(patterns: [URLPattern(try RoutePattern(path: route), endpoint, name: name)])
    }

    /// Django's `path(prefix, include(router.urls))`.
    public static func include(_ prefix: String, _ router: some Router) throws -> URLConfEntry {
        try include(prefix, router.urls)
    }

    /// Django's `path(prefix, include([...]))` with entries written inline.
    public static func include(_ prefix: String, _ entries: [URLConfEntry]) throws -> URLConfEntry {
        try include(prefix, entries.flatMap(\.patterns))
    }

    /// Django's `path(prefix, include(patterns))`.
    public static func include(_ prefix: String, _ patterns: [URLPattern]) throws -> URLConfEntry {
        let prefixPattern = try RoutePattern(path: prefix)
        return URLConfEntry(patterns: patterns.map { URLPattern(prefixPattern + $0.pattern, $0.endpoint, name: $0.name) })
    }

    /// Django's `path(prefix, include(router.urls, namespace=...))`: names are reversed as
    /// `namespace:name`, and the views know their namespace (`NamespaceVersioning` reads it).
    ///
    ///     let urls = try URLConf([.include("v1/", router, namespace: "v1"), .include("v2/", router, namespace: "v2")])
    ///     try urls.reverse("v2:book-list")   // "/v2/books/"
    public static func include(_ prefix: String, _ router: some Router, namespace: String) throws -> URLConfEntry {
        try include(prefix, router.urls, namespace: namespace)
    }

    /// Django's `path(prefix, include([...], namespace=...))` with entries written inline.
    public static func include(_ prefix: String, _ entries: [URLConfEntry], namespace: String) throws -> URLConfEntry {
        try include(prefix, entries.flatMap(\.patterns), namespace: namespace)
    }

    /// Django's `path(prefix, include(patterns, namespace=...))`.
    public static func include(_ prefix: String, _ patterns: [URLPattern], namespace: String) throws -> URLConfEntry {
        guard !namespace.isEmpty, !namespace.contains(":") else {
            throw ImproperlyConfigured(
                "URL namespace '\(namespace)' must be non-empty and contain no ':'; nest includes for 'outer:inner'.")
        }
        return URLConfEntry(patterns: try include(prefix, patterns).patterns.map { $0.inNamespace(namespace) })
    }
}
