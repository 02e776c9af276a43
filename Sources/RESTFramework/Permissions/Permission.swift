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
    /// The type of `message`: `String` or `String?`, whichever the permission declares (a
    /// plain `let message = "..."` is a `String`); the default is `String?`.
    associatedtype Message: PermissionText = String?
    /// The type of `code`, as `Message`.
    associatedtype Code: PermissionText = String?

    func hasPermission(_ request: Request, view: APIView) throws -> Bool
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool
    /// A custom message for the 403 (DRF's `message` attribute); none (nil) for the default.
    ///
    ///     struct CanPublish: Permission {
    ///         let message = "Publishing is not allowed."      // or: let message: String? = ...
    ///     }
    var message: Message { get }
    /// A custom error code (DRF's `code` attribute); none (nil) for the default.
    var code: Code { get }
}

extension Permission {
    public func hasPermission(_ request: Request, view: APIView) throws -> Bool { true }
    public func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool { true }
    /// The 403's message, whichever type `message` was declared with.
    public var messageText: String? { message.permissionText }
    /// The 403's code, whichever type `code` was declared with.
    public var codeText: String? { code.permissionText }
}

// The defaults exist only for the default types: a permission that declares `message` (of
// either type) has its own, never a silently winning nil.
extension Permission where Message == String? {
    public var message: String? { nil }
}

extension Permission where Code == String? {
    public var code: String? { nil }
}

/// What a permission's `message` and `code` may be declared as: `String` or `String?`.
public protocol PermissionText: Sendable {
    var permissionText: String? { get }
}

extension String: PermissionText {
    public var permissionText: String? { self }
}

extension Optional: PermissionText where Wrapped == String {
    public var permissionText: String? { self }
}
