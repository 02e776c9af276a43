import FastCGI
import PostgreSQL
import RESTModels
import Synchronization

/// The startup check (`ModelCheck`) when the database could not be reached at start: it runs
/// once, on the first connection a worker opens. On a difference it is logged (each one) and no
/// worker keeps a connection, so requests that need the database get 503 rather than decoding
/// errors; the process stays up (a restart after the fix, as for any failed start).
final class DeferredModelCheck: Sendable {
    private enum Outcome { case pending, passed, failed }

    private let models: [any Model.Type]
    private let log: ServerLog
    private let outcome = Mutex(Outcome.pending)

    init(models: [any Model.Type], log: ServerLog) {
        self.models = models
        self.log = log
    }

    /// Whether the workers may use the database; false once the check has found a difference.
    var hasFailed: Bool { outcome.withLock { $0 == .failed } }

    /// Whether `connection` may serve: the check's outcome, run on it first if no worker has
    /// yet (the others wait for it, once). A check the database interrupts stays pending.
    func allows(_ connection: Connection) -> Bool {
        outcome.withLock { outcome in
            if outcome == .pending {
                do {
                    if let report = try ModelCheck.report(of: models, on: connection) {
                        log.error(report + "\nrequests that need the database get 503 until the server is restarted")
                        outcome = .failed
                    } else {
                        log.info("the models match the database (checked on the first connection)")
                        outcome = .passed
                    }
                } catch {
                    log.warning("the models could not be checked against the database yet: \(error)")
                }
            }
            return outcome != .failed
        }
    }
}
