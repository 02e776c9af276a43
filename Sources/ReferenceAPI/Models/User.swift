import PostgreSQL
import RESTFramework
import RESTModels

/// The `users` table: Django's user columns. `password` holds a Django hash
/// (`pbkdf2_sha256$<iterations>$<salt>$<digest>`) or an unusable password (`!...`).
///
///     let ada = try User.objects(on: request).get(pk: 2)
///     ada.isStaff   // false
public struct User: Model, RequestUser, Identifiable {
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
    public static let fields = Fields(
        User.init, Field("id", \.id), Field("username", \.username), Field("email", \.email),
        Field("first_name", \.firstName), Field("last_name", \.lastName), Field("password", \.password),
        Field("is_staff", \.isStaff), Field("is_active", \.isActive), Field("last_login", \.lastLogin),
        Field("date_joined", \.dateJoined))

    /// `request.user.pk`: the `id` column's value.
    public var pk: FieldValue { .int(id) }
}

/// Django's `AbstractBaseUser.__str__`: the username (the browsable API's selects show it).
extension User: CustomStringConvertible {
    public var description: String { username }
}
