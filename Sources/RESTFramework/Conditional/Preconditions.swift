/// A request's `If-Match` and `If-None-Match`, evaluated against the current representation's
/// tag in RFC 9110 §13.2.2's order.
///
///     let preconditions = Preconditions(request.headers)
///     switch preconditions.evaluate(method: request.method, current: tag) {
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

    public init(ifMatch: EntityTagCondition? = nil, ifNoneMatch: EntityTagCondition? = nil) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
    }

    public init(_ headers: Headers) {
        ifMatch = EntityTagCondition(header: "If-Match", in: headers)
        ifNoneMatch = EntityTagCondition(header: "If-None-Match", in: headers)
    }

    /// No precondition sent: the request is served as DRF serves it.
    public var isEmpty: Bool { ifMatch == nil && ifNoneMatch == nil }

    public enum Outcome: Equatable, Sendable {
        case proceed
        /// 304 (GET and HEAD only).
        case notModified
        /// 412.
        case failed
    }

    /// `current` nil: the resource has no current representation.
    public func evaluate(method: HTTPMethod, current: EntityTag?) -> Outcome {
        // 1. If-Match: strong comparison; false is 412 whatever the method.
        if let ifMatch, !ifMatch.strongMatch(current) { return .failed }
        // 3. If-None-Match: weak comparison; a match is 304 for a read, 412 for anything else.
        if let ifNoneMatch, ifNoneMatch.weakMatch(current) {
            return method == .get || method == .head ? .notModified : .failed
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
