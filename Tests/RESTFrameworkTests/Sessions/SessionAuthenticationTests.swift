import Foundation
import RESTTesting
import Synchronization
import Testing

@testable import RESTFramework

/// `SessionAuthentication` and Django's CSRF check on requests made in memory (sessions in an
/// `InMemorySessionStore`), and the sign-in views through an `Application`.
@Suite struct SessionAuthenticationTests {
    let store = InMemorySessionStore()
    var sessions: Sessions {
        var sessions = Sessions(secretKey: "test-secret", store: store, users: SessionTestUsers(), hasher: testHasher)
        sessions.loginRedirectURL = "/api/"
        return sessions
    }

    /// A signed-in session of alice: the cookie header value (session and CSRF cookies).
    func signIn(_ user: TestUser = alice, csrfSecret: String) throws -> String {
        let factory = APIRequestFactory()
        let hash = try #require(try userStore.user(forUsername: user.username, request: factory.get("/"))).passwordHash
        let cookies = try sessions.login(user, passwordHash: hash, request: factory.get("/"))
        let session = cookies[0].value
        return "sessionid=\(session); csrftoken=\(csrfSecret)"
    }

    /// What `WhoAmI` answers a POST that got through.
    let posted: JSON = ["ok": true]

    func serve(_ request: Request) -> Response {
        let view = WhoAmI()
        var settings = APISettings()
        settings.authenticationClasses = [TokenAuthentication(store: tokenStore), SessionAuthentication(sessions)]
        settings.permissionClasses = [IsAuthenticated()]
        view.settings = settings
        return view.dispatch(request)
    }

    func post(_ headers: Headers, scheme: String = "http", body: String = "{}", contentType: String = "application/json") -> Request {
        APIRequestFactory(scheme: scheme).generic(.post, "/probe/", body: body, contentType: contentType, headers: headers)
    }

    @Test func sessionAuthenticatesSafeRequestsWithoutToken() throws {
        let cookie = try signIn(csrfSecret: CSRFToken.newSecret())
        let response = serve(APIRequestFactory().get("/probe/", headers: ["Cookie": cookie]))
        #expect(response.status == 200 && response.data == ["user": "alice"])
        // No cookie, a forged or unknown one: anonymous, and the first authenticator's 401.
        for bad in ["", "sessionid=abc", "sessionid=" + Signer(secretKey: "other").sign("abc")] {
            let refused = serve(APIRequestFactory().get("/probe/", headers: bad.isEmpty ? [:] : ["Cookie": bad]))
            #expect(refused.status == 401 && refused.headers["WWW-Authenticate"] == "Token", "\(bad)")
        }
    }

    @Test func unsafeSessionRequestsNeedTheCSRFToken() throws {
        let secret = CSRFToken.newSecret()
        let cookie = try signIn(csrfSecret: secret)
        func detail(_ headers: Headers, scheme: String = "http", body: String = "{}", contentType: String = "application/json")
            -> JSON?
        {
            serve(post(Headers([("Cookie", cookie)]).merging(headers), scheme: scheme, body: body, contentType: contentType)).data
        }
        #expect(detail([:]) == ["detail": "CSRF Failed: CSRF token missing."])
        #expect(
            serve(post(["Cookie": cookie.replacingOccurrences(of: "; csrftoken=" + secret, with: "")])).data
                == ["detail": "CSRF Failed: CSRF cookie not set."])
        #expect(
            serve(post(["Cookie": cookie.replacingOccurrences(of: secret, with: "short")])).data
                == ["detail": "CSRF Failed: CSRF cookie has incorrect length."])
        #expect(
            detail(["X-CSRFToken": CSRFToken.mask(CSRFToken.newSecret())])
                == ["detail": "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect."])
        #expect(
            detail(["X-CSRFToken": String(repeating: "-", count: 64)])
                == ["detail": "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header has invalid characters."])
        // The form field of a POST, then the header when the field is empty.
        #expect(
            detail(
                [:], body: "csrfmiddlewaretoken=\(CSRFToken.mask(CSRFToken.newSecret()))", contentType: "application/x-www-form-urlencoded")
                == ["detail": "CSRF Failed: CSRF token from POST incorrect."])
        #expect(
            detail(["X-CSRFToken": secret], body: "csrfmiddlewaretoken=", contentType: "application/x-www-form-urlencoded")
                == posted)
        #expect(
            detail([:], body: "csrfmiddlewaretoken=\(CSRFToken.mask(secret))", contentType: "application/x-www-form-urlencoded")
                == posted)
        #expect(detail(["X-CSRFToken": CSRFToken.mask(secret)]) == posted)
        #expect(detail(["X-CSRFToken": secret]) == posted)
        // Origin, when sent, must be this site.
        #expect(
            detail(["X-CSRFToken": secret, "Origin": "http://evil.example"])
                == ["detail": "CSRF Failed: Origin checking failed - http://evil.example does not match any trusted origins."])
        #expect(detail(["X-CSRFToken": secret, "Origin": "http://testserver"]) == posted)
        // On https, no Origin: the Referer decides.
        #expect(detail(["X-CSRFToken": secret], scheme: "https") == ["detail": "CSRF Failed: Referer checking failed - no Referer."])
        #expect(
            detail(["X-CSRFToken": secret, "Referer": "testserver/x"], scheme: "https")
                == ["detail": "CSRF Failed: Referer checking failed - Referer is malformed."])
        #expect(
            detail(["X-CSRFToken": secret, "Referer": "http://testserver/x"], scheme: "https")
                == ["detail": "CSRF Failed: Referer checking failed - Referer is insecure while host is secure."])
        #expect(
            detail(["X-CSRFToken": secret, "Referer": "HTTPS://evil.example/x?"], scheme: "https")
                == ["detail": "CSRF Failed: Referer checking failed - https://evil.example/x does not match any trusted origins."])
        #expect(detail(["X-CSRFToken": secret, "Referer": "https://testserver/api/"], scheme: "https") == posted)
        #expect(
            detail(["X-CSRFToken": secret, "Origin": "http://testserver"], scheme: "https")
                == ["detail": "CSRF Failed: Origin checking failed - http://testserver does not match any trusted origins."])
    }

    @Test func tokenRequestsAreNeverCSRFChecked() throws {
        let cookie = try signIn(csrfSecret: CSRFToken.newSecret())
        let response = serve(post(["Cookie": cookie, "Authorization": "Token \(aliceToken)"]))
        #expect(response.status == 200 && response.data == posted)
    }

    @Test func inactiveUsersExpiredSessionsAndChangedPasswordsAuthenticateNobody() throws {
        let secret = CSRFToken.newSecret()
        let carolCookie = try signIn(carol, csrfSecret: secret)
        #expect(serve(APIRequestFactory().get("/probe/", headers: ["Cookie": carolCookie])).status == 401)
        // A session whose auth hash no longer matches (the password changed) is deleted.
        let factory = APIRequestFactory()
        let key = try #require(store.keys.first)
        _ = try store.create("staleone", StoredSession(userID: "1", authHash: "00"), age: 60, request: factory.get("/"))
        let stale = "sessionid=" + sessions.cookieSigner.sign("staleone")
        #expect(serve(factory.get("/probe/", headers: ["Cookie": stale])).status == 401)
        #expect(store.keys == [key])
        let now = TestClock()
        let clock = InMemorySessionStore(clock: { now.seconds.load(ordering: .relaxed) })
        _ = try clock.create("k", StoredSession(userID: "1", authHash: "h"), age: 10, request: factory.get("/"))
        #expect(try clock.load("k", request: factory.get("/")) != nil)
        now.seconds.store(1_010, ordering: .relaxed)
        #expect(try clock.load("k", request: factory.get("/")) == nil)
        #expect(try clock.clearExpired(request: factory.get("/")) == 1)
    }
}

extension Headers {
    func merging(_ other: Headers) -> Headers {
        var merged = self
        for field in other { merged[field.name] = field.value }
        return merged
    }
}

final class TestClock: Sendable {
    let seconds = Atomic<Int>(1_000)
}
