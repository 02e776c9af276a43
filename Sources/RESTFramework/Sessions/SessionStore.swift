import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a session holds: Django's `_auth_user_id` (the user's primary key as text) and
/// `_auth_user_hash` (an HMAC of the user's password hash, so changing the password ends every
/// session of the user).
public struct StoredSession: Sendable, Equatable {
    public var userID: String
    public var authHash: String
    public init(userID: String, authHash: String) {
        self.userID = userID
        self.authHash = authHash
    }
}

/// Where sessions live: Django's `SESSION_ENGINE`. RESTModels' `DatabaseSessionStore` keeps
/// them in PostgreSQL's `sessions` table (migrations/0003_sessions.sql); `InMemorySessionStore`
/// is for tests.
///
///     let store = DatabaseSessionStore()           // RESTModels: the `sessions` table
///     try store.clearExpired(request: request)     // Django's `clearsessions`
public protocol SessionStore: Sendable {
    /// The session of `key` when it has not expired.
    func load(_ key: String, request: Request) throws -> StoredSession?
    /// Stores a new session that expires `age` seconds from now; false when `key` is taken.
    func create(_ key: String, _ session: StoredSession, age: Int, request: Request) throws -> Bool
    func delete(_ key: String, request: Request) throws
    /// Django's `clearsessions`: deletes every expired session; how many went.
    @discardableResult func clearExpired(request: Request) throws -> Int
}

/// Sessions in memory, for tests and single-process tools: gone with the process.
///
///     let sessions = Sessions(secretKey: "test", store: InMemorySessionStore(), users: users)
public final class InMemorySessionStore: SessionStore {
    private let rows = Mutex<[String: (session: StoredSession, expires: Int)]>([:])
    /// Seconds since the epoch; tests move it to expire sessions.
    private let clock: @Sendable () -> Int

    public init(clock: @escaping @Sendable () -> Int = { Int(time(nil)) }) {
        self.clock = clock
    }

    public func load(_ key: String, request: Request) throws -> StoredSession? {
        let now = clock()
        return rows.withLock { rows in rows[key].flatMap { $0.expires > now ? $0.session : nil } }
    }

    public func create(_ key: String, _ session: StoredSession, age: Int, request: Request) throws -> Bool {
        let expires = clock() + age
        return rows.withLock { rows in
            guard rows[key] == nil else { return false }
            rows[key] = (session, expires)
            return true
        }
    }

    public func delete(_ key: String, request: Request) throws {
        _ = rows.withLock { rows in rows.removeValue(forKey: key) }
    }

    @discardableResult public func clearExpired(request: Request) throws -> Int {
        let now = clock()
        return rows.withLock { rows in
            let expired = rows.filter { $0.value.expires <= now }.map(\.key)
            for key in expired { rows.removeValue(forKey: key) }
            return expired.count
        }
    }

    /// The keys stored, for tests.
    public var keys: [String] { rows.withLock { Array($0.keys) } }
}

/// The users a session signs in: by username for the sign-in form (Django's `authenticate()`),
/// by primary key for each later request (`ModelBackend.get_user`).
///
///     struct SQLSessionUsers: SessionUserStore {
///         func user(forUsername username: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
///             try SQLUserStore().user(forUsername: username, request: request)
///         }
///         func user(forSessionUserID id: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
///             guard let id = Int64(id), let user = try User.objects(on: request).filter(.field("id", .exact(.int(id)))).first() else {
///                 return nil
///             }
///             return (user, user.password)
///         }
///     }
public protocol SessionUserStore: UserCredentialStore {
    /// The user whose primary key's text is `id`, active or not, with the stored password hash.
    func user(forSessionUserID id: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)?
    /// Django's `user_logged_in` signal (`update_last_login`): called after a sign-in.
    func userLoggedIn(_ user: any RequestUser, request: Request) throws
}

extension SessionUserStore {
    public func userLoggedIn(_ user: any RequestUser, request: Request) throws {}
}

/// The fixed users of `InMemoryUserStore` sign in with sessions too (by their `pk`'s text).
extension InMemoryUserStore: SessionUserStore {
    public func user(forSessionUserID id: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
        users.values.first { $0.user.pk.description == id }
    }
}
