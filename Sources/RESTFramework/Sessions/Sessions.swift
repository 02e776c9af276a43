/// Django's session and CSRF settings and `django.contrib.auth`'s `login()`/`logout()`: what
/// `SessionAuthentication` and the sign-in views (`LoginView`, `LogoutView`) share.
///
///     let sessions = Sessions(secretKey: secret, store: DatabaseSessionStore(), users: SQLSessionUsers())
///     settings.authenticationClasses = [TokenAuthentication(store: tokens), BasicAuthentication(store: users),
///                                       SessionAuthentication(sessions)]
///
/// The session cookie is `<key>:<signature>` (see `Signer`), `HttpOnly`, `SameSite=Lax`,
/// `Secure` on https, for `cookieAge` seconds (Django's two weeks); the row expires with it.
public struct Sessions: Sendable {
    public var store: any SessionStore
    public var users: any SessionUserStore
    /// Django's `SECRET_KEY`: signs session cookies and session auth hashes. Keep it secret and
    /// the same on every server; changing it signs everyone out.
    public var secretKey: String
    /// Checks sign-in passwords (Django's `PASSWORD_HASHERS`).
    public var hasher: PasswordHasher
    /// Django's `SESSION_COOKIE_NAME`.
    public var cookieName = "sessionid"
    /// Django's `SESSION_COOKIE_AGE`: two weeks.
    public var cookieAge = 1_209_600
    /// The CSRF check of unsafe session requests and sign-in forms (Django's `CSRF_*`).
    public var csrf = CSRFCheck()
    /// Django's `CSRF_COOKIE_AGE`: a year.
    public var csrfCookieAge = 31_449_600
    /// Django's `LOGIN_REDIRECT_URL`: where a sign-in without a safe `next` goes.
    public var loginRedirectURL = "/accounts/profile/"
    /// Django's `LOGOUT_REDIRECT_URL`: where a sign-out without a safe `next` goes; nil
    /// answers a small "Logged out" page instead.
    public var logoutRedirectURL: String?

    public init(secretKey: String, store: any SessionStore, users: any SessionUserStore, hasher: PasswordHasher = PasswordHasher()) {
        self.secretKey = secretKey
        self.store = store
        self.users = users
        self.hasher = hasher
    }

    var cookieSigner: Signer { Signer(secretKey: secretKey, salt: "rest_framework.sessions.SessionCookie") }

    /// Django's `VALID_KEY_CHARS`: lower-case letters and digits.
    static let keyCharacters = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// The session key of the request's cookie when its signature is right (no database work).
    public func sessionKey(_ request: Request) -> String? {
        guard let cookie = Cookies.value(named: cookieName, in: request.headers["Cookie"]) else { return nil }
        return cookieSigner.unsign(cookie)
    }

    /// Django's `get_user`: the active user of the request's session whose password has not
    /// changed since the sign-in; a session whose hash no longer matches is deleted (Django's
    /// `flush()`).
    public func user(_ request: Request) throws -> (any RequestUser)? {
        guard let key = sessionKey(request), let session = try store.load(key, request: request) else { return nil }
        guard let found = try users.user(forSessionUserID: session.userID, request: request), found.user.isActive else {
            return nil
        }
        guard Self.constantTimeEqual(session.authHash, sessionAuthHash(found.passwordHash)) else {
            try store.delete(key, request: request)
            return nil
        }
        return found.user
    }

    /// Django's `get_session_auth_hash`: HMAC-SHA256 of the password hash, in hex.
    public func sessionAuthHash(_ passwordHash: String) -> String {
        let digest = Signer.saltedHMAC(
            keySalt: "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash", value: passwordHash, secret: secretKey)
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }

    /// Django's `login()`: the request's old session (if any) is deleted and a new one with a new
    /// key stored (rotation: a key planted before the sign-in is worthless after it), the CSRF
    /// secret rotated, the user's `last_login` updated. Expired sessions are cleared on the way.
    /// Answers the two cookies to set.
    public func login(_ user: any RequestUser, passwordHash: String, request: Request) throws -> [SetCookie] {
        if let old = sessionKey(request) { try store.delete(old, request: request) }
        try store.clearExpired(request: request)
        let session = StoredSession(userID: user.pk.description, authHash: sessionAuthHash(passwordHash))
        var key = SecureRandom.string(length: 32, from: Self.keyCharacters)
        while try !store.create(key, session, age: cookieAge, request: request) {
            key = SecureRandom.string(length: 32, from: Self.keyCharacters)
        }
        try users.userLoggedIn(user, request: request)
        let secure = request.scheme == "https"
        return [
            SetCookie(
                name: cookieName, value: cookieSigner.sign(key), maxAge: cookieAge, secure: secure, httpOnly: true, sameSite: "Lax"),
            csrfCookie(CSRFToken.newSecret(), request: request),
        ]
    }

    /// Django's `logout()`: the session row goes; answers the cookie that deletes the browser's.
    public func logout(_ request: Request) throws -> SetCookie {
        if let key = sessionKey(request) { try store.delete(key, request: request) }
        return SetCookie.deletion(name: cookieName)
    }

    /// The `csrftoken` cookie for a secret (Django's `_set_csrf_cookie`: not HttpOnly, so pages'
    /// scripts can read it for `X-CSRFToken`).
    public func csrfCookie(_ secret: String, request: Request) -> SetCookie {
        SetCookie(
            name: csrf.cookieName, value: secret, maxAge: csrfCookieAge, secure: request.scheme == "https", sameSite: "Lax")
    }

    /// Django's `get_token`: the request's CSRF secret (from its cookie when well-formed, else a
    /// new one), a masked token of it for a form, and the cookie to set (Django sets it again
    /// whenever a page uses the token).
    public func csrfToken(_ request: Request) -> (token: String, cookie: SetCookie) {
        var secret = Cookies.value(named: csrf.cookieName, in: request.headers["Cookie"]) ?? ""
        if CSRFToken.formatProblem(secret) != nil { secret = CSRFToken.newSecret() }
        secret = CSRFToken.unmask(secret)
        return (CSRFToken.mask(secret), csrfCookie(secret, request: request))
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
