import PostgreSQL
import RESTFramework
import RESTModels

/// The `accounts` table. Members (and their admin flag) are in `account_members`.
public struct Account: Model, Identifiable {
    public var id: Int64
    public var name: String
    public var description: String
    public var ownerID: Int64
    public var created: DateTime

    public static let tableName = "accounts"
    public static let fields = Fields(
        Account.init, Field("id", \.id), Field("name", \.name), Field("description", \.description),
        Field("owner_id", \.ownerID, references: "users"), Field("created", \.created))

    /// The ids of the accounts `userID` is a member of (Django's `memberships__user=user`).
    /// A small set, matched as an array: the prepared list statements then keep a plan that
    /// suits a member of one account and a member of every account alike.
    static func ids(ofMember userPK: FieldValue) -> ModelSubquery {
        AccountMember.objects.filter(.field("user_id", .exact(userPK))).values("account_id").asArray()
    }
}

/// The `account_members` table: who belongs to which account, and who administers it.
public struct AccountMember: Model {
    public var accountID: Int64
    public var userID: Int64
    public var isAdmin: Bool

    public static let tableName = "account_members"
    public static let primaryKey: PrimaryKey = ["account_id", "user_id"]
    public static let fields = Fields(
        AccountMember.init, Field("account_id", \.accountID, references: "accounts"),
        Field("user_id", \.userID, references: "users"), Field("is_admin", \.isAdmin))

    /// The user ids of an account's members (Django's `memberships__account=account`).
    static func userIDs(of accountID: Int64) -> ModelSubquery {
        AccountMember.objects.filter(.field("account_id", .exact(.int(accountID)))).values("user_id")
    }
}
