import Foundation
import Synchronization
import Testing
import FastCGI
import TestSupport

/// Workers serve requests in parallel, each with its own responder.
@Suite(.needsTestsRun) struct ConcurrencyTests {
    @Test func sixteenSlowRequestsOnEightWorkersTakeTwoRounds() throws {
        let busy = Atomic<Int>(0), peak = Atomic<Int>(0)
        let server = try InProcessServer(workers: 8) { worker, _ in
            let now = busy.add(1, ordering: .relaxed).newValue
            peak.max(now, ordering: .relaxed)
            usleep(500_000)
            busy.subtract(1, ordering: .relaxed)
            return .text(200, "\(worker)")
        }
        defer { server.stop() }
        let start = ContinuousClock.now
        let results = inParallel(16) { _ in try FastCGIClient.request(to: server.address, path: "/slow") }
        let elapsed = seconds(since: start)
        let responses = try results.map { try $0.get() }
        #expect(responses.allSatisfy { $0.status == 200 })
        #expect(Set(responses.map(\.text)).count == 8, "every worker served")
        #expect(peak.load(ordering: .relaxed) == 8)
        // Two rounds of 0.5 s; serially it would be 8 s. Generous for 2 shared cores.
        #expect(elapsed >= 0.95 && elapsed < 3.0, "took \(elapsed) s")
    }

    @Test func eachWorkerCreatesItsOwnResponderOnItsOwnThread() throws {
        final class Counter: Responder {
            let worker: Int
            var count = 0
            init(worker: Int) { self.worker = worker }
            func respond(to request: Request) throws -> Response {
                count += 1  // unsynchronized on purpose: only this worker's thread calls it
                return .text(200, "\(worker):\(count)")
            }
        }
        let created = Mutex<[Int]>([])
        let directory = try TestEnvironment.makeTemporaryDirectory("fcgi")
        var configuration = ServerConfiguration()
        configuration.listen = .unix(path: directory + "/api.sock")
        configuration.workers = 1
        configuration.logFile = directory + "/server.log"
        let server = try FastCGIServer(configuration: configuration) { worker in
            created.withLock { $0.append(worker) }
            return Counter(worker: worker)
        }
        Thread.detachNewThread { _ = try? server.run() }
        defer { server.stop() }
        let texts = try (0..<3).map { _ in try FastCGIClient.request(to: .unix(directory + "/api.sock")).text }
        #expect(texts == ["0:1", "0:2", "0:3"])
        #expect(created.withLock { $0 } == [0])
    }
}
