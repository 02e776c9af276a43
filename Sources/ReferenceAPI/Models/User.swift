import PostgreSQL
import RESTFramework
import RESTModels

/// The `users` table: Django's user columns. `password` holds a Django hash
/// (`pbkdf2_sha256$<iterations>$<salt>$<digest>`) or an unusable password (`!...`).
///
///     let ada = try User.objects(on: request).get(pk: 2)
///     ada.isStaff   // false
public struct User: Model, RequestUser {
    public var id: Int64
    public var username: String
    public var email: String
    public var firstName: String
    public var lastName: String
    public var password: String
    public var isStaff: Bool
    public var isActive: Bool
    public var lastLogin: DateTime?
    public var dateJoined: DateTime

    public static let tableName = "users"
    public static let columns: [Column<User>] = [
        Column("id", \.id), Column("username", \.username), Column("email", \.email),
        Column("first_name", \.firstName), Column("last_name", \.lastName), Column("password", \.password),
        Column("is_staff", \.isStaff), Column("is_active", \.isActive), Column("last_login", \.lastLogin),
        Column("date_joined", \.dateJoined),
    ]

    public init(row: ModelRow) throws {
        id = try row["id"]; username = try row["username"]; email = try row["email"]
        firstName = try row["first_name"]; lastName = try row["last_name"]; password = try row["password"]
        isStaff = try row["is_staff"]; isActive = try row["is_active"]; lastLogin = try row["last_login"]
        dateJoined = try row["date_joined"]
    }

    /// `request.user.pk`: the `id` column's value.
    public var pk: FieldValue { .int(id) }
}
