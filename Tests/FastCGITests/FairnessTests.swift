import Foundation
import Synchronization
import Testing
import FastCGI
import TestSupport

/// Under overload, requests are served about in the order they came, whether they came on a
/// connection the web server keeps or on a new one (`Worker.queueBacklog`).
@Suite(.needsTestsRun) struct FairnessTests {
    /// One request's send and answer times.
    struct Timed: Sendable {
        let sent: ContinuousClock.Instant
        let answered: ContinuousClock.Instant
    }

    /// 8 kept connections keep 2 slow workers busy, as nginx's do under overload; then 8 new
    /// connections arrive together. Before the fix the listener took one of them per round of
    /// the kept connections, and the last new request was passed over by ~40 kept requests sent
    /// after it; now each is passed over by at most about two rounds' worth (2 × 8).
    @Test func newConnectionsAreNotPassedOverByKeptOnes() throws {
        let kept = 8, fresh = 8, workers = 2
        let server = try InProcessServer(workers: workers) { _, request in
            usleep(10_000)  // a slow view: the database's share of a request
            return .text(200, request.path)
        }
        defer { server.stop() }

        let running = Atomic<Bool>(true)
        let keptTimes = Mutex<[Timed]>([])
        let loops = DispatchGroup()
        for index in 0..<kept {
            loops.enter()
            Thread.detachNewThread {
                defer { loops.leave() }
                guard let connection = try? FastCGIConnection(server.address, timeout: 20) else { return }
                defer { connection.close() }
                while running.load(ordering: .relaxed) {
                    let sent = ContinuousClock.now
                    guard (try? connection.beginRequest(keepConnection: true)) != nil,
                        (try? connection.sendParams(FastCGIClient.params(path: "/kept/\(index)"))) != nil,
                        connection.endStdin(), (try? connection.readResponse())?.status == 200
                    else { return }
                    keptTimes.withLock { $0.append(Timed(sent: sent, answered: .now)) }
                }
            }
        }
        usleep(300_000)  // the kept connections are in their rounds

        // All connected and sent at once, as nginx opens connections when its kept ones are busy.
        let connections = try (0..<fresh).map { _ in try FastCGIConnection(server.address, timeout: 20) }
        var sent: [ContinuousClock.Instant] = []
        for (index, connection) in connections.enumerated() {
            sent.append(.now)
            try connection.beginRequest(keepConnection: true)
            try connection.sendParams(FastCGIClient.params(path: "/new/\(index)"))
            #expect(connection.endStdin())
        }
        // Each answer's time as it arrives (poll), whatever the order.
        var answered = [(ContinuousClock.Instant, String)?](repeating: nil, count: fresh)
        while case let waiting = answered.indices.filter({ answered[$0] == nil }), !waiting.isEmpty {
            var ready = waiting.map { pollfd(fd: connections[$0].fd, events: Int16(POLLIN), revents: 0) }
            guard poll(&ready, nfds_t(ready.count), 20_000) > 0 else { break }
            let now = ContinuousClock.now
            for (index, event) in zip(waiting, ready) where event.revents != 0 {
                answered[index] = (now, try connections[index].readResponse().text)
            }
        }
        running.store(false, ordering: .relaxed)
        loops.wait()
        for connection in connections { connection.close() }

        let keptAnswers = keptTimes.withLock { $0 }
        var passedOver: [Int] = []
        for index in 0..<fresh {
            let (time, text) = try #require(answered[index], "no answer to new request \(index)")
            #expect(text == "/new/\(index)")
            // Kept requests sent after this one and answered before it.
            passedOver.append(keptAnswers.filter { $0.sent > sent[index] && $0.answered < time }.count)
        }
        print("FairnessTests: new requests passed over by \(passedOver) kept ones (\(keptAnswers.count) kept requests)")
        #expect(keptAnswers.count > 4 * kept, "the kept connections were not kept busy: \(keptAnswers.count) requests")
        #expect(passedOver.max() ?? 0 <= 2 * kept, "new requests passed over by kept ones sent after them: \(passedOver)")
    }
}
