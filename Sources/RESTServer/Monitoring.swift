import FastCGI
import PostgreSQL
import RESTFramework
import ServerMetrics

/// `--admin-listen`: the metrics store, labelled with the URL conf's routes, and the admin
/// server that renders it and answers `/ready` with the workers and the database.
///
/// One process today (`processes: 1`, slot 0). A pre-forking master makes the store (with one
/// slot per worker process) before it forks, runs the `AdminServer` itself, and calls
/// `MetricsStore.processExited(_:)` and `workerRestarted()` when it replaces a process.
struct Monitoring {
    let store: MetricsStore
    let routeLabels: RouteLabels
    let admin: AdminServer
    var metrics: ProcessMetrics { store.process(0) }

    init(address: ListenAddress, urls: URLConf, database: PostgresConfiguration?, modelCheck: DeferredModelCheck?) throws {
        routeLabels = RouteLabels(urls)
        store = try MetricsStore(routes: routeLabels.names)
        let readiness = DatabaseReadiness(configuration: database, modelCheck: modelCheck)
        admin = try AdminServer(listen: address, store: store) { readiness.check() }
    }
}
