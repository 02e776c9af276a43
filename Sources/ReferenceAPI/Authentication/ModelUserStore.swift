import RESTFramework
import RESTModels

/// Django's `get_by_natural_key` over `users`: an exact, case-sensitive username, with the stored
/// hash, for Basic authentication and the auth-token view.
struct ModelUserStore: UserCredentialStore {
    func user(forUsername username: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
        guard let user = try User.objects(on: request).filter(.field("username", .exact(.string(username)))).first() else {
            return nil
        }
        return (user, user.password)
    }
}
