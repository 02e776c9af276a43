// The `///` examples of Sources/ServerMetrics, of the admin server (FastCGI), of the statement
// observer (PostgreSQL) and of RESTServer's route labels, compiled (DocCommentExampleTests
// finds them here).
import FastCGI
import PostgreSQL
import RESTFramework
@testable import RESTServer
import ServerMetrics
import Synchronization

enum ServerMetricsExamples {
    // MetricsStore
    static func store(k: Int) throws {
        let store = try MetricsStore(routes: ["user-list", "user-detail"], processes: 4, shareable: true)
        // in worker process k, started with store.descriptor as fd 4:
        let metrics = try MetricsStore(attaching: 4).processStarted(k)
        metrics.recordRequest(route: 2, method: "GET", status: 200, nanoseconds: 1_200_000)
        // in the master, when worker process k died and was replaced:
        store.processExited(k)
        store.workerRestarted(cause: .killed)
    }

    // MetricsStore.recordExit (FastCGI)
    static func recordExit(store: MetricsStore, master: ProcessMaster) {
        master.onWorkerExit = { exit in store.recordExit(exit) }
    }

    // ProcessMetrics, MetricsStore.prometheusText()
    static func processMetrics(store: MetricsStore) {
        let metrics = store.process(0)
        metrics.workerStarted()
        metrics.requestStarted()
        metrics.recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 800_000)
        let text = store.prometheusText()   // "# HELP srf_http_requests_total ..."
        _ = text
    }

    // AdminServer
    static func admin(store: MetricsStore, database: DatabaseAvailability) throws {
        let admin = try AdminServer(listen: .tcp(host: "127.0.0.1", port: 9100), store: store) {
            database.isAvailable ? .ready : .notReady("database unavailable")
        }
        try admin.start()
    }

    // StatementObserver
    static func observer(configuration: inout PostgresConfiguration) {
        final class Counting: StatementObserver {
            let statements = Atomic<Int>(0)
            func statementFinished(nanoseconds: UInt64, failed: Bool) { statements.add(1, ordering: .relaxed) }
            func reconnected() {}
        }
        configuration.observer = Counting()
    }

    // RouteLabels (RESTServer, internal)
    static func routeLabels(urls: URLConf) throws {
        let labels = RouteLabels(urls)
        let store = try MetricsStore(routes: labels.names)
        labels.metricsRoute(forPattern: 3)   // the store's index of pattern 3's label
        _ = store
    }
}
