/// DRF's `BrowsableAPIRenderer`: `text/html` (format `api`), a page around the response for a
/// person with a browser: the view's name and description, breadcrumbs, the request, the
/// response's status and headers, its body with the links clickable, pagination links, the
/// filter, search and ordering controls, and forms for the methods the user may use. List it
/// after the JSON renderer, as DRF's defaults do, so clients that accept anything still get JSON:
///
///     settings.rendererClasses = [JSONRenderer(), BrowsableAPIRenderer(loginURL: "/api/auth/login/",
///                                                                       logoutURL: "/api/auth/logout/")]
///
/// `loginURL` and `logoutURL` are where the sign-in link (with `?next=` the page's path) and the
/// sign-out form go (nil: none, as DRF without `rest_framework.urls`). `sessions` gives the
/// token the page's forms carry (Django's hidden `csrfmiddlewaretoken` field and the
/// `X-CSRFToken` header of the page's requests) and sets the `csrftoken` cookie it is masked
/// from, as Django does whenever a page uses the token (a browser that lost the cookie, or never
/// had it, can still send the forms):
///
///     BrowsableAPIRenderer(loginURL: "/api/auth/login/", logoutURL: "/api/auth/logout/", sessions: sessions)
///
/// `csrfToken` is the lower-level form: a closure from the request to a token, no cookie set.
///
/// The CSS and script are part of the page (no CDN, nothing to serve apart). Every value on the
/// page is escaped. As DRF's renderer, it answers a 204 as 200 so the page has a body.
public struct BrowsableAPIRenderer: Renderer {
    public var loginURL: String?
    public var logoutURL: String?
    public var csrfToken: (@Sendable (Request) -> String?)?
    /// Where the token and its cookie come from (`Sessions.csrfToken`); when set, `csrfToken` is not used.
    public var sessions: Sessions?
    /// DRF's `HTML_SELECT_CUTOFF`: a related field's select lists at most this many rows ...
    public var htmlCutoff = 1000
    /// ... and then DRF's `HTML_SELECT_CUTOFF_TEXT`, `{count}` the cutoff.
    public var htmlCutoffText = "More than {count} items..."

    public init(
        loginURL: String? = nil, logoutURL: String? = nil, csrfToken: (@Sendable (Request) -> String?)? = nil
    ) {
        self.loginURL = loginURL
        self.logoutURL = logoutURL
        self.csrfToken = csrfToken
    }

    public init(loginURL: String? = nil, logoutURL: String? = nil, sessions: Sessions) {
        self.loginURL = loginURL
        self.logoutURL = logoutURL
        self.sessions = sessions
    }

    public var mediaType: String { "text/html" }
    public var format: String { "api" }
    public var charset: String? { "utf-8" }

    /// Without a view (nothing to describe): the body alone, in a page.
    public func render(_ data: JSON?, acceptedMediaType: String?, request: Request?) -> [UInt8] {
        var response = Response(data)
        return render(&response, view: nil, request: request)
    }

    public func render(_ response: inout Response, view: APIView?, request: Request?) -> [UInt8] {
        var token: String?
        var cookie: SetCookie?
        if let request, let sessions {
            let made = sessions.csrfToken(request)
            token = made.token
            cookie = made.cookie
        } else if let request {
            token = csrfToken?(request)
        }
        let page = BrowsableAPIPage(renderer: self, response: response, view: view, request: request, csrfToken: token)
        let bytes = page.render()
        // After the page is made: DRF's page lists the response's headers, not its cookies.
        if let cookie { response.headers.add("Set-Cookie", cookie.headerValue()) }
        // DRF: "Munge DELETE Response code to allow us to return content", after rendering, so
        // the page shows the 204.
        if response.status == 204 { response.status = 200 }
        return bytes
    }
}
