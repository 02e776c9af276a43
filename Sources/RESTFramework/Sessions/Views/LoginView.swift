import Foundation

/// Django's `LoginView` as DRF's `rest_framework.urls` mounts it (`login/`), for the browsable
/// API: GET shows the sign-in form (with a CSRF token and the `next` to return to); POST with
/// `username`, `password` and `next` signs in (a new session, see `Sessions.login`) and answers
/// 302 to `next` when it is on this host, else to `Sessions.loginRedirectURL`; a wrong password
/// shows the form again with Django's message. The POST itself needs the CSRF token, as
/// Django's `csrf_protect` wants (a sign-in forged from another site is refused).
///
///     try URLConf([
///         .include("api/", router),
///         .path("api/auth/login/", LoginView.asView(), name: "login"),
///         .path("api/auth/logout/", LogoutView.asView(), name: "logout"),
///     ])
///
/// The sessions are the view's `SessionAuthentication`'s (the settings' authenticators).
public final class LoginView: APIView {
    /// Django's `AuthenticationForm` message for a wrong username or password.
    public static let invalidLogin = "Please enter a correct username and password. Note that both fields may be case-sensitive."

    override public func initial(_ request: Request) throws {}

    override public func handler(for method: HTTPMethod) -> RequestHandler? {
        switch method {
        case .get, .head: return { [unowned self] request in try self.show(request, form: LoginForm(), status: 200) }
        // Django's ProcessFormView: PUT is POST (whose form Django then reads empty).
        case .post, .put: return { [unowned self] request in try self.signIn(request) }
        case .options: return { _ in SessionViews.options(allow: Self.allow) }
        default: return nil
        }
    }

    /// Django's `_allowed_methods()` of a FormView.
    static let allow = "GET, POST, PUT, HEAD, OPTIONS"

    override public func handleException(_ error: any Error) -> Response {
        SessionViews.methodNotAllowed(error, view: self, allow: Self.allow) ?? super.handleException(error)
    }

    override public func finalizeResponse(_ request: Request, _ response: Response) -> Response { response }

    func signIn(_ request: Request) throws -> Response {
        let sessions = try SessionViews.sessions(of: self)
        if let reason = try sessions.csrf.reason(request) { return SessionViews.csrfFailure(reason) }
        var form = try LoginForm(request)
        if form.errors.isEmpty, let (user, passwordHash) = try authenticate(form, sessions: sessions, request: request) {
            let cookies = try sessions.login(user, passwordHash: passwordHash, request: request)
            let target = SessionViews.next(request) ?? sessions.loginRedirectURL
            return SessionViews.redirect(target, cookies: cookies)
        }
        if form.errors.isEmpty { form.nonFieldErrors = [Self.invalidLogin] }
        return try show(request, form: form, status: 200)
    }

    /// Django's `authenticate()` through `ModelBackend`, keeping the hash for the session.
    func authenticate(_ form: LoginForm, sessions: Sessions, request: Request) throws -> (any RequestUser, String)? {
        let found = form.username.utf8.contains(0) ? nil : try sessions.users.user(forUsername: form.username, request: request)
        guard let found else {
            sessions.hasher.spendHashingTime(form.password)
            return nil
        }
        guard sessions.hasher.checkPassword(form.password, encoded: found.passwordHash), found.user.isActive else { return nil }
        return (found.user, found.passwordHash)
    }

    func show(_ request: Request, form: LoginForm, status: Int) throws -> Response {
        let sessions = try SessionViews.sessions(of: self)
        let (token, cookie) = sessions.csrfToken(request)
        let body = LoginTemplate.render(
            LoginTemplate.form,
            [
                "action": request.path, "csrf_token": token, "username": form.username, "next": SessionViews.next(request) ?? "",
                "non_field_errors": LoginTemplate.errorList(form.nonFieldErrors),
                "username_errors": LoginTemplate.errorList(form.usernameErrors),
                "password_errors": LoginTemplate.errorList(form.passwordErrors),
            ])
        return SessionViews.page(title: "Log in", body: body, status: status, cookies: [cookie])
    }
}

/// Django's `AuthenticationForm` fields: the username stripped and NFKC-normalised (at most
/// 150 characters), the password as typed.
struct LoginForm {
    var username = ""
    var password = ""
    var usernameErrors: [String] = []
    var passwordErrors: [String] = []
    var nonFieldErrors: [String] = []
    var errors: [String] { usernameErrors + passwordErrors + nonFieldErrors }

    init() {}

    /// Reads `request.POST`: a form body of a POST (anything else reads as empty, as Django's does).
    init(_ request: Request) throws {
        var fields = QueryDict()
        if request.method == .post, let type = request.contentType, BodyParsing.isFormMediaType(type) {
            fields = try request.formData ?? QueryDict()
        }
        username = String(Cookies.trimmed(Substring(fields["username"] ?? ""))).precomposedStringWithCompatibilityMapping
        password = fields["password"] ?? ""
        let length = username.unicodeScalars.count
        if username.isEmpty {
            usernameErrors = ["This field is required."]
        } else if length > 150 {
            usernameErrors = ["Ensure this value has at most 150 characters (it has \(length))."]
        }
        if password.isEmpty { passwordErrors = ["This field is required."] }
    }
}
