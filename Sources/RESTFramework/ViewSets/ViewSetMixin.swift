/// DRF's `ViewSetMixin`: what makes a view a viewset. Its handlers are actions (`list`,
/// `retrieve`, extra actions) bound to methods when it is mounted, by a router or by
/// `asView(_:)`. Swift has no multiple inheritance, so, as DRF composes `ViewSetMixin` with a
/// view class, a viewset class adopts this protocol: `ViewSet` is `APIView` + `ViewSetMixin`,
/// `GenericViewSet` is `GenericAPIView` + `ViewSetMixin`.
///
/// The requirements are what routers read from the class (DRF's class attributes). Each
/// adopting class declares them in its body as `open class var`s, so that a subclass's
/// override is what the router reads. The routing state of a request is the view's `routing`.
///
///     final class SimpleUserViewSet: ViewSet, ListAction, RetrieveAction {
///         func list(_ request: Request) throws -> Response { Response([["id": 1, "username": "ada"]]) }
///         func retrieve(_ request: Request) throws -> Response { Response(["id": 1, "username": "ada"]) }
///     }
///     // without a router:
///     try URLConf([.path("users/", SimpleUserViewSet.asView([.get: .list]))])
public protocol ViewSetMixin: APIView {
    /// The extra actions of this viewset (DRF's `@action` methods).
    static var extraActions: [ExtraAction] { get }
    /// The model field looked up by detail routes (DRF's `lookup_field`).
    static var lookupField: String { get }
    /// The URL keyword naming the lookup value; nil means `lookupField` (DRF's `lookup_url_kwarg`).
    static var lookupURLKwarg: String? { get }
    /// The pattern a lookup value must match within one path segment; nil means DRF's default
    /// `[^/.]+` (DRF's `lookup_value_regex`).
    static var lookupValueRegex: String? { get }
    /// The queryset model's name (`"User"`), from which a router derives the basename when
    /// `register` is not given one; nil means "no queryset".
    static var querysetModelName: String? { get }
}

// Nothing here reads a class property through `Self`: in a protocol extension `Self` is the
// class that adopted the protocol, not the request's subclass. Class properties are read
// through the metatype value (`self` in a static method), which is the dynamic type.
extension ViewSetMixin {
    /// Binds actions to methods for mounting without a router (DRF's `as_view({'get': 'list'})`).
    /// HEAD follows GET unless mapped.
    public static func asView(
        _ actions: [HTTPMethod: ViewSetAction], name: String? = nil, suffix: String? = nil,
        basename: String? = nil, detail: Bool? = nil
    ) -> ViewEndpoint {
        precondition(
            !actions.isEmpty,
            "The `actions` argument must be provided when calling `asView()` on a ViewSet. For example `asView([.get: .list])`")
        var handlers: [String: ExtraActionHandler] = [:]
        for extra in getExtraActions() { handlers.merge(extra.handlers) { a, _ in a } }
        return ViewEndpoint(
            viewType: self, actions: actions,
            initkwargs: ViewInitKwargs(name: name, suffix: suffix, basename: basename, detail: detail, handlers: handlers))
    }

    /// DRF's `get_extra_actions()`.
    public static func getExtraActions() -> [ExtraAction] { extraActions }
    public func getExtraActions() -> [ExtraAction] { type(of: self).extraActions }

    // MARK: Introspection (set for every request, as DRF does)

    /// The action answering this request: `.list`, `.retrieve`, `.extra("set_password")`;
    /// `.metadata` for OPTIONS; nil when the route does not map the method.
    public var action: ViewSetAction? { routing?.action }
    /// Method → action for the route that matched.
    public var actionMap: [HTTPMethod: ViewSetAction] { routing?.actionMap ?? [:] }
    public var basename: String? { routing?.basename }
    /// Whether the route is a detail route; nil when mounted without a router.
    public var detail: Bool? { routing?.detail }

    /// DRF's `reverse_action(url_name, args)`: the absolute URL of `<basename>-<urlName>`.
    public func reverseAction(_ urlName: String, args: [String] = [], kwargs: [String: String] = [:]) throws -> String {
        guard let urls, let basename else {
            throw APIError(status: 500, detail: "reverseAction needs a viewset mounted by a router (basename and URL conf).")
        }
        return try urls.reverse(
            "\(basename)-\(urlName)", args: args, kwargs: kwargs, request: request,
            urlFormatOverride: settings.urlFormatOverride)
    }
}
