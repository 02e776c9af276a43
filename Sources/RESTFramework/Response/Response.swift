/// What a handler returns: DRF's `Response`. `data` is rendered by the negotiated renderer when
/// the response leaves the view, so one handler serves every format and `indent=` asks.
///
///     return Response(["status": "password set"])
///     return Response(status: 204)
public struct Response: Sendable {
    public var status: Int
    public var data: JSON?
    public var headers: Headers
    /// An already rendered body (used instead of `data`), with its content type.
    public var rawBody: [UInt8]?
    public var contentType: String?
    /// Conditional GET (not DRF): a 200 to GET/HEAD carries this `ETag` and answers a matching
    /// `If-None-Match` with 304 (see `ConditionalRequests`); nil: no `ETag`.
    public var etag: ResponseETag?
    /// Conditional GET (not DRF): a 200 to GET/HEAD carries this `Last-Modified` and answers an
    /// `If-Modified-Since` no earlier than it with 304, unless `If-None-Match` was sent.
    public var lastModified: HTTPDate?

    public init(_ data: JSON? = nil, status: Int = 200, headers: Headers = Headers()) {
        self.status = status
        self.data = data
        self.headers = headers
    }

    public init(rawBody: [UInt8], status: Int = 200, contentType: String, headers: Headers = Headers()) {
        self.status = status
        self.rawBody = rawBody
        self.contentType = contentType
        self.headers = headers
    }
}

/// A response ready for the wire: status, every header, body bytes.
public struct RenderedResponse: Sendable {
    public var status: Int
    public var headers: Headers
    public var body: [UInt8]
    public init(status: Int, headers: Headers, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
