/// An extra action: DRF's `@action` decorator as a typed table entry on the viewset.
///
///     override class var extraActions: [ExtraAction] {[
///         .action("set_password", detail: true, methods: [.post],
///                 permissionClasses: [IsAuthenticated() & IsAdminOrIsSelf()]) { (view: UserViewSet, request) in
///             try view.setPassword(request)
///         },
///         .action("password", detail: true, methods: [.put], name: "Change Password") { (view: UserViewSet, request) in
///             try view.changePassword(request)
///         }.mapping(.delete, "delete_password") { (view: UserViewSet, request) in
///             try view.deletePassword(request)
///         },
///         .action("recent_users", detail: false) { (view: UserViewSet, request) in try view.recentUsers(request) },
///     ]}
public struct ExtraAction: Sendable {
    /// The function name: the action's name and, by default, its URL path.
    public let functionName: String
    public let detail: Bool
    /// Method → name of the handler answering it. The decorated method answers `methods`;
    /// `mapping(_:_:)` adds other methods with their own handlers.
    public private(set) var mapping: [(method: HTTPMethod, action: String)]
    public let urlPath: String
    public let urlName: String
    public let kwargs: ViewInitKwargs
    /// The handlers by action name: the decorated one and those added by `mapping`.
    public private(set) var handlers: [String: ExtraActionHandler]
    /// What the OpenAPI document says of each action, by action name (drf-spectacular's
    /// `@extend_schema` on the method): the decorated one's `schema:` and each `mapping`'s.
    public private(set) var schemas: [String: ExtendSchema] = [:]

    /// - Parameters:
    ///   - name: DRF's `name=`; default `pretty_name(function name)` ("Set password").
    ///   - writesOnSafeMethods: true for a GET action that writes: its requests read from the
    ///     primary database, not a read replica (`APIView.writesOnSafeMethods`).
    ///   - configure: any other per-action override of view settings (serializer, paginator, ...).
    public static func action<V: ViewSetMixin>(
        _ functionName: String, detail: Bool, methods: [HTTPMethod] = [.get],
        urlPath: String? = nil, urlName: String? = nil, name: String? = nil, suffix: String? = nil,
        description: String? = nil,
        permissionClasses: [any Permission]? = nil, authenticationClasses: [any Authentication]? = nil,
        parserClasses: [any Parser]? = nil, rendererClasses: [any Renderer]? = nil,
        writesOnSafeMethods: Bool? = nil,
        configure: (@Sendable (V) -> Void)? = nil, schema: ExtendSchema? = nil,
        _ handler: @escaping @Sendable (V, Request) throws -> Response
    ) -> ExtraAction {
        var action = ExtraAction(
            functionName: functionName, detail: detail,
            mapping: methods.map { (method: $0, action: functionName) },
            urlPath: urlPath ?? functionName,
            urlName: urlName ?? functionName.replacingOccurrences(of: "_", with: "-"),
            kwargs: ViewInitKwargs(
                // DRF: name defaults to pretty_name(func.__name__) unless a suffix is given.
                name: name ?? (suffix == nil ? ViewNaming.prettyName(functionName) : nil),
                description: description, suffix: suffix, detail: detail,
                configure: { view in
                    if let permissionClasses { view.permissionClasses = permissionClasses }
                    if let authenticationClasses { view.authenticationClasses = authenticationClasses }
                    if let parserClasses { view.parserClasses = parserClasses }
                    if let rendererClasses { view.rendererClasses = rendererClasses }
                    if let writesOnSafeMethods { view.writesOnSafeMethods = writesOnSafeMethods }
                    if let configure, let typed = view as? V { configure(typed) }
                }),
            handlers: [functionName: ExtraActionHandler(handler)])
        if let schema { action.schemas[functionName] = schema }
        return action
    }

    /// DRF's `@<action>.mapping.<method>`: another method on the same route, answered by
    /// another handler (whose name becomes the action for that method).
    public func mapping<V: ViewSetMixin>(
        _ method: HTTPMethod, _ actionName: String, schema: ExtendSchema? = nil,
        _ handler: @escaping @Sendable (V, Request) throws -> Response
    ) -> ExtraAction {
        var copy = self
        if let schema { copy.schemas[actionName] = schema }
        copy.mapping.removeAll { $0.method == method }
        copy.mapping.append((method: method, action: actionName))
        copy.handlers[actionName] = ExtraActionHandler(handler)
        return copy
    }

    /// Method → action, as DRF's `action.mapping`.
    public var actionMap: [HTTPMethod: ViewSetAction] {
        Dictionary(mapping.map { ($0.method, ViewSetAction($0.action)) }, uniquingKeysWith: { _, last in last })
    }

    public var methods: [HTTPMethod] { HTTPMethod.sortedForAllow(mapping.map(\.method)) }
}

/// A type-erased extra action handler that calls the typed closure on the right viewset class.
public struct ExtraActionHandler: Sendable {
    let call: @Sendable (APIView, Request) throws -> Response

    public init<V: ViewSetMixin>(_ handler: @escaping @Sendable (V, Request) throws -> Response) {
        call = { view, request in
            guard let typed = view as? V else {
                throw APIError(status: 500, detail: .string("Extra action bound to \(type(of: view)), expected \(V.self)."))
            }
            return try handler(typed, request)
        }
    }
}
