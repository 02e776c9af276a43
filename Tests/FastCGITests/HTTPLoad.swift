import Foundation
import Synchronization
import TestSupport

/// Requests through nginx from `connections` threads at once, each one after the other, until
/// `stop()`: every answer with its time, for the process tests (failures counted, throughput
/// per window).
///
///     let load = HTTPLoad(port: nginx.port, connections: 64, path: "/__test/sleep?ms=5")
///     usleep(1_000_000)
///     let results = load.stop()
final class HTTPLoad: Sendable {
    struct Answer: Sendable {
        /// Seconds since the load started, when the answer (or the failure) came.
        let at: Double
        /// The HTTP status; -1 when the request failed (reset, refused, timed out).
        let status: Int
    }

    let started = ContinuousClock.now
    private let answers = Mutex<[Answer]>([])
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let connections: Int

    init(port: Int, connections: Int, path: String) {
        self.connections = connections
        for _ in 0..<connections {
            Thread.detachNewThread { [self] in
                while !stopping.load(ordering: .relaxed) {
                    let status = (try? RawHTTPClient.send(port: port, method: "GET", path: path, timeout: 10))?.status ?? -1
                    let answer = Answer(at: seconds(since: started), status: status)
                    answers.withLock { $0.append(answer) }
                }
                finished.signal()
            }
        }
    }

    /// Seconds since the load started.
    var now: Double { seconds(since: started) }

    var count: Int { answers.withLock { $0.count } }

    /// Stops the threads (each finishes its request) and returns every answer.
    func stop() -> [Answer] {
        stopping.store(true, ordering: .relaxed)
        for _ in 0..<connections { _ = finished.wait(timeout: .now() + 15) }
        return answers.withLock { $0 }
    }
}

extension [HTTPLoad.Answer] {
    var failures: [HTTPLoad.Answer] { filter { $0.status != 200 } }

    /// Answers per second between two times (seconds since the load started).
    func rate(from start: Double, to end: Double) -> Double {
        Double(filter { $0.at >= start && $0.at < end }.count) / (end - start)
    }
}
