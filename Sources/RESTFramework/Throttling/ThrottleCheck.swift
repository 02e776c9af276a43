/// The body of DRF's `check_throttles`, and the `RateLimit-*` headers DRF lacks.
enum ThrottleCheck {
    /// A refusal's wait (DRF's longest non-nil `wait()`, nil seconds when none is known), or nil
    /// when every throttle let the request through.
    struct Refusal { var seconds: Double? }

    static func run(_ throttles: [any Throttle], request: Request, view: APIView) throws -> Refusal? {
        var refused = false
        var longestWait: Double?
        var shown: ThrottleDecision?
        for throttle in throttles {
            guard let decision = try throttle.allowRequest(request, view: view) else { continue }
            if !decision.allowed {
                refused = true
                if let wait = decision.wait { longestWait = max(longestWait ?? wait, wait) }
            }
            if decision.limit != nil, shown.map({ isMoreRestrictive(decision, than: $0) }) ?? true { shown = decision }
        }
        if let shown, let limit = shown.limit { addHeaders(limit: limit, shown, to: view) }
        return refused ? Refusal(seconds: longestWait) : nil
    }

    /// The throttle a client runs into first: fewer requests left, else the later reset.
    static func isMoreRestrictive(_ decision: ThrottleDecision, than other: ThrottleDecision) -> Bool {
        if decision.remaining != other.remaining { return decision.remaining < other.remaining }
        return decision.reset > other.reset
    }

    /// draft-ietf-httpapi-ratelimit-headers: the quota, what is left of it, and the whole seconds
    /// until the oldest counted request leaves the window (rounded up, as `Retry-After`).
    static func addHeaders(limit: Int, _ decision: ThrottleDecision, to view: APIView) {
        // Room for the three at once: every throttled request sends them (docs/profile.md,
        // "Throttling": growing the array one field at a time was a tenth of their cost).
        view.responseHeaders.reserveCapacity(view.responseHeaders.count + 3)
        view.responseHeaders["RateLimit-Limit"] = String(limit)
        view.responseHeaders["RateLimit-Remaining"] = String(decision.remaining)
        view.responseHeaders["RateLimit-Reset"] = String(Int(decision.reset.rounded(.up)))
    }
}
