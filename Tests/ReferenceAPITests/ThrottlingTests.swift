import ReferenceAPI
import RESTFramework
import Testing
import TestSupport

/// `REFERENCE_THROTTLE_RATES` in process, on the PostgreSQL store: the `login` scope counts
/// `POST /api/auth-token/` and failed Basic credentials together; the store failing lets
/// requests through; unset, no throttle runs.
@Suite(.needsTestsRun) struct ThrottlingTests {
    func client(_ rates: String) throws -> ReferenceClient {
        try ReferenceClient(
            configuration: ReferenceConfiguration(passwordIterations: 3, throttleRates: try ThrottleRates(parsing: rates)))
    }

    @Test func failedBasicCredentialsCountAgainstLogin() throws {
        let client = try client("login=3/min")
        // Right Basic credentials do not count.
        for _ in 0..<4 { #expect(client.send(.get, "/api/users/2/", basic: ("ada", Seed.adaPassword)).status == 200) }
        for _ in 0..<3 {
            let reply = client.send(.get, "/api/users/2/", basic: ("ada", "guess"))
            #expect(reply.status == 401)
            #expect(reply.text == #"{"detail":"Invalid username/password."}"#)
        }
        // The window is full: refused before the password is hashed, even the right one.
        let refused = client.send(.get, "/api/users/2/", basic: ("ada", Seed.adaPassword))
        #expect(refused.status == 429)
        #expect(refused.text.hasPrefix(#"{"detail":"Request was throttled. Expected available in "#))
        #expect(refused.header("Retry-After") != nil)
        // The token endpoint shares the window (same client, same scope).
        #expect(client.send(.post, "/api/auth-token/", json: #"{"username":"ada","password":"ada password "}"#).status == 429)
        // Tokens are not passwords: they still work.
        #expect(client.send(.get, "/api/users/2/", token: Seed.adaToken).status == 200)
        #expect(try client.count("srf_throttle") == 1)
    }

    @Test func authTokenCountsAgainstLogin() throws {
        let client = try client("anon=100/min,user=1000/min,login=2/min")
        let first = client.send(.post, "/api/auth-token/", json: #"{"username":"ada","password":"wrong"}"#)
        #expect(first.status == 400)
        // Anonymous: anon 99 left, user 999, login 1: login's are shown.
        #expect(first.header("RateLimit-Limit") == "2")
        #expect(first.header("RateLimit-Remaining") == "1")
        #expect(first.header("RateLimit-Reset") == "60")
        #expect(client.send(.post, "/api/auth-token/", json: #"{"username":"ada","password":"ada password "}"#).status == 200)
        let refused = client.send(.post, "/api/auth-token/", json: #"{"username":"ada","password":"ada password "}"#)
        #expect(refused.status == 429)
        #expect(refused.text == #"{"detail":"Request was throttled. Expected available in 60 seconds."}"#)
        #expect(refused.header("Retry-After") == "60")
        // Users count by id at `user`, with their own headers.
        let user = client.send(.get, "/api/users/2/", token: Seed.adaToken)
        #expect(user.status == 200)
        #expect(user.header("RateLimit-Limit") == "1000")
        #expect(user.header("RateLimit-Remaining") == "999")
    }

    @Test func rowsWhoseWindowHasPassedAreCleanedUp() throws {
        let client = try client("user=10/min")
        // A key last hit long ago (expired), and one still in its window.
        try client.connection.execute(
            """
            INSERT INTO srf_throttle (key, hits, counts, seen, expires, allowed) VALUES
                ('throttle_user_old', '{1}', '{1}', 1, 61, true),
                ('throttle_user_live', ARRAY[extract(epoch FROM now())], '{1}', extract(epoch FROM now()), extract(epoch FROM now()) + 60, true)
            """)
        // The store's first check in a process cleans (then once a minute).
        #expect(client.send(.get, "/api/users/2/", token: Seed.adaToken).status == 200)
        let keys = try client.connection.query("SELECT string_agg(key, ',' ORDER BY key) FROM srf_throttle")[0][0, as: String.self]
        #expect(keys == "throttle_user_2,throttle_user_live")
    }

    @Test func aFailingStoreLetsRequestsThrough() throws {
        let client = try client("user=1/min")
        try client.connection.execute("DROP TABLE srf_throttle")
        for _ in 0..<3 {
            let reply = client.send(.get, "/api/users/2/", token: Seed.adaToken)
            #expect(reply.status == 200)
            #expect(reply.header("RateLimit-Limit") == nil)
        }
    }

    @Test func unsetRatesThrottleNothing() throws {
        #expect(try ReferenceConfiguration.fromEnvironment([:]).throttleRates.isEmpty)
        let configured = try ReferenceConfiguration.fromEnvironment(["REFERENCE_THROTTLE_RATES": "anon=100/min,user=1000/min,login=5/min"])
        #expect(configured.throttleRates["login"] == ThrottleRate(numRequests: 5, duration: 60))
        #expect(throws: ConfigurationError.self) { try ReferenceConfiguration.fromEnvironment(["REFERENCE_THROTTLE_RATES": "anon=lots"]) }
        let client = try ReferenceClient()
        for _ in 0..<5 {
            let reply = client.send(.get, "/api/users/2/", basic: ("ada", "guess"))
            #expect(reply.status == 401)
            #expect(reply.header("RateLimit-Limit") == nil)
        }
        #expect(try client.count("srf_throttle") == 0)
    }
}
