/// Django's `authenticate(username=..., password=...)` with the default `ModelBackend`: the
/// check behind `BasicAuthentication` and an obtain-token view.
///
///     guard let user = try users.authenticate(username: name, password: password,
///                                             hasher: hasher, request: request) else {
///         throw ValidationError(["non_field_errors": ["Unable to log in with provided credentials."]])
///     }
///
/// Nil for an unknown username, a wrong or unusable password, and an inactive user alike, and
/// every one of them costs one run of the hasher, so neither the answer nor its timing tells
/// which it was.
extension UserCredentialStore {
    public func authenticate(
        username: String, password: String, hasher: PasswordHasher,
        request: Request
    ) throws -> (any RequestUser)? {
        // A NUL cannot be in a stored username and must never reach a C-string API (libpq
        // would cut it short); Django on PostgreSQL answers 500 here.
        let found = username.utf8.contains(0) ? nil : try user(forUsername: username, request: request)
        guard let found else {
            // Django's `UserModel().set_password(password)` for a missing user (#20760).
            hasher.spendHashingTime(password)
            return nil
        }
        // Password first, then `user_can_authenticate` (is_active), as ModelBackend orders them.
        guard hasher.checkPassword(password, encoded: found.passwordHash), found.user.isActive else { return nil }
        return found.user
    }
}
