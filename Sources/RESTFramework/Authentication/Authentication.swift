/// DRF's authentication class: looks at the request and returns a user, returns nil to let the
/// next authenticator try, or throws `AuthenticationFailed`.
///
///     struct APIKeyAuthentication: Authentication {
///         let key: String, user: any RequestUser
///         func authenticate(_ request: Request) throws -> AuthenticationResult? {
///             guard let sent = request.headers["X-Api-Key"] else { return nil }   // the next one tries
///             guard sent == key else { throw AuthenticationFailed("Invalid API key.") }
///             return AuthenticationResult(user: user)
///         }
///     }
public protocol Authentication: Sendable {
    func authenticate(_ request: Request) throws -> AuthenticationResult?
    /// The `WWW-Authenticate` value for a 401; nil makes DRF answer 403 instead.
    func authenticateHeader(_ request: Request) -> String?
}

extension Authentication {
    public func authenticateHeader(_ request: Request) -> String? { nil }
}

public struct AuthenticationResult: Sendable {
    public let user: any RequestUser
    public let auth: (any Sendable)?
    public init(user: any RequestUser, auth: (any Sendable)? = nil) {
        self.user = user
        self.auth = auth
    }
}
