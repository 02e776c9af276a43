import Logging

/// DRF's `SimpleRateThrottle`: a sliding log of each client's hits in the last `duration`
/// seconds, kept in `settings.throttleStore`, checked against the rate of `scope` in
/// `settings.throttleRates` (or the throttle's own `rate`). A conforming type only says whose
/// requests count together, as DRF's subclasses override `get_cache_key`:
///
///     struct BurstRateThrottle: SimpleRateThrottle {
///         let scope = "burst"
///         func getCacheKey(_ request: Request, view: APIView) -> String? {
///             cacheKey(scope: scope, ident: ClientIdent.ident(request, numProxies: view.settings.numProxies))
///         }
///     }
public protocol SimpleRateThrottle: Throttle {
    /// The key into `settings.throttleRates` (DRF's `scope`).
    var scope: String { get }
    /// The rate, when the throttle sets its own (DRF's `rate` attribute); nil: the scope's.
    var rate: ThrottleRate? { get }
    /// Whose requests count together; nil: this request is not throttled.
    func getCacheKey(_ request: Request, view: APIView) -> String?
}

extension SimpleRateThrottle {
    public var rate: ThrottleRate? { nil }

    public func allowRequest(_ request: Request, view: APIView) throws -> ThrottleDecision? {
        let rate = try self.rate ?? RateThrottling.rate(of: scope, view: view)
        guard let key = getCacheKey(request, view: view) else { return nil }
        return try RateThrottling.check(key: key, rate: rate, request: request, view: view)
    }

    /// DRF's `cache_format`: `throttle_<scope>_<ident>`.
    public func cacheKey(scope: String, ident: String) -> String { "throttle_" + scope + "_" + ident }
}

/// DRF's `AnonRateThrottle`: anonymous requests, by client address (`ClientIdent`), at the
/// `anon` rate; signed-in users pass untouched.
///
///     settings.throttleClasses = [AnonRateThrottle(), UserRateThrottle()]
///     settings.throttleRates = try ThrottleRates(["anon": "100/day", "user": "1000/day"])
public struct AnonRateThrottle: SimpleRateThrottle {
    public let scope: String
    public let rate: ThrottleRate?
    public init(scope: String = "anon", rate: ThrottleRate? = nil) {
        self.scope = scope
        self.rate = rate
    }
    public func getCacheKey(_ request: Request, view: APIView) -> String? {
        if request.user.isAuthenticated { return nil }
        return cacheKey(scope: scope, ident: ClientIdent.ident(request, numProxies: view.settings.numProxies))
    }
}

/// DRF's `UserRateThrottle`: signed-in users by primary key, anonymous clients by address, at
/// the `user` rate.
public struct UserRateThrottle: SimpleRateThrottle {
    public let scope: String
    public let rate: ThrottleRate?
    public init(scope: String = "user", rate: ThrottleRate? = nil) {
        self.scope = scope
        self.rate = rate
    }
    public func getCacheKey(_ request: Request, view: APIView) -> String? {
        cacheKey(scope: scope, ident: RateThrottling.userIdent(request, view: view))
    }
}

/// DRF's `ScopedRateThrottle`: views that name a `throttleScope` are throttled at that scope's
/// rate, by user or else client address; views that name none pass untouched.
///
///     final class ContactView: APIView, PostHandler {
///         override class var throttleScope: String? { "contacts" }
///         func post(_ request: Request) throws -> Response { Response(["sent": true]) }
///     }
///     settings.throttleClasses = [ScopedRateThrottle()]
///     settings.throttleRates = try ThrottleRates(["contacts": "5/min"])
public struct ScopedRateThrottle: Throttle {
    public init() {}
    public func allowRequest(_ request: Request, view: APIView) throws -> ThrottleDecision? {
        guard let scope = view.throttleScope ?? type(of: view).throttleScope else { return nil }
        let rate = try RateThrottling.rate(of: scope, view: view)
        let key = "throttle_" + scope + "_" + RateThrottling.userIdent(request, view: view)
        return try RateThrottling.check(key: key, rate: rate, request: request, view: view)
    }
}

/// What the rate throttles share: the rate lookup, the ident, the store call and what a store
/// failure does.
public enum RateThrottling {
    /// The scope's rate from the view's settings; DRF's `ImproperlyConfigured` when there is none.
    public static func rate(of scope: String, view: APIView) throws -> ThrottleRate {
        guard let rate = view.settings.throttleRates[scope] else {
            throw ImproperlyConfigured(
                "No default throttle rate set for '\(scope)' scope: add it to settings.throttleRates, "
                    + "or give the throttle a rate.")
        }
        return rate
    }

    /// The user's primary key when signed in, else the client's address (DRF's `ident`).
    public static func userIdent(_ request: Request, view: APIView) -> String {
        guard request.user.isAuthenticated else { return ClientIdent.ident(request, numProxies: view.settings.numProxies) }
        switch request.user.pk {
        case .int(let id): return String(id)
        case .string(let id): return id
        case .uuid(let id): return id.uuidString.lowercased()
        case let other: return "\(other)"
        }
    }

    /// One check of `key` against `rate` in the settings' store.
    ///
    /// Fail-open: when the store cannot answer (the database is down, its table is missing),
    /// the request passes without `RateLimit-*` headers and the error is logged. A throttle
    /// protects capacity; refusing every request while the store is away would turn an outage
    /// of the store into an outage of the API, and a 500 would be worse still.
    public static func check(key: String, rate: ThrottleRate, request: Request, view: APIView) throws -> ThrottleDecision {
        // DRF with `0/min`: every request refused, `wait()` the whole window.
        guard rate.numRequests > 0 else {
            return ThrottleHistory(allowed: false, count: 0, now: 0, oldest: nil)
                .decision(limit: 0, duration: rate.duration)
        }
        let history: ThrottleHistory
        do {
            history = try store(view).hit(key: key, limit: rate.numRequests, duration: rate.duration, request: request)
        } catch let error as ImproperlyConfigured {
            throw error
        } catch {
            request.logger.warning("throttle store failed, request let through (fail-open): \(error)")
            return ThrottleDecision(allowed: true)
        }
        return history.decision(limit: rate.numRequests, duration: rate.duration)
    }

    static func store(_ view: APIView) throws -> any ThrottleStore {
        guard let store = view.settings.throttleStore else {
            throw ImproperlyConfigured(
                "Rate throttles need settings.throttleStore: PostgresThrottleStore() (RESTModels) to count "
                    + "across processes and hosts, or LocalMemoryThrottleStore() for one process.")
        }
        return store
    }
}
