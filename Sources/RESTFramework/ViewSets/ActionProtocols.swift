/// A viewset offers a built-in action by conforming to its protocol, as a DRF viewset defines
/// `def list(self, request)`. The router routes exactly the actions a viewset has. There are no
/// default bodies: a class adopting an action (directly or through a model mixin) declares the
/// method in its body, so a subclass's `override` is the method the router calls.
///
///     final class SimpleUserViewSet: ViewSet, ListAction, RetrieveAction {
///         func list(_ request: Request) throws -> Response { Response([["id": 1, "username": "ada"]]) }
///         func retrieve(_ request: Request) throws -> Response { Response(["id": 1, "username": "ada"]) }
///     }
public protocol ListAction: ViewSetMixin { func list(_ request: Request) throws -> Response }
public protocol CreateAction: ViewSetMixin { func create(_ request: Request) throws -> Response }
public protocol RetrieveAction: ViewSetMixin { func retrieve(_ request: Request) throws -> Response }
public protocol UpdateAction: ViewSetMixin { func update(_ request: Request) throws -> Response }
public protocol PartialUpdateAction: ViewSetMixin { func partialUpdate(_ request: Request) throws -> Response }
public protocol DestroyAction: ViewSetMixin { func destroy(_ request: Request) throws -> Response }
