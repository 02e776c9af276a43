/// What a handler answers: a status, ordered headers (a name may repeat) and a body.
///
///     var response = Response.json(201, #"{"id":7}"#)
///     response.headers.add("location", "/users/7/")
///     response.headers.add("set-cookie", "a=1")
///     response.headers.add("set-cookie", "b=2")
///
/// The server adds `content-length` when the handler did not set one.
public struct Response: Sendable {
    public var status: Int
    public var headers: Headers
    public var body: [UInt8]
    /// Which route answered, as an index into the server's `MetricsStore.routes` (0: none):
    /// the responder knows the route, the worker times the request and counts it by this.
    public var metricsRoute: Int = 0

    public init(status: Int = 200, headers: Headers = Headers(), body: [UInt8] = [], metricsRoute: Int = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.metricsRoute = metricsRoute
    }

    /// A response with `content-type: application/json` and the given (already encoded) JSON text.
    public static func json(_ status: Int, _ json: String) -> Response {
        Response(status: status, headers: ["content-type": "application/json"], body: Array(json.utf8))
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ status: Int, _ text: String) -> Response {
        Response(status: status, headers: ["content-type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// The server's own answers, shaped like DRF's error bodies (`{"detail": ...}`).
    static let payloadTooLarge = json(413, #"{"detail":"Request body is too large."}"#)
    static let serverError = json(500, #"{"detail":"A server error occurred."}"#)
    /// `--request-timeout` passed before the request's body arrived. (Django has no such answer:
    /// its servers cut the connection; this says why, in the shape DRF clients parse.)
    static let requestTimeout = json(408, #"{"detail":"Request timeout."}"#)
    static let incompleteBody = json(400, #"{"detail":"Request body is incomplete."}"#)
}
