import RESTFramework

/// DRF's `AuthTokenSerializer`: `username` (trimmed) and `password` (not trimmed) must be valid
/// fields before the credentials are checked; then Django's `authenticate()`. Unknown users,
/// wrong or unusable passwords and inactive users all get the same message. The validated data
/// carries the user's id as `user`.
final class AuthTokenSerializer: Serializer {
    static let invalidCredentials = "Unable to log in with provided credentials."

    override class var fields: [any SerializerField] {
        [
            CharField("username", writeOnly: true, label: "Username"),
            CharField("password", writeOnly: true, trimWhitespace: false, label: "Password"),
            CharField("token", readOnly: true, label: "Token"),
        ]
    }

    override func validate(_ attrs: ValidatedData) throws -> ValidatedData {
        guard let request = context.request, let view = context.view,
            let username = attrs["username"]?.stringValue, let password = attrs["password"]?.stringValue
        else {
            throw ValidationError("Must include \"username\" and \"password\".", code: "authorization")
        }
        guard
            let user = try ModelUserStore().authenticate(
                username: username, password: password,
                hasher: view.settings.passwordHasher, request: request)
        else {
            throw ValidationError(Self.invalidCredentials, code: "authorization")
        }
        var validated = attrs
        validated["user"] = user.pk
        return validated
    }
}
