import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The server's numbers, in memory shared by every process of one server: the workers count
/// into it, the admin server (`AdminServer`) renders it for Prometheus. Create it before
/// forking worker processes (the mapping is `MAP_SHARED`, inherited by `fork`), with the route
/// names known at start, so that the master reads what every worker process counted.
///
///     let store = try MetricsStore(routes: ["user-list", "user-detail"], processes: 4)
///     // in worker process k, after fork:
///     let metrics = store.process(k)
///     metrics.recordRequest(route: 2, method: "GET", status: 200, nanoseconds: 1_200_000)
///     // in the master, when worker process k died and was replaced:
///     store.processExited(k)
///     store.workerRestarted()
///
/// Route 0 is `none` (no pattern matched); route `i` is `routes[i - 1]`. Counters only grow;
/// the per-process gauges (workers, busy) are reset by `processExited`.
public final class MetricsStore: @unchecked Sendable {
    // @unchecked: the only state is `base`, a mapping that lives as long as the store and is
    // read and written through atomics only (`counter(_:)`).
    let layout: MetricsLayout
    private let base: UnsafeMutablePointer<Atomic<UInt64>>
    private let byteCount: Int
    /// When the store was made (the process start, for `process_start_time_seconds`).
    let startTime: Double

    /// The label of route 0.
    public static let unmatchedRoute = "none"

    /// - Parameters:
    ///   - routes: the route labels, in the order the responders will index them (from 1).
    ///   - processes: how many worker processes count into it (slots 0..<processes); 1 when
    ///     the server is one process.
    public init(routes: [String], processes: Int = 1) throws(MetricsStoreError) {
        guard processes >= 1 else { throw MetricsStoreError("processes must be at least 1") }
        layout = MetricsLayout(routes: [Self.unmatchedRoute] + routes, processes: processes)
        byteCount = layout.count * MemoryLayout<UInt64>.stride
        // Anonymous and shared: zero-filled, only the pages touched become resident (most of
        // the route × method × status table never is), and a forked child shares it.
        guard let memory = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0),
            memory != MAP_FAILED
        else {
            throw MetricsStoreError("cannot map \(byteCount) bytes of shared memory for the metrics: \(String(cString: strerror(errno)))")
        }
        // An Atomic<UInt64> is its value's 8 bytes, and zero bytes are Atomic(0): the zeroed
        // mapping is a table of initialized atomics.
        base = memory.bindMemory(to: Atomic<UInt64>.self, capacity: layout.count)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        startTime = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    deinit {
        munmap(base, byteCount)
    }

    /// The route labels, `none` first.
    public var routes: [String] { layout.routes }
    public var processCount: Int { layout.processes }

    /// What worker process `slot` records with.
    public func process(_ slot: Int) -> ProcessMetrics {
        precondition((0..<layout.processes).contains(slot), "process slot \(slot) outside 0..<\(layout.processes)")
        return ProcessMetrics(store: self, slot: slot)
    }

    /// The master replaced a worker process that died: `srf_worker_process_restarts_total`.
    public func workerRestarted() { add(1, at: layout.restarts) }

    /// Worker process `slot` is gone: its threads are neither busy nor idle any more.
    public func processExited(_ slot: Int) {
        for gauge in MetricsLayout.ProcessSlot.allCases { counter(layout.process(slot, gauge)).pointee.store(0, ordering: .relaxed) }
    }

    // MARK: Memory

    @inline(__always)
    func counter(_ index: Int) -> UnsafeMutablePointer<Atomic<UInt64>> { base + index }

    @inline(__always)
    func add(_ value: UInt64, at index: Int) { counter(index).pointee.wrappingAdd(value, ordering: .relaxed) }

    @inline(__always)
    func load(_ index: Int) -> UInt64 { counter(index).pointee.load(ordering: .relaxed) }

    /// One observation into the histogram at `offset`: two adds.
    @inline(__always)
    func observe(_ nanoseconds: UInt64, histogram offset: Int) {
        add(1, at: offset + MetricsLayout.bucket(nanoseconds))
        add(nanoseconds, at: offset + MetricsLayout.bucketCount + 1)
    }
}

/// A failure to set up the metrics, with a message meant for the operator.
public struct MetricsStoreError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
