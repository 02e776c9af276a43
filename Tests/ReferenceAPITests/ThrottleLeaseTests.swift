import ReferenceAPI
import RESTFramework
import RESTTesting
import Testing
import TestSupport

/// `PostgresThrottleStore`'s leases on the reference API: a key well below its rate is served
/// from a block of hits the row granted, without a statement per request; two processes
/// (two applications, each its own store, one database) still let through exactly the rate.
@Suite(.needsTestsRun) struct ThrottleLeaseTests {
    let configuration: ReferenceConfiguration

    init() throws {
        configuration = ReferenceConfiguration(passwordIterations: 3, throttleRates: try ThrottleRates(parsing: "user=1000/min"))
    }

    @Test func aLeaseServesHitsWithoutTheDatabase() throws {
        let client = try ReferenceClient(configuration: configuration)
        let first = client.send(.get, "/api/users/2/", token: Seed.adaToken)
        #expect(first.status == 200)
        #expect(first.header("RateLimit-Remaining") == "999")
        // `user=1000/min` leases 31 hits (1/32 of the rate), all 31 counted in the row at once:
        // one stamp with its count, not 31 copies of it.
        let lease = try client.connection.query("SELECT cardinality(hits), counts[1] FROM srf_throttle")[0]
        #expect(try lease[0, as: Int.self] == 1)
        #expect(try lease[1, as: Int.self] == 31)
        // Without the table, the store cannot answer (fail-open, no headers), but the lease's
        // other 30 hits need no statement: counted, with their headers.
        try client.connection.execute("DROP TABLE srf_throttle")
        let served = (0..<31).map { _ in client.send(.get, "/api/users/2/", token: Seed.adaToken) }
        #expect(served.allSatisfy { $0.status == 200 })
        #expect(served.prefix(30).map { $0.header("RateLimit-Remaining") } == (969...998).reversed().map { String($0) })
        // Spent: the row decides again, which cannot.
        #expect(served[30].header("RateLimit-Limit") == nil)
    }

    @Test func twoProcessesLetThroughExactlyTheRate() throws {
        let rated = ReferenceConfiguration(passwordIterations: 3, throttleRates: try ThrottleRates(parsing: "user=128/min"))
        let client = try ReferenceClient(configuration: rated)
        let other = APIClient(try ReferenceAPI.application(configuration: rated), database: client.connection)
        let token = Headers([("Authorization", "Token " + Seed.adaToken)])
        // 3 times the rate, alternately to each process: leases of 4 below half the rate,
        // single hits above it.
        var passed = 0
        for index in 0..<384 {
            let status =
                index % 2 == 0
                ? client.send(.get, "/api/users/2/", token: Seed.adaToken).status
                : other.get("/api/users/2/", headers: token).status
            #expect(status == 200 || status == 429)
            if status == 200 { passed += 1 }
        }
        #expect(passed == 128)
        let row = try client.connection.query(
            "SELECT (SELECT sum(n)::int FROM unnest(counts) AS n), cardinality(hits) FROM srf_throttle")[0]
        #expect(try row[0, as: Int.self] == 128)
        // Fewer statements than hits: a lease's hits share one stamp, counted once in the log.
        #expect(try row[1, as: Int.self] < 128)
    }
}
