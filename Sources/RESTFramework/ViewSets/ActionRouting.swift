/// What a router (or `asView(_:)`) bound a viewset to, and the action of the request: DRF's
/// `action`, `action_map`, `basename`, `detail` and the extra actions' handlers, in one value.
/// A viewset's view holds it as `routing`; a plain `APIView` has none.
///
///     view.routing?.action      // .retrieve
///     view.routing?.actionMap   // [.get: .retrieve, .put: .update, ...]
public struct ActionRouting: Sendable {
    /// The action answering this request: `.metadata` for OPTIONS, nil when the route does not
    /// map the method (a 405). Set by `dispatch` before any hook runs.
    public internal(set) var action: ViewSetAction?
    /// Method → action for the route that matched.
    public let actionMap: [HTTPMethod: ViewSetAction]
    public let basename: String?
    /// Whether the route is a detail route; nil when mounted without a router.
    public let detail: Bool?
    /// Handlers of extra actions by action name (bound by the router).
    let extraActionHandlers: [String: ExtraActionHandler]

    init(
        actionMap: [HTTPMethod: ViewSetAction], basename: String?, detail: Bool?,
        extraActionHandlers: [String: ExtraActionHandler]
    ) {
        self.actionMap = actionMap
        self.basename = basename
        self.detail = detail
        self.extraActionHandlers = extraActionHandlers
    }

    /// `actionMap[method]`, by a scan: the map has a few entries, and comparing short method
    /// names costs less than hashing one (this runs for every method when `Allow` is written).
    func action(mappedTo method: HTTPMethod) -> ViewSetAction? {
        for (mapped, action) in actionMap where mapped == method { return action }
        return nil
    }

    /// DRF's `initialize_request`: sets the request's action. OPTIONS is always the implicit
    /// `metadata` action; HEAD follows GET's action unless mapped.
    mutating func startRequest(_ method: HTTPMethod) {
        if method == .options {
            action = .metadata
        } else {
            action = action(mappedTo: method) ?? (method == .head ? action(mappedTo: .get) : nil)
        }
    }

    /// The handler answering `method` on `view`: the built-in action's method, or the extra
    /// action's bound handler; nil for a 405. OPTIONS is not an action handler (the view's).
    func handler(for method: HTTPMethod, on view: APIView) -> RequestHandler? {
        var action = action(mappedTo: method)
        if action == nil && method == .head { action = self.action(mappedTo: .get) }
        switch action {
        case nil, .metadata?:
            return nil
        case .extra(let name)?:
            guard let extra = extraActionHandlers[name] else { return nil }
            return { [unowned view] request in try extra.call(view, request) }
        case let builtIn?:
            return builtIn.builtInHandler(on: view)
        }
    }
}
