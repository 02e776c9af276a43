/// Permission composition, as DRF composes permission classes with `&`, `|` and `~`.
///
///     view.permissionClasses = [IsAuthenticated() & (IsAdminUser() | IsOwner())]
///     view.permissionClasses = [!IsAdminUser()]          // or ~IsAdminUser()
///
/// Precedence follows Python's: `!`/`~` bind tightest, then `&`, then `|`. Evaluation
/// short-circuits left to right, so the right operand never runs (or throws) when the left one
/// already decides.
///
/// A composed permission has no `message` or `code` of its own, exactly as in DRF 3.18 (its
/// `AND`/`OR`/`NOT` carry none, so a refusal is DRF's default 403 text, whatever the operands
/// say). Give one explicitly with `withMessage(_:code:)`.

// MARK: - AND

/// DRF's `AND`: both operands must allow, at request level and at object level.
///
///     let rule = IsAuthenticated() & IsAdminUser()
public struct AndPermission: Permission {
    public let lhs: any Permission
    public let rhs: any Permission

    public init(_ lhs: any Permission, _ rhs: any Permission) {
        self.lhs = lhs
        self.rhs = rhs
    }

    public func hasPermission(_ request: Request, view: APIView) throws -> Bool {
        try lhs.hasPermission(request, view: view) && rhs.hasPermission(request, view: view)
    }

    public func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        try lhs.hasObjectPermission(request, view: view, object: object)
            && rhs.hasObjectPermission(request, view: view, object: object)
    }
}

// MARK: - OR

/// DRF's `OR` (semantics of DRF ≥ 3.14): either operand allows the request; for an object, one
/// operand must allow *both* the request and the object. Without that, `IsAdminUser() | IsOwner()`
/// would let anyone through at object level whenever `IsAdminUser`'s object check (which
/// defaults to true) was consulted for a non-admin.
///
///     let rule = IsAdminUser() | IsOwner()
public struct OrPermission: Permission {
    public let lhs: any Permission
    public let rhs: any Permission

    public init(_ lhs: any Permission, _ rhs: any Permission) {
        self.lhs = lhs
        self.rhs = rhs
    }

    public func hasPermission(_ request: Request, view: APIView) throws -> Bool {
        try lhs.hasPermission(request, view: view) || rhs.hasPermission(request, view: view)
    }

    public func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        let left =
            try lhs.hasPermission(request, view: view)
            && lhs.hasObjectPermission(request, view: view, object: object)
        if left { return true }
        return try rhs.hasPermission(request, view: view)
            && rhs.hasObjectPermission(request, view: view, object: object)
    }
}

// MARK: - NOT

/// DRF's `NOT`: the negation at both levels. Note that the object-level default (true) negates
/// to false, as in DRF: `!IsAdminUser()` refuses every object.
///
///     let rule = !IsAdminUser()
public struct NotPermission: Permission {
    public let operand: any Permission

    public init(_ operand: any Permission) {
        self.operand = operand
    }

    public func hasPermission(_ request: Request, view: APIView) throws -> Bool {
        try !operand.hasPermission(request, view: view)
    }

    public func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        try !operand.hasObjectPermission(request, view: view, object: object)
    }
}

// MARK: - Operators

// The operands are existentials rather than generics so that values already erased to
// `any Permission` (from a settings array, a `getPermissions()` override) compose just like
// concrete ones, and so that chains (`a & b & c`) need no nested generic types.

/// `a & b`: DRF's `a & b`.
public func & (lhs: any Permission, rhs: any Permission) -> AndPermission {
    AndPermission(lhs, rhs)
}

/// `a | b`: DRF's `a | b`.
public func | (lhs: any Permission, rhs: any Permission) -> OrPermission {
    OrPermission(lhs, rhs)
}

/// `!a`: DRF's `~a`.
public prefix func ! (operand: any Permission) -> NotPermission {
    NotPermission(operand)
}

/// `~a`: DRF's spelling of `!a`. The standard library already declares `~` as a prefix
/// operator (bitwise NOT); this overload applies only to permissions, so it never competes
/// with the integer one.
public prefix func ~ (operand: any Permission) -> NotPermission {
    NotPermission(operand)
}
