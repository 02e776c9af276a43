/// DRF's `AllowAny`.
public struct AllowAny: Permission {
    public init() {}
}

/// DRF's `IsAuthenticated`.
public struct IsAuthenticated: Permission {
    public init() {}
    public func hasPermission(_ request: Request, view: APIView) throws -> Bool { request.user.isAuthenticated }
}

/// DRF's `IsAdminUser`: staff only.
public struct IsAdminUser: Permission {
    public init() {}
    public func hasPermission(_ request: Request, view: APIView) throws -> Bool { request.user.isStaff }
}

/// DRF's `IsAuthenticatedOrReadOnly`.
public struct IsAuthenticatedOrReadOnly: Permission {
    public init() {}
    public func hasPermission(_ request: Request, view: APIView) throws -> Bool {
        request.method.isSafe || request.user.isAuthenticated
    }
}
