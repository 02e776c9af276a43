#if canImport(Glibc)
import Glibc
#endif

/// How a worker process of a `ProcessMaster` ended, as `waitpid` said: what the master logs,
/// and what an observer (metrics) is given.
///
///     master.onWorkerExit = { exit in print(exit) }  // "worker process 4242 was killed by SIGKILL after 12.5 s"
public struct WorkerProcessExit: Sendable, CustomStringConvertible {
    public enum Cause: Sendable, Equatable {
        case exited(status: Int32)
        case signalled(Int32)
    }

    public let pid: pid_t
    public let cause: Cause
    /// From its start to its end.
    public let lifetime: Duration
    /// Its `--worker-slot`: free again once the observer has been told.
    public let slot: Int
    /// The master starts another in its place (`ProcessMaster.restarts`); false for a reload's
    /// retired worker, an abandoned reload's new one, and at a stop.
    public internal(set) var replaced = false

    public init(pid: pid_t, cause: Cause, lifetime: Duration, slot: Int = 0) {
        self.pid = pid
        self.cause = cause
        self.lifetime = lifetime
        self.slot = slot
    }

    /// From a `waitpid` status.
    init(pid: pid_t, waitStatus status: Int32, lifetime: Duration, slot: Int) {
        let signal = status & 0x7f
        self.init(
            pid: pid, cause: signal == 0 ? .exited(status: (status >> 8) & 0xff) : .signalled(signal), lifetime: lifetime, slot: slot)
    }

    /// Anything but a clean exit (a drain, `--max-requests`): a crash, a kill, a failed start.
    public var failed: Bool { cause != .exited(status: 0) }

    public var description: String {
        let after = "after " + Self.seconds(lifetime)
        switch cause {
        case .exited(let status):
            return "worker process \(pid) exited with status \(status) \(after)"
        case .signalled(let signal):
            var text = "worker process \(pid) was killed by \(FastCGIServer.name(of: signal)) \(after)"
            if signal == SIGILL || signal == SIGTRAP {
                text += " (a Swift trap: a force-unwrap of nil, an overflow, an index out of range or a fatalError; see its stderr)"
            }
            return text
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return "\(milliseconds / 1000).\(milliseconds % 1000 / 100) s"
    }
}
