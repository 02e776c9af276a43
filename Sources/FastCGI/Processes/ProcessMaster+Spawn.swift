import CFastCGI
#if canImport(Glibc)
import Glibc
#endif

extension ProcessMaster {
    /// Starts this binary again as a worker: the listening socket on fd 0, the readiness pipe on
    /// fd 3 and the shared memory, if any, on fd 4 (`WorkerProcessLink`), its slot as
    /// `--worker-slot`, every other descriptor closed (the master's are close-on-exec), no
    /// signal blocked and the default action for those the master handles; `environment`
    /// (`NAME=value`, from `--env-file`) instead of the master's when given.
    func spawnWorker(readiness: ReadinessPipe, slot: Int, environment: [String]? = nil) -> Result<pid_t, ServerConfigurationError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Dup'ed onto the same number, a descriptor loses close-on-exec (glibc >= 2.29). The
        // sources are all above 4 (`ReadinessPipe`, `sharedMemory`), or the socket, dup'ed first.
        posix_spawn_file_actions_adddup2(&actions, socket.fd, 0)
        posix_spawn_file_actions_adddup2(&actions, readiness.writeEnd, WorkerProcessLink.readinessDescriptor)
        var lastHandedOver = WorkerProcessLink.readinessDescriptor
        if let sharedMemory {
            posix_spawn_file_actions_adddup2(&actions, sharedMemory, WorkerProcessLink.sharedMemoryDescriptor)
            lastHandedOver = WorkerProcessLink.sharedMemoryDescriptor
        }
        // And nothing the master inherited without close-on-exec (its own parent's descriptors).
        posix_spawn_file_actions_addclosefrom_np(&actions, lastHandedOver + 1)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in Self.signals + [SIGPIPE, SIGURG] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + workerArguments + ["--worker-slot", String(slot)]).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let variables = environment.map { $0.map { strdup($0) } + [nil] }
        defer { variables?.forEach { free($0) } }
        let result =
            variables.map { variables in
                variables.withUnsafeBufferPointer { posix_spawn(&pid, executable, &actions, &attributes, argv, $0.baseAddress) }
            } ?? posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { return .failure(ServerConfigurationError(describe(errno: result))) }
        return .success(pid)
    }
}

/// The pipe worker processes announce themselves on (`WorkerProcessLink.announceReady`): each
/// writes its pid, 4 bytes, which a pipe delivers whole. The master keeps the write end open
/// too, so the read end never reports end-of-file while no worker holds it.
final class ReadinessPipe {
    let readEnd: Int32
    let writeEnd: Int32

    /// Both ends close-on-exec, at 4 or above (a spawned worker's fd 0 and fd 3 are set from
    /// them), the read end non-blocking.
    init?() {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        let read = fcntl(ends[0], F_DUPFD_CLOEXEC, 4), write = fcntl(ends[1], F_DUPFD_CLOEXEC, 4)
        close(ends[0])
        close(ends[1])
        guard read >= 0, write >= 0 else { return nil }
        _ = fcntl(read, F_SETFL, fcntl(read, F_GETFL) | O_NONBLOCK)
        readEnd = read
        writeEnd = write
    }

    /// The pids announced since the last call.
    func readyProcesses() -> [pid_t] {
        var pids: [pid_t] = []
        var buffer = [Int32](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            guard count > 0 else { return pids }
            pids += buffer.prefix(count / 4)
        }
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }
}
