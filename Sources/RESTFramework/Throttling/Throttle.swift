/// DRF's throttle class (`BaseThrottle`): decides whether a request may proceed. DRF makes a
/// throttle per request and asks `allow_request`, then `wait()`; here one instance serves every
/// request (as permissions do), so both answers come back together in a `ThrottleDecision`.
///
///     struct NoFridayDeploys: Throttle {
///         func allowRequest(_ request: Request, view: APIView) throws -> ThrottleDecision? {
///             request.path.hasPrefix("/api/deploys/") ? ThrottleDecision(allowed: false, wait: 3600) : nil
///         }
///     }
///     view.throttleClasses = [NoFridayDeploys()]
public protocol Throttle: Sendable {
    /// The decision for this request, or nil when the throttle does not apply to it (DRF's
    /// `get_cache_key` returning `None`, a scope without a rate).
    func allowRequest(_ request: Request, view: APIView) throws -> ThrottleDecision?
}

/// What a throttle answered: DRF's `allow_request` and `wait()`, and what the IETF
/// `RateLimit-*` headers need (DRF has none of them).
public struct ThrottleDecision: Sendable, Equatable {
    public var allowed: Bool
    /// DRF's `wait()`: seconds until the next request may pass, nil when unknown.
    public var wait: Double?
    /// The window's quota (`RateLimit-Limit`); nil: the throttle sends no `RateLimit-*` headers.
    public var limit: Int?
    /// Requests still allowed in the window after this one (`RateLimit-Remaining`).
    public var remaining: Int
    /// Seconds until the oldest counted request leaves the window (`RateLimit-Reset`).
    public var reset: Double

    public init(allowed: Bool, wait: Double? = nil, limit: Int? = nil, remaining: Int = 0, reset: Double = 0) {
        self.allowed = allowed
        self.wait = wait
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
    }
}
