import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport

// The reference API's models (shared/spec/reference-api.md, "Schema"), written with RESTModels
// as the application writes them.

struct User: Model {
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
    static let columns: [Column<User>] = [
        Column("id", \.id), Column("username", \.username), Column("email", \.email),
        Column("first_name", \.firstName), Column("last_name", \.lastName), Column("password", \.password),
        Column("is_staff", \.isStaff), Column("is_active", \.isActive), Column("last_login", \.lastLogin),
        Column("date_joined", \.dateJoined),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; username = try row["username"]; email = try row["email"]
        firstName = try row["first_name"]; lastName = try row["last_name"]; password = try row["password"]
        isStaff = try row["is_staff"]; isActive = try row["is_active"]; lastLogin = try row["last_login"]
        dateJoined = try row["date_joined"]
    }
}

struct Token: Model {
    var key: String
    var userID: Int64
    var created: DateTime

    static let tableName = "auth_tokens"
    static let primaryKey: PrimaryKey = "key"
    static let columns: [Column<Token>] = [
        Column("key", \.key), Column("user_id", \.userID, references: "users"), Column("created", \.created),
    ]

    init(row: ModelRow) throws { key = try row["key"]; userID = try row["user_id"]; created = try row["created"] }
}

struct Account: Model {
    var id: Int64
    var name: String
    var description: String
    var ownerID: Int64
    var created: DateTime

    static let tableName = "accounts"
    static let columns: [Column<Account>] = [
        Column("id", \.id), Column("name", \.name), Column("description", \.description),
        Column("owner_id", \.ownerID, references: "users"), Column("created", \.created),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; name = try row["name"]; description = try row["description"]
        ownerID = try row["owner_id"]; created = try row["created"]
    }

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
    static let columns: [Column<AccountMember>] = [
        Column("account_id", \.accountID, references: "accounts"), Column("user_id", \.userID, references: "users"),
        Column("is_admin", \.isAdmin),
    ]

    init(row: ModelRow) throws { accountID = try row["account_id"]; userID = try row["user_id"]; isAdmin = try row["is_admin"] }
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
    static let columns: [Column<Note>] = [
        Column("id", \.id), Column("title", \.title), Column("body", \.body),
        Column("author_id", \.authorID, references: "users"),
        .annotation("author", \.author, sql: "SELECT username FROM users WHERE users.id = notes.author_id"),
        Column("created", \.created),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; title = try row["title"]; body = try row["body"]
        authorID = try row["author_id"]; author = try row["author"]; created = try row["created"]
    }
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
