import CFastCGI
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What the workers of one server wait on: one epoll set holding the listening socket, every
/// open connection between its requests, and a stop event.
///
/// Why: with keep-alive to the upstream (nginx `fastcgi_keep_conn on` + `keepalive` in the
/// upstream), nginx sends each request on a connection it already has: no connect, accept or
/// close per request, which cuts both sides' CPU per request (docs/profile.md). libfcgi's own
/// model serves a kept connection by blocking on it, so
/// a worker would be pinned to one idle connection and a web server holding more connections
/// than there are workers would see requests wait forever. Here no worker ever waits on one
/// connection: whichever connection has a request ready goes to one idle worker, so any number
/// of kept connections share any number of workers.
///
/// - The listening socket and the connections are registered one-shot: an event goes to
///   exactly one worker, and nobody else is told about that socket until it is re-armed (the
///   listener right after its accept, a connection after its response).
/// - A new connection's first request is served by the worker that accepted it when the web
///   server has written it already (the usual case: it writes as it connects), unless more
///   connections wait behind it: then they all join the ready list here, in the order they came,
///   as kept connections with a request do (`Worker.queueBacklog`: the fairness under overload,
///   issue 15). One that has
///   sent nothing yet waits here for its first bytes, so a peer that connects and stays silent
///   never holds a worker or the listener (libfcgi's accept waited up to 2 s for it, with the
///   listener held). A silent connection is closed after `silenceLimit` (the io timeout), or
///   at a stop.
/// - The stop event (an eventfd, level-triggered, never read) wakes every waiting worker at
///   once. A worker blocked inside accept (a sibling process took the connection it was told
///   about) is still woken by `AcceptWakeup`.
/// - Connections kept between requests are remembered while they wait here (a set: one insert
///   and one removal per request on a kept connection), so a drain can close them: nginx then
///   retries the request it may have been about to send on another connection.
final class ConnectionPoller: Sendable {
    /// Who owns a connection: the poller while it waits here (its number in `kept` or
    /// `silent`, registered in the epoll set), the worker it is handed to through `next()` from
    /// then on (`FileDescriptor`), until the worker gives it back with `watch` or it is closed.
    enum Ready: ~Copyable {
        /// A connection is pending on the listening socket: accept it, then `armListener()`.
        case listener
        /// A kept connection has its next request (or its end) to read.
        case connection(FileDescriptor)
        /// A new connection that was silent when accepted has sent its first bytes (or closed):
        /// its first request, served like one accepted just now (it is not kept yet).
        case firstBytes(FileDescriptor)
        case stopping
    }

    // The poller's own descriptors, closed when it goes (after the last worker let go of it).
    private let epollDescriptor: FileDescriptor
    private let stopEventDescriptor: FileDescriptor
    private let silenceTimerDescriptor: FileDescriptor
    private var epoll: Int32 { epollDescriptor.rawValue }
    private var stopEvent: Int32 { stopEventDescriptor.rawValue }
    private var silenceTimer: Int32 { silenceTimerDescriptor.rawValue }
    private let listenFD: Int32
    private let kept = Mutex<Set<Int32>>([])
    /// How long a new connection may stay silent (`.zero`: as long as it likes).
    private let silenceLimit: Duration
    private let silent = Mutex(SilentConnections())
    // `silenceTimer` fires when the earliest silent connection's time is up (armed only while
    // there is one).

    /// New connections that have not sent anything yet, and when each must have.
    private struct SilentConnections {
        /// By descriptor: the generation its epoll tag carries, and its deadline.
        var waiting: [Int32: (generation: UInt64, deadline: ContinuousClock.Instant)] = [:]
        var lastGeneration: UInt64 = 0
        var timerArmed = false
    }

    private static let listenerTag = UInt64.max
    private static let stopTag = UInt64.max - 1
    private static let timerTag = UInt64.max - 2
    /// A silent connection's tag: this bit, a generation (bits 32...61) and the descriptor. The
    /// generation tells an event for the connection from one for an earlier connection with the
    /// same number, closed as silent by another worker meanwhile.
    private static let silentBit: UInt64 = 1 << 62

    init(listening fd: Int32, silenceLimit: Duration = .zero) throws(ServerConfigurationError) {
        self.silenceLimit = silenceLimit
        // Each one is closed by its owner if a later step fails: no cleanup list to keep right.
        let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw ServerConfigurationError("epoll_create1: \(describe(errno: errno))") }
        epollDescriptor = FileDescriptor(adopting: epoll)
        let stopEvent = eventfd(0, Int32(EFD_CLOEXEC))
        guard stopEvent >= 0 else { throw ServerConfigurationError("eventfd: \(describe(errno: errno))") }
        stopEventDescriptor = FileDescriptor(adopting: stopEvent)
        let silenceTimer = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_CLOEXEC | TFD_NONBLOCK))
        guard silenceTimer >= 0 else { throw ServerConfigurationError("timerfd_create: \(describe(errno: errno))") }
        silenceTimerDescriptor = FileDescriptor(adopting: silenceTimer)
        listenFD = fd
        guard control(EPOLL_CTL_ADD, stopEvent, events: EPOLLIN.rawValue, tag: Self.stopTag),
            control(EPOLL_CTL_ADD, silenceTimer, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue, tag: Self.timerTag),
            control(EPOLL_CTL_ADD, fd, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue, tag: Self.listenerTag)
        else {
            throw ServerConfigurationError("epoll_ctl on the listening socket: \(describe(errno: errno))")
        }
    }

    /// Blocks until something is ready for this worker.
    func next() -> Ready {
        var event = epoll_event()
        while true {
            let count = epoll_wait(epoll, &event, 1, -1)
            if count < 0 && errno != EINTR { return .stopping }  // the set is gone
            guard count == 1 else { continue }  // EINTR: a signal for another purpose
            switch event.data.u64 {
            case Self.stopTag: return .stopping
            case Self.listenerTag: return .listener
            case Self.timerTag: closeSilentConnections()
            case let tag where tag & Self.silentBit != 0:
                let fd = Int32(truncatingIfNeeded: tag)
                if claimSilent(fd, generation: (tag & ~Self.silentBit) >> 32) { return .firstBytes(FileDescriptor(adopting: fd)) }
            case let tag:
                // The worker owns it now: out of `kept`, so a stop's `closeConnections` cannot
                // close it under the worker, and libfcgi closing it needs no bookkeeping here.
                let fd = Int32(truncatingIfNeeded: tag)
                kept.withLock { _ = $0.remove(fd) }
                return .connection(FileDescriptor(adopting: fd))
            }
        }
    }

    // MARK: - Silent new connections

    /// Waits for a new connection's first bytes here rather than in a worker (see the type's
    /// notes). The poller owns it until `next()` hands it out as `.firstBytes`, or closes it.
    func watch(silentConnection connection: consuming FileDescriptor) {
        let fd = connection.rawValue
        let registered = silent.withLock { silent in
            silent.lastGeneration = (silent.lastGeneration + 1) & 0x3FFF_FFFF
            let tag = Self.silentBit | silent.lastGeneration << 32 | UInt64(UInt32(bitPattern: fd))
            // Inside the lock: the sweep must not see it before it is in the set.
            guard control(EPOLL_CTL_ADD, fd, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue, tag: tag) else { return false }
            silent.waiting[fd] = (silent.lastGeneration, .now + silenceLimit)
            if silenceLimit > .zero && !silent.timerArmed {
                armSilenceTimer(in: silenceLimit)
                silent.timerArmed = true
            }
            return true
        }
        if registered { _ = connection.release() } else { connection.close() }
    }

    /// The worker that got the event takes the connection, unless the sweep closed it first (then
    /// the event is stale, and the number may already belong to someone else: hands off).
    private func claimSilent(_ fd: Int32, generation: UInt64) -> Bool {
        silent.withLock { silent in
            guard let entry = silent.waiting[fd], entry.generation == generation else { return false }
            silent.waiting[fd] = nil
            // Out of the set: it joins again, as a kept connection, if the web server keeps it.
            _ = epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nil)
            return true
        }
    }

    /// The timer fired: closes the connections silent past their deadline, then sets the timer
    /// for the next one.
    private func closeSilentConnections() {
        var expirations: UInt64 = 0
        _ = read(silenceTimer, &expirations, MemoryLayout<UInt64>.size)
        silent.withLock { silent in
            let now = ContinuousClock.now
            var next: ContinuousClock.Instant?
            for (fd, entry) in silent.waiting {
                if entry.deadline <= now {
                    // Closed inside the lock: a worker holding an event for it finds it gone.
                    silent.waiting[fd] = nil
                    FileDescriptor(adopting: fd).close()
                } else {
                    next = min(next ?? entry.deadline, entry.deadline)
                }
            }
            if let next { armSilenceTimer(in: next - now) }
            silent.timerArmed = next != nil
        }
        _ = control(EPOLL_CTL_MOD, silenceTimer, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue, tag: Self.timerTag)
    }

    private func armSilenceTimer(in delay: Duration) {
        let (seconds, attoseconds) = max(delay, .nanoseconds(1)).components
        var value = itimerspec(it_interval: timespec(), it_value: timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000)))
        if value.it_value.tv_sec == 0 && value.it_value.tv_nsec == 0 { value.it_value.tv_nsec = 1 }  // 0 would disarm it
        _ = timerfd_settime(silenceTimer, 0, &value, nil)
    }

    /// New connections waiting for their first bytes right now (for tests and reports).
    var silentConnectionCount: Int { silent.withLock { $0.waiting.count } }

    // MARK: - Kept connections

    /// Re-arms the listening socket after a worker took its connection.
    func armListener() {
        _ = control(EPOLL_CTL_MOD, listenFD, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue, tag: Self.listenerTag)
    }

    /// Takes back a connection the web server keeps, to wait for its next request. `wasKept`:
    /// it came from `next()`, so it is registered in the epoll set already (disarmed).
    ///
    /// `kept` holds exactly the connections the poller owns: one joins it here, before it is
    /// armed (an event can hand it to another worker at once), and leaves it in `next()`. (It
    /// once also held the connections being served, and forgot one only after libfcgi had
    /// closed it: another worker could meanwhile accept a new connection under that number,
    /// keep it, and then lose it from the set.)
    func watch(keptConnection connection: consuming FileDescriptor, wasKept: Bool) {
        let fd = connection.release()
        kept.withLock { _ = $0.insert(fd) }
        let tag = UInt64(UInt32(bitPattern: fd))
        // The first time the connection joins the epoll set, later times it is re-armed.
        let operation = wasKept ? EPOLL_CTL_MOD : EPOLL_CTL_ADD
        if !control(operation, fd, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue, tag: tag) {
            // Never armed: still ours alone.
            kept.withLock { _ = $0.remove(fd) }
            FileDescriptor(adopting: fd).close()
        }
    }

    /// A stop's first step: no more connections from the listening socket in this process (a
    /// sibling sharing it takes them), while connections already taken are still served.
    func stopWatchingListener() {
        _ = epoll_ctl(epoll, EPOLL_CTL_DEL, listenFD, nil)
    }

    /// Wakes every worker waiting in `next()`; they all see `.stopping` from then on.
    func wakeAll() {
        var one: UInt64 = 1
        _ = write(stopEvent, &one, MemoryLayout<UInt64>.size)
    }

    /// After the workers exited: closes the connections waiting here, kept and silent, so the
    /// web server sees them go. (The poller's own descriptors go with the poller.)
    func closeConnections() {
        for fd in kept.withLock({ set in
            defer { set.removeAll() }; return set
        }) { FileDescriptor(adopting: fd).close() }
        for fd in silent.withLock({ silent in
            defer { silent.waiting.removeAll() }; return silent.waiting.keys
        }) {
            FileDescriptor(adopting: fd).close()
        }
    }

    /// Connections kept open between requests right now (for tests and reports).
    var keptConnectionCount: Int { kept.withLock { $0.count } }

    private func control(_ operation: Int32, _ fd: Int32, events: UInt32, tag: UInt64) -> Bool {
        var event = epoll_event()
        event.events = events
        event.data.u64 = tag
        return epoll_ctl(epoll, operation, fd, &event) == 0
    }
}
