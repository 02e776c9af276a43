import Synchronization
import Testing
@testable import RESTFramework
import RESTTesting

/// A clock the tests move (DRF's tests replace `timer` the same way).
final class FakeClock: Sendable {
    private let seconds = Mutex<Double>(1_000)
    var now: Double { seconds.withLock { $0 } }
    func advance(_ by: Double) { seconds.withLock { $0 += by } }
}

/// A store that always fails, as a database that is away.
struct FailingStore: ThrottleStore {
    struct Down: Error {}
    func hit(key: String, limit: Int, duration: Int, request: Request) throws -> ThrottleHistory { throw Down() }
    func release(key: String, time: Double, request: Request) throws { throw Down() }
}

final class ThrottledPing: APIView, GetHandler {
    func get(_ request: Request) throws -> Response { Response(["pong": true]) }
}

final class ScopedPing: APIView, GetHandler {
    override class var throttleScope: String? { "pings" }
    func get(_ request: Request) throws -> Response { Response(["pong": true]) }
}

final class RefusedPing: APIView, GetHandler {
    override class var permissionClasses: [any Permission]? { [IsAuthenticated()] }
    override class var authenticationClasses: [any Authentication]? { [BasicAuthentication(store: userStore, hasher: testHasher)] }
    func get(_ request: Request) throws -> Response { Response(["pong": true]) }
}

/// DRF's `check_throttles` in `initial` (after authentication and permissions), the 429 with
/// `Retry-After`, the hooks, the RateLimit headers and fail-open.
@Suite struct ThrottlingViewTests {
    func app(
        throttles: [any Throttle], rates: [String: String], store: (any ThrottleStore)?, numProxies: Int? = nil
    ) throws -> Application {
        var settings = APISettings()
        settings.throttleClasses = throttles
        settings.throttleRates = try ThrottleRates(rates)
        settings.throttleStore = store
        settings.numProxies = numProxies
        settings.authenticationClasses = [BasicAuthentication(store: userStore, hasher: testHasher)]
        return Application(
            urls: try URLConf([
                .path("ping/", ThrottledPing.asView()), .path("scoped/", ScopedPing.asView()),
                .path("refused/", RefusedPing.asView()),
            ]),
            settings: settings)
    }

    func get(_ app: Application, _ path: String = "/ping/", from address: String = "10.0.0.1", headers: Headers = [:])
        -> RenderedResponse
    {
        var headers = headers
        headers["Host"] = "testserver"
        return app.handle(Request(method: .get, path: path, headers: headers, remoteAddress: address))
    }

    @Test func anonRateLetsTheRateThroughThenAnswers429AsDRF() throws {
        let clock = FakeClock()
        let app = try app(
            throttles: [AnonRateThrottle()], rates: ["anon": "3/min"], store: LocalMemoryThrottleStore(timer: { clock.now }))
        // Reset: until the oldest counted hit (the first, 0, 10, 20 s ago) leaves the window.
        for (remaining, reset) in [(2, 60), (1, 50), (0, 40)] {
            let response = get(app)
            #expect(response.status == 200)
            #expect(response.headers["RateLimit-Limit"] == "3")
            #expect(response.headers["RateLimit-Remaining"] == String(remaining))
            #expect(response.headers["RateLimit-Reset"] == String(reset))
            clock.advance(10)
        }
        // 30 s after the first hit: 30 s to wait, the same in the body, Retry-After and Reset.
        let refused = get(app)
        #expect(refused.status == 429)
        #expect(String(decoding: refused.body, as: UTF8.self) == #"{"detail":"Request was throttled. Expected available in 30 seconds."}"#)
        #expect(refused.headers["Retry-After"] == "30")
        #expect(refused.headers["RateLimit-Remaining"] == "0")
        #expect(refused.headers["RateLimit-Reset"] == "30")
        // Another client has its own window.
        #expect(get(app, from: "10.0.0.2").status == 200)
        // The window slides: the first hit leaves it after 60 s, and one request passes.
        clock.advance(30)
        #expect(get(app).status == 200)
        #expect(get(app).status == 429)
    }

    @Test func anonRateLeavesSignedInUsersAlone() throws {
        let app = try app(throttles: [AnonRateThrottle()], rates: ["anon": "1/min"], store: LocalMemoryThrottleStore())
        let basic: Headers = ["Authorization": "Basic YWxpY2U6czNjcmV0"]
        for _ in 0..<3 {
            let response = get(app, headers: basic)
            #expect(response.status == 200)
            #expect(response.headers["RateLimit-Limit"] == nil)
        }
    }

    @Test func userRateCountsByUserAcrossAddresses() throws {
        let app = try app(throttles: [UserRateThrottle()], rates: ["user": "2/min"], store: LocalMemoryThrottleStore())
        let basic: Headers = ["Authorization": "Basic YWxpY2U6czNjcmV0"]
        #expect(get(app, from: "10.0.0.1", headers: basic).status == 200)
        #expect(get(app, from: "10.0.0.2", headers: basic).status == 200)
        #expect(get(app, from: "10.0.0.3", headers: basic).status == 429)
        // Anonymous clients count by address.
        #expect(get(app, from: "10.0.0.3").status == 200)
    }

    @Test func scopedRateOnlyForViewsWithAScope() throws {
        let app = try app(throttles: [ScopedRateThrottle()], rates: ["pings": "1/min"], store: LocalMemoryThrottleStore())
        #expect(get(app, "/scoped/").status == 200)
        #expect(get(app, "/scoped/").status == 429)
        for _ in 0..<3 { #expect(get(app, "/ping/").status == 200) }
    }

    @Test func permissionsComeFirst() throws {
        // DRF's order: a request refused by its permissions is not counted.
        let app = try app(throttles: [AnonRateThrottle()], rates: ["anon": "1/min"], store: LocalMemoryThrottleStore())
        for _ in 0..<3 { #expect(get(app, "/refused/").status == 401) }
        #expect(get(app).status == 200)
    }

    @Test func theLongestWaitAnswersAndTheTightestQuotaIsShown() throws {
        let clock = FakeClock()
        let app = try app(
            throttles: [AnonRateThrottle(), UserRateThrottle()], rates: ["anon": "2/min", "user": "1/h"],
            store: LocalMemoryThrottleStore(timer: { clock.now }))
        let first = get(app)
        #expect(first.headers["RateLimit-Limit"] == "1")
        #expect(first.headers["RateLimit-Remaining"] == "0")
        clock.advance(1)
        let refused = get(app)
        #expect(refused.status == 429)
        #expect(refused.headers["Retry-After"] == "3599")
    }

    @Test func missingRateOrStoreIsImproperlyConfigured() throws {
        var errors: [String] = []
        let log = Mutex<[String]>([])
        var settings = APISettings()
        settings.throttleClasses = [AnonRateThrottle()]
        settings.errorLog = { message in log.withLock { $0.append(message) } }
        let app = Application(urls: try URLConf([.path("ping/", ThrottledPing.asView())]), settings: settings)
        #expect(get(app).status == 500)
        settings.throttleRates = try ThrottleRates(["anon": "1/min"])
        let app2 = Application(urls: try URLConf([.path("ping/", ThrottledPing.asView())]), settings: settings)
        #expect(get(app2).status == 500)
        errors = log.withLock { $0 }
        #expect(errors.count == 2)
        #expect(errors.first?.contains("No default throttle rate set for 'anon' scope") == true)
        #expect(errors.last?.contains("settings.throttleStore") == true)
    }

    @Test func aFailingStoreLetsRequestsThrough() throws {
        let app = try app(throttles: [AnonRateThrottle()], rates: ["anon": "1/min"], store: FailingStore())
        for _ in 0..<3 {
            let response = get(app)
            #expect(response.status == 200)
            #expect(response.headers["RateLimit-Limit"] == nil)
        }
    }

    @Test func noThrottlesNoHeaders() throws {
        let app = try app(throttles: [], rates: [:], store: nil)
        let response = get(app)
        #expect(response.status == 200)
        #expect(response.headers["RateLimit-Limit"] == nil)
    }

    @Test func identBehindProxies() throws {
        let app = try app(throttles: [AnonRateThrottle()], rates: ["anon": "1/min"], store: LocalMemoryThrottleStore(), numProxies: 1)
        #expect(get(app, headers: ["X-Forwarded-For": "1.1.1.1"]).status == 200)
        #expect(get(app, headers: ["X-Forwarded-For": "2.2.2.2"]).status == 200)
        #expect(get(app, headers: ["X-Forwarded-For": "9.9.9.9, 1.1.1.1"]).status == 429)
    }

    @Test func failedBasicCredentialsCountAndAFullWindowSkipsTheHasher() throws {
        let store = LocalMemoryThrottleStore()
        let login = CredentialThrottle(scope: "login", rate: try ThrottleRate("2/min"), store: store)
        let basic = BasicAuthentication(store: userStore, hasher: testHasher, throttle: login)
        let right = "Basic YWxpY2U6czNjcmV0"  // alice:s3cret
        let wrong = "Basic " + PythonBase64.encode(Array("alice:nope".utf8))
        // Right credentials do not count.
        for _ in 0..<4 { #expect(try basic.authenticate(request(authorization: right))?.user.username == "alice") }
        #expect(failure { try basic.authenticate(request(authorization: wrong)) } == "Invalid username/password.")
        #expect(failure { try basic.authenticate(request(authorization: wrong)) } == "Invalid username/password.")
        // The window is full: refused before the password is checked, right or wrong.
        for header in [wrong, right] {
            do {
                _ = try basic.authenticate(request(authorization: header))
                Issue.record("not throttled")
            } catch let error as Throttled {
                #expect(error.message.hasPrefix("Request was throttled. Expected available in "))
                #expect((error.wait ?? 0) > 0)
            }
        }
    }
}
