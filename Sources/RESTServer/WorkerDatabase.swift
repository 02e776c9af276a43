import PostgreSQL
import RESTModels

/// One worker thread's PostgreSQL connection, opened on first need and kept for the worker's
/// life. The client reconnects a lost session by itself.
///
/// Outages are the configuration's `DatabaseAvailability`'s business, shared by every worker:
/// while the database is known to be down, `current()` and the connection's statements fail at
/// once (the request gets a 503), one background probe per process looks for the database
/// every 250 ms, and the outage and the recovery are logged once each.
///
/// Never shared: created inside the worker thread by the responder factory.
final class WorkerDatabase {
    let configuration: PostgresConfiguration?
    /// The startup check, when it could not run before the server listened.
    let modelCheck: DeferredModelCheck?
    /// The worker's way to the read replicas; nil without `DATABASE_REPLICA_URLS`.
    let replicaRouter: ReadReplicaRouter?
    private var connection: Connection?

    /// - Parameter configuration: nil when the application runs without a database. Without
    ///   an `availability`, the worker gets one of its own (probing per worker, unlogged).
    init(configuration: PostgresConfiguration?, modelCheck: DeferredModelCheck? = nil, replicas: ReplicaRouting? = nil) {
        self.modelCheck = modelCheck
        replicaRouter = replicas.map { ReadReplicaRouter(replicas: $0.replicas, readAfterWrite: $0.readAfterWrite) }
        var configuration = configuration
        if configuration != nil && configuration?.availability == nil {
            configuration?.availability = DatabaseAvailability()
        }
        self.configuration = configuration
    }

    /// The connection, or nil while the database cannot be reached.
    func current() -> Connection? {
        if let connection { return connection }
        guard let configuration, modelCheck?.hasFailed != true else { return nil }
        // Fails without I/O while the database is known to be down; a failure is recorded
        // (and logged) by the availability, so nothing is kept here.
        guard let opened = try? Connection(configuration: configuration) else { return nil }
        if let modelCheck, !modelCheck.allows(opened) { return nil }
        connection = opened
        return opened
    }
}
