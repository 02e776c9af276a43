import RESTFramework
import RESTModels

/// Safe methods pass; anything else needs an admin membership of the account (object level).
///
///     [IsAuthenticated(), IsAccountAdminOrReadOnly()]
struct IsAccountAdminOrReadOnly: Permission {
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        if request.method.isSafe { return true }
        guard let account = object as? Account, request.user.isAuthenticated else { return false }
        return try AccountMember.objects(on: request).filter(
            .and([
                .field("account_id", .exact(.int(account.id))),
                .field("user_id", .exact(request.user.pk)),
                .field("is_admin", .exact(true)),
            ])
        ).exists()
    }
}
