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
/// close per request (measured with the C transport ceiling: nginx's CPU per request −40 %,
/// the responder's −50 %). libfcgi's own model serves a kept connection by blocking on it, so
/// a worker would be pinned to one idle connection and a web server holding more connections
/// than there are workers would see requests wait forever. Here no worker ever waits on one
/// connection: whichever connection has a request ready goes to one idle worker, so any number
/// of kept connections share any number of workers.
///
/// - The listening socket and the connections are registered one-shot: an event goes to
///   exactly one worker, and nobody else is told about that socket until it is re-armed (the
///   listener right after its accept, a connection after its response).
/// - A new connection's first request is served by the worker that accepted it (after a 2 s
///   guard for a silent unix peer, as libfcgi's accept has); only between requests does a
///   connection wait here, so a stop never strands a connection that was accepted.
/// - The stop event (an eventfd, level-triggered, never read) wakes every waiting worker at
///   once. A worker blocked inside accept (a sibling process took the connection it was told
///   about) is still woken by `AcceptWakeup`.
/// - Connections kept between requests are remembered (a set touched once per connection
///   life, not per request), so a drain can close them: nginx then retries the request it
///   may have been about to send on another connection.
final class ConnectionPoller: Sendable {
    enum Ready {
        /// A connection is pending on the listening socket: accept it, then `armListener()`.
        case listener
        /// A kept connection has its next request (or its end) to read.
        case connection(Int32)
        case stopping
    }

    private let epoll: Int32
    private let stopEvent: Int32
    private let listenFD: Int32
    private let kept = Mutex<Set<Int32>>([])

    private static let listenerTag = UInt64.max
    private static let stopTag = UInt64.max - 1

    init(listening fd: Int32) throws(ServerConfigurationError) {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw ServerConfigurationError("epoll_create1: \(describe(errno: errno))") }
        stopEvent = eventfd(0, Int32(EFD_CLOEXEC))
        guard stopEvent >= 0 else {
            let error = errno
            Glibc.close(epoll)
            throw ServerConfigurationError("eventfd: \(describe(errno: error))")
        }
        listenFD = fd
        guard control(EPOLL_CTL_ADD, stopEvent, events: EPOLLIN.rawValue, tag: Self.stopTag),
              control(EPOLL_CTL_ADD, fd, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue, tag: Self.listenerTag) else {
            let error = errno
            Glibc.close(stopEvent)
            Glibc.close(epoll)
            throw ServerConfigurationError("epoll_ctl on the listening socket: \(describe(errno: error))")
        }
    }

    /// Blocks until something is ready for this worker.
    func next() -> Ready {
        var event = epoll_event()
        while true {
            let count = epoll_wait(epoll, &event, 1, -1)
            if count == 1 { break }
            // EINTR (a signal for another purpose); anything else means the set is gone.
            if count < 0 && errno != EINTR { return .stopping }
        }
        switch event.data.u64 {
        case Self.stopTag: return .stopping
        case Self.listenerTag: return .listener
        case let tag: return .connection(Int32(truncatingIfNeeded: tag))
        }
    }

    /// Re-arms the listening socket after a worker took its connection.
    func armListener() {
        _ = control(EPOLL_CTL_MOD, listenFD, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue, tag: Self.listenerTag)
    }

    /// Watches a connection the web server keeps for its next request. `wasKept`: its request
    /// came from `next()`, so it is in the set (and remembered) already.
    func watch(keptConnection fd: Int32, wasKept: Bool) {
        if !wasKept { kept.withLock { _ = $0.insert(fd) } }
        let tag = UInt64(UInt32(bitPattern: fd))
        // The first time the connection joins the set, later times it is re-armed.
        let operation = wasKept ? EPOLL_CTL_MOD : EPOLL_CTL_ADD
        if !control(operation, fd, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue, tag: tag) {
            forget(fd)
            _ = Glibc.close(fd)
        }
    }

    /// A kept connection was closed (by libfcgi at its end, or by a worker at a stop).
    ///
    /// libfcgi closes inside `FCGX_Accept_r`, before this runs: in that instant another worker
    /// may accept a new connection under the same number, keep it, and have it forgotten here.
    /// The cost is bounded: such a connection is not closed by `close()` at a stop, only when
    /// the process exits or the web server closes it.
    func forget(_ fd: Int32) {
        kept.withLock { _ = $0.remove(fd) }
    }

    /// Wakes every worker waiting in `next()`; they all see `.stopping` from then on.
    func wakeAll() {
        var one: UInt64 = 1
        _ = write(stopEvent, &one, MemoryLayout<UInt64>.size)
    }

    /// After the workers exited: closes the kept connections and the poller itself.
    func close() {
        for fd in kept.withLock({ set in defer { set.removeAll() }; return set }) { _ = Glibc.close(fd) }
        Glibc.close(stopEvent)
        Glibc.close(epoll)
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
