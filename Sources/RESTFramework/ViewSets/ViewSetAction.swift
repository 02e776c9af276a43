/// The action answering a viewset request (DRF's `self.action`): the built-in actions as
/// cases, an extra action by its name. `getPermissions()` and friends switch over it:
///
///     override func getPermissions() -> [any Permission] {
///         switch action {
///         case .list, .retrieve: return [IsAuthenticated()]
///         case .extra("set_password"): return [IsAuthenticated(), IsAdminOrIsSelf()]
///         default: return [IsAdminUser()]
///         }
///     }
///
/// `name` is DRF's spelling (`"partial_update"`, `"metadata"`, `"set_password"`), used wherever
/// DRF prints an action. A name that is a built-in action is always its case, never `.extra`:
/// build actions from names with `init(_:)` (or a string literal, as in `asView([.get: "list"])`).
public enum ViewSetAction: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    case list, create, retrieve, update
    /// `partial_update` on the wire.
    case partialUpdate
    case destroy
    /// OPTIONS, on every route (DRF's implicit `metadata` action).
    case metadata
    /// An extra action (DRF's `@action`) or a `mapping` handler, by function name.
    case extra(String)

    /// The actions the router's fixed routes map, in DRF's order.
    public static let routed: [ViewSetAction] = [.list, .create, .retrieve, .update, .partialUpdate, .destroy]

    /// The action named `name`: a built-in one's case, else `.extra(name)`.
    public init(_ name: String) {
        switch name {
        case "list": self = .list
        case "create": self = .create
        case "retrieve": self = .retrieve
        case "update": self = .update
        case "partial_update": self = .partialUpdate
        case "destroy": self = .destroy
        case "metadata": self = .metadata
        default: self = .extra(name)
        }
    }

    public init(stringLiteral name: String) { self.init(name) }

    /// DRF's name of the action: `"list"`, `"partial_update"`, `"metadata"`, an extra action's.
    public var name: String {
        switch self {
        case .list: return "list"
        case .create: return "create"
        case .retrieve: return "retrieve"
        case .update: return "update"
        case .partialUpdate: return "partial_update"
        case .destroy: return "destroy"
        case .metadata: return "metadata"
        case .extra(let name): return name
        }
    }

    public var description: String { name }

    /// Whether a viewset class offers this built-in action (conforms to its protocol); extra
    /// actions are answered by the handlers the router bound, so this is false for them.
    public func isImplemented(by type: APIView.Type) -> Bool {
        switch self {
        case .list: return type is any ListAction.Type
        case .create: return type is any CreateAction.Type
        case .retrieve: return type is any RetrieveAction.Type
        case .update: return type is any UpdateAction.Type
        case .partialUpdate: return type is any PartialUpdateAction.Type
        case .destroy: return type is any DestroyAction.Type
        case .metadata, .extra: return false
        }
    }

    /// The view's method for a built-in action; nil for the others (OPTIONS is the view's
    /// `options`, extra actions are bound by the router).
    func builtInHandler(on view: APIView) -> RequestHandler? {
        switch self {
        case .list: return (view as? any ListAction).map { v in v.list }
        case .create: return (view as? any CreateAction).map { v in v.create }
        case .retrieve: return (view as? any RetrieveAction).map { v in v.retrieve }
        case .update: return (view as? any UpdateAction).map { v in v.update }
        case .partialUpdate: return (view as? any PartialUpdateAction).map { v in v.partialUpdate }
        case .destroy: return (view as? any DestroyAction).map { v in v.destroy }
        case .metadata, .extra: return nil
        }
    }
}
