import RESTFramework

/// Tags: everyone signed in reads (with `IsAuthenticated` before it), only staff write.
///
///     [IsAuthenticated(), IsStaffOrReadOnly()]
struct IsStaffOrReadOnly: Permission {
    func hasPermission(_ request: Request, view: APIView) throws -> Bool {
        request.method.isSafe || request.user.isStaff
    }
}
