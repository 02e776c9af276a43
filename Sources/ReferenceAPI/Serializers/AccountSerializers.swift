import RESTFramework
import RESTModels

/// Accounts as their members see them: `url, id, name, description, owner, created`; `owner`
/// (the owner's id) and `created` read-only.
final class AccountSerializer: ModelSerializer<Account> {
    override class var fields: [any SerializerField] {
        [
            HyperlinkedIdentityField("url", viewName: "account-detail"),
            IntegerField("id", readOnly: true),
            CharField("name", maxLength: 100),
            // The table's default ("") fills a create; a PUT without it changes nothing.
            CharField("description", required: false, allowBlank: true),
            ReadOnlyField("owner", source: "owner_id"),
            DateTimeField("created", readOnly: true),
        ]
    }
}

/// Accounts as anyone sees them: `id, name, description, owner, created`.
final class PublicAccountSerializer: ModelSerializer<Account> {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true),
            CharField("name", maxLength: 100),
            CharField("description", required: false, allowBlank: true),
            ReadOnlyField("owner", source: "owner_id"),
            DateTimeField("created", readOnly: true),
        ]
    }
}

/// The body of `add-member`: `{"user": <pk>, "is_admin": <bool, default false>}`.
final class AddMemberSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [
            PrimaryKeyRelatedField("user", lookup: ModelRelatedLookup(User.self)),
            BooleanField("is_admin", default: false),
        ]
    }
}
