import PostgreSQL
import RESTFramework
import RESTModels

/// What `api-admin` does, on one connection: create a user (validated as the API validates
/// one), print or make a user's token, load the demo data.
///
///     let admin = ReferenceAdmin(connection: connection, configuration: try .fromEnvironment())
///     let (user, token) = try admin.createUser("ada", staff: false, password: .set("s3cret-pass"))
///     print(token.key)
public struct ReferenceAdmin {
    public let connection: Connection
    public let hasher: PasswordHasher

    public init(connection: Connection, configuration: ReferenceConfiguration) {
        self.connection = connection
        hasher = configuration.passwordHasher
    }

    /// What a new user's `password` column gets.
    public enum Password: Sendable {
        /// Django's `set_unusable_password()`: the user logs in by token only.
        case unusable
        case set(String)
    }

    /// Creates a user and their token. The username and email are checked by the API's own
    /// serializer (pattern, uniqueness, lengths, email syntax); a refusal throws `AdminError`
    /// with its messages.
    @discardableResult
    public func createUser(
        _ username: String, staff: Bool = false, password: Password = .unusable,
        email: String = "", firstName: String = "", lastName: String = "",
        active: Bool = true
    ) throws -> (user: User, token: Token) {
        var extensions = RequestExtensions()
        extensions[DatabaseKey.self] = connection
        let input: JSON = .object([
            ("username", .string(username)), ("email", .string(email)),
            ("first_name", .string(firstName)), ("last_name", .string(lastName)),
            ("is_staff", .bool(staff)),
        ])
        let serializer = UserSerializer(data: input, context: SerializerContext(extensions: extensions))
        guard try serializer.isValid() else {
            throw AdminError("cannot create user \"\(username)\": \(JSONWriter.renderString(serializer.errors))")
        }
        let encoded: String
        switch password {
        case .unusable: encoded = PasswordHasher.makeUnusablePassword()
        case .set(let text): encoded = hasher.makePassword(text)
        }
        return try connection.transaction { _ in
            let user = try serializer.save(["password": .string(encoded), "is_active": .bool(active)]) as! User
            return (user, try Token.getOrCreate(user: user.pk, on: connection))
        }
    }

    /// The user's token, made when missing. Throws `AdminError` for an unknown username.
    public func token(for username: String) throws -> Token {
        guard let user = try User.objects(on: connection).filter(.field("username", .exact(.string(username)))).first() else {
            throw AdminError("no user named \"\(username)\"")
        }
        return try Token.getOrCreate(user: user.pk, on: connection)
    }

    /// Whether the `users` table has no row.
    public func isEmpty() throws -> Bool { try !User.objects(on: connection).exists() }
}

/// A refusal of `api-admin`, worded for the terminal.
public struct AdminError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
