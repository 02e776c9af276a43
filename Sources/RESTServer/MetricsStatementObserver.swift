import PostgreSQL
import ServerMetrics

/// Counts the workers' database statements and reconnections into the server's metrics
/// (`srf_db_query_duration_seconds`, `srf_db_query_errors_total`, `srf_db_reconnects_total`).
struct MetricsStatementObserver: StatementObserver {
    let metrics: ProcessMetrics

    func statementFinished(nanoseconds: UInt64, failed: Bool) {
        metrics.recordQuery(nanoseconds: nanoseconds, failed: failed)
    }

    func reconnected() { metrics.recordReconnect() }
}
