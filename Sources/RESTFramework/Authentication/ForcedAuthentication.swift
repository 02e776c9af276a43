/// DRF's `ForcedAuthentication`: the user a test forced onto a request (RESTTesting's
/// `forceAuthenticate`). It stands in for every authenticator of the view, so permission checks
/// see that user whatever the view's `authenticationClasses` say.
///
///     let request = APIRequestFactory().get("/api/users/")
///     forceAuthenticate(request, user: alice)          // RESTTesting
///     request.successfulAuthenticator is ForcedAuthentication   // after dispatch
///
/// A class so that `Request` holds it as one pointer: every request from the wire carries nil,
/// and a nil pointer costs nothing to store, test or release.
public final class ForcedAuthentication: Authentication {
    public let user: any RequestUser
    public let token: (any Sendable)?

    public init(user: any RequestUser, token: (any Sendable)? = nil) {
        self.user = user
        self.token = token
    }

    public func authenticate(_ request: Request) throws -> AuthenticationResult? {
        AuthenticationResult(user: user, auth: token)
    }
}
