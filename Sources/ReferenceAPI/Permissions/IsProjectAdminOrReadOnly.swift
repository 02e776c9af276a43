import RESTFramework
import RESTModels

/// Projects, object level: safe methods pass (the queryset holds only the projects of the
/// user's accounts); writes need an admin membership of the project's account.
///
///     [IsAuthenticated(), IsProjectAdminOrReadOnly()]
struct IsProjectAdminOrReadOnly: Permission {
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        if request.method.isSafe { return true }
        guard let project = object as? Project, request.user.isAuthenticated else { return false }
        return try AccountMember.objects(on: request).filter(
            .and([
                .field("account_id", .exact(.int(project.account.id))),
                .field("user_id", .exact(request.user.pk)),
                .field("is_admin", .exact(true)),
            ])
        ).exists()
    }
}
