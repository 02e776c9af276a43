import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport

// The reference API's models (shared/spec/reference-api.md, "Schema"), written with RESTModels
// as the application writes them.

struct User: Model, Identifiable {
    var id: Int64
    var username: String
    var email: String
    var firstName: String
    var lastName: String
    var password: String
    var isStaff: Bool
    var isActive: Bool
    var lastLogin: DateTime?
    var dateJoined: DateTime

    static let tableName = "users"
    static let fields = Fields(
        User.init, Field("id", \.id), Field("username", \.username), Field("email", \.email),
        Field("first_name", \.firstName), Field("last_name", \.lastName), Field("password", \.password),
        Field("is_staff", \.isStaff), Field("is_active", \.isActive), Field("last_login", \.lastLogin),
        Field("date_joined", \.dateJoined))
}

struct Token: Model {
    var key: String
    var userID: Int64
    var created: DateTime

    static let tableName = "auth_tokens"
    static let primaryKey: PrimaryKey = "key"
    static let fields = Fields(
        Token.init, Field("key", \.key), Field("user_id", \.userID, references: "users"), Field("created", \.created))
}

struct Account: Model, Identifiable {
    var id: Int64
    var name: String
    var description: String
    var ownerID: Int64
    var created: DateTime

    static let tableName = "accounts"
    static let fields = Fields(
        Account.init, Field("id", \.id), Field("name", \.name), Field("description", \.description),
        Field("owner_id", \.ownerID, references: "users"), Field("created", \.created))

    /// The spec's `get_queryset`: the accounts of which the user is a member.
    static func memberships(of userPK: FieldValue) -> ModelSubquery {
        AccountMember.objects.filter(.field("user_id", .exact(userPK))).values("account_id")
    }
}

struct AccountMember: Model {
    var accountID: Int64
    var userID: Int64
    var isAdmin: Bool

    static let tableName = "account_members"
    static let primaryKey: PrimaryKey = ["account_id", "user_id"]
    static let fields = Fields(
        AccountMember.init, Field("account_id", \.accountID, references: "accounts"),
        Field("user_id", \.userID, references: "users"), Field("is_admin", \.isAdmin))
}

struct Note: Model {
    var id: Int64
    var title: String
    var body: String
    var authorID: Int64
    /// The author's username, selected with the row (no query per note).
    var author: String
    var created: DateTime

    static let tableName = "notes"
    static let ordering = [OrderTerm("-id")]
    static let fields = Fields(
        Note.init, Field("id", \.id), Field("title", \.title), Field("body", \.body),
        Field("author_id", \.authorID, references: "users"),
        .annotation("author", \.author, sql: "SELECT username FROM users WHERE users.id = notes.author_id"),
        Field("created", \.created))
}

// MARK: - A database per test

/// The repository's migrations, applied to a fresh database.
enum ReferenceSchema {
    static var sql: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("migrations/0001_initial.sql"), encoding: .utf8)) ?? ""
    }
}

/// Runs `body` with a connection to a database of its own (with `schema` applied), dropped afterwards.
func withModelsDatabase<T>(
    schema: String = ReferenceSchema.sql,
    _ body: (Connection, TemporaryDatabase) throws -> T
) throws -> T {
    let database = try TemporaryDatabase(prefix: "models")
    defer { database.drop() }
    let connection = try Connection(url: database.url)
    try connection.executeScript(schema)
    return try body(connection, database)
}

extension QuerySet {
    /// The primary keys of the rows, in order.
    func ids() throws -> [Int64] { try all().map { $0.fieldValue("pk")?.intValue ?? -1 } }
}

/// Seeds users ada (1), alan (2), grace (3, staff, logged in) and linus (4, logged in earlier).
@discardableResult
func seedUsers(_ connection: Connection) throws -> [User] {
    let users = User.objects(on: connection)
    return try [
        users.insert(["username": "ada", "email": "ada@example.com"]),
        users.insert(["username": "alan", "first_name": "Alan"]),
        users.insert(["username": "grace", "is_staff": true, "last_login": .string("2026-03-01T10:00:00Z")]),
        users.insert(["username": "linus", "last_login": .string("2026-01-15T08:30:00.250000Z")]),
    ]
}
