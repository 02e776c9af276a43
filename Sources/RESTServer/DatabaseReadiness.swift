import FastCGI
import PostgreSQL
import Synchronization

/// `/ready`'s database half: whether the database answers `SELECT 1` now, asked on a
/// connection of its own (kept between checks) with short limits, so that a frozen server
/// makes `/ready` say so within seconds rather than hang. Shares the workers' outage tracking
/// (`DatabaseAvailability`): while an outage is known, the answer is immediate and names its
/// cause.
final class DatabaseReadiness: Sendable {
    private let configuration: PostgresConfiguration?
    private let modelCheck: DeferredModelCheck?
    // One check at a time on the one connection (libpq: never two threads at once).
    private let connection = Mutex<Connection?>(nil)

    /// - Parameter configuration: the workers' (nil: the application has no database, and
    ///   readiness is the workers' alone).
    init(configuration: PostgresConfiguration?, modelCheck: DeferredModelCheck?) {
        self.configuration = configuration.map { configuration in
            var quick = configuration
            quick.statementTimeout = .seconds(2)
            quick.statementGrace = .seconds(1)
            quick.observer = nil  // not one of the application's statements
            quick.applicationName = quick.applicationName ?? "srf-readiness"
            return quick
        }
        self.modelCheck = modelCheck
    }

    func check() -> AdminServer.Readiness {
        guard let configuration else { return .ready }
        if modelCheck?.hasFailed == true {
            return .notReady("the models do not match the database's tables (see the log); restart after migrating")
        }
        return connection.withLock { connection in
            do {
                let open = try connection ?? Connection(configuration: configuration)
                connection = open
                try open.query("SELECT 1")
                // The deferred model check, if no worker has run it yet (a --processes master
                // has no worker connection of its own: this is where it learns the outcome).
                if let modelCheck, !modelCheck.allows(open) {
                    return .notReady("the models do not match the database's tables (see the log); restart after migrating")
                }
                return .ready
            } catch {
                connection = nil
                return .notReady("database: \(error)")
            }
        }
    }
}
