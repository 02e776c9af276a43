import RESTFramework

/// DRF's `APIRequestFactory`: builds a `Request` to hand to a view directly, without routing,
/// settings or rendering in between.
///
///     let factory = APIRequestFactory()
///     let request = factory.post("/notes/", data: ["title": "new idea"], format: .json)
///     forceAuthenticate(request, user: alice)
///     let response = NoteViewSet.asView([.post: "create"]).makeView().dispatch(request)
///
/// The path is taken as the web server would pass it: already percent-decoded, with the query
/// string after a `?` (`"/notes/?page=2"`). `data` of a GET or HEAD becomes the query string;
/// of the other methods, the body in `format` (DRF's default: multipart). A request without
/// `data` has an empty body and no `Content-Type`. The host is `testserver`, as DRF's, which
/// `AllowedHosts.localDefault` admits; a `Host` header overrides it.
public struct APIRequestFactory: Sendable {
    /// The format of `data` when a call names none (DRF's `TEST_REQUEST_DEFAULT_FORMAT`).
    public var defaultFormat: RequestFormat
    /// Django's `SERVER_NAME` of test requests.
    public var host: String
    /// `http`, or `https` for a test of secure links (Django's `secure=True`).
    public var scheme: String

    public init(defaultFormat: RequestFormat = .multipart, host: String = "testserver", scheme: String = "http") {
        self.defaultFormat = defaultFormat
        self.host = host
        self.scheme = scheme
    }

    public func get(_ path: String, data: JSON? = nil, headers: Headers = Headers()) -> Request {
        generic(.get, path, query: data, headers: headers)
    }

    public func head(_ path: String, data: JSON? = nil, headers: Headers = Headers()) -> Request {
        generic(.head, path, query: data, headers: headers)
    }

    public func post(_ path: String, data: JSON? = nil, format: RequestFormat? = nil, headers: Headers = Headers()) -> Request {
        generic(.post, path, data: data, format: format, headers: headers)
    }

    public func put(_ path: String, data: JSON? = nil, format: RequestFormat? = nil, headers: Headers = Headers()) -> Request {
        generic(.put, path, data: data, format: format, headers: headers)
    }

    public func patch(_ path: String, data: JSON? = nil, format: RequestFormat? = nil, headers: Headers = Headers()) -> Request {
        generic(.patch, path, data: data, format: format, headers: headers)
    }

    public func delete(_ path: String, data: JSON? = nil, format: RequestFormat? = nil, headers: Headers = Headers()) -> Request {
        generic(.delete, path, data: data, format: format, headers: headers)
    }

    public func options(_ path: String, data: JSON? = nil, format: RequestFormat? = nil, headers: Headers = Headers()) -> Request {
        generic(.options, path, data: data, format: format, headers: headers)
    }

    /// A request whose body is sent as given: DRF's `content_type=` argument, for bodies no
    /// format writes (malformed JSON, another charset, a hand-written multipart body).
    ///
    ///     factory.generic(.post, "/notes/", body: "{not json", contentType: "application/json")
    public func generic(
        _ method: HTTPMethod, _ path: String, body: String, contentType: String?,
        headers: Headers = Headers()
    ) -> Request {
        generic(method, path, body: Array(body.utf8), contentType: contentType, headers: headers)
    }

    public func generic(
        _ method: HTTPMethod, _ path: String, body: [UInt8] = [], contentType: String? = nil,
        headers: Headers = Headers()
    ) -> Request {
        var headers = headers
        if let contentType, !headers.contains("Content-Type") { headers["Content-Type"] = contentType }
        let (path, queryString) = Self.split(path)
        return Request(
            method: method, path: path, queryString: queryString, headers: headers, body: body,
            scheme: scheme, host: headers["Host"] ?? host)
    }

    /// `data` in the body, encoded in `format` (or the default).
    func generic(_ method: HTTPMethod, _ path: String, data: JSON?, format: RequestFormat?, headers: Headers) -> Request {
        guard let data else { return generic(method, path, headers: headers) }
        let encoded = (format ?? defaultFormat).encode(data)
        return generic(method, path, body: encoded.body, contentType: encoded.contentType, headers: headers)
    }

    /// `data` as the query string (Django's `urlencode(data, doseq=True)`); without data, the
    /// query the path carries.
    func generic(_ method: HTTPMethod, _ path: String, query data: JSON?, headers: Headers) -> Request {
        guard let data else { return generic(method, path, headers: headers) }
        let query = QueryDict(FormFields.pairs(of: data)).urlencoded()
        let bare = Self.split(path).path
        return generic(method, query.isEmpty ? bare : bare + "?" + query, headers: headers)
    }

    static func split(_ path: String) -> (path: String, query: String) {
        guard let mark = path.firstIndex(of: "?") else { return (path, "") }
        return (String(path[..<mark]), String(path[path.index(after: mark)...]))
    }
}

/// DRF's `force_authenticate(request, user, token)`: the view serving `request` sees `user`
/// (and `token` as `request.auth`) whatever its authenticators, so permission checks run
/// against an authenticated user without credentials.
///
///     let request = APIRequestFactory().get("/accounts/")
///     forceAuthenticate(request, user: admin)
public func forceAuthenticate(_ request: Request, user: any RequestUser, token: (any Sendable)? = nil) {
    request.forcedAuthentication = ForcedAuthentication(user: user, token: token)
}
