import PostgreSQL
import RESTFramework
import RESTModels

/// The `auth_tokens` table: one key per user, as DRF's `authtoken.Token`.
public struct Token: Model {
    public var key: String
    public var userID: Int64
    public var created: DateTime

    public static let tableName = "auth_tokens"
    public static let primaryKey: PrimaryKey = "key"
    public static let fields = Fields(
        Token.init, Field("key", \.key), Field("user_id", \.userID, references: "users"), Field("created", \.created))

    /// DRF's `Token.objects.get_or_create(user=user)`, by the user's pk: the user's key, made (40 hex digits) when
    /// missing. Two requests racing to make it both end with the one that was stored.
    public static func getOrCreate(user pk: FieldValue, on connection: Connection) throws -> Token {
        let tokens = Token.objects(on: connection).filter(.field("user_id", .exact(pk)))
        if let existing = try tokens.first() { return existing }
        do {
            return try connection.transaction { _ in
                try Token.objects(on: connection).insert(["key": .string(TokenAuthentication.generateKey()), "user_id": pk])
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            return try tokens.get()
        }
    }
}
