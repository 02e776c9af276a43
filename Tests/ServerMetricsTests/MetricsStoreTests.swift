import Foundation
import TestSupport
import Testing

@testable import ServerMetrics

/// The store and its Prometheus text, without a server: counts by route, method and status,
/// histogram buckets, the shared memory across a fork, and the text `promtool` accepts.
@Suite struct MetricsStoreTests {
    @Test func requestsAreCountedByRouteMethodAndStatus() throws {
        let store = try MetricsStore(routes: ["user-list", "user-detail"])
        let metrics = store.process(0)
        for _ in 0..<3 { metrics.recordRequest(route: 2, method: "GET", status: 200, nanoseconds: 800_000) }
        metrics.recordRequest(route: 1, method: "POST", status: 201, nanoseconds: 3_000_000)
        metrics.recordRequest(route: 0, method: "BREW", status: 404, nanoseconds: 100_000)
        metrics.recordRequest(route: 99, method: "GET", status: 999, nanoseconds: 100_000)  // out of range: none, other
        let text = store.prometheusText()
        #expect(text.contains(#"srf_http_requests_total{route="user-detail",method="GET",status="200"} 3"#))
        #expect(text.contains(#"srf_http_requests_total{route="user-list",method="POST",status="201"} 1"#))
        #expect(text.contains(#"srf_http_requests_total{route="none",method="other",status="404"} 1"#))
        #expect(text.contains(#"srf_http_requests_total{route="none",method="GET",status="other"} 1"#))
        // Only what was seen: no zero series for the 8 × 501 other combinations.
        #expect(text.components(separatedBy: "\nsrf_http_requests_total{").count - 1 == 4)
    }

    @Test func latencyBucketsAreCumulativeWithSumAndCount() throws {
        let store = try MetricsStore(routes: ["user-detail"])
        let metrics = store.process(0)
        metrics.recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 400_000)  // ≤ 0.0005
        metrics.recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 500_000)  // ≤ 0.0005 (le is inclusive)
        metrics.recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 7_000_000)  // ≤ 0.01
        metrics.recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 20_000_000_000)  // +Inf only
        let text = store.prometheusText()
        let prefix = #"srf_http_request_duration_seconds_bucket{route="user-detail",le="#
        #expect(text.contains(prefix + #""0.0005"} 2"#))
        #expect(text.contains(prefix + #""0.005"} 2"#))
        #expect(text.contains(prefix + #""0.01"} 3"#))
        #expect(text.contains(prefix + #""10"} 3"#))
        #expect(text.contains(prefix + #""+Inf"} 4"#))
        #expect(text.contains(#"srf_http_request_duration_seconds_sum{route="user-detail"} 20.0079"#))
        #expect(text.contains(#"srf_http_request_duration_seconds_count{route="user-detail"} 4"#))
        // A route nothing answered has no histogram.
        #expect(!text.contains(#"srf_http_request_duration_seconds_count{route="none"}"#))
    }

    @Test func workersQueriesRestartsAndReconnects() throws {
        let store = try MetricsStore(routes: [], processes: 2)
        let first = store.process(0), second = store.process(1)
        for _ in 0..<3 { first.workerStarted() }
        for _ in 0..<2 { second.workerStarted() }
        first.requestStarted()
        second.requestStarted()
        second.requestStarted()
        second.requestFinished()
        first.recordQuery(nanoseconds: 300_000, failed: false)
        first.recordQuery(nanoseconds: 2_000_000, failed: true)
        second.recordReconnect()
        var text = store.prometheusText()
        #expect(text.contains("srf_workers{state=\"busy\"} 2\n"))
        #expect(text.contains("srf_workers{state=\"idle\"} 3\n"))
        #expect(text.contains("srf_db_query_duration_seconds_count 2\n"))
        #expect(text.contains("srf_db_query_duration_seconds_sum 0.0023\n"))
        #expect(text.contains("srf_db_query_errors_total 1\n"))
        #expect(text.contains("srf_db_reconnects_total 1\n"))
        #expect(store.workersUp == 5)

        // Process 1 died mid-request and was replaced: its threads are gone from the gauges.
        #expect(text.contains("srf_worker_processes 2\n"))
        store.processExited(1)
        store.workerRestarted(cause: .killed)
        text = store.prometheusText()
        #expect(text.contains("srf_workers{state=\"busy\"} 1\n"))
        #expect(text.contains("srf_workers{state=\"idle\"} 2\n"))
        #expect(text.contains("srf_worker_processes 1\n"))
        #expect(text.contains("srf_worker_process_restarts_total{cause=\"killed\"} 1\n"))
        // Every cause is a series from the start (rate() needs the zero).
        #expect(text.contains("srf_worker_process_restarts_total{cause=\"recycled\"} 0\n"))
        #expect(text.contains("srf_worker_process_restarts_total{cause=\"trapped\"} 0\n"))
        // What process 1 counted before it died stays counted.
        #expect(text.contains("srf_db_reconnects_total 1\n"))
    }

    /// An exec'd worker keeps no mapping: it maps the store from the descriptor its master
    /// hands over, laid out from the header (routes, slots), and counts into the same memory.
    @Test func aStoreAttachedThroughItsDescriptorIsTheSameMemory() throws {
        let master = try MetricsStore(routes: ["user-list", "user-detail"], processes: 6, shareable: true)
        let descriptor = try #require(master.descriptor)
        #expect(fcntl(descriptor, F_GETFD) & FD_CLOEXEC != 0, "a worker gets it only on purpose (dup2 onto fd 4)")
        let copy = dup(descriptor)
        let worker = try MetricsStore(attaching: copy)
        close(copy)  // the mapping outlives the descriptor
        #expect(worker.routes == ["none", "user-list", "user-detail"])
        #expect(worker.processCount == 6)
        #expect(worker.descriptor == nil)

        master.process(5).workerStarted()  // left by a process that had slot 5 before
        let metrics = worker.processStarted(5)
        for _ in 0..<2 { metrics.workerStarted() }
        metrics.recordRequest(route: 2, method: "GET", status: 200, nanoseconds: 1_000)
        master.process(0).recordRequest(route: 2, method: "GET", status: 200, nanoseconds: 1_000)
        let text = master.prometheusText()
        #expect(text.contains(#"srf_http_requests_total{route="user-detail",method="GET",status="200"} 2"#))
        #expect(master.workersUp == 2, "the slot's gauges start from zero for its new process")
    }

    /// Memory that is not a store of this build's layout is refused with a reason, never trapped on.
    @Test func attachingSomethingElseThrows() throws {
        func attach(_ bytes: [UInt8]) -> MetricsStoreError? {
            let path = "/tmp/srf-metrics-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
            defer {
                close(fd)
                unlink(path)
            }
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            do {
                _ = try MetricsStore(attaching: fd)
                return nil
            } catch {
                return error
            }
        }
        #expect(attach([])?.description.contains("is not the metrics' shared memory") == true)
        #expect(attach([UInt8](repeating: 7, count: 8192))?.description == "the shared memory handed over is not a metrics store")

        // A real store's bytes, then damaged: a route name's length past the names, a slot count.
        let store = try MetricsStore(routes: ["user-list"], processes: 2, shareable: true)
        var bytes = [UInt8](repeating: 0, count: Int(lseek(try #require(store.descriptor), 0, SEEK_END)))
        _ = bytes.withUnsafeMutableBytes { pread(store.descriptor!, $0.baseAddress, $0.count, 0) }
        #expect(attach(bytes) == nil, "the copy itself attaches")
        var damaged = bytes
        damaged[80] = 200  // the first name's length
        #expect(attach(damaged)?.description.contains("another version of the server") == true)
        damaged = bytes
        damaged[40] = 3  // processes: the counters no longer fill the size
        #expect(attach(damaged)?.description.contains("another version of the server") == true)
        damaged = bytes
        damaged[16] = 77  // the statuses of another build
        #expect(attach(damaged)?.description.contains("another version of the server") == true)
        #expect(attach(Array(bytes.prefix(4096)))?.description.contains("another version of the server") == true)
    }

    /// The point of the shared mapping: what a forked worker process counts, the parent reads.
    @Test func countsFromAForkedProcessReachTheParent() throws {
        let store = try MetricsStore(routes: ["user-list"], processes: 2)
        store.process(0).recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 1_000)
        let child = fork()
        if child == 0 {
            // Atomic adds only: nothing here allocates or locks (safe after fork in a threaded process).
            let metrics = store.process(1)
            for _ in 0..<1000 { metrics.recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 1_000) }
            metrics.workerStarted()
            _exit(0)
        }
        #expect(child > 0)
        var status: Int32 = 0
        #expect(waitpid(child, &status, 0) == child)
        let text = store.prometheusText()
        #expect(text.contains(#"srf_http_requests_total{route="user-list",method="GET",status="200"} 1001"#))
        #expect(store.workersUp == 1)
    }

    @Test func labelValuesAreEscaped() throws {
        let store = try MetricsStore(routes: [#"^a\b"c$"#])
        store.process(0).recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 1)
        #expect(store.prometheusText().contains(#"route="^a\\b\"c$""#))
    }

    @Test func secondsAreExactDecimals() {
        #expect(PrometheusWriter.seconds(0) == "0")
        #expect(PrometheusWriter.seconds(2_500_000) == "0.0025")
        #expect(PrometheusWriter.seconds(12_000_345_678) == "12.000345678")
        #expect(PrometheusWriter.seconds(10_000_000_000) == "10")
    }

    /// `promtool check metrics` (Debian's `prometheus`, installed by Tests/run) accepts the text,
    /// with every kind of series present.
    @Test func promtoolAcceptsTheText() throws {
        let store = try MetricsStore(routes: ["user-list", "^api/auth-token/$"])
        let metrics = store.process(0)
        metrics.workerStarted()
        metrics.recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 900_000)
        metrics.recordRequest(route: 2, method: "POST", status: 400, nanoseconds: 2_000_000)
        metrics.recordRequest(route: 0, method: "GET", status: 404, nanoseconds: 90_000)
        metrics.recordQuery(nanoseconds: 200_000, failed: false)
        metrics.recordQueueWait(nanoseconds: 50_000)
        let result = try Promtool.checkMetrics(store.prometheusText())
        #expect(result.status == 0, "promtool: \(result.stdout)\(result.stderr)")
    }
}
