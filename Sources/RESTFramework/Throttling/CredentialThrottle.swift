/// Rate-limits password checks per client, beyond DRF: each Basic attempt takes a place in the
/// scope's window before the hasher runs (a full PBKDF2), and gives it back when the password
/// was right, so failed attempts are what count. The key is `ScopedRateThrottle`'s for an
/// anonymous client (`throttle_<scope>_<address>`), so failed Basic credentials and a view
/// with that `throttleScope` (`POST /api/auth-token/`) share one window. Over the rate, the
/// attempt is refused with DRF's 429 before any hashing.
///
///     let login = CredentialThrottle(scope: "login", rate: try ThrottleRate("5/min"), store: PostgresThrottleStore())
///     settings.authenticationClasses = [BasicAuthentication(store: users, throttle: login)]
public struct CredentialThrottle: Sendable {
    public let scope: String
    public let rate: ThrottleRate
    public let store: any ThrottleStore
    /// DRF's `NUM_PROXIES`, as in the settings (see `ClientIdent`).
    public let numProxies: Int?

    public init(scope: String, rate: ThrottleRate, store: any ThrottleStore, numProxies: Int? = nil) {
        self.scope = scope
        self.rate = rate
        self.store = store
        self.numProxies = numProxies
    }

    /// A place taken in the window; `succeeded` gives it back.
    public struct Attempt {
        let key: String
        let time: Double
        let throttle: CredentialThrottle

        /// The credentials were right: this attempt does not count (fail-open if the store fails).
        public func succeeded(_ request: Request) {
            do {
                try throttle.store.release(key: key, time: time, request: request)
            } catch {
                request.logger.warning("throttle store failed to release a login attempt: \(error)")
            }
        }
    }

    /// Takes a place for this client's attempt, or throws `Throttled` when the window is full.
    /// Nil when the store failed (the attempt goes ahead uncounted, and the error is logged).
    public func attempt(_ request: Request) throws -> Attempt? {
        let key = "throttle_" + scope + "_" + ClientIdent.ident(request, numProxies: numProxies)
        guard rate.numRequests > 0 else { throw Throttled(waitSeconds: Double(rate.duration)) }
        let history: ThrottleHistory
        do {
            history = try store.hit(key: key, limit: rate.numRequests, duration: rate.duration, request: request)
        } catch {
            request.logger.warning("throttle store failed, login attempt let through (fail-open): \(error)")
            return nil
        }
        guard history.allowed else {
            throw Throttled(waitSeconds: history.wait(limit: rate.numRequests, duration: rate.duration))
        }
        return Attempt(key: key, time: history.now, throttle: self)
    }
}
