/// Where `TokenAuthentication` looks up token keys: the application's `auth_tokens` table,
/// typically, through the request's database connection (here with the model layer's
/// querysets, an app's `Token` and `User` models):
///
///     struct SQLTokenStore: TokenStore {
///         func user(forToken key: String, request: Request) throws -> (any RequestUser)? {
///             let owner = Token.objects.filter(.field("key", .exact(.string(key)))).values("user_id")
///             return try User.objects(on: request).filter(.inSubquery("id", owner)).first()
///         }
///     }
///
/// Return nil for an unknown key; throw for failures of the store itself (a database outage),
/// which then answer as those errors do rather than as bad credentials.
public protocol TokenStore: Sendable {
    /// The owner of the token `key`, whether active or not (the authenticator tells the two
    /// refusals apart, as DRF does).
    func user(forToken key: String, request: Request) throws -> (any RequestUser)?
}

/// Where `BasicAuthentication` looks up users by username (Django's `get_by_natural_key`: an
/// exact, case-sensitive match), with the stored password hash.
///
///     struct SQLUserStore: UserCredentialStore {
///         func user(forUsername username: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
///             guard let user = try User.objects(on: request).filter(.field("username", .exact(.string(username)))).first() else {
///                 return nil
///             }
///             return (user, user.password)
///         }
///     }
///
/// Return inactive users too: the authenticator checks the password first, as Django does.
public protocol UserCredentialStore: Sendable {
    func user(forUsername username: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)?
}

/// A fixed table of tokens, for tests and small tools.
///
///     let tokens = InMemoryTokenStore(["9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b": alice])
///     TokenAuthentication(store: tokens)
public struct InMemoryTokenStore: TokenStore {
    public let tokens: [String: any RequestUser]

    public init(_ tokens: [String: any RequestUser]) {
        self.tokens = tokens
    }

    public func user(forToken key: String, request: Request) throws -> (any RequestUser)? {
        tokens[key]
    }
}

/// A fixed table of users and their encoded passwords, for tests and small tools.
///
///     let hasher = PasswordHasher(iterations: 1_000)
///     let users = InMemoryUserStore([(alice, hasher.makePassword("s3cret"))])
///     BasicAuthentication(store: users, hasher: hasher)
public struct InMemoryUserStore: UserCredentialStore {
    public let users: [String: (user: any RequestUser, passwordHash: String)]

    /// Later entries win over earlier ones with the same username.
    public init(_ users: [(user: any RequestUser, passwordHash: String)]) {
        var table: [String: (user: any RequestUser, passwordHash: String)] = [:]
        for entry in users { table[entry.user.username] = entry }
        self.users = table
    }

    public func user(forUsername username: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
        users[username]
    }
}
