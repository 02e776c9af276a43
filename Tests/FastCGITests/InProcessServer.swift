import Foundation
import Synchronization
import FastCGI
import TestSupport

/// A `FastCGIServer` running inside the test process on a fresh unix socket, answering with
/// `handler(workerIndex, request)`. Always `stop()` it (the tests use `defer`).
///
///     let server = try InProcessServer(workers: 2) { _, request in .text(200, request.path) }
///     defer { server.stop() }
///     let response = try FastCGIClient.request(to: server.address, path: "/x")
final class InProcessServer: Sendable {
    let server: FastCGIServer
    let socketPath: String
    let logPath: String
    private let finished = DispatchSemaphore(value: 0)
    private let outcome = Mutex<Result<ShutdownReport, ServerConfigurationError>?>(nil)

    init(
        workers: Int = 2, maxBodySize: Int = 1 << 20, drainTimeout: Duration = .seconds(5),
        ioTimeout: Duration = .seconds(30), requestTimeout: Duration = .seconds(60),
        maxQueueWait: Duration = .zero, queueWaitObserver: (@Sendable (Duration, Bool) -> Void)? = nil,
        handler: @escaping @Sendable (Int, Request) throws -> Response
    ) throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("fcgi")
        socketPath = directory + "/api.sock"
        logPath = directory + "/server.log"
        var configuration = ServerConfiguration()
        configuration.listen = .unix(path: socketPath)
        configuration.workers = workers
        configuration.maxBodySize = maxBodySize
        configuration.drainTimeout = drainTimeout
        configuration.ioTimeout = ioTimeout
        configuration.requestTimeout = requestTimeout
        configuration.maxQueueWait = maxQueueWait
        configuration.queueWaitObserver = queueWaitObserver
        configuration.logFile = logPath
        let server = try FastCGIServer(configuration: configuration) { worker in
            ClosureResponder { request in try handler(worker, request) }
        }
        self.server = server
        Thread.detachNewThread { [self] in
            let result = Result { () throws(ServerConfigurationError) in try server.run() }
            outcome.withLock { $0 = result }
            finished.signal()
        }
    }

    var address: FastCGIClient.Address { .unix(socketPath) }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Stops, waits for `run()` to return and gives its outcome (nil if it did not return in time).
    @discardableResult
    func stop(timeout: Double = 10) -> Result<ShutdownReport, ServerConfigurationError>? {
        server.stop()
        guard finished.wait(timeout: .now() + timeout) == .success else { return nil }
        finished.signal()  // a second stop() returns at once
        return outcome.withLock { $0 }
    }
}

/// Runs `body` on `count` threads at once and returns the results in order.
func inParallel<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) -> [Result<T, any Error>] {
    let results = Mutex<[Int: Result<T, any Error>]>([:])
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread.detachNewThread {
            let result = Result { try body(index) }
            results.withLock { $0[index] = result }
            group.leave()
        }
    }
    group.wait()
    return results.withLock { all in (0..<count).map { all[$0]! } }
}

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let (seconds, attoseconds) = (ContinuousClock.now - start).components
    return Double(seconds) + Double(attoseconds) / 1e18
}
