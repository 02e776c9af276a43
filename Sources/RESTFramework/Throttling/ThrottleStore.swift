/// Where rate throttles keep their histories: DRF's cache. The store's one job is DRF's
/// `allow_request` body as one atomic step per key: forget the hits older than the window, then
/// record this one if fewer than the limit remain (`throttle_success`), or record nothing
/// (`throttle_failure`). Atomic is what makes the limit exact when many threads, processes or
/// hosts check one key at once.
///
///     settings.throttleStore = PostgresThrottleStore()        // RESTModels: exact across hosts
///     settings.throttleStore = LocalMemoryThrottleStore()     // one process, as DRF's LocMemCache
public protocol ThrottleStore: Sendable {
    /// Records a hit on `key` at the store's clock if fewer than `limit` hits fall in the last
    /// `duration` seconds, and answers the window as it is after the check.
    func hit(key: String, limit: Int, duration: Int, request: Request) throws -> ThrottleHistory
    /// Takes back the hit `hit` recorded at `time` (a Basic login counted before its password
    /// was checked, which turned out right).
    func release(key: String, time: Double, request: Request) throws
}

/// One key's window after a check: DRF's `history` and `now`.
public struct ThrottleHistory: Sendable, Equatable {
    /// Whether this request's hit was recorded (DRF's `throttle_success`).
    public var allowed: Bool
    /// Hits in the window, this one included when allowed (DRF's `len(self.history)`).
    public var count: Int
    /// The store's clock at the check, in seconds (DRF's `self.now`).
    public var now: Double
    /// The oldest hit in the window (DRF's `self.history[-1]`), nil when there is none.
    public var oldest: Double?

    public init(allowed: Bool, count: Int, now: Double, oldest: Double?) {
        self.allowed = allowed
        self.count = count
        self.now = now
        self.oldest = oldest
    }

    /// DRF's `SimpleRateThrottle.wait()` for a refused request: the time left until the oldest
    /// hit leaves the window, shared among the requests that will then be available
    /// (`num_requests - len(history) + 1`, which is 1 when the window is exactly full); nil when
    /// none will be (the rate was lowered below the history's length).
    public func wait(limit: Int, duration: Int) -> Double? {
        let remainingDuration = oldest.map { Double(duration) - (now - $0) } ?? Double(duration)
        let available = limit - count + 1
        guard available > 0 else { return nil }
        return remainingDuration / Double(available)
    }

    /// The decision, with what the `RateLimit-*` headers show: the limit, the requests left
    /// after this one, and the seconds until the oldest counted hit leaves the window (the
    /// whole window when none is counted).
    public func decision(limit: Int, duration: Int) -> ThrottleDecision {
        let reset = oldest.map { max(0, Double(duration) - (now - $0)) } ?? Double(duration)
        return ThrottleDecision(
            allowed: allowed, wait: allowed ? nil : wait(limit: limit, duration: duration), limit: limit,
            remaining: max(0, limit - count), reset: reset)
    }
}
