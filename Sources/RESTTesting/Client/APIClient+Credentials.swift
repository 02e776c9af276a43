import Foundation
import RESTFramework

/// Who the client's requests come from: DRF's `credentials`, `force_authenticate` and `logout`.
///
///     client.credentials(token: key)                        // Authorization: Token <key>
///     client.credentials(username: "ada", password: "s3cret") // Authorization: Basic ...
///     client.forceAuthenticate(user: ada)                   // no credentials, the views see ada
///     client.logout()                                       // anonymous again
extension APIClient {
    /// Headers sent with every request from now on, replacing earlier credentials (DRF's
    /// `credentials(**kwargs)`); no headers clears them.
    public func credentials(_ headers: Headers) {
        credentialHeaders = headers
    }

    /// `Authorization: Token <key>`, what `TokenAuthentication` reads (another `keyword` for an
    /// authenticator that uses one, such as `Bearer`).
    public func credentials(token: String, keyword: String = "Token") {
        credentials(["Authorization": "\(keyword) \(token)"])
    }

    /// `Authorization: Basic <base64 of username:password>`, what `BasicAuthentication` reads.
    public func credentials(username: String, password: String) {
        let encoded = Data("\(username):\(password)".utf8).base64EncodedString()
        credentials(["Authorization": "Basic \(encoded)"])
    }

    /// Every request from now on is authenticated as `user` (with `token` as `request.auth`),
    /// whatever the views' authenticators: DRF's `force_authenticate`. Permission checks see an
    /// authenticated user; credentials sent as well are not looked at.
    public func forceAuthenticate(user: any RequestUser, token: (any Sendable)? = nil) {
        forcedAuthentication = ForcedAuthentication(user: user, token: token)
    }

    /// Drops the credentials and the forced user: DRF's `logout`.
    public func logout() {
        credentialHeaders = Headers()
        forcedAuthentication = nil
    }
}
