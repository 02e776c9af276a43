/// The entry point a server calls: resolves the path, runs the view, renders the response.
/// Immutable and Sendable: one instance serves every worker thread.
///
///     var router = DefaultRouter()
///     try router.register("users", UserViewSet.self)
///     let app = Application(urls: try URLConf([.include("api/", router)]), settings: settings)
///     let rendered = app.handle(request)
public struct Application: Sendable {
    public let urls: URLConf
    public let settings: APISettings
    /// `settings.allowedHosts`, read once here rather than through the settings per request.
    private let allowedHosts: AllowedHosts

    public init(urls: URLConf, settings: APISettings = APISettings()) {
        self.urls = urls
        self.settings = settings
        allowedHosts = settings.allowedHosts
    }

    public func handle(_ request: Request) -> RenderedResponse {
        var matched = -1
        return handle(request, matchedPattern: &matched)
    }

    /// `handle`, also telling which of `urls.patterns` answered (for the server's metrics, by
    /// route name); untouched when none did (a 404, an APPEND_SLASH redirect, a refused host).
    package func handle(_ request: Request, matchedPattern: inout Int) -> RenderedResponse {
        // Django's CommonMiddleware calls `get_host()` first: a Host outside ALLOWED_HOSTS is a
        // 400 before routing, so it never reaches an absolute link. `request.host` cannot change
        // afterwards, so checking it once here stands for Django's check on every use.
        if let refusal = allowedHosts.refusal(for: request.host) {
            return ResponseRendering.render(Response(refusal.responseData, status: refusal.statusCode), request: request)
        }
        var trace = RouteMatcher.Trace()
        switch urls.resolve(request.path, trace: &trace, matchedPattern: &matchedPattern) {
        case .redirect(let location) where settings.appendSlash:
            // Django's CommonMiddleware: 301 to the slashed path, query kept, nothing executed.
            let target = location + (request.queryString.isEmpty ? "" : "?" + request.queryString)
            return RenderedResponse(status: 301, headers: ["Location": target, "Content-Type": "text/html; charset=utf-8"], body: [])
        case .redirect, .notFound:
            // Django would send HTML; the API answers JSON.
            let response = Response(NotFound().responseData, status: 404)
            return ResponseRendering.render(response, request: request)
        case .match(let endpoint, let kwargs, let format):
            let view = endpoint.makeView()
            view.settings = settings
            view.urls = urls
            let response = view.dispatch(request, kwargs: kwargs, format: format)
            return view.render(response)
        }
    }
}
