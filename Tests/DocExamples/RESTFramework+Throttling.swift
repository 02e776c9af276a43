// The `///` examples of Sources/RESTFramework/Throttling and RESTModels' PostgresThrottleStore,
// compiled (DocCommentExampleTests finds them here).
@testable import RESTFramework
@testable import RESTModels

// SimpleRateThrottle
struct BurstRateThrottle: SimpleRateThrottle {
    let scope = "burst"
    func getCacheKey(_ request: Request, view: APIView) -> String? {
        cacheKey(scope: scope, ident: ClientIdent.ident(request, numProxies: view.settings.numProxies))
    }
}

extension DocHost {
    func throttleExamples(fakeNow: Double, users: InMemoryUserStore) throws {
        var settings = APISettings()
        // ThrottleRate
        let rate = try ThrottleRate("100/min")   // 100 requests per 60 seconds
        rate.numRequests   // 100
        rate.duration      // 60

        // ThrottleRates
        settings.throttleRates = try ThrottleRates(["anon": "100/min", "user": "1000/day"])
        settings.throttleRates = try ThrottleRates(parsing: "anon=100/min,user=1000/min,login=5/min")

        // Throttle
        struct NoFridayDeploys: Throttle {
            func allowRequest(_ request: Request, view: APIView) throws -> ThrottleDecision? {
                request.path.hasPrefix("/api/deploys/") ? ThrottleDecision(allowed: false, wait: 3600) : nil
            }
        }
        view.throttleClasses = [NoFridayDeploys()]

        // ThrottleStore, LocalMemoryThrottleStore, PostgresThrottleStore
        settings.throttleStore = PostgresThrottleStore()        // RESTModels: exact across hosts
        settings.throttleStore = LocalMemoryThrottleStore()     // one process, as DRF's LocMemCache
        settings.throttleStore = PostgresThrottleStore()
        _ = settings.throttleStore
        // LocalMemoryThrottleStore
        settings.throttleStore = LocalMemoryThrottleStore()
        let store = LocalMemoryThrottleStore(timer: { fakeNow })   // DRF's `timer`
        _ = store

        // ClientIdent
        settings.numProxies = 1          // nginx in front, which appends $remote_addr
        ClientIdent.ident(request, numProxies: 1)   // "203.0.113.7"

        // AnonRateThrottle
        settings.throttleClasses = [AnonRateThrottle(), UserRateThrottle()]
        settings.throttleRates = try ThrottleRates(["anon": "100/day", "user": "1000/day"])

        // ScopedRateThrottle
        final class ContactView: APIView, PostHandler {
            override class var throttleScope: String? { "contacts" }
            func post(_ request: Request) throws -> Response { Response(["sent": true]) }
        }
        settings.throttleClasses = [ScopedRateThrottle()]
        settings.throttleRates = try ThrottleRates(["contacts": "5/min"])

        // CredentialThrottle
        let login = CredentialThrottle(scope: "login", rate: try ThrottleRate("5/min"), store: PostgresThrottleStore())
        settings.authenticationClasses = [BasicAuthentication(store: users, throttle: login)]
    }
}
