// The `///` examples of Sources/RESTFramework/Authentication, compiled (DocCommentExampleTests
// finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

// Authentication (where `User` is the framework's protocol, as in its own sources)
enum AuthenticationExample {
    struct APIKeyAuthentication: Authentication {
        let key: String, user: any RequestUser
        func authenticate(_ request: Request) throws -> AuthenticationResult? {
            guard let sent = request.headers["X-Api-Key"] else { return nil }   // the next one tries
            guard sent == key else { throw AuthenticationFailed("Invalid API key.") }
            return AuthenticationResult(user: user)
        }
    }
}

// TokenStore
struct SQLTokenStore: TokenStore {
    func user(forToken key: String, request: Request) throws -> (any RequestUser)? {
        let owner = Token.objects.filter(.field("key", .exact(.string(key)))).values("user_id")
        return try User.objects(on: request).filter(.inSubquery("id", owner)).first()
    }
}

// UserCredentialStore
struct SQLUserStore: UserCredentialStore {
    func user(forUsername username: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
        guard let user = try User.objects(on: request).filter(.field("username", .exact(.string(username)))).first() else {
            return nil
        }
        return (user, user.password)
    }
}

extension DocHost {
    // BasicAuthentication
    func basic() {
        let basic = BasicAuthentication(store: SQLUserStore(), hasher: PasswordHasher())
        _ = basic
    }

    // InMemoryTokenStore, InMemoryUserStore
    func inMemoryStores() {
        let tokens = InMemoryTokenStore(["9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b": alice])
        TokenAuthentication(store: tokens)

        let hasher = PasswordHasher(iterations: 1_000)
        let users = InMemoryUserStore([(alice, hasher.makePassword("s3cret"))])
        BasicAuthentication(store: users, hasher: hasher)
    }

    // UserCredentialStore.authenticate (ModelBackend)
    func logIn(users: SQLUserStore, name: String) throws -> any RequestUser {
        guard let user = try users.authenticate(username: name, password: password,
                                                hasher: hasher, request: request) else {
            throw ValidationError(["non_field_errors": ["Unable to log in with provided credentials."]])
        }
        return user
    }

    // PasswordHasher
    func passwords() {
        let hasher = PasswordHasher()                        // 1,000,000 iterations (Django 5.2)
        let encoded = hasher.makePassword("s3cret")          // "pbkdf2_sha256$1000000$<salt>$<digest>"
        hasher.checkPassword("s3cret", encoded: encoded)     // true
        hasher.checkPassword("s3cret", encoded: PasswordHasher.makeUnusablePassword())  // false
    }

    // TokenAuthentication
    func tokens() {
        var settings = APISettings()
        settings.authenticationClasses = [TokenAuthentication(store: SQLTokenStore()), BasicAuthentication(store: SQLUserStore())]
        // a new key for a user, as DRF's Token.generate_key():
        let key = TokenAuthentication.generateKey()   // 40 lowercase hex digits
        _ = (settings, key)
    }
}
