import PostgreSQL
#if canImport(Glibc)
import Glibc
#endif

/// One worker thread's PostgreSQL connection, opened on first need and kept for the worker's
/// life. The client reconnects a lost session by itself; this type only covers a database that
/// was down when the worker first needed it: it tries again, at most once per `retryInterval`,
/// so an outage costs each request a fast 503 rather than a connect timeout.
///
/// Never shared: created inside the worker thread by the responder factory.
final class WorkerDatabase {
    let configuration: PostgresConfiguration?
    let retryInterval: Double
    private var connection: Connection?
    private var lastAttempt: Double = -.infinity
    private(set) var lastError: (any Error)?

    /// - Parameter configuration: nil when the application runs without a database.
    init(configuration: PostgresConfiguration?, retryInterval: Double = 1) {
        self.configuration = configuration
        self.retryInterval = retryInterval
    }

    /// The connection, or nil while the database cannot be reached.
    func current() -> Connection? {
        if let connection { return connection }
        guard let configuration else { return nil }
        let now = Self.monotonicSeconds()
        guard now - lastAttempt >= retryInterval else { return nil }
        lastAttempt = now
        do {
            connection = try Connection(configuration: configuration)
            lastError = nil
        } catch {
            lastError = error
        }
        return connection
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
