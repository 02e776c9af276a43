import RESTFramework

/// Object level: staff, or the user the URL names is the requesting user.
///
///     [IsAuthenticated(), IsAdminOrIsSelf()]   // set_password, unset_password, password
struct IsAdminOrIsSelf: Permission {
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        // Django compares model instances by class and primary key.
        request.user.isStaff || (request.user is User && (object as? User)?.pk == request.user.pk)
    }
}
