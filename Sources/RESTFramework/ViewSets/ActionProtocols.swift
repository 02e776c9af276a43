/// A viewset offers a standard action by conforming to its protocol, as a DRF viewset defines
/// `def list(self, request)`. The router routes exactly the actions a viewset has; the model
/// layer's mixins conform with default implementations.
///
///     final class SimpleUserViewSet: ViewSet, ListAction, RetrieveAction {
///         func list(_ request: Request) throws -> Response { ... }
///         func retrieve(_ request: Request) throws -> Response { ... }
///     }
public protocol ListAction: ViewSet { func list(_ request: Request) throws -> Response }
public protocol CreateAction: ViewSet { func create(_ request: Request) throws -> Response }
public protocol RetrieveAction: ViewSet { func retrieve(_ request: Request) throws -> Response }
public protocol UpdateAction: ViewSet { func update(_ request: Request) throws -> Response }
public protocol PartialUpdateAction: ViewSet { func partialUpdate(_ request: Request) throws -> Response }
public protocol DestroyAction: ViewSet { func destroy(_ request: Request) throws -> Response }

/// The standard action names, as DRF spells them.
public enum StandardAction: String, CaseIterable, Sendable {
    case list, create, retrieve, update
    case partialUpdate = "partial_update"
    case destroy

    /// Whether a viewset class offers this action.
    public func isImplemented(by type: APIView.Type) -> Bool {
        switch self {
        case .list: return type is any ListAction.Type
        case .create: return type is any CreateAction.Type
        case .retrieve: return type is any RetrieveAction.Type
        case .update: return type is any UpdateAction.Type
        case .partialUpdate: return type is any PartialUpdateAction.Type
        case .destroy: return type is any DestroyAction.Type
        }
    }

    /// The handler for this action on `view`, nil when its class does not implement it. Which
    /// actions a class implements is worked out once per class: `finalizeResponse` asks for every
    /// method's handler (the `Allow` header), and a conformance cast for each cost more than the
    /// rest of the answer. The cast to call the action happens when the handler is called.
    func handler(on view: ViewSet) -> RequestHandler? {
        guard StandardAction.implemented(by: type(of: view)) & bit != 0 else { return nil }
        switch self {
        case .list: return { request in try (view as! any ListAction).list(request) }
        case .create: return { request in try (view as! any CreateAction).create(request) }
        case .retrieve: return { request in try (view as! any RetrieveAction).retrieve(request) }
        case .update: return { request in try (view as! any UpdateAction).update(request) }
        case .partialUpdate: return { request in try (view as! any PartialUpdateAction).partialUpdate(request) }
        case .destroy: return { request in try (view as! any DestroyAction).destroy(request) }
        }
    }

    private var bit: UInt8 {
        switch self {
        case .list: return 1
        case .create: return 2
        case .retrieve: return 4
        case .update: return 8
        case .partialUpdate: return 16
        case .destroy: return 32
        }
    }

    private static let implementedByClass = TypeCache<UInt8>()

    /// The actions `type` implements, one bit each.
    private static func implemented(by type: ViewSet.Type) -> UInt8 {
        implementedByClass.value(for: type) {
            allCases.reduce(0) { mask, action in action.isImplemented(by: type) ? mask | action.bit : mask }
        }
    }
}
