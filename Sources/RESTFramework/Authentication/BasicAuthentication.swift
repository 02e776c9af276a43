/// DRF's `BasicAuthentication` over Django's `ModelBackend`: `Authorization: Basic
/// base64(username:password)`, checked against Django-format password hashes.
///
///     let basic = BasicAuthentication(store: SQLUserStore(), hasher: PasswordHasher())
///
/// Decoding follows DRF: Python's lenient `b64decode` (characters outside the alphabet are
/// skipped), text read as UTF-8, else Latin-1, split at the first `:` (so passwords may hold
/// colons). Unknown users, wrong or unusable passwords and inactive users are all
/// `Invalid username/password.`, and all cost one run of the hasher, so neither the message nor
/// the time tells which it was.
public struct BasicAuthentication: Authentication {
    public let store: any UserCredentialStore
    public let hasher: PasswordHasher
    /// DRF's `www_authenticate_realm`.
    public let realm: String
    /// Beyond DRF: the window failed attempts count in (see `CredentialThrottle`); nil: none.
    public let throttle: CredentialThrottle?

    public init(
        store: any UserCredentialStore, hasher: PasswordHasher = PasswordHasher(), realm: String = "api",
        throttle: CredentialThrottle? = nil
    ) {
        self.store = store
        self.hasher = hasher
        self.realm = realm
        self.throttle = throttle
    }

    public func authenticate(_ request: Request) throws -> AuthenticationResult? {
        let header = AuthorizationHeader(request)
        guard header.hasScheme("basic") else { return nil }
        guard header.words.count > 1 else {
            throw AuthenticationFailed("Invalid basic header. No credentials provided.")
        }
        guard header.words.count == 2 else {
            throw AuthenticationFailed("Invalid basic header. Credentials string should not contain spaces.")
        }
        guard let (username, password) = Self.decodeCredentials(header.words[1]) else {
            throw AuthenticationFailed("Invalid basic header. Credentials not correctly base64 encoded.")
        }
        return try authenticateCredentials(username: username, password: password, request: request)
    }

    /// DRF's `authenticate_credentials` over Django's `authenticate()` (see
    /// `UserCredentialStore.authenticate`). DRF's own `User inactive or deleted.` branch is
    /// unreachable behind ModelBackend, which never returns an inactive user.
    public func authenticateCredentials(username: String, password: String, request: Request) throws -> AuthenticationResult {
        // Counted before the hasher runs, so that a full window costs no PBKDF2.
        let attempt = try throttle?.attempt(request)
        guard let user = try store.authenticate(username: username, password: password, hasher: hasher, request: request) else {
            throw AuthenticationFailed("Invalid username/password.")
        }
        attempt?.succeeded(request)
        return AuthenticationResult(user: user)
    }

    public func authenticateHeader(_ request: Request) -> String? { "Basic realm=\"\(realm)\"" }

    /// `b64decode(credentials)`, UTF-8 else Latin-1, `split(":", 1)`; nil where DRF raises.
    static func decodeCredentials(_ encoded: [UInt8]) -> (username: String, password: String)? {
        guard let decoded = PythonBase64.decode(encoded) else { return nil }
        let text = String(validating: decoded, as: UTF8.self) ?? AuthorizationHeader.latin1String(decoded)
        // Split on the code point, as Python does: ":" followed by a combining mark is one
        // Character in Swift and would not be found as a Character.
        let scalars = text.unicodeScalars
        guard let colon = scalars.firstIndex(of: ":") else { return nil }
        return (String(scalars[..<colon]), String(scalars[scalars.index(after: colon)...]))
    }
}
