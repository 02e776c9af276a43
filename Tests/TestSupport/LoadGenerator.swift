import Foundation
import Synchronization

/// Clients that send one request again and again through a web server, each on a thread of
/// its own and a new connection per request (`RawHTTPClient`), until `stop()`: load under
/// which a test kills or reloads a server. Every answer's status is kept (-1: no answer).
///
///     let load = LoadGenerator(clients: 8, port: nginx.port, path: "/api/public-accounts/")
///     _ = load.waitForAnswers(100)
///     let statuses = load.stop()
public final class LoadGenerator: Sendable {
    private let statuses = Mutex<[Int]>([])
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchGroup()

    public init(clients: Int, port: Int, method: String = "GET", path: String) {
        for _ in 0..<clients {
            finished.enter()
            Thread.detachNewThread { [self] in
                while !stopping.load(ordering: .relaxed) {
                    let status = (try? RawHTTPClient.send(port: port, method: method, path: path).status) ?? -1
                    statuses.withLock { $0.append(status) }
                }
                finished.leave()
            }
        }
    }

    /// How many answers came so far.
    public var count: Int { statuses.withLock { $0.count } }

    /// Waits until `total` answers have come since the start; false after `timeout` seconds.
    public func waitForAnswers(_ total: Int, timeout: Double = 60) -> Bool {
        waitUntil(timeout: timeout) { count >= total }
    }

    /// Stops the clients (each finishes the request it is in) and answers every status.
    @discardableResult
    public func stop() -> [Int] {
        stopping.store(true, ordering: .relaxed)
        finished.wait()
        return statuses.withLock { $0 }
    }
}
