/// A view class bound for mounting: what DRF's `as_view()` returns. Sendable and immutable, so
/// one URL conf serves every worker thread; `makeView()` makes the fresh per-request instance.
public struct ViewEndpoint: Sendable {
    public let viewType: APIView.Type
    /// For viewsets: method → action (`[.get: .list, .post: .create]`); nil for APIViews.
    public let actions: [HTTPMethod: ViewSetAction]?
    public let initkwargs: ViewInitKwargs
    /// The namespace of the `include` this endpoint was mounted through (Django's
    /// `resolver_match.namespace`), handed to each view as `urlNamespace`.
    public internal(set) var namespace: String?
    /// What the views made here work out once (shared by copies of this endpoint).
    let memo = ViewMemo()
    /// The routing every view made here starts from (made once, copied per request).
    private let routing: ActionRouting?

    public init(viewType: APIView.Type, actions: [HTTPMethod: ViewSetAction]?, initkwargs: ViewInitKwargs) {
        self.viewType = viewType
        self.actions = actions
        self.initkwargs = initkwargs
        routing = actions.map { actions in
            ActionRouting(
                actionMap: actions, basename: initkwargs.basename, detail: initkwargs.detail,
                extraActionHandlers: initkwargs.handlers)
        }
    }

    /// A fresh view for one request, with the endpoint's bindings applied.
    public func makeView() -> APIView {
        let view = viewType.init()
        if let name = initkwargs.name { view.name = name }
        if let description = initkwargs.description { view.description = description }
        if let suffix = initkwargs.suffix { view.suffix = suffix }
        view.routing = routing
        if let namespace { view.urlNamespace = namespace }
        initkwargs.configure?(view)
        view.endpointMemo = memo
        return view
    }
}

/// What `as_view(**initkwargs)` sets on the view: names, router data, and an extra action's
/// per-action overrides (`configure`).
public struct ViewInitKwargs: Sendable {
    public var name: String?
    public var description: String?
    public var suffix: String?
    public var basename: String?
    public var detail: Bool?
    /// Handlers of extra actions by action name (bound by the router).
    public var handlers: [String: ExtraActionHandler] = [:]
    /// Per-action overrides of view settings (an extra action's `permission_classes=...`).
    public var configure: (@Sendable (APIView) -> Void)?

    public init(
        name: String? = nil, description: String? = nil, suffix: String? = nil, basename: String? = nil,
        detail: Bool? = nil, handlers: [String: ExtraActionHandler] = [:], configure: (@Sendable (APIView) -> Void)? = nil
    ) {
        self.name = name
        self.description = description
        self.suffix = suffix
        self.basename = basename
        self.detail = detail
        self.handlers = handlers
        self.configure = configure
    }
}

/// Per mounted view, what its views would otherwise work out on every request although it does
/// not change between requests (as DRF binds a view's handlers once, in `as_view`).
final class ViewMemo: Sendable {
    /// The default `allowedMethods` and the `Allow` header written from them.
    let allow = SnapshotCache<Void, AllowedMethods>()
}

struct AllowedMethods: Sendable {
    let methods: [HTTPMethod]
    /// `GET, POST, HEAD, OPTIONS`.
    let header: String

    init(_ methods: [HTTPMethod]) {
        self.methods = methods
        header = AllowedMethods.header(methods)
    }

    static func header(_ methods: [HTTPMethod]) -> String {
        var allow = "", first = true
        for method in methods {
            if !first { allow += ", " }
            allow += method.rawValue
            first = false
        }
        return allow
    }
}
