/// DRF's permission class: a request-level check before the handler and an object-level check
/// when a view fetches one object. Compose with `&`, `|` and `!` (DRF's `~`).
///
///     struct IsOwner: Permission {
///         func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
///             guard let note = object as? Note else { return false }
///             return .int(note.authorID) == request.user.pk
///         }
///     }
///     view.permissionClasses = [IsAuthenticated() & IsOwner()]
public protocol Permission: Sendable {
    func hasPermission(_ request: Request, view: APIView) throws -> Bool
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool
    /// A custom message for the 403 (DRF's `message` attribute); nil for the default.
    /// Declare it as `String?` (`let message: String? = "..."`): a plain `String` property does
    /// not satisfy this requirement, and the default (nil) would silently win.
    var message: String? { get }
    /// A custom error code (DRF's `code` attribute); the same typing caveat applies.
    var code: String? { get }
}

extension Permission {
    public func hasPermission(_ request: Request, view: APIView) throws -> Bool { true }
    public func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool { true }
    public var message: String? { nil }
    public var code: String? { nil }
}
