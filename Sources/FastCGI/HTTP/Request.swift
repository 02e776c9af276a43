#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP request as the web server handed it over FastCGI, copied into Swift values before
/// the handler runs (libfcgi frees its own copies when the request finishes).
///
///     struct Hello: Responder {
///         func respond(to request: Request) throws -> Response {
///             .json(200, #"{"path":"\#(request.path)","host":"\#(request.host)"}"#)
///         }
///     }
///
/// Derived fields follow what nginx sends with `deploy/nginx/fastcgi_params`; see
/// `Request.init(params:body:)` for the exact rules.
public struct Request: Sendable {
    /// `REQUEST_METHOD`, e.g. `GET`.
    public var method: String
    /// The decoded path: `SCRIPT_NAME` + `PATH_INFO`, or `DOCUMENT_URI`, or the path part of `REQUEST_URI`.
    public var path: String
    /// The raw query string without `?` (still percent-encoded), empty when there is none.
    public var queryString: String
    /// Request headers from the `HTTP_*` params (`HTTP_X_FORWARDED_FOR` → `x-forwarded-for`),
    /// plus `content-type` and `content-length`, in the order the web server sent them. Values
    /// off the wire are Latin-1 decoded, a character per byte, as WSGI's (`é` sent as UTF-8
    /// reads `Ã©`): the exact bytes stay recoverable.
    public var headers: Headers
    public var contentType: String?
    public var contentLength: Int?
    /// `REMOTE_ADDR`: the client as the web server saw it.
    public var remoteAddress: String?
    /// `https` or `http`.
    public var scheme: String
    /// `Host` header, else `SERVER_NAME[:SERVER_PORT]` (default ports left out).
    public var host: String
    /// The web server's id for this request (`REQUEST_ID`, else Apache's `UNIQUE_ID`), when it
    /// sent a valid one (`RequestID`): on every log line of the request, and echoed in the
    /// response's `X-Request-ID`.
    public var requestID: String?
    /// Every FastCGI param as received (the last value wins if the web server repeats one, as
    /// in PHP-FPM and the fields above).
    /// Built from `paramList` when read: nothing on the request path needs it, and making a
    /// dictionary of some 25 params for every request was a measurable part of its cost.
    public var params: [String: String] {
        get { Dictionary(paramList, uniquingKeysWith: { _, last in last }) }
        set { paramList = newValue.map { ($0.key, $0.value) } }
    }
    /// The FastCGI params in the order received, repeats included.
    ///
    /// A request read from a web server keeps them as the bytes received and makes the strings
    /// when this is read (nothing on the request path does): a string per name and value, the
    /// list, and freeing them all were a measurable share of every request (docs/profile.md).
    public var paramList: [(String, String)] {
        get {
            switch paramStorage {
            case .list(let list): list
            case .received(let params): params.decoded()
            }
        }
        set { paramStorage = .list(newValue) }
    }
    var paramStorage: ParamStorage
    public var body: [UInt8]

    public init(
        method: String = "GET", path: String = "/", queryString: String = "",
        headers: Headers = Headers(), contentType: String? = nil, contentLength: Int? = nil,
        remoteAddress: String? = nil, scheme: String = "http", host: String = "localhost",
        params: [String: String] = [:], body: [UInt8] = []
    ) {
        self.init(
            method: method, path: path, queryString: queryString, headers: headers, contentType: contentType,
            contentLength: contentLength, remoteAddress: remoteAddress, scheme: scheme, host: host,
            paramList: params.map { ($0.key, $0.value) }, body: body)
    }

    /// A request with its params as an ordered list (what a FastCGI server receives).
    public init(
        method: String = "GET", path: String = "/", queryString: String = "",
        headers: Headers = Headers(), contentType: String? = nil, contentLength: Int? = nil,
        remoteAddress: String? = nil, scheme: String = "http", host: String = "localhost",
        paramList: [(String, String)], body: [UInt8] = []
    ) {
        self.init(
            method: method, path: path, queryString: queryString, headers: headers, contentType: contentType,
            contentLength: contentLength, remoteAddress: remoteAddress, scheme: scheme, host: host,
            paramStorage: .list(paramList), body: body)
    }

    init(
        method: String, path: String, queryString: String, headers: Headers, contentType: String?,
        contentLength: Int?, remoteAddress: String?, scheme: String, host: String,
        paramStorage: ParamStorage, body: [UInt8], requestID: String? = nil
    ) {
        self.method = method
        self.path = path
        self.queryString = queryString
        self.headers = headers
        self.contentType = contentType
        self.contentLength = contentLength
        self.remoteAddress = remoteAddress
        self.scheme = scheme
        self.host = host
        self.paramStorage = paramStorage
        self.body = body
        self.requestID = requestID
    }

    /// The body decoded as UTF-8 (invalid bytes replaced), for text payloads.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Where `Request.paramList` comes from.
enum ParamStorage: Sendable {
    case list([(String, String)])
    case received(ReceivedParams)
}

/// Params as a web server sent them: each `NAME=VALUE` followed by a NUL, one after another
/// (libfcgi's `envp` strings, copied before it frees them).
struct ReceivedParams: Sendable {
    var bytes: [UInt8] = []

    /// As `FCGXRequest.request()` reads them: the name and non-header values as UTF-8, header
    /// values (`HTTP_*`, `CONTENT_TYPE`) as Latin-1; an entry without `=` is skipped.
    func decoded() -> [(String, String)] {
        var list: [(String, String)] = []
        forEach { name, value in
            list.append(
                (
                    ParamNames.known(name)?.name ?? String(decoding: name, as: UTF8.self),
                    FCGXRequest.value(value, ofHeader: FCGXRequest.isHeader(name))
                ))
        }
        return list
    }

    /// Each entry's name and value bytes, in order.
    func forEach(_ body: (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { all in
            guard let base = all.baseAddress else { return }
            var start = 0
            while start < all.count {
                let entry = base + start
                // Every entry ends with a NUL (see `FCGXRequest.request()`).
                let length = memchr(entry, 0, all.count - start).map { entry.distance(to: UnsafeRawPointer($0)) } ?? all.count - start
                if let equals = memchr(entry, Int32(UInt8(ascii: "=")), length) {
                    let nameLength = entry.distance(to: UnsafeRawPointer(equals))
                    body(
                        UnsafeRawBufferPointer(start: entry, count: nameLength),
                        UnsafeRawBufferPointer(start: entry + nameLength + 1, count: length - nameLength - 1))
                }
                start += length + 1
            }
        }
    }
}
