import RESTFramework

/// DRF's `APIClient`: sends requests to an `Application` in the same process, with no socket,
/// through the same routing, views and rendering a server would use.
///
///     let client = APIClient(app)
///     client.credentials(token: "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b")
///     let created = client.post("/api/notes/", data: ["title": "Hi"], format: .json)
///     #expect(created.status == 201)
///     #expect(created.json["title"] == "Hi")
///
/// Requests are built by `factory` (see `APIRequestFactory` for paths, `data` and formats);
/// the client adds its credentials, forced user and `extensions` to each. One client belongs to
/// one test (it is a reference type with mutable state, not `Sendable`), as DRF's does.
public final class APIClient {
    public let app: Application
    /// Builds the requests: the default format, the host, the scheme.
    public var factory: APIRequestFactory
    /// Copied into every request: what a server attaches per request, such as the database
    /// connection (`client.extensions[DatabaseKey.self] = connection`).
    public var extensions = RequestExtensions()

    /// Headers sent with every request (`credentials`); they win over a call's own headers, as
    /// DRF's do.
    var credentialHeaders = Headers()
    /// The user every request is forced to (`forceAuthenticate`).
    var forcedAuthentication: ForcedAuthentication?

    public init(_ app: Application, defaultFormat: RequestFormat = .multipart) {
        self.app = app
        factory = APIRequestFactory(defaultFormat: defaultFormat)
    }

    // MARK: Verbs

    @discardableResult
    public func get(_ path: String, data: JSON? = nil, headers: Headers = Headers()) -> TestResponse {
        send(factory.get(path, data: data, headers: headers))
    }

    /// A HEAD: the status and headers of the GET, an empty body.
    @discardableResult
    public func head(_ path: String, data: JSON? = nil, headers: Headers = Headers()) -> TestResponse {
        send(factory.head(path, data: data, headers: headers))
    }

    @discardableResult
    public func post(_ path: String, data: JSON? = nil, format: RequestFormat? = nil, headers: Headers = Headers()) -> TestResponse {
        send(factory.post(path, data: data, format: format, headers: headers))
    }

    @discardableResult
    public func put(_ path: String, data: JSON? = nil, format: RequestFormat? = nil, headers: Headers = Headers()) -> TestResponse {
        send(factory.put(path, data: data, format: format, headers: headers))
    }

    @discardableResult
    public func patch(_ path: String, data: JSON? = nil, format: RequestFormat? = nil, headers: Headers = Headers()) -> TestResponse {
        send(factory.patch(path, data: data, format: format, headers: headers))
    }

    @discardableResult
    public func delete(_ path: String, data: JSON? = nil, format: RequestFormat? = nil, headers: Headers = Headers()) -> TestResponse {
        send(factory.delete(path, data: data, format: format, headers: headers))
    }

    @discardableResult
    public func options(_ path: String, data: JSON? = nil, format: RequestFormat? = nil, headers: Headers = Headers()) -> TestResponse {
        send(factory.options(path, data: data, format: format, headers: headers))
    }

    /// A request with a body sent as given (DRF's `content_type=`): malformed JSON, a charset,
    /// a hand-written multipart body, any method.
    ///
    ///     client.generic(.post, "/api/notes/", body: "{oops", contentType: "application/json")
    @discardableResult
    public func generic(
        _ method: HTTPMethod, _ path: String, body: String = "", contentType: String? = nil,
        headers: Headers = Headers()
    ) -> TestResponse {
        send(factory.generic(method, path, body: Array(body.utf8), contentType: contentType, headers: headers))
    }

    @discardableResult
    public func generic(
        _ method: HTTPMethod, _ path: String, body: [UInt8], contentType: String? = nil,
        headers: Headers = Headers()
    ) -> TestResponse {
        send(factory.generic(method, path, body: body, contentType: contentType, headers: headers))
    }

    /// Serves a request built elsewhere (by `factory`, say), adding the client's credentials,
    /// forced user and extensions.
    public func send(_ request: Request) -> TestResponse {
        TestResponse(app.handle(prepare(request)))
    }

    /// `request` with what the client adds. The request's headers are immutable, so a request
    /// the credentials change is rebuilt with the merged headers.
    func prepare(_ request: Request) -> Request {
        var prepared = request
        if !credentialHeaders.isEmpty {
            var headers = request.headers
            for field in credentialHeaders { headers[field.name] = field.value }
            prepared = Request(
                method: request.method, path: request.path, queryString: request.queryString,
                headers: headers, body: request.body, scheme: request.scheme,
                host: headers["Host"] ?? request.host, remoteAddress: request.remoteAddress)
            prepared.extensions = request.extensions
            prepared.forcedAuthentication = request.forcedAuthentication
        }
        if let forcedAuthentication { prepared.forcedAuthentication = forcedAuthentication }
        prepared.extensions.merge(extensions)
        return prepared
    }
}
