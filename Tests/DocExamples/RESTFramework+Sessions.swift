// The `///` examples of Sources/RESTFramework/Sessions and RESTModels' DatabaseSessionStore,
// compiled (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

// SessionUserStore
struct SQLSessionUsers: SessionUserStore {
    func user(forUsername username: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
        try SQLUserStore().user(forUsername: username, request: request)
    }
    func user(forSessionUserID id: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
        guard let id = Int64(id), let user = try User.objects(on: request).filter(.field("id", .exact(.int(id)))).first() else {
            return nil
        }
        return (user, user.password)
    }
}

extension DocHost {
    // Sessions, SessionAuthentication, DatabaseSessionStore
    func sessionSettings(secret: String, tokens: any TokenStore, users: any UserCredentialStore) -> APISettings {
        var settings = APISettings()
        let sessions = Sessions(secretKey: secret, store: DatabaseSessionStore(), users: SQLSessionUsers())
        settings.authenticationClasses = [TokenAuthentication(store: tokens), BasicAuthentication(store: users),
                                          SessionAuthentication(sessions)]
        return settings
    }

    // InMemorySessionStore
    func inMemorySessions(users: SQLSessionUsers) -> Sessions {
        let sessions = Sessions(secretKey: "test", store: InMemorySessionStore(), users: users)
        return sessions
    }

    // SessionStore
    func clearSessions() throws {
        let store = DatabaseSessionStore()           // RESTModels: the `sessions` table
        try store.clearExpired(request: request)     // Django's `clearsessions`
    }

    // Signer
    func signer() {
        let signer = Signer(secretKey: "s3cret", salt: "sessions")
        let cookie = signer.sign("k3y")        // "k3y:<43 characters>"
        signer.unsign(cookie)                   // "k3y"
        signer.unsign("k3y:forged")             // nil
    }

    // CSRFToken
    func csrfToken() {
        let secret = CSRFToken.newSecret()            // "kQ3…" (32 letters and digits)
        let token = CSRFToken.mask(secret)            // 64 characters: mask + cipher
        CSRFToken.unmask(token) == secret             // true
        CSRFToken.matches(token, secret: secret)      // true (the secret itself matches too)
    }

    // CSRFCheck
    func csrfCheck() throws {
        let check = CSRFCheck()
        try check.reason(request)   // nil: accepted; "CSRF token missing." and the like: refused
    }

    // Cookies, SetCookie
    func cookies(secret: String) {
        Cookies.value(named: "sessionid", in: request.headers["Cookie"])   // "abc:…" or nil
        SetCookie(name: "csrftoken", value: secret, maxAge: 31_449_600, sameSite: "Lax").headerValue()
        // "csrftoken=…; expires=Mon, 06 Dec 2027 05:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax"
    }

    // HTMLEscaping
    func htmlEscaping() {
        HTMLEscaping.escape(#"<script>alert("x")</script>"#)
        // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    }

    // SafeRedirect
    func safeRedirect() {
        SafeRedirect.isAllowed("/api/projects/", host: "api.example.com", requireHTTPS: false)    // true
        SafeRedirect.isAllowed("//evil.example/", host: "api.example.com", requireHTTPS: false)   // false
    }

    // LoginView, LogoutView
    func sessionURLs() throws -> URLConf {
        try URLConf([
            .include("api/", router),
            .path("api/auth/login/", LoginView.asView(), name: "login"),
            .path("api/auth/logout/", LogoutView.asView(), name: "logout"),
        ])
    }
}
