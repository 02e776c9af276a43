#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Django 5's `LogoutView` as `rest_framework.urls` mounts it (`logout/`): POST only (GET is a
/// 405, as in Django 5, so a link or an image cannot sign anyone out), with the CSRF token;
/// deletes the session row and the cookie, then redirects to a safe `next`, else to
/// `Sessions.logoutRedirectURL`, else answers a small "Logged out" page. A page's sign-out
/// button (not compiled: HTML):
///
///     <form method="post" action="/api/auth/logout/?next=/api/">
///       <input type="hidden" name="csrfmiddlewaretoken" value="…"><button>Log out</button>
///     </form>
public final class LogoutView: APIView {
    override public func initial(_ request: Request) throws {}

    override public func handler(for method: HTTPMethod) -> RequestHandler? {
        switch method {
        case .post: return { [unowned self] request in try self.signOut(request) }
        case .options: return { _ in SessionViews.options(allow: "POST, OPTIONS") }
        default: return nil
        }
    }

    override public func handleException(_ error: any Error) -> Response {
        SessionViews.methodNotAllowed(error, view: self, allow: "POST, OPTIONS") ?? super.handleException(error)
    }

    override public func finalizeResponse(_ request: Request, _ response: Response) -> Response { response }

    func signOut(_ request: Request) throws -> Response {
        let sessions = try SessionViews.sessions(of: self)
        if let reason = try sessions.csrf.reason(request) { return SessionViews.csrfFailure(reason) }
        let cookie = try sessions.logout(request)
        let target = SessionViews.next(request) ?? sessions.logoutRedirectURL ?? request.path
        let fullPath = request.path + (request.queryString.isEmpty ? "" : "?" + request.queryString)
        if target != fullPath { return SessionViews.redirect(target, cookies: [cookie]) }
        let body = LoginTemplate.render(LoginTemplate.loggedOut, ["login": "login/"])
        return SessionViews.page(title: "Logged out", body: body, status: 200, cookies: [cookie])
    }
}

/// What the two views share: their `Sessions`, `next`, and Django's plain HTML responses.
enum SessionViews {
    static let html = "text/html; charset=utf-8"

    /// The sessions of the view's `SessionAuthentication`.
    static func sessions(of view: APIView) throws -> Sessions {
        for authenticator in view.getAuthenticators() {
            if let session = authenticator as? SessionAuthentication { return session.sessions }
        }
        throw ImproperlyConfigured(
            "\(type(of: view)) needs a SessionAuthentication among the authentication classes "
                + "(settings.authenticationClasses, or the view's).")
    }

    /// `next` from the form, else the query string, when it is safe to follow.
    static func next(_ request: Request) -> String? {
        var candidate = request.query["next"]
        if request.method == .post, let type = request.contentType, BodyParsing.isFormMediaType(type),
            let form = try? request.formData, let posted = form["next"]
        {
            candidate = posted
        }
        guard SafeRedirect.isAllowed(candidate, host: request.host, requireHTTPS: request.scheme == "https") else { return nil }
        return candidate
    }

    /// Django's `never_cache` headers and `Vary: Cookie` (the page depends on the session).
    static func headers(cookies: [SetCookie]) -> Headers {
        var headers = Headers()
        headers.add("Expires", SetCookie.httpDate(Int(SessionClock.now())))
        headers.add("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private")
        headers.add("Vary", "Cookie")
        for cookie in cookies { headers.add("Set-Cookie", cookie.headerValue()) }
        return headers
    }

    static func redirect(_ target: String, cookies: [SetCookie]) -> Response {
        var headers = headers(cookies: cookies)
        headers.add("Location", SafeRedirect.iriToURI(target))
        headers.add("Content-Type", html)
        return Response(rawBody: [], status: 302, contentType: html, headers: headers)
    }

    static func page(title: String, body: String, status: Int, cookies: [SetCookie]) -> Response {
        let text = LoginTemplate.render(LoginTemplate.page, ["title": title, "body": body])
        return Response(rawBody: Array(text.utf8), status: status, contentType: html, headers: headers(cookies: cookies))
    }

    /// Django's `csrf_failure` view: 403, HTML.
    static func csrfFailure(_ reason: String) -> Response {
        let body = LoginTemplate.render(LoginTemplate.csrfFailure, ["reason": reason])
        let text = LoginTemplate.render(LoginTemplate.page, ["title": "403 Forbidden", "body": body])
        return Response(rawBody: Array(text.utf8), status: 403, contentType: html)
    }

    /// Django's answer to a method the view lacks, for a `MethodNotAllowed`: `csrf_protect` runs
    /// before the method check, so an unsafe method needs the CSRF token first (a 403 page);
    /// then `HttpResponseNotAllowed`. Nil for other errors.
    static func methodNotAllowed(_ error: any Error, view: APIView, allow: String) -> Response? {
        guard error is MethodNotAllowed, let request = view.request else { return nil }
        do {
            if let reason = try sessions(of: view).csrf.reason(request) { return csrfFailure(reason) }
        } catch {
            return nil
        }
        return notAllowed(allow: allow)
    }

    /// Django's `HttpResponseNotAllowed`: 405, empty HTML body.
    static func notAllowed(allow: String) -> Response {
        Response(rawBody: [], status: 405, contentType: html, headers: ["Allow": allow, "Content-Type": html])
    }

    /// Django's `View.options`: 200, empty, `Allow`.
    static func options(allow: String) -> Response {
        Response(rawBody: [], status: 200, contentType: html, headers: ["Allow": allow, "Content-Type": html])
    }
}

/// Seconds since the epoch.
enum SessionClock {
    static func now() -> Int { Int(time(nil)) }
}
