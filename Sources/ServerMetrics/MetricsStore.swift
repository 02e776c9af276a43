import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The server's numbers, in memory shared by every process of one server: the workers count
/// into it, the admin server (`AdminServer`) renders it for Prometheus. The counters are one
/// table all processes add to (so a process that dies leaves its counts behind: they never go
/// backwards); only the busy and idle gauges have a slot per worker process.
///
///     let store = try MetricsStore(routes: ["user-list", "user-detail"], processes: 4, shareable: true)
///     // in worker process k, started with store.descriptor as fd 4:
///     let metrics = try MetricsStore(attaching: 4).processStarted(k)
///     metrics.recordRequest(route: 2, method: "GET", status: 200, nanoseconds: 1_200_000)
///     // in the master, when worker process k died and was replaced:
///     store.processExited(k)
///     store.workerRestarted(cause: .killed)
///
/// Route 0 is `none` (no pattern matched); route `i` is `routes[i - 1]`. Counters only grow;
/// the per-process gauges (workers, busy) are reset by `processExited`. The memory starts with
/// a header naming the routes and the slots (`MetricsStoreHeader`), so a process that maps it
/// later (`init(attaching:)`) lays it out as its maker did.
public final class MetricsStore: @unchecked Sendable {
    // @unchecked: the only state is the mapping, which lives as long as the store and whose
    // counters are read and written through atomics only (`counter(_:)`); the header is written
    // once, before any other process can see it, and read-only after.
    let layout: MetricsLayout
    private let mapping: UnsafeMutableRawPointer
    private let byteCount: Int
    private let base: UnsafeMutablePointer<Atomic<UInt64>>
    /// When the store was made (the process start, for `process_start_time_seconds`).
    let startTime: Double

    /// The shared memory as a descriptor (close-on-exec) for a process started with `exec`
    /// (which keeps no mapping) to attach: set when made `shareable`, else nil.
    public let descriptor: Int32?

    /// The label of route 0.
    public static let unmatchedRoute = "none"

    /// - Parameters:
    ///   - routes: the route labels, in the order the responders will index them (from 1).
    ///   - processes: how many worker processes count into it (slots 0..<processes); 1 when
    ///     the server is one process.
    ///   - shareable: back it with a descriptor (`descriptor`) another program can map, not
    ///     only a forked child.
    public convenience init(routes: [String], processes: Int = 1, shareable: Bool = false) throws(MetricsStoreError) {
        guard processes >= 1 else { throw MetricsStoreError("processes must be at least 1") }
        let layout = MetricsLayout(routes: [Self.unmatchedRoute] + routes, processes: processes)
        let header = MetricsStoreHeader(layout: layout)
        let byteCount = header.countersOffset + layout.count * MemoryLayout<UInt64>.stride
        let descriptor = shareable ? try Self.sharedMemoryFile(byteCount: byteCount) : nil
        // Shared: zero-filled, only the pages touched become resident (most of the
        // route × method × status table never is), and a forked child shares it.
        guard
            let memory = mmap(
                nil, byteCount, PROT_READ | PROT_WRITE, MAP_SHARED | (descriptor == nil ? MAP_ANONYMOUS : 0), descriptor ?? -1, 0),
            memory != MAP_FAILED
        else {
            let reason = String(cString: strerror(errno))
            if let descriptor { close(descriptor) }
            throw MetricsStoreError("cannot map \(byteCount) bytes of shared memory for the metrics: \(reason)")
        }
        header.write(to: memory)
        self.init(layout: layout, mapping: memory, byteCount: byteCount, countersOffset: header.countersOffset, descriptor: descriptor)
    }

    /// Maps the store another process made `shareable` and handed over as `descriptor` (a
    /// worker process's fd 4), laid out as its header says. The descriptor may be closed
    /// afterwards. Memory that is not such a store (another binary's format, say) throws.
    public convenience init(attaching descriptor: Int32) throws(MetricsStoreError) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw MetricsStoreError("cannot read the metrics' shared memory (fd \(descriptor)): \(String(cString: strerror(errno)))")
        }
        let byteCount = Int(status.st_size)
        guard byteCount >= MetricsStoreHeader.fixedBytes, byteCount <= MetricsStoreHeader.largest else {
            throw MetricsStoreError("fd \(descriptor) is not the metrics' shared memory (\(byteCount) bytes)")
        }
        guard let memory = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0), memory != MAP_FAILED else {
            throw MetricsStoreError("cannot map the metrics' shared memory: \(String(cString: strerror(errno)))")
        }
        do {
            let header = try MetricsStoreHeader.read(from: UnsafeRawPointer(memory), byteCount: byteCount)
            self.init(layout: header.layout, mapping: memory, byteCount: byteCount, countersOffset: header.countersOffset, descriptor: nil)
        } catch {
            munmap(memory, byteCount)
            throw error
        }
    }

    private init(layout: MetricsLayout, mapping: UnsafeMutableRawPointer, byteCount: Int, countersOffset: Int, descriptor: Int32?) {
        self.layout = layout
        self.mapping = mapping
        self.byteCount = byteCount
        self.descriptor = descriptor
        // An Atomic<UInt64> is its value's 8 bytes, and zero bytes are Atomic(0): the zeroed
        // mapping is a table of initialized atomics (page-aligned past the header).
        base = (mapping + countersOffset).bindMemory(to: Atomic<UInt64>.self, capacity: layout.count)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        startTime = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    deinit {
        munmap(mapping, byteCount)
        if let descriptor { close(descriptor) }
    }

    /// The route labels, `none` first.
    public var routes: [String] { layout.routes }
    public var processCount: Int { layout.processes }

    /// What worker process `slot` records with.
    public func process(_ slot: Int) -> ProcessMetrics {
        precondition((0..<layout.processes).contains(slot), "process slot \(slot) outside 0..<\(layout.processes)")
        return ProcessMetrics(store: self, slot: slot)
    }

    /// What a worker process that takes over `slot` records with: the slot's gauges start from
    /// zero, whatever the process that had it before left there.
    public func processStarted(_ slot: Int) -> ProcessMetrics {
        processExited(slot)
        return process(slot)
    }

    /// The master replaced a worker process that ended: `srf_worker_process_restarts_total`.
    public func workerRestarted(cause: WorkerRestartCause) { add(1, at: layout.restarts + cause.index) }

    /// Worker process `slot` is gone: its threads are neither busy nor idle any more.
    public func processExited(_ slot: Int) {
        for gauge in MetricsLayout.ProcessSlot.allCases { counter(layout.process(slot, gauge)).pointee.store(0, ordering: .relaxed) }
    }

    // MARK: Memory

    /// A uniquely named POSIX shared memory object, unlinked at once: only descriptors reach it.
    private static func sharedMemoryFile(byteCount: Int) throws(MetricsStoreError) -> Int32 {
        for attempt in 0..<8 {
            let name = "/srf-metrics-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd < 0 && errno == EEXIST && attempt < 7 { continue }
            guard fd >= 0 else {
                throw MetricsStoreError("cannot make shared memory for the metrics (/dev/shm): \(String(cString: strerror(errno)))")
            }
            shm_unlink(name)
            guard ftruncate(fd, off_t(byteCount)) == 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw MetricsStoreError("cannot size the metrics' shared memory to \(byteCount) bytes: \(reason)")
            }
            return fd
        }
        throw MetricsStoreError("cannot make shared memory for the metrics: no free name")
    }

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

/// Why the master replaced a worker process (`srf_worker_process_restarts_total{cause=...}`).
public enum WorkerRestartCause: String, CaseIterable, Sendable {
    /// It exited cleanly after `--max-requests`.
    case recycled
    /// It exited with a non-zero status (a failed start, say).
    case exited
    /// A Swift trap (SIGILL, SIGTRAP): a force-unwrap of nil, an overflow, an index out of range.
    case trapped
    /// Any other signal: SIGKILL, SIGSEGV, the OOM killer.
    case killed

    var index: Int {
        switch self {
        case .recycled: 0
        case .exited: 1
        case .trapped: 2
        case .killed: 3
        }
    }
}

/// A failure to set up the metrics, with a message meant for the operator.
public struct MetricsStoreError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
