import CFastCGI
#if canImport(Glibc)
import Glibc
#endif

/// The worker process's side of a `ProcessMaster`: what the master handed it and how it reports
/// back. The master starts it with `--worker-process`, the listening socket on fd 0 (as
/// systemd and spawn-fcgi hand one over), the write end of its readiness pipe on fd 3 and, when
/// it keeps metrics (`--admin-listen`), their shared memory on fd 4 (`MetricsStore(attaching:)`)
/// with the worker's slot in it as `--worker-slot N`.
///
///     WorkerProcessLink.attachToMaster()            // first thing
///     let report = try server.runUntilSignalled(secondSignalExits: false, onReady: WorkerProcessLink.announceReady)
public enum WorkerProcessLink {
    static let readinessDescriptor: Int32 = 3
    /// The master's `MetricsStore`, when it has one.
    public static let sharedMemoryDescriptor: Int32 = 4

    /// Asks the kernel for SIGTERM when the master dies (killed, crashed): the worker then
    /// drains and exits instead of serving on with nobody to replace or stop it. (The signal
    /// follows the master's thread that started this process: the master starts workers from
    /// its main thread.)
    public static func attachToMaster() {
        _ = srf_set_parent_death_signal(SIGTERM)
    }

    /// Tells the master this process accepts connections: its pid, one atomic 4-byte write on
    /// the shared pipe. A reload retires the old workers only once every new one said so.
    @Sendable public static func announceReady() {
        var pid = Int32(getpid())
        _ = write(readinessDescriptor, &pid, 4)
        _ = close(readinessDescriptor)
    }
}
