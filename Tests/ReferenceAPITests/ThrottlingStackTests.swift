import Foundation
import Synchronization
import TestSupport
import Testing

/// `REFERENCE_THROTTLE_RATES` through nginx in front of api-server with three worker processes
/// (`--processes 3`), which share one database: the rate is what passes, not three times it
/// (DRF's per-process cache would let each process count alone).
@Suite(.needsTestsRun) struct ThrottlingStackTests {
    /// Sends `count` requests at once, each on a connection of its own, from `count` threads;
    /// answers the statuses.
    func burst(_ stack: APIStack, _ count: Int, _ method: String, _ path: String) -> [Int] {
        let statuses = Mutex<[Int]>([])
        let group = DispatchGroup()
        for _ in 0..<count {
            group.enter()
            Thread.detachNewThread {
                let status = (try? stack.send(method, path).status) ?? -1
                statuses.withLock { $0.append(status) }
                group.leave()
            }
        }
        group.wait()
        return statuses.withLock { $0 }
    }

    @Test func threeProcessesLetThroughExactlyTheRate() throws {
        let stack = try APIStack(
            arguments: ["--processes", "3", "--workers", "4"], environment: ["REFERENCE_THROTTLE_RATES": "anon=20/min"])
        // 3 times the rate, 60 connections at once.
        let statuses = burst(stack, 60, "GET", "/api/public-accounts/")
        #expect(statuses.filter { $0 == 200 }.count == 20, "\(statuses) \(stack.logs)")
        #expect(statuses.filter { $0 == 429 }.count == 40, "\(statuses)")
        let refused = try stack.send("GET", "/api/public-accounts/")
        #expect(refused.status == 429)
        let wait = Int(refused.header("Retry-After") ?? "") ?? -1
        #expect(wait >= 1 && wait <= 60)
        #expect(refused.text == #"{"detail":"Request was throttled. Expected available in \#(wait) second\#(wait == 1 ? "" : "s")."}"#)
        #expect(refused.header("RateLimit-Limit") == "20")
        #expect(refused.header("RateLimit-Remaining") == "0")
        // Views behind IsAuthenticated refuse anonymous clients first: a 401, not counted, no headers.
        let unauthenticated = try stack.send("GET", "/api/users/")
        #expect(unauthenticated.status == 401)
        #expect(unauthenticated.header("RateLimit-Limit") == nil)
    }

    @Test func theWindowRollsOver() throws {
        let stack = try APIStack(
            arguments: ["--processes", "3", "--workers", "2"], environment: ["REFERENCE_THROTTLE_RATES": "anon=3/s"])
        let clock = ContinuousClock()
        let start = clock.now
        let first = burst(stack, 9, "GET", "/api/public-accounts/")
        let took = clock.now - start
        // All nine within the second: exactly three pass. (On a machine so loaded that they
        // were not, the window slid during the burst; at most one more second's three.)
        let passed = first.filter { $0 == 200 }.count
        if took < .milliseconds(900) { #expect(passed == 3, "\(first)") } else { #expect(passed >= 3 && passed <= 6, "\(first)") }
        #expect(first.filter { $0 == 429 }.count == 9 - passed)
        // Once the window has slid past them, three more pass, and the fourth waits.
        Thread.sleep(forTimeInterval: 1.2)
        let again = (0..<4).map { _ in (try? stack.send("GET", "/api/public-accounts/"))?.status ?? -1 }
        #expect(again == [200, 200, 200, 429], "\(stack.logs)")
    }

    @Test func aDatabaseOutageIsNotA500() throws {
        // A socket directory where no server listens: the store cannot count, so requests pass
        // (fail-open, logged); what needs the database answers its 503.
        let nowhere = try TestEnvironment.makeTemporaryDirectory("nodb")
        let stack = try APIStack(
            databaseURL: "postgres://postgres@/none?host=\(nowhere)&port=5999", migrate: false,
            arguments: ["--workers", "2"], environment: ["REFERENCE_THROTTLE_RATES": "anon=1/min,user=1/min,login=1/min"])
        for _ in 0..<3 {
            let options = try stack.send("OPTIONS", "/api/auth-token/")
            #expect(options.status == 200, "\(stack.logs)")
            #expect(options.header("RateLimit-Limit") == nil)
            #expect(try stack.send("GET", "/api/public-accounts/").status == 503)
        }
        #expect(stack.server.log.contains("fail-open"), "\(stack.logs)")
    }
}
