import ServerMetrics
#if canImport(Glibc)
import Glibc
#endif

extension WorkerProcessExit {
    /// How `srf_worker_process_restarts_total` labels it.
    public var restartCause: WorkerRestartCause {
        switch cause {
        case .exited(status: 0): .recycled
        case .exited: .exited
        case .signalled(let signal) where signal == SIGILL || signal == SIGTRAP: .trapped
        case .signalled: .killed
        }
    }
}

extension MetricsStore {
    /// The master's side of a worker process that ended (its `ProcessMaster.onWorkerExit`):
    /// the threads of its slot are neither busy nor idle any more, and a replacement is a
    /// restart, counted by cause. Its requests stay counted: they are in the shared counters.
    ///
    ///     master.onWorkerExit = { exit in store.recordExit(exit) }
    public func recordExit(_ exit: WorkerProcessExit) {
        if (0..<processCount).contains(exit.slot) { processExited(exit.slot) }
        if exit.replaced { workerRestarted(cause: exit.restartCause) }
    }
}
