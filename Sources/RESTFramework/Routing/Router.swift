/// What every router offers: registration of viewsets under URL prefixes, and the URL patterns
/// that follow from them, ready for `URLConfEntry.include`. DRF's `BaseRouter`.
///
///     var router = SimpleRouter()
///     try router.register("users", UserViewSet.self)
///     let urls = try URLConf([.include("api/", router)])
public protocol Router: Sendable {
    /// The registrations, in order (DRF's `registry`).
    var registry: [RouterRegistration] { get }
    /// Registers a viewset; a nil basename is derived from the viewset's queryset model. Throws
    /// `ImproperlyConfigured` for a missing or duplicate basename or an extra action that
    /// collides with a route.
    mutating func register(_ prefix: String, _ viewset: any ViewSetMixin.Type, basename: String?) throws
    /// The URL patterns of every registration (DRF's `urls`).
    var urls: [URLPattern] { get }
}

/// One `register` call, with the patterns it produced (computed, and checked, at registration).
///
///     router.registry.map(\.basename)   // ["user", "simple-user"]
public struct RouterRegistration: Sendable {
    public let prefix: String
    public let viewset: any ViewSetMixin.Type
    public let basename: String
    public let urls: [URLPattern]
}
