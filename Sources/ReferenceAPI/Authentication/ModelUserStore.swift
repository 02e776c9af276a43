import RESTFramework
import RESTModels

/// Django's `get_by_natural_key` over `users`: an exact, case-sensitive username, with the stored
/// hash, for Basic authentication, the auth-token view and the sign-in form; and
/// `ModelBackend.get_user` by primary key for sessions.
struct ModelUserStore: SessionUserStore {
    func user(forUsername username: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
        guard let user = try User.objects(on: request).filter(.field("username", .exact(.string(username)))).first() else {
            return nil
        }
        return (user, user.password)
    }

    func user(forSessionUserID id: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
        guard let id = Int64(id), let user = try User.objects(on: request).filter(.field("id", .exact(.int(id)))).first() else {
            return nil
        }
        return (user, user.password)
    }

    /// Django's `update_last_login`.
    func userLoggedIn(_ user: any RequestUser, request: Request) throws {
        _ = try User.objects(on: request).filter(.field("id", .exact(user.pk))).update(["last_login": .dateTime(DateTime.now())])
    }
}
