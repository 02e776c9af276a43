import RESTFramework
import RESTModels

/// Projects and tasks, object level: safe methods pass (the viewsets' querysets hold only the
/// rows of the user's accounts); writes need an admin membership of the account the object
/// belongs to (a task's through its project).
///
///     [IsAuthenticated(), IsProjectAdminOrReadOnly()]
struct IsProjectAdminOrReadOnly: Permission {
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        if request.method.isSafe { return true }
        guard request.user.isAuthenticated, let account = try accountID(of: object, request) else { return false }
        return try AccountMember.objects(on: request).filter(
            .and([
                .field("account_id", .exact(.int(account))),
                .field("user_id", .exact(request.user.pk)),
                .field("is_admin", .exact(true)),
            ])
        ).exists()
    }

    /// The project's account; a task's project's, read with the task (`selectRelated`) or else now.
    private func accountID(of object: Any, _ request: Request) throws -> Int64? {
        switch object {
        case let project as Project: return project.account.id
        case let task as Task:
            if let project = task.project.instance { return project.account.id }
            return try Project.objects(on: request).filter(.field("id", .exact(.uuid(task.project.id)))).first()?.account.id
        default: return nil
        }
    }
}
