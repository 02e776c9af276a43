// What the doc examples take for granted: an application's models, serializers and views (the
// reference API's shape: users, accounts and their members, notes), under the names the examples use.
import PostgreSQL
import RESTFramework
import RESTModels

struct User: Model, RequestUser, Identifiable {
    var id: Int64, username: String, email: String, password: String, isStaff: Bool, isActive: Bool, lastLogin: DateTime?
    static let tableName = "users"
    static let columns: [Column<User>] = [
        Column("id", \.id), Column("username", \.username), Column("email", \.email), Column("password", \.password),
        Column("is_staff", \.isStaff), Column("is_active", \.isActive), Column("last_login", \.lastLogin),
    ]
    init(row: ModelRow) throws {
        id = try row["id"]; username = try row["username"]; email = try row["email"]; password = try row["password"]
        isStaff = try row["is_staff"]; isActive = try row["is_active"]; lastLogin = try row["last_login"]
    }
    init(id: Int64, username: String) {
        self.id = id; self.username = username; email = ""; password = ""; isStaff = false; isActive = true; lastLogin = nil
    }
    var pk: FieldValue { .int(id) }
}

struct Account: Model, Identifiable {
    var id: Int64, name: String, description: String, ownerID: Int64, created: DateTime
    static let tableName = "accounts"
    static let columns: [Column<Account>] = [
        Column("id", \.id), Column("name", \.name), Column("description", \.description),
        Column("owner_id", \.ownerID, references: "users"), Column("created", \.created),
    ]
    init(row: ModelRow) throws {
        id = try row["id"]; name = try row["name"]; description = try row["description"]
        ownerID = try row["owner_id"]; created = try row["created"]
    }
}

struct AccountMember: Model {
    var accountID: Int64, userID: Int64, isAdmin: Bool
    static let tableName = "account_members"
    static let primaryKey: PrimaryKey = ["account_id", "user_id"]
    static let columns: [Column<AccountMember>] = [
        Column("account_id", \.accountID, references: "accounts"), Column("user_id", \.userID, references: "users"),
        Column("is_admin", \.isAdmin),
    ]
    init(row: ModelRow) throws {
        accountID = try row["account_id"]; userID = try row["user_id"]; isAdmin = try row["is_admin"]
    }
}

final class UserSerializer: ModelSerializer<User> {
    override class var fields: [any SerializerField] {
        [HyperlinkedIdentityField("url", viewName: "user-detail"), IntegerField("id", readOnly: true),
         CharField("username", maxLength: 150)]
    }
}

final class BriefUserSerializer: ModelSerializer<User> {
    override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true), CharField("username")] }
}

final class PublicAccountSerializer: ModelSerializer<Account> {
    override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true), CharField("name")] }
}

/// Who may change an object: its owner.
struct IsOwner: Permission {
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        (object as? Account).map { .int($0.ownerID) } == request.user.pk
    }
}

struct IsAdminOrIsSelf: Permission {
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        request.user.isStaff || (object as? User)?.pk == request.user.pk
    }
}

class UserViewSet: ModelViewSet<QuerySet<User>> {
    override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { UserSerializer.self }
    func recentUsers(_ request: Request) throws -> Response { Response(status: 200) }
    func setPassword(_ request: Request) throws -> Response { Response(["status": "password set"]) }
    func changePassword(_ request: Request) throws -> Response { Response(status: 204) }
    func deletePassword(_ request: Request) throws -> Response { Response(status: 204) }
}

final class AccountViewSet: ModelViewSet<QuerySet<Account>> {
    override class var queryset: QuerySet<Account>? { Account.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { PublicAccountSerializer.self }
}

final class ObtainAuthToken: APIView, PostHandler {
    func post(_ request: Request) throws -> Response { Response(["token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"]) }
}

struct Token: Model {
    var key: String, userID: Int64
    static let tableName = "auth_tokens"
    static let primaryKey: PrimaryKey = "key"
    static let columns: [Column<Token>] = [Column("key", \.key), Column("user_id", \.userID, references: "users")]
    init(row: ModelRow) throws { key = try row["key"]; userID = try row["user_id"] }
}
