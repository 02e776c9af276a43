import RESTFramework

/// The body of `set_password` and `password`: `{"password": "..."}`, 8 to 128 characters
/// (trimmed first, as every CharField is).
final class PasswordSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [CharField("password", maxLength: 128, minLength: 8)]
    }
}
