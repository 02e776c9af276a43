/// A request's `If-Match`, `If-None-Match`, `If-Unmodified-Since` and `If-Modified-Since`,
/// evaluated against the current representation's tag and last modification in RFC 9110
/// §13.2.2's order.
///
///     let preconditions = Preconditions(request.headers)
///     switch preconditions.evaluate(method: request.method, current: tag, lastModified: updated) {
///     case .proceed: break                                  // serve or write as usual
///     case .notModified: return Response(status: 304)       // GET/HEAD: the client's copy is current
///     case .failed: throw PreconditionFailed()              // 412, nothing done
///     }
///
/// The caller evaluates them only where the response without them would be a 2xx (§13.2.1): a
/// 404, 401, 403 or 405 answers as it would without the headers.
public struct Preconditions: Sendable {
    public var ifMatch: EntityTagCondition?
    public var ifNoneMatch: EntityTagCondition?
    /// nil when absent or not an HTTP-date (such a header is ignored, RFC 9110 §13.1.4).
    public var ifUnmodifiedSince: HTTPDate?
    /// nil when absent or not an HTTP-date (§13.1.3).
    public var ifModifiedSince: HTTPDate?

    public init(
        ifMatch: EntityTagCondition? = nil, ifNoneMatch: EntityTagCondition? = nil, ifUnmodifiedSince: HTTPDate? = nil,
        ifModifiedSince: HTTPDate? = nil
    ) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
        self.ifUnmodifiedSince = ifUnmodifiedSince
        self.ifModifiedSince = ifModifiedSince
    }

    public init(_ headers: Headers) {
        ifMatch = EntityTagCondition(header: "If-Match", in: headers)
        ifNoneMatch = EntityTagCondition(header: "If-None-Match", in: headers)
        ifUnmodifiedSince = headers["If-Unmodified-Since"].flatMap(HTTPDate.init(parsing:))
        ifModifiedSince = headers["If-Modified-Since"].flatMap(HTTPDate.init(parsing:))
    }

    /// No precondition sent: the request is served as DRF serves it.
    public var isEmpty: Bool { ifMatch == nil && ifNoneMatch == nil && ifUnmodifiedSince == nil && ifModifiedSince == nil }

    public enum Outcome: Equatable, Sendable {
        case proceed
        /// 304 (GET and HEAD only).
        case notModified
        /// 412.
        case failed
    }

    /// `current` nil: the resource has no current representation. `lastModified` nil: it has
    /// no modification date, and the date preconditions are ignored (§13.1.3, §13.1.4).
    public func evaluate(method: HTTPMethod, current: EntityTag?, lastModified: HTTPDate? = nil) -> Outcome {
        let isRead = method == .get || method == .head
        if let ifMatch {
            // 1. If-Match: strong comparison; false is 412 whatever the method.
            if !ifMatch.strongMatch(current) { return .failed }
        } else if let ifUnmodifiedSince, let lastModified, lastModified > ifUnmodifiedSince {
            // 2. If-Unmodified-Since, only without If-Match: changed since the client's date.
            return .failed
        }
        if let ifNoneMatch {
            // 3. If-None-Match: weak comparison; a match is 304 for a read, 412 for anything else.
            if ifNoneMatch.weakMatch(current) { return isRead ? .notModified : .failed }
        } else if isRead, let ifModifiedSince, let lastModified, lastModified <= ifModifiedSince {
            // 4. If-Modified-Since, only without If-None-Match and only on a read: unchanged since.
            return .notModified
        }
        return .proceed
    }
}

/// 412 `Precondition failed.`: an `If-Match` (or, on a write, an `If-None-Match`) the current
/// representation does not satisfy. DRF has no such class; the wording is the spec's.
public struct PreconditionFailed: MessageAPIException {
    public static let defaultStatus = 412, defaultDetail = "Precondition failed.", defaultCode = "precondition_failed"
    public let message: String, code: String
    public init(_ message: String? = nil, code: String? = nil) {
        self.message = message ?? Self.defaultDetail; self.code = code ?? Self.defaultCode
    }
}
