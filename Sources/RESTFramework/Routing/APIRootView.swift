/// DRF's `APIRootView`: `GET` lists the list route of every registration, as absolute links,
/// keyed by prefix, in registration order. Links keep the request's format: `/api/.json` links
/// to `users.json`, `?format=json` is carried over. The default permission applies. For example
/// (not compiled: a request and its response):
///
///     GET /api/   →   {"users":"http://example.com/api/users/","notes":"http://example.com/api/notes/"}
open class APIRootView: APIView, GetHandler {
    override open class var viewDescription: String { "The default basic root view for DefaultRouter" }

    /// Prefix → URL name of its list route, in registration order (DRF's `api_root_dict`).
    public internal(set) var apiRootDict: [(prefix: String, urlName: String)] = []

    open func get(_ request: Request) throws -> Response {
        var links = JSONObject()
        for (prefix, urlName) in apiRootDict {
            // A viewset without a list route has no link, as in DRF (NoReverseMatch is skipped).
            guard let url = try? reverse(urlName, format: formatKwarg) else { continue }
            links.append(prefix, .string(url))
        }
        return Response(.object(links))
    }
}
