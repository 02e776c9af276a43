/// DRF's `SessionAuthentication`: the user signed in through `/api/auth/login/` (a session kept
/// by `Sessions.store`, named by the signed `sessionid` cookie). Put it after token and Basic:
/// the first authenticator decides the `WWW-Authenticate` of a 401, and this one has none (a
/// view whose first authenticator is this one answers 403 instead of 401, as in DRF).
///
///     settings.authenticationClasses = [TokenAuthentication(store: tokens), BasicAuthentication(store: users),
///                                       SessionAuthentication(sessions)]
///
/// A request without the cookie costs one header lookup. Unsafe requests of a signed-in session
/// must pass Django's CSRF check (`CSRFCheck`), or answer 403
/// `{"detail":"CSRF Failed: CSRF token missing."}` and the like; token and Basic requests never
/// reach it.
public struct SessionAuthentication: Authentication {
    public let sessions: Sessions

    public init(_ sessions: Sessions) {
        self.sessions = sessions
    }

    public func authenticate(_ request: Request) throws -> AuthenticationResult? {
        // Django reads `request.user` from the session here, cookie or not: its response then
        // carries `Vary: Cookie` (APIView.finalizeResponse adds it).
        request.sessionAccessed = true
        // The hot path: no cookie header, nothing to do.
        guard request.headers["Cookie"] != nil, let user = try sessions.user(request) else { return nil }
        try enforceCSRF(request)
        return AuthenticationResult(user: user)
    }

    /// DRF's `enforce_csrf`.
    public func enforceCSRF(_ request: Request) throws {
        if let reason = try sessions.csrf.reason(request) {
            throw PermissionDenied("CSRF Failed: \(reason)")
        }
    }
}
