import Foundation
import Synchronization
import Testing
@testable import FastCGI
import TestSupport

/// `--max-queue-wait`: a request that waited too long for a worker is answered 503 with
/// `Retry-After`, without running the view (`QueueWait`, `Worker.queueWaitRefusal`).
@Suite struct QueueWaitTests {
    @Test func stampsInTheirUsualSpellings() {
        #expect(QueueWait.microseconds("t=1765080000.250") == 1_765_080_000_250_000)  // nginx ${msec}
        #expect(QueueWait.microseconds("1765080000.25") == 1_765_080_000_250_000)
        #expect(QueueWait.microseconds("t=1765080000250123") == 1_765_080_000_250_123)  // Apache %t
        #expect(QueueWait.microseconds("1765080000250") == 1_765_080_000_250_000)  // milliseconds
        #expect(QueueWait.microseconds("1765080000") == 1_765_080_000_000_000)  // seconds
        for bad in ["", "t=", "t=abc", "-5", "t=1.2.3", "1765080000.x", "99999999999999999999999", "t=99999999999.5", " 1"] {
            #expect(QueueWait.microseconds(bad) == nil, "\(bad)")
        }
        let policy = QueueWait(limit: .seconds(5))
        #expect(policy.waited(stamp: "t=1765080000.250", now: 1_765_080_006_000_000) == .milliseconds(5750))
        #expect(policy.waited(stamp: "t=1765080009.000", now: 1_765_080_006_000_000) == .zero)  // clocks apart: no wait
    }

    @Test func refusalIsDRFShapedWithRetryAfter() {
        let refusal = QueueWait.refusal(limit: .milliseconds(2500))
        #expect(refusal.status == 503)
        #expect(refusal.headers["retry-after"] == "3")
        #expect(String(decoding: refusal.body, as: UTF8.self) == #"{"detail":"Service temporarily unavailable, try again later."}"#)
        #expect(QueueWait.refusal(limit: .milliseconds(200)).headers["retry-after"] == "1")
    }

    /// A stamp from 10 s ago is refused without running the view and counted; a fresh one and
    /// an unstamped one are served; the observer hears both waits.
    @Test(.needsTestsRun) func staleRequestIsRefusedWithoutRunningTheView() throws {
        let ran = Atomic<Int>(0)
        let observed = Mutex<[(Duration, Bool)]>([])
        let server = try InProcessServer(
            workers: 1, maxQueueWait: .seconds(1),
            queueWaitObserver: { waited, refused in observed.withLock { $0.append((waited, refused)) } }
        ) { _, request in
            ran.add(1, ordering: .relaxed)
            return .text(200, request.path)
        }
        defer { server.stop() }
        let now = Date().timeIntervalSince1970
        let stale = try FastCGIClient.request(
            to: server.address, path: "/stale", headers: [("X-Request-Start", String(format: "t=%.3f", now - 10))])
        #expect(stale.status == 503)
        #expect(stale.header("retry-after") == "1")
        #expect(stale.text == #"{"detail":"Service temporarily unavailable, try again later."}"#)
        #expect(ran.load(ordering: .relaxed) == 0)

        let fresh = try FastCGIClient.request(
            to: server.address, path: "/fresh", headers: [("X-Request-Start", String(format: "t=%.3f", Date().timeIntervalSince1970))])
        #expect(fresh.status == 200)
        #expect(try FastCGIClient.request(to: server.address, path: "/unstamped").status == 200)
        #expect(ran.load(ordering: .relaxed) == 2)
        #expect(server.server.requestsRefusedForQueueWait == 1)
        let waits = observed.withLock { $0 }
        #expect(waits.count == 2)
        #expect(waits.first.map { $0.1 && $0.0 >= .seconds(9) } == true, "\(waits)")
        #expect(waits.last.map { !$0.1 && $0.0 < .seconds(1) } == true, "\(waits)")
    }

    /// Through the project's nginx site, which stamps each request (`X-Request-Start`): 8 slow
    /// requests at once on 2 workers with `--max-queue-wait 0.3`. Two run; the six that waited
    /// past 0.3 s are answered 503 with `Retry-After` as soon as a worker takes them, without
    /// running their 600 ms view, long before nginx's read timeout. A stamp a client sends
    /// itself is replaced by nginx's.
    @Test(.needsTestsRun) func overloadThroughNginxIsAnswered503NotLeftToTimeOut() throws {
        let server = try APIServerProcess(arguments: ["--workers", "2", "--max-queue-wait", "0.3"])
        let nginx = try NginxProcess(fastcgiSocket: server.socketPath)
        defer { nginx.stop() }

        let forged = try RawHTTPClient.send(port: nginx.port, method: "GET", path: "/__test/echo", headers: [("X-Request-Start", "t=1")])
        #expect(forged.status == 200, "nginx: \(nginx.errorLog) server: \(server.log)")

        let start = ContinuousClock.now
        let results = inParallel(8) { _ in
            let response = try RawHTTPClient.send(port: nginx.port, method: "GET", path: "/__test/sleep?ms=600")
            return (status: response.status, retryAfter: response.header("retry-after"), text: response.text, at: seconds(since: start))
        }.compactMap { try? $0.get() }
        #expect(results.count == 8)
        let served = results.filter { $0.status == 200 }, refused = results.filter { $0.status == 503 }
        // Two, or a few more if the machine spread the eight out over more than 0.3 s.
        #expect(
            served.count >= 2 && refused.count >= 4 && served.count + refused.count == 8,
            "statuses: \(results.map(\.status)) server: \(server.log)")
        for answer in refused {
            #expect(answer.retryAfter == "1")
            #expect(answer.text == #"{"detail":"Service temporarily unavailable, try again later."}"#)
            // Answered when the first two views ended (0.6 s), not after running a view of their own.
            #expect(answer.at < 1.15, "a refusal came after \(answer.at) s")
        }
    }
}
