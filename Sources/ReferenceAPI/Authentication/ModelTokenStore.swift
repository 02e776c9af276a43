import RESTFramework
import RESTModels

/// `Authorization: Token <key>` over `auth_tokens`: one statement for the key's user, inactive
/// ones included (TokenAuthentication answers them `User inactive or deleted.`).
struct ModelTokenStore: TokenStore {
    func user(forToken key: String, request: Request) throws -> (any RequestUser)? {
        let owner = Token.objects.filter(.field("key", .exact(.string(key)))).values("user_id")
        return try User.objects(on: request).filter(.inSubquery("id", owner)).first()
    }
}
