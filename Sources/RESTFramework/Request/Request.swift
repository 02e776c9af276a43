import Logging

/// An HTTP request as a view sees it: DRF's `Request`, with the parsed body, the authenticated
/// user and the URL kwargs. One instance per request; it never crosses threads.
///
///     let request = Request(method: .get, path: "/api/users/", queryString: "page=2",
///                           headers: ["Host": "example.com"])
///     request.query["page"]     // "2"
public final class Request {
    public let method: HTTPMethod
    /// The path as requested (percent-decoded by the web server), e.g. `/api/users/3/`.
    public let path: String
    public let queryString: String
    public let query: QueryDict
    public let headers: Headers
    /// The raw body bytes; `data` parses them with the view's parsers.
    public let body: [UInt8]
    /// `http` or `https`.
    public let scheme: String
    /// `HTTP_HOST`, or `SERVER_NAME[:PORT]`: what absolute URLs are built from.
    public let host: String
    public let remoteAddress: String?
    /// The web server's id for this request (nginx's `$request_id`), when it sent one: in every
    /// log line of the request (`logger`) and in the response's `X-Request-ID`.
    public let requestID: String?

    /// DRF has no such thing (Django logs through Python's `logging`): this request's swift-log
    /// `Logger`, carrying the request id as `request_id` metadata. Behind api-server it writes to
    /// the server's log, in its format and from its level (`--log-format`, `--log-level`):
    ///
    ///     request.logger.info("exported \(rows.count) rows")
    ///     // 2026-12-07T03:40:00.123Z info: exported 12 rows request_id=2c9f5e0b8a1d4e7f9b3c6d2a1e0f4b5c
    ///
    /// Made on first use (a request that logs nothing pays nothing); elsewhere (a test client)
    /// from the process's `LoggingSystem`, unless the request was given one.
    public lazy var logger: Logger = {
        var logger = baseLogger ?? Logger(label: Request.loggerLabel)
        if let requestID { logger[metadataKey: "request_id"] = .string(requestID) }
        return logger
    }()
    /// The label of the request's `Logger` when none was given.
    public static let loggerLabel = "request"
    private let baseLogger: Logger?

    // MARK: Set by the framework while dispatching

    /// The authenticated user, or `AnonymousUser`.
    public internal(set) var user: any RequestUser = AnonymousUser()
    /// What the authenticator returned besides the user (the token key, for token auth).
    public internal(set) var auth: (any Sendable)?
    /// The authenticator that succeeded (DRF's `successful_authenticator`).
    public internal(set) var successfulAuthenticator: (any Authentication)?
    /// Keyword arguments captured from the URL (`pk`, ...).
    public internal(set) var urlKwargs: [String: String] = [:]
    /// Whether the session was looked at (`SessionAuthentication` ran): the response then
    /// varies by `Cookie`, as Django's SessionMiddleware says once a session is accessed.
    public internal(set) var sessionAccessed = false
    /// The format suffix or `?format=` value, when given.
    public internal(set) var format: String?
    /// The renderer and media type content negotiation chose.
    public internal(set) var acceptedRenderer: (any Renderer)?
    public internal(set) var acceptedMediaType: String?
    /// DRF's `request.version`: what the view's versioning scheme read from the request, after
    /// content negotiation and before authentication (nil without a scheme).
    public internal(set) var version: String?
    /// DRF's `request.versioning_scheme`: the scheme that read `version`, its options filled
    /// from the settings; `reverse` for this request asks it.
    public internal(set) var versioningScheme: (any Versioning)?
    /// The parsers the view allows; set before the body is read.
    public internal(set) var parsers: [any Parser] = []
    /// Django's `DATA_UPLOAD_MAX_NUMBER_FIELDS` for this request, from the view's settings: the
    /// form parsers refuse a body with more fields (`TooManyFieldsSent`); nil is no limit.
    public internal(set) var dataUploadMaxNumberFields: Int? = APISettings.defaultDataUploadMaxNumberFields
    /// True when this request's reads must see the primary database although its method is
    /// safe: set by dispatch from the view's `writesOnSafeMethods`; a view may set it itself
    /// before its first query. Without read replicas nothing reads it.
    public var readsFromPrimary = false
    /// Set by the server only when read replicas are configured: what picks the connection a
    /// safe request reads from (RESTModels' `ReadReplicaRouter`). A stored property rather than
    /// an extension, so that without replicas every queryset binding pays one load, not a lookup.
    public var readRouting: (any ReadRouting)?
    /// Typed storage for other modules (the database connection of this worker, ...).
    public var extensions = RequestExtensions()
    /// DRF's `_force_auth_user`: set only by a test client (RESTTesting's `forceAuthenticate`);
    /// `performAuthentication` then uses it instead of the view's authenticators. Never set by a
    /// server, so a request from the wire cannot carry one.
    package var forcedAuthentication: ForcedAuthentication?

    private var parsedData: JSON?

    public init(
        method: HTTPMethod, path: String, queryString: String = "", headers: Headers = Headers(),
        body: [UInt8] = [], scheme: String = "http", host: String? = nil, remoteAddress: String? = nil,
        requestID: String? = nil, logger: Logger? = nil
    ) {
        self.method = method
        self.path = path
        self.queryString = queryString
        self.query = QueryDict(parsing: queryString)
        self.headers = headers
        self.body = body
        self.scheme = scheme
        self.host = host ?? headers["Host"] ?? "localhost"
        self.remoteAddress = remoteAddress
        self.requestID = requestID
        self.baseLogger = logger
    }

    public var contentType: String? { headers["Content-Type"] }

    /// DRF's `request.data`: the body parsed by the first parser that accepts its media type.
    /// An empty body is empty data whatever its type. Throws `UnsupportedMediaType` or
    /// `ParseError` (DRF's 415 and 400).
    public var data: JSON {
        get throws {
            if let parsedData { return parsedData }
            let parsed = try BodyParsing.parse(self)
            parsedData = parsed
            return parsed
        }
    }

    /// DRF's `request.query_params`.
    public var queryParams: QueryDict { query }

    /// `http://host/path`: Django's `build_absolute_uri(path)`; without a path, the request's own
    /// path and query string.
    public func buildAbsoluteURI(_ location: String? = nil) -> String {
        if let location {
            if location.utf8.first != UInt8(ascii: "/"),
                location.hasPrefix("http://") || location.hasPrefix("https://")
            {
                return location
            }
            // Written in one allocation: hyperlinked fields build one of these for every row.
            var scheme = scheme, host = host, location = location
            let total = scheme.utf8.count + 3 + host.utf8.count + location.utf8.count
            return String(unsafeUninitializedCapacity: total) { buffer in
                guard let start = buffer.baseAddress else { return 0 }
                var end = start
                let n1 = scheme.withUTF8 { Self.copy($0, to: end) }
                end += n1
                (end[0], end[1], end[2]) = (UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "/"))
                end += 3
                let n2 = host.withUTF8 { Self.copy($0, to: end) }
                end += n2
                let n3 = location.withUTF8 { Self.copy($0, to: end) }
                end += n3
                return end - start
            }
        }
        return scheme + "://" + host + path + (queryString.isEmpty ? "" : "?" + queryString)
    }

    private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        if let base = bytes.baseAddress { destination.initialize(from: base, count: bytes.count) }
        return bytes.count
    }
}
