/// A permission with its own 403 `message` and `code` (DRF's `message` / `code` class
/// attributes), for permissions you cannot edit: built-in ones and compositions.
///
///     view.permissionClasses = [
///         (IsAdminUser() | IsOwner()).withMessage("Only the owner or staff may do this.", code: "not_owner"),
///     ]
///
/// A permission type of your own can simply declare the properties, as `String` or `String?`:
///
///     struct CanPublish: Permission {
///         let message = "Publishing is not allowed."
///         let code = "cannot_publish"
///     }
public struct PermissionWithMessage: Permission {
    public let base: any Permission
    public let message: String?
    public let code: String?

    public init(_ base: any Permission, message: String?, code: String? = nil) {
        self.base = base
        self.message = message
        self.code = code
    }

    public func hasPermission(_ request: Request, view: APIView) throws -> Bool {
        try base.hasPermission(request, view: view)
    }

    public func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        try base.hasObjectPermission(request, view: view, object: object)
    }
}

extension Permission {
    /// This permission, refusing with `message` and `code` instead of its own.
    /// A nil `code` falls back to the base permission's code, then DRF's `permission_denied`.
    public func withMessage(_ message: String, code: String? = nil) -> PermissionWithMessage {
        PermissionWithMessage(self, message: message, code: code ?? codeText)
    }
}
