/// What one worker process records into its `MetricsStore`: a few relaxed atomic adds per
/// request, no lock, no allocation. `Sendable`: every worker thread of the process uses the
/// same value.
///
///     let metrics = store.process(0)
///     metrics.workerStarted()
///     metrics.requestStarted()
///     metrics.recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 800_000)
public struct ProcessMetrics: Sendable {
    let store: MetricsStore
    let slot: Int

    /// A worker thread is ready to serve (`srf_workers`).
    public func workerStarted() { store.add(1, at: store.layout.process(slot, .workers)) }

    public func workerExited() { store.add(UInt64.max, at: store.layout.process(slot, .workers)) }  // wrapping: -1

    /// A worker took a request (`srf_workers{state="busy"}`).
    @inline(__always)
    public func requestStarted() { store.add(1, at: store.layout.process(slot, .busy)) }

    @inline(__always)
    public func requestFinished() { store.add(UInt64.max, at: store.layout.process(slot, .busy)) }

    /// One answered request: `srf_http_requests_total` and `srf_http_request_duration_seconds`.
    /// `route` indexes `MetricsStore.routes` (0: none matched); an index outside them counts
    /// as none.
    @inline(__always)
    public func recordRequest(route: Int, method: String, status: Int, nanoseconds: UInt64) {
        let route = route >= 0 && route < store.layout.routeCount ? route : 0
        store.add(
            1, at: store.layout.request(route: route, method: MetricsLayout.methodIndex(method), status: MetricsLayout.statusIndex(status)))
        store.observe(nanoseconds, histogram: store.layout.requestLatency + route * MetricsLayout.histogramSlots)
    }

    /// How long a request waited for a worker (`srf_queue_wait_seconds`).
    @inline(__always)
    public func recordQueueWait(nanoseconds: UInt64) {
        store.observe(nanoseconds, histogram: store.layout.queueWait)
    }

    /// One database statement (`srf_db_query_duration_seconds`, `srf_db_query_errors_total`).
    @inline(__always)
    public func recordQuery(nanoseconds: UInt64, failed: Bool) {
        store.observe(nanoseconds, histogram: store.layout.queryLatency)
        if failed { store.add(1, at: store.layout.queryErrors) }
    }

    /// A lost database session was re-established (`srf_db_reconnects_total`).
    public func recordReconnect() { store.add(1, at: store.layout.reconnects) }
}
