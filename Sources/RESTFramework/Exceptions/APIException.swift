/// An error a view raises to answer with a status and a body: DRF's `APIException` family.
/// `detail` is a message (rendered as `{"detail": "..."}`) or, for validation errors, a
/// structure rendered as it is.
///
///     throw NotFound("No User matches the given query.")
///     throw PermissionDenied()          // 403 "You do not have permission to perform this action."
public protocol APIException: Error, Sendable {
    var statusCode: Int { get }
    var detail: JSON { get }
    var code: String { get }
    /// Extra headers (`WWW-Authenticate`, `Retry-After`).
    var headers: Headers { get }
}

extension APIException {
    public var headers: Headers { Headers() }

    /// The body DRF's default exception handler writes.
    public var responseData: JSON {
        switch detail {
        case .array, .object: return detail
        default: return ["detail": detail]
        }
    }
}

/// Any status with a message, for cases outside DRF's named family.
public struct APIError: APIException {
    public let statusCode: Int
    public let detail: JSON
    public let code: String
    public let headers: Headers
    public init(status: Int, detail: JSON, code: String = "error", headers: Headers = Headers()) {
        self.statusCode = status
        self.detail = detail
        self.code = code
        self.headers = headers
    }
}

/// Declares the members every message-only exception shares.
public protocol MessageAPIException: APIException {
    static var defaultStatus: Int { get }
    static var defaultDetail: String { get }
    static var defaultCode: String { get }
    var message: String { get }
}

extension MessageAPIException {
    public var statusCode: Int { Self.defaultStatus }
    public var detail: JSON { .string(message) }
}

public struct ParseError: MessageAPIException {
    public static let defaultStatus = 400, defaultDetail = "Malformed request.", defaultCode = "parse_error"
    public let message: String, code: String
    public init(_ message: String? = nil, code: String? = nil) {
        self.message = message ?? Self.defaultDetail; self.code = code ?? Self.defaultCode
    }
}

public struct AuthenticationFailed: MessageAPIException {
    public static let defaultStatus = 401, defaultDetail = "Incorrect authentication credentials.", defaultCode = "authentication_failed"
    public let message: String, code: String
    public init(_ message: String? = nil, code: String? = nil) {
        self.message = message ?? Self.defaultDetail; self.code = code ?? Self.defaultCode
    }
}

public struct NotAuthenticated: MessageAPIException {
    public static let defaultStatus = 401, defaultDetail = "Authentication credentials were not provided.",
        defaultCode = "not_authenticated"
    public let message: String, code: String
    public init(_ message: String? = nil, code: String? = nil) {
        self.message = message ?? Self.defaultDetail; self.code = code ?? Self.defaultCode
    }
}

public struct PermissionDenied: MessageAPIException {
    public static let defaultStatus = 403, defaultDetail = "You do not have permission to perform this action.",
        defaultCode = "permission_denied"
    public let message: String, code: String
    public init(_ message: String? = nil, code: String? = nil) {
        self.message = message ?? Self.defaultDetail; self.code = code ?? Self.defaultCode
    }
}

public struct NotFound: MessageAPIException {
    public static let defaultStatus = 404, defaultDetail = "Not found.", defaultCode = "not_found"
    public let message: String, code: String
    public init(_ message: String? = nil, code: String? = nil) {
        self.message = message ?? Self.defaultDetail; self.code = code ?? Self.defaultCode
    }
}

public struct MethodNotAllowed: MessageAPIException {
    public static let defaultStatus = 405, defaultDetail = "Method \"{method}\" not allowed.", defaultCode = "method_not_allowed"
    public let message: String, code: String
    public init(_ method: HTTPMethod, message: String? = nil, code: String? = nil) {
        self.message = message ?? Self.defaultDetail.replacingOccurrences(of: "{method}", with: method.rawValue)
        self.code = code ?? Self.defaultCode
    }
}

public struct NotAcceptable: MessageAPIException {
    public static let defaultStatus = 406, defaultDetail = "Could not satisfy the request Accept header.", defaultCode = "not_acceptable"
    public let message: String, code: String
    public init(_ message: String? = nil, code: String? = nil) {
        self.message = message ?? Self.defaultDetail; self.code = code ?? Self.defaultCode
    }
}

public struct UnsupportedMediaType: MessageAPIException {
    public static let defaultStatus = 415, defaultDetail = "Unsupported media type \"{media_type}\" in request.",
        defaultCode = "unsupported_media_type"
    public let message: String, code: String
    public init(_ mediaType: String, message: String? = nil, code: String? = nil) {
        self.message = message ?? Self.defaultDetail.replacingOccurrences(of: "{media_type}", with: mediaType)
        self.code = code ?? Self.defaultCode
    }
}

/// DRF's `Throttled`: `Request was throttled. Expected available in 3 seconds.` (wait rounded
/// up, singular for 1), `Retry-After` when the wait is known and not zero.
public struct Throttled: MessageAPIException {
    public static let defaultStatus = 429, defaultDetail = "Request was throttled.", defaultCode = "throttled"
    public let message: String, code: String
    public let wait: Int?
    public init(wait: Int? = nil, message: String? = nil, code: String? = nil) {
        self.wait = wait
        var text = message ?? Self.defaultDetail
        if let wait { text += " Expected available in \(wait) second\(wait == 1 ? "" : "s")." }
        self.message = text
        self.code = code ?? Self.defaultCode
    }
    /// A throttle's `wait()` in seconds, rounded up as DRF's `math.ceil`.
    public init(waitSeconds: Double?, message: String? = nil, code: String? = nil) {
        self.init(wait: waitSeconds.map { Int($0.rounded(.up)) }, message: message, code: code)
    }
    /// DRF's handler writes `Retry-After` only for a truthy wait: none for 0.
    public var headers: Headers { wait.flatMap { $0 == 0 ? nil : ["Retry-After": String($0)] } ?? Headers() }
}

/// Django's `Http404`, as DRF's exception handler answers it: `NotFound` with the message given
/// (`get_object_or_404`'s "No User matches the given query."), or `Not found.`.
public struct Http404: MessageAPIException {
    public static let defaultStatus = 404, defaultDetail = "Not found.", defaultCode = "not_found"
    public let message: String, code: String
    public init(_ message: String? = nil) { self.message = message ?? Self.defaultDetail; self.code = Self.defaultCode }
}

/// 503 for a database outage or overload: beyond DRF, which would answer 500.
public struct ServiceUnavailable: MessageAPIException {
    public static let defaultStatus = 503, defaultDetail = "Service temporarily unavailable, try again later.",
        defaultCode = "service_unavailable"
    public let message: String, code: String
    public init(_ message: String? = nil, code: String? = nil) {
        self.message = message ?? Self.defaultDetail; self.code = code ?? Self.defaultCode
    }
}

/// DRF's `ValidationError`: a message, a list of messages, or a dictionary of field errors.
/// A bare message becomes a one-element list, as DRF does; dictionaries are kept as given (DRF
/// lists their values only when a serializer re-raises them: `serializerErrors`).
///
///     throw ValidationError(["username": ["This field is required."]])
///     throw ValidationError("Bad.")          // ["Bad."]
public struct ValidationError: APIException {
    public static let defaultDetail = "Invalid input.", defaultCode = "invalid"
    public let statusCode = 400
    public let detail: JSON
    public let code: String
    public init(_ detail: JSON, code: String = ValidationError.defaultCode) {
        switch detail {
        case .array, .object: self.detail = detail
        default: self.detail = .array([detail])
        }
        self.code = code
    }
    public init(_ message: String, code: String = ValidationError.defaultCode) { self.init(JSON.string(message), code: code) }
    /// `Invalid input.`
    public init() { self.init(Self.defaultDetail) }

    /// DRF's `as_serializer_error`: the shape of `serializer.errors`. Field messages become
    /// lists (`{"a": "x"}` → `{"a": ["x"]}`); a list is the non-field errors.
    public func serializerErrors(nonFieldErrorsKey: String = "non_field_errors") -> JSONObject {
        switch detail {
        case .object(let fields):
            var errors = JSONObject()
            for (key, value) in fields {
                switch value {
                case .array, .object: errors.append(key, value)
                default: errors.append(key, .array([value]))
                }
            }
            return errors
        default:
            return JSONObject([(nonFieldErrorsKey, detail)])
        }
    }
}
