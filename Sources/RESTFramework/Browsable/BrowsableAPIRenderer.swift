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
/// sign-out form go (nil: none, as DRF without `rest_framework.urls`). `csrfToken` gives the
/// token the page's forms carry (Django's hidden `csrfmiddlewaretoken` field and the
/// `X-CSRFToken` header of the page's requests), when session authentication provides one.
///
/// The CSS and script are part of the page (no CDN, nothing to serve apart). Every value on the
/// page is escaped. As DRF's renderer, it answers a 204 as 200 so the page has a body.
public struct BrowsableAPIRenderer: Renderer {
    public var loginURL: String?
    public var logoutURL: String?
    public var csrfToken: (@Sendable (Request) -> String?)?

    public init(
        loginURL: String? = nil, logoutURL: String? = nil, csrfToken: (@Sendable (Request) -> String?)? = nil
    ) {
        self.loginURL = loginURL
        self.logoutURL = logoutURL
        self.csrfToken = csrfToken
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
        let page = BrowsableAPIPage(renderer: self, response: response, view: view, request: request)
        let bytes = page.render()
        // DRF: "Munge DELETE Response code to allow us to return content", after rendering, so
        // the page shows the 204.
        if response.status == 204 { response.status = 200 }
        return bytes
    }
}
