#if canImport(Glibc)
import Glibc
#endif

/// One worker thread: it makes its responder, then answers one request at a time from whichever
/// connection is ready (`ConnectionPoller`), accepting new connections when told to.
///
/// Why threads in one process (and not processes, or async tasks): a request that waits on
/// PostgreSQL blocks a thread, not a core, so 2×cores threads keep the cores busy; threads
/// share the route table and caches; each costs little RSS; processes would multiply RSS
/// and database connections. All workers wait on one epoll set (`ConnectionPoller`), which
/// gives each ready connection to one of them; libfcgi then reads the request on it (see
/// `AcceptWakeup` for why the worker, not libfcgi, accepts). Scale out with more processes or
/// machines behind nginx.
///
/// A worker runs with `AcceptWakeup.signal` blocked (inherited from `FastCGIServer.run()`), so
/// a stop's wake-up signal can only interrupt its accept, never a request; waiting workers are
/// woken by the poller's stop event.
struct Worker {
    let index: Int
    let configuration: ServerConfiguration
    let state: ServerState
    let log: ServerLog
    let makeResponder: ResponderFactory

    /// The thread's whole life. Only `Sendable` values came in; the responder and the libfcgi
    /// request are created here and never leave this thread.
    func run() {
        defer { state.workerExited.signal() }
        var responder: any Responder
        do {
            responder = try makeResponder(index)
        } catch {
            state.requestStop(failure: "worker \(index) could not create its responder: \(error)")
            state.workerStarted.signal()
            return
        }
        state.workerStarted.signal()
        state.startGate.wait()
        guard !state.isStopping else { return }
        state.metrics?.workerStarted()
        defer { state.metrics?.workerExited() }

        var slot = FCGXRequest()
        let poller = state.poller
        let limits = ReadLimits(configuration)
        while true {
            switch poller.next() {
            case .stopping:
                return
            case .listener:
                let accepted = state.socket.acceptConnection(stopping: { state.isStopping })
                switch consume accepted {
                case .stopped:
                    return
                case .connection(let connection):
                    Self.limitWaits(on: connection.rawValue, limits, ioTimeout: configuration.ioTimeout)
                    if state.socket.hasPendingConnection {
                        // A backlog: queue them all behind what is ready now (see `queueBacklog`).
                        queueBacklog(startingWith: connection, limits: limits)
                        poller.armListener()
                        continue
                    }
                    poller.armListener()  // at once: the next connection is another worker's
                    if Self.hasInput(connection.rawValue) {
                        // The usual case: the web server wrote its request as it connected. The
                        // first request is served by the worker that accepted it, a stop
                        // notwithstanding: a connection taken from the socket that has a
                        // request is always answered.
                        serveConnection(connection, wasKept: false, slot: &slot, responder: &responder, limits: limits)
                    } else {
                        // Nothing sent yet: it waits in the poller, not in this worker, so a
                        // peer that connects and stays silent holds up nobody (at a stop it is
                        // closed unserved; past the io timeout as well).
                        poller.watch(silentConnection: connection)
                    }
                case .failed(let error) where Self.isTransient(error):
                    poller.armListener()
                    // Out of descriptors or memory: back off instead of spinning or dying.
                    log.error("worker \(index): accept failed: \(describe(errno: error)); retrying")
                    usleep(100_000)
                case .failed(let error):
                    state.requestStop(failure: "worker \(index): accept failed: \(describe(errno: error))")
                    return
                }
            case .connection(let connection):
                serveConnection(connection, wasKept: true, slot: &slot, responder: &responder, limits: limits)
            case .firstBytes(let connection):
                serveConnection(connection, wasKept: false, slot: &slot, responder: &responder, limits: limits)
            }
        }
    }

    /// Moves the connections waiting in the kernel's accept queue into the poller's ready list,
    /// in the order they came, so they are served in turn with the kept connections.
    ///
    /// Why: the listening socket is one entry in the poller's ready list however many
    /// connections wait behind it, and it rejoins the end of that list after each accept. Under
    /// overload, with nginx keeping connections, every kept connection's next request was served
    /// once per round while the accept queue moved one connection per round: measured in the
    /// scale series (1,000,000 users, 32 requests on 8 workers), the 32 connections nginx opened
    /// at the start of a run were accepted one every ~0.5 s, the last after ~10 s, while kept
    /// connections were served in ~1 s (p99 8-9 s against a p50 of 1.1-1.5 s; docs/profile.md).
    /// Queued here, a new connection waits at most one round for the listener's turn and one
    /// round in the list, as a kept connection does.
    ///
    /// At most `4 × workers` connections per turn, so one process of several sharing the
    /// socket (`--processes`) cannot take a whole burst that its siblings could serve. Each is
    /// queued, the first too: an `accept` here can block when a sibling process took the
    /// connection that `poll` saw, and then this worker holds nobody's request while it waits.
    private func queueBacklog(startingWith first: consuming FileDescriptor, limits: ReadLimits) {
        queue(first)
        var taken = 1
        while taken < 4 * configuration.workers, state.socket.hasPendingConnection {
            switch state.socket.acceptConnection(stopping: { state.isStopping }) {
            case .connection(let connection):
                Self.limitWaits(on: connection.rawValue, limits, ioTimeout: configuration.ioTimeout)
                queue(connection)
                taken += 1
            case .stopped:
                return  // the worker's loop meets the stop at its next turn
            case .failed:
                return  // and the failure at the listener's next turn
            }
        }
    }

    /// One accepted connection into the poller: with its first request written, it waits in the
    /// ready list like a kept connection with its next one; silent, it waits for its first bytes.
    private func queue(_ connection: consuming FileDescriptor) {
        if Self.hasInput(connection.rawValue) {
            state.poller.watch(keptConnection: connection, wasKept: false)
        } else {
            state.poller.watch(silentConnection: connection)
        }
    }

    /// Serves the next request on `connection`, then hands a connection the web server keeps
    /// to the poller for its next request (or closes it at a stop). `wasKept`: it came from the
    /// poller's set (see `ConnectionPoller.watch(keptConnection:wasKept:)`).
    ///
    /// Ownership: the worker's from `next()` or accept, libfcgi's from `begin` (which closes a
    /// connection that fails), the worker's again from `takeKeptConnection`, then the poller's.
    private func serveConnection(
        _ connection: consuming FileDescriptor, wasKept: Bool, slot: inout FCGXRequest,
        responder: inout any Responder, limits: ReadLimits
    ) {
        let poller = state.poller
        let fd = connection.rawValue  // for the read deadline's socket options only
        let started = ContinuousClock.now
        // The request begins now: its params and body must arrive by `requestTimeout` from here.
        var deadline = limits.request > 0 ? ReadDeadline(connection: fd, limits: limits) : nil
        // The connection ended without a complete request: libfcgi has closed it.
        guard slot.begin(connection: connection) >= 0 else { return }
        serve(slot, started: started, deadline: &deadline, with: &responder)
        if let open = slot.takeKeptConnection() {
            // The web server keeps the connection (fastcgi_keep_conn): its next request goes to
            // whichever worker is free then. At a stop it is closed instead.
            if state.isStopping {
                open.close()
            } else {
                poller.watch(keptConnection: open, wasKept: wasKept)
            }
        }
    }

    private func serve(
        _ slot: borrowing FCGXRequest, started: ContinuousClock.Instant, deadline: inout ReadDeadline?,
        with responder: inout any Responder
    ) {
        state.requestStarted()
        state.metrics?.requestStarted()
        defer {
            state.requestFinished()
            state.metrics?.requestFinished()
        }

        var request = slot.request()
        let contentLength = request.contentLength.flatMap { $0 >= 0 ? $0 : nil }
        let response: Response
        // The body is left unread (413, 408, 503): the client may still be sending it.
        var abandoned = false
        if let refusal = queueWaitRefusal(slot) {
            response = refusal
            abandoned = true
        } else {
            switch slot.readBody(contentLength: contentLength, limit: configuration.maxBodySize, within: &deadline) {
            case .tooLarge:
                response = .payloadTooLarge
                abandoned = true
            case .incomplete:
                response = .incompleteBody
            case .timedOut:
                response = .requestTimeout
                abandoned = true
            case .complete(let body):
                request.body = body
                do {
                    response = try responder.respond(to: request)
                } catch {
                    log.error(
                        "worker \(index): \(LogFormat.printable(request.method)) \(LogFormat.printable(request.path)) failed: \(String(reflecting: error))",
                        requestID: request.requestID)
                    response = .serverError
                }
            }
        }
        // The web server's id goes back to the client (and whoever it reports a problem to) in
        // X-Request-ID, written with the head rather than added to the headers (no copy of them).
        let written = slot.write(response.cgiEncoded(requestID: request.requestID))
        // Measured before finish: Debian's libfcgi closes by shutting down its side and then
        // waiting (up to 2 s of silence) for the web server to close, which is not request time.
        let duration = ContinuousClock.now - started
        slot.finish(abandoningInput: abandoned)
        if let metrics = state.metrics {
            metrics.recordRequest(
                route: response.metricsRoute, method: request.method, status: response.status, nanoseconds: duration.wholeNanoseconds)
        }
        guard log.accessLogEnabled else { return }
        log.access(
            LogLine.Access(
                method: request.method, path: request.path, query: request.queryString, status: response.status,
                bytes: response.body.count, duration: duration, remoteAddress: request.remoteAddress, worker: index,
                clientGone: !written, requestID: request.requestID))
    }

    /// `--max-queue-wait`: the 503 for a request that waited past it for a worker (the view does
    /// not run), nil to serve it. Tells the observer and the metrics (`srf_queue_wait_seconds`)
    /// the wait either way. Off (no limit, no observer, no metrics: the default), this is three
    /// comparisons per request; on, a param lookup and a clock read (`QueueWait`).
    private func queueWaitRefusal(_ slot: borrowing FCGXRequest) -> Response? {
        let limit = configuration.maxQueueWait
        guard limit > .zero || configuration.queueWaitObserver != nil || state.metrics != nil,
            let stamp = slot.param(QueueWait.param),
            let waited = QueueWait(limit: limit).waited(stamp: stamp, now: QueueWait.now())
        else { return nil }
        let refused = limit > .zero && waited > limit
        if refused { state.requestRefusedForQueueWait() }
        state.metrics?.recordQueueWait(nanoseconds: waited.wholeNanoseconds)
        configuration.queueWaitObserver?(waited, refused)
        return refused ? QueueWait.refusal(limit: limit) : nil
    }

    /// `ServerConfiguration.ioTimeout` on a new connection: a read or write that waits longer
    /// fails, libfcgi closes the connection, and the worker is free again. A read waits no
    /// longer than `requestTimeout` either: the params are read inside libfcgi, where only this
    /// bounds a read (see `ReadDeadline`). Set once per connection (kept connections carry it
    /// from request to request).
    private static func limitWaits(on fd: Int32, _ limits: ReadLimits, ioTimeout: Duration) {
        if limits.perRead > 0 { ReadDeadline.setReceiveTimeout(fd, nanoseconds: limits.perRead) }
        if ioTimeout > .zero {
            var value = timeval(ioTimeout)
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    /// Whether the web server has written anything yet (or closed): one `poll` that does not wait.
    private static func hasInput(_ fd: Int32) -> Bool {
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&ready, 1, 0) != 0
    }

    private static func isTransient(_ error: Int32) -> Bool {
        error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM
    }
}

extension Duration {
    /// Whole nanoseconds, 0 for a negative duration (for the metrics' histograms).
    var wholeNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}
