#if canImport(Glibc)
import Glibc
#endif

/// What a `ProcessMaster` knows about its worker processes: a value its run loop owns alone
/// (one thread), so nothing here needs a lock.
struct Supervision {
    struct Worker {
        /// Workers of an older generation than `current` are retired at the end of a reload.
        let generation: Int
        let started: ContinuousClock.Instant
        /// Its `--worker-slot`, no other live worker's.
        let slot: Int
        /// It said it accepts (`WorkerProcessLink.announceReady`).
        var ready = false
        /// Told to drain (a reload's old worker, or an abandoned reload's new one): not replaced.
        var retiring = false
    }

    var workers: [pid_t: Worker] = [:]
    /// The generation that serves: replacements join it.
    var current = 1
    /// The newest generation number handed out (a reload takes the next).
    var generation = 1
    /// A reload under way: its generation, and when it is abandoned if not every worker accepts.
    var reload: (generation: Int, deadline: ContinuousClock.Instant)?
    /// Replacements waiting for `nextStart` (the backoff).
    var pending = 0
    var nextStart = ContinuousClock.now
    var backoff = RestartBackoff()
    /// Set at SIGTERM/SIGINT/SIGQUIT: the workers are killed if any still runs then.
    var stopping: ContinuousClock.Instant?
    var killedAtDeadline = false
    /// A worker was killed or cut off its drain: the master exits 1.
    var cutOff = false
    /// Each generation's environment (`NAME=value`) read from `--env-file`; none: the master's.
    var environments: [Int: [String]] = [:]

    init(processes: Int) {
        workers.reserveCapacity(processes * 2)
    }

    /// Nothing to watch closely: the master may sleep a second between looks.
    var isSettled: Bool {
        stopping == nil && reload == nil && pending == 0 && workers.values.allSatisfy(\.ready)
    }

    /// The lowest slot of `0..<count` no live worker has.
    func freeSlot(of count: Int) -> Int? {
        let taken = Set(workers.values.map(\.slot))
        return (0..<count).first { !taken.contains($0) }
    }

    mutating func markReady(_ pid: pid_t, log: ServerLog) {
        guard let worker = workers[pid], !worker.ready else { return }
        workers[pid]?.ready = true
        log.info("worker process \(pid) accepts (generation \(worker.generation))")
    }
}
