import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `--processes P`: a master process that owns the listening socket and supervises P worker
/// processes sharing it, each a `FastCGIServer` with `--workers` threads. The master never
/// serves a request.
///
///     let master = try ProcessMaster(configuration: configuration, arguments: ["--processes", "4"], log: log)
///     exit(master.run())   // 0: every worker drained at the stop; 1: some were cut off
///
/// Why separate processes: a trap in one (a force-unwrap in a viewset) costs only the requests
/// in flight on that process; the master logs the cause and starts another.
///
/// Why spawn-and-exec, not a bare `fork()`: a worker is this same binary started again
/// (`posix_spawn`) with `--worker-process`, the socket on fd 0 and a readiness pipe on fd 3
/// (`WorkerProcessLink`). A forked copy of a Swift process is only safe until it calls anything
/// that may take a lock another thread held at the fork (malloc, the runtime's metadata caches,
/// Dispatch); exec starts clean, whatever threads the master runs (an admin endpoint, say). It
/// also makes a reload free: the new workers run the binary now at the master's path. And each
/// worker opens its own PostgreSQL connections: nothing is shared across processes.
///
/// Signals, as gunicorn spells them:
/// - SIGTERM, SIGINT: the workers drain (`--drain-timeout`), then the master exits: 0 when all
///   drained, 1 when one was cut off. A second one kills the workers at once.
/// - SIGHUP: reload. P new workers start from the binary and arguments; once every one of them
///   accepts, the old ones drain. If a new one dies first, the reload is abandoned and the old
///   workers keep serving (logged).
/// - SIGUSR1: reopen the log file, in the master and every worker (logrotate).
/// - SIGQUIT: stop at once: the workers are killed, requests in flight fail; exit 1.
///
/// A worker that dies is logged with its cause (`WorkerProcessExit`) and replaced at once, or
/// after a growing delay when workers keep dying right after they start (`RestartBackoff`).
/// `onWorkerExit`, `workerProcessIDs` and `restarts` are for metrics.
///
/// Each worker gets a slot, `0..<workerSlots(processes:)`, passed as `--worker-slot`: no two
/// live workers share one, and a slot is free again once its worker has been reaped (after
/// `onWorkerExit`). With `sharedMemory` (a `MetricsStore`'s descriptor), every worker gets it
/// on fd 4 and counts into its slot there; the master renders the store.
public final class ProcessMaster: Sendable {
    public let configuration: ServerConfiguration
    public let log: ServerLog
    let socket: ListeningSocket
    let executable: String
    let workerArguments: [String]
    /// The master's own copy of the shared memory's descriptor, numbered 5 or above: the
    /// spawn's dup2 onto 0, 3 and 4 must not overwrite it before it is handed over.
    let sharedMemory: Int32?
    /// How many slots the workers take theirs from.
    let slotCount: Int
    private let observer: Mutex<(@Sendable (WorkerProcessExit) -> Void)?> = Mutex(nil)
    private let live = Mutex<(pids: [pid_t], restarts: Int)>(([], 0))

    /// Opens (or takes over on fd 0) the listening socket.
    ///
    /// - Parameters:
    ///   - arguments: the command line the workers get (the master's own, without the program
    ///     name), to which `--worker-process` is added.
    ///   - executable: the binary the workers run; by default the path this process was started by.
    ///   - sharedMemory: a descriptor every worker gets on fd 4 (`MetricsStore.descriptor`).
    public init(
        configuration: ServerConfiguration, arguments: [String], executable: String? = nil, sharedMemory: Int32? = nil,
        log: ServerLog
    ) throws(ServerConfigurationError) {
        let configuration = try configuration.validated()
        guard configuration.processes >= 1 else { throw ServerConfigurationError("a ProcessMaster needs processes >= 1") }
        guard let executable = executable ?? ExecutablePath.current else {
            throw ServerConfigurationError("cannot tell which binary to start the worker processes from")
        }
        // Swift's crash handler, left on, kept a worker that trapped alive (measured: 20 s, until
        // killed) instead of letting it die for the master to replace; off, a trap still prints
        // its message and a short backtrace to stderr and ends the process at once. The workers
        // inherit this; an operator's own SWIFT_BACKTRACE wins.
        setenv("SWIFT_BACKTRACE", "enable=no", 0)
        self.configuration = configuration
        self.log = log
        self.executable = executable
        workerArguments = arguments + ["--worker-process"]
        slotCount = Self.workerSlots(processes: configuration.processes)
        socket = try ListeningSocket.open(
            configuration.listen, mode: configuration.socketMode, group: configuration.socketGroup,
            backlog: configuration.backlog)
        // Last, so that an earlier failure leaves no copy open (deinit closes it).
        if let sharedMemory {
            let copy = fcntl(sharedMemory, F_DUPFD_CLOEXEC, WorkerProcessLink.sharedMemoryDescriptor + 1)
            guard copy >= 0 else { throw ServerConfigurationError("cannot hand the shared memory on: \(describe(errno: errno))") }
            self.sharedMemory = copy
        } else {
            self.sharedMemory = nil
        }
    }

    deinit {
        if let sharedMemory { close(sharedMemory) }
    }

    /// The slots of `processes` workers: enough for a reload's two generations, the
    /// replacements started meanwhile and a second reload while the first's old workers still
    /// drain. A worker that finds none free waits for one (logged), as after a failed spawn.
    public static func workerSlots(processes: Int) -> Int { 4 * processes + 16 }

    /// Where the workers listen.
    public var address: ListenAddress { socket.address }

    /// Called on the master's thread for every worker process that ends, whatever the cause.
    public var onWorkerExit: (@Sendable (WorkerProcessExit) -> Void)? {
        get { observer.withLock { $0 } }
        set { observer.withLock { $0 = newValue } }
    }

    /// The worker processes alive now (any thread may ask).
    public var workerProcessIDs: [pid_t] { live.withLock { $0.pids } }
    /// Workers started to replace one that ended (not counting reloads).
    public var restarts: Int { live.withLock { $0.restarts } }

    static let signals = [SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGQUIT, SIGCHLD]
    /// How long a reload waits for the new workers to accept.
    static let reloadTimeout: Duration = .seconds(30)

    /// Supervises until a stop; returns the process's exit status. Call on the main thread,
    /// before starting any other thread (the signals it handles are blocked here, and threads
    /// started later inherit that).
    public func run() -> Int32 {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in Self.signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        guard let readiness = ReadinessPipe() else {
            log.error("cannot make the worker processes' readiness pipe: \(describe(errno: errno))")
            return 1
        }
        var supervision = Supervision(processes: configuration.processes)
        if let path = configuration.environmentFile {
            do {
                supervision.environments[supervision.current] = EnvironmentFile.environment(setting: try EnvironmentFile.read(path))
            } catch {
                log.error("\(error)")
                return 1
            }
        }
        log.info(
            "master \(getpid()) on \(socket.address): \(configuration.processes) worker process(es) of \(configuration.workers) workers each, from \(executable)"
        )
        for _ in 0..<configuration.processes { start(generation: supervision.current, into: &supervision, readiness) }

        while !(supervision.stopping != nil && supervision.workers.isEmpty) {
            let signal = wait(for: set, upTo: supervision.isSettled ? .seconds(1) : .milliseconds(20))
            handle(signal, &supervision, readiness)
            for pid in readiness.readyProcesses() { supervision.markReady(pid, log: log) }
            reap(&supervision)
            advanceReload(&supervision)
            startPending(&supervision, readiness)
            if let stop = supervision.stopping, ContinuousClock.now >= stop, !supervision.killedAtDeadline {
                log.error("worker processes still running \(configuration.drainTimeout) after the stop: killing them")
                signalAll(SIGKILL, supervision)
                supervision.killedAtDeadline = true
                supervision.cutOff = true
            }
            publish(supervision)
        }
        if !socket.isInherited { socket.close() }
        log.info("master \(getpid()) stopped" + (supervision.cutOff ? " (requests were cut off)" : ""))
        return supervision.cutOff ? 1 : 0
    }

    // MARK: - Signals

    private func wait(for set: sigset_t, upTo timeout: Duration) -> Int32 {
        var set = set
        var time = timespec(tv_sec: Int(timeout.components.seconds), tv_nsec: Int(timeout.components.attoseconds / 1_000_000_000))
        return sigtimedwait(&set, nil, &time)
    }

    private func handle(_ signal: Int32, _ supervision: inout Supervision, _ readiness: ReadinessPipe) {
        switch signal {
        case SIGTERM, SIGINT:
            if supervision.stopping == nil {
                log.info(
                    "received \(FastCGIServer.name(of: signal)): draining \(supervision.workers.count) worker process(es) (up to \(configuration.drainTimeout))"
                )
                // Room past the workers' own drain bound for their start-up and exit.
                supervision.stopping = .now + configuration.drainTimeout + .seconds(5)
                signalAll(SIGTERM, supervision)
            } else {
                log.warning("received \(FastCGIServer.name(of: signal)) again: killing the worker processes")
                signalAll(SIGKILL, supervision)
                supervision.cutOff = true
            }
        case SIGQUIT:
            log.warning("received SIGQUIT: killing the worker processes; requests in flight fail")
            signalAll(SIGKILL, supervision)
            supervision.stopping = supervision.stopping ?? .now + .seconds(5)
            supervision.cutOff = true
        case SIGHUP:
            guard supervision.stopping == nil else { return }
            guard supervision.reload == nil else {
                log.warning("received SIGHUP: a reload is already under way; ignored")
                return
            }
            var environment: [String]?
            if let path = configuration.environmentFile {
                do {
                    environment = EnvironmentFile.environment(setting: try EnvironmentFile.read(path))
                } catch {
                    log.error("received SIGHUP: reload abandoned: \(error); the running worker processes keep serving")
                    return
                }
            }
            supervision.generation += 1
            supervision.environments[supervision.generation] = environment
            supervision.reload = (supervision.generation, .now + Self.reloadTimeout)
            log.info("received SIGHUP: reloading: starting \(configuration.processes) new worker process(es) from \(executable)")
            for _ in 0..<configuration.processes { start(generation: supervision.generation, into: &supervision, readiness) }
        case SIGUSR1:
            log.info("received SIGUSR1: reopening the log file")
            do { try log.reopen() } catch { log.error("\(error)") }
            // Only to workers that accept: one still starting may not have blocked SIGUSR1 yet,
            // and its default action ends the process (it opened the log file just now anyway).
            for (pid, worker) in supervision.workers where worker.ready { kill(pid, SIGUSR1) }
        default:
            break
        }
    }

    private func signalAll(_ signal: Int32, _ supervision: Supervision) {
        for pid in supervision.workers.keys { kill(pid, signal) }
    }

    // MARK: - Workers

    private func reap(_ supervision: inout Supervision) {
        while true {
            var status: Int32 = 0
            let pid = waitpid(-1, &status, WNOHANG)
            guard pid > 0 else { return }
            guard let worker = supervision.workers.removeValue(forKey: pid) else { continue }
            var exit = WorkerProcessExit(pid: pid, waitStatus: status, lifetime: .now - worker.started, slot: worker.slot)
            // After the decision (replaced or not), before the slot can be handed out again.
            defer { onWorkerExit?(exit) }
            if supervision.stopping != nil {
                // Killed by SIGTERM: it had not set up its drain yet, so it served nothing.
                if exit.failed && exit.cause != .signalled(SIGTERM) { supervision.cutOff = true }
                log.info("\(exit)")
            } else if worker.retiring {
                // A reload's old worker, or an abandoned reload's new one: told to drain, not replaced.
                if exit.failed { log.warning("retired \(exit)") } else { log.info("retired \(exit)") }
            } else if let reload = supervision.reload, worker.generation == reload.generation, !worker.ready {
                abandonReload(&supervision, because: "new \(exit) before it accepted")
            } else {
                let delay = supervision.backoff.delay(after: exit)
                supervision.pending += 1
                supervision.nextStart = max(supervision.pending == 1 ? .now : supervision.nextStart, .now + delay)
                live.withLock { $0.restarts += 1 }
                exit.replaced = true
                let next =
                    delay == .zero
                    ? "starting another"
                    : "starting another in \(WorkerProcessExit.seconds(delay)) (\(supervision.backoff.quickDeaths) died within \(RestartBackoff.quickDeath) of their start in a row)"
                if exit.failed { log.error("\(exit); \(next)") } else { log.info("\(exit); \(next)") }
            }
        }
    }

    /// Retires the old generation once every new worker accepts.
    private func advanceReload(_ supervision: inout Supervision) {
        guard let reload = supervision.reload else { return }
        let ready = supervision.workers.values.filter { $0.generation == reload.generation && $0.ready }.count
        if ready >= configuration.processes {
            let old = supervision.workers.filter { $0.value.generation != reload.generation && !$0.value.retiring }.map(\.key)
            log.info(
                "reload: \(ready) new worker process(es) accept; draining the old ones (\(old.map(String.init).joined(separator: ", ")))")
            for pid in old {
                supervision.workers[pid]?.retiring = true
                kill(pid, SIGTERM)
            }
            supervision.current = reload.generation
            supervision.environments = supervision.environments.filter { $0.key >= reload.generation }
            supervision.reload = nil
        } else if ContinuousClock.now >= reload.deadline {
            abandonReload(&supervision, because: "the new worker processes did not accept within \(Self.reloadTimeout)")
        }
    }

    private func abandonReload(_ supervision: inout Supervision, because reason: String) {
        guard let reload = supervision.reload else { return }
        log.error("reload abandoned: \(reason); the running worker processes keep serving")
        for (pid, worker) in supervision.workers where worker.generation == reload.generation {
            supervision.workers[pid]?.retiring = true
            kill(pid, SIGTERM)
        }
        supervision.environments[reload.generation] = nil
        supervision.reload = nil
    }

    private func startPending(_ supervision: inout Supervision, _ readiness: ReadinessPipe) {
        guard supervision.stopping == nil, supervision.pending > 0, ContinuousClock.now >= supervision.nextStart else { return }
        // Replacements join the generation that serves now (a reload under way retires them with it).
        let count = supervision.pending
        supervision.pending = 0
        for _ in 0..<count { start(generation: supervision.current, into: &supervision, readiness) }
    }

    private func start(generation: Int, into supervision: inout Supervision, _ readiness: ReadinessPipe) {
        guard let slot = supervision.freeSlot(of: slotCount) else {
            log.error(
                "cannot start a worker process: all \(slotCount) worker slots are taken (by workers still draining); trying again in 1 s")
            supervision.pending += 1
            supervision.nextStart = .now + .seconds(1)
            return
        }
        switch spawnWorker(readiness: readiness, slot: slot, environment: supervision.environments[generation]) {
        case .success(let pid):
            supervision.workers[pid] = Supervision.Worker(generation: generation, started: .now, slot: slot)
        case .failure(let error):
            log.error("cannot start a worker process from \(executable): \(error); trying again in 1 s")
            supervision.pending += 1
            supervision.nextStart = .now + .seconds(1)
        }
    }

    private func publish(_ supervision: Supervision) {
        let pids = supervision.workers.keys.sorted()
        live.withLock { $0.pids = pids }
    }
}
