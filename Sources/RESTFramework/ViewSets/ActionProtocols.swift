/// A viewset offers a standard action by conforming to its protocol, as a DRF viewset defines
/// `def list(self, request)`. The router routes exactly the actions a viewset has; the model
/// layer's mixins conform with default implementations.
///
///     final class SimpleUserViewSet: ViewSet, ListAction, RetrieveAction {
///         func list(_ request: Request) throws -> Response { Response([["id": 1, "username": "ada"]]) }
///         func retrieve(_ request: Request) throws -> Response { Response(["id": 1, "username": "ada"]) }
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

    func handler(on view: ViewSet) -> RequestHandler? {
        switch self {
        case .list: return (view as? any ListAction).map { v in v.list }
        case .create: return (view as? any CreateAction).map { v in v.create }
        case .retrieve: return (view as? any RetrieveAction).map { v in v.retrieve }
        case .update: return (view as? any UpdateAction).map { v in v.update }
        case .partialUpdate: return (view as? any PartialUpdateAction).map { v in v.partialUpdate }
        case .destroy: return (view as? any DestroyAction).map { v in v.destroy }
        }
    }
}
