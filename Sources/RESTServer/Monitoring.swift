import FastCGI
import PostgreSQL
import RESTFramework
import ServerMetrics
#if canImport(Glibc)
import Glibc
#endif

/// `--admin-listen`: the metrics store, labelled with the URL conf's routes, and the admin
/// server that renders it and answers `/ready` with the workers and the database.
///
/// - One process (`serving`): the store, counted into by the process's threads (slot 0), and
///   the admin server, in the same process.
/// - `--processes P` (`master`): the master makes the store shareable, with a slot per worker
///   process (`ProcessMaster.workerSlots`), hands it to each worker on fd 4, runs the admin
///   server, and clears a slot and counts the restart when a worker ends (`recordExit`).
/// - A worker process of that master (`worker`): maps the master's store and counts into it,
///   its gauges in its `--worker-slot`. No admin server of its own.
struct Monitoring {
    let store: MetricsStore
    let routeLabels: RouteLabels
    /// What this process counts with; nil in the master, which only renders.
    let metrics: ProcessMetrics?
    /// Where this process serves /health, /ready and /metrics; nil in a worker process.
    let admin: AdminServer?

    private init(store: MetricsStore, routeLabels: RouteLabels, metrics: ProcessMetrics?, admin: AdminServer?) {
        self.store = store
        self.routeLabels = routeLabels
        self.metrics = metrics
        self.admin = admin
    }

    static func serving(address: ListenAddress, urls: URLConf, database: PostgresConfiguration?, modelCheck: DeferredModelCheck?) throws
        -> Monitoring
    {
        let routeLabels = RouteLabels(urls)
        let store = try MetricsStore(routes: routeLabels.names)
        let readiness = DatabaseReadiness(configuration: database, modelCheck: modelCheck)
        let admin = try AdminServer(listen: address, store: store) { readiness.check() }
        return Monitoring(store: store, routeLabels: routeLabels, metrics: store.process(0), admin: admin)
    }

    static func master(
        address: ListenAddress, processes: Int, urls: URLConf, database: PostgresConfiguration?, modelCheck: DeferredModelCheck?
    ) throws -> Monitoring {
        let routeLabels = RouteLabels(urls)
        let store = try MetricsStore(routes: routeLabels.names, processes: ProcessMaster.workerSlots(processes: processes), shareable: true)
        let readiness = DatabaseReadiness(configuration: database, modelCheck: modelCheck)
        let admin = try AdminServer(listen: address, store: store) { readiness.check() }
        return Monitoring(store: store, routeLabels: routeLabels, metrics: nil, admin: admin)
    }

    /// Nil, with the reason logged, when the store cannot be used: the worker then serves
    /// uncounted rather than not at all.
    static func worker(slot: Int?, urls: URLConf, log: ServerLog) -> Monitoring? {
        let descriptor = WorkerProcessLink.sharedMemoryDescriptor
        defer { _ = close(descriptor) }  // the mapping outlives it
        do {
            let store = try MetricsStore(attaching: descriptor)
            guard let slot, (0..<store.processCount).contains(slot) else {
                let given = slot.map(String.init) ?? "none"
                throw MetricsStoreError("worker slot \(given) is not one of the store's 0..<\(store.processCount)")
            }
            let (routeLabels, missing) = RouteLabels(urls).placed(in: store.routes)
            if !missing.isEmpty {
                let names = missing.joined(separator: ", ")
                log.warning("metrics: route(s) \(names) are new since the master started: counted as route=\"none\" until it restarts")
            }
            return Monitoring(store: store, routeLabels: routeLabels, metrics: store.processStarted(slot), admin: nil)
        } catch {
            log.error("metrics: this worker process counts nothing: \(error)")
            return nil
        }
    }
}
