import Dispatch
import ServerMetrics
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A FastCGI responder: `configuration.workers` threads, each with its own responder, answer
/// requests from the web server on one listening socket.
///
///     var configuration = ServerConfiguration()
///     configuration.listen = .unix(path: "/run/api/api.sock")
///     let server = try FastCGIServer(configuration: configuration) { worker in
///         ClosureResponder { request in .json(200, #"{"path":"\#(request.path)"}"#) }
///     }
///     let report = try server.runUntilSignalled()   // SIGTERM/SIGINT: drain, then return
///
/// Lifecycle: `init` opens the socket (so a busy address fails before anything starts);
/// `run()` starts the workers, each creating its responder on its own thread, and blocks until
/// `stop()` (any thread) or a signal; then it waits up to `drainTimeout` for requests in
/// flight. Stopping wakes the waiting workers without touching the socket when it
/// was inherited (systemd, spawn-fcgi, mod_fcgid: the socket keeps listening for the other
/// processes sharing it and for the next server, and connections wait in its backlog); a socket
/// the server opened itself is shut down, so new connections are refused at once (nginx
/// answers 502 rather than queueing). See `AcceptWakeup` for how, and `Worker` for why the
/// model is threads in one process.
///
/// Keep-alive to the upstream (nginx: `fastcgi_keep_conn on` with `keepalive` in the upstream
/// block) is supported and recommended: idle kept connections wait in the `ConnectionPoller`,
/// not in a worker, so any number of them share the workers, and a drain closes them.
public final class FastCGIServer: Sendable {
    public let configuration: ServerConfiguration
    public let log: ServerLog
    private let makeResponder: ResponderFactory
    private let state: ServerState
    private let hasRun = Atomic<Bool>(false)

    /// Opens the listening socket (and the log file, when configured). Ignores SIGPIPE for the
    /// whole process: a web server that goes away mid-response must cost a failed write, not
    /// the process. `metrics`: where the workers count requests and their time, busy and idle
    /// workers (`MetricsStore.process(_:)`; the responders set `Response.metricsRoute`).
    public init(
        configuration: ServerConfiguration, log: ServerLog? = nil, metrics: ProcessMetrics? = nil,
        responderFactory: @escaping ResponderFactory
    ) throws(ServerConfigurationError) {
        signal(SIGPIPE, SIG_IGN)
        guard LibFCGI.initialized else { throw ServerConfigurationError("FCGX_Init failed") }
        let configuration = try configuration.validated()
        self.configuration = configuration
        if let log { self.log = log } else { self.log = try ServerLog(configuration) }
        let socket = try ListeningSocket.open(
            configuration.listen, mode: configuration.socketMode, group: configuration.socketGroup,
            backlog: configuration.backlog)
        let poller: ConnectionPoller
        do {
            poller = try ConnectionPoller(listening: socket.fd, silenceLimit: configuration.ioTimeout)
        } catch {
            if !socket.isInherited { socket.close() }
            throw error
        }
        state = ServerState(socket: socket, poller: poller, requestLimit: configuration.requestLimit, metrics: metrics)
        makeResponder = responderFactory
    }

    /// Where the server listens.
    public var address: ListenAddress { state.socket.address }
    public var requestsInFlight: Int { state.requestsInFlight }
    /// Requests answered 503 because they waited past `maxQueueWait` (for metrics).
    public var requestsRefusedForQueueWait: Int { state.requestsRefusedForQueueWait }
    /// The server stopped itself after `configuration.maxRequests` (plus jitter) requests.
    public var reachedRequestLimit: Bool { state.reachedRequestLimit }
    /// Connections the web server keeps open between requests, waiting for their next one.
    public var keptConnections: Int { state.poller.keptConnectionCount }
    /// New connections that have sent nothing yet, waiting for their first bytes (at most
    /// `ioTimeout`) outside the workers.
    public var silentConnections: Int { state.poller.silentConnectionCount }

    /// Whether a stop has begun (`stop()`, a signal, a fatal accept error, the request limit).
    public var isStopping: Bool { state.isStopping }

    /// Stops accepting; `run()` then drains and returns. Safe from any thread, idempotent.
    public func stop() {
        state.requestStop()
    }

    /// Serves until `stop()`, then waits up to `drainTimeout` for requests in flight. Throws
    /// when a worker could not create its responder (nothing was served then) or could not
    /// accept; the other workers are drained first.
    public func run(onReady: (@Sendable () -> Void)? = nil) throws(ServerConfigurationError) -> ShutdownReport {
        guard !hasRun.exchange(true, ordering: .acquiringAndReleasing) else {
            throw ServerConfigurationError("FastCGIServer.run() may be called only once")
        }
        guard AcceptWakeup.installed else {
            throw ServerConfigurationError("cannot install the SIGURG handler that wakes the workers at a stop")
        }
        // Workers inherit the wake-up signal blocked: only their wait in accept unblocks it.
        let mask = AcceptWakeup.block()
        var threads: [pthread_t] = []
        do {
            for index in 0..<configuration.workers {
                let worker = Worker(index: index, configuration: configuration, state: state, log: log, makeResponder: makeResponder)
                threads.append(try startThread(name: "fcgi-worker-\(index)", detached: false) { worker.run() })
            }
        } catch {
            state.requestStop(failure: error.description)
        }
        AcceptWakeup.restore(mask)
        for _ in threads { state.workerStarted.wait() }
        for _ in threads { state.startGate.signal() }
        if !state.isStopping { onReady?() }

        state.stopRequested.wait()
        awaitTakenConnections()
        state.poller.wakeAll()
        let report = drain(threads)
        if let failure = state.failureReason { throw ServerConfigurationError(failure) }
        return report
    }

    /// Before the workers see the stop: a connection this process accepted is answered, not
    /// closed unserved. One accepted before its peer wrote (silent: nginx connects, then
    /// writes) waits in the poller for its first bytes, and connections accepted in a burst
    /// wait in its ready list (`Worker.queueBacklog`); woken for the stop at once, the workers
    /// left both, and their requests failed at the web server (seen once as a failed request in
    /// InheritedSocketTests, a server stopping while another shares its socket). So the stop
    /// waits until no connection is silent and no request has run for two looks 2 ms apart,
    /// at most a second (or the drain timeout, if shorter): a peer that stays silent, or kept
    /// connections that keep bringing requests, cannot hold the stop longer.
    private func awaitTakenConnections() {
        let limit = ContinuousClock.now + min(.seconds(1), configuration.drainTimeout)
        var quietLooks = 0
        while quietLooks < 2 && ContinuousClock.now < limit {
            let quiet = state.poller.silentConnectionCount == 0 && state.requestsInFlight == 0
            quietLooks = quiet ? quietLooks + 1 : 0
            if quietLooks < 2 { usleep(2_000) }
        }
    }

    /// Wakes the workers waiting in accept, again every `AcceptWakeup.interval` (a wake-up
    /// that arrives just before a worker enters accept is lost), until all have exited or the
    /// drain timeout passes. Busy workers have the signal blocked: it waits, pending, until
    /// they finish their request and look at the stop flag.
    private func drain(_ threads: [pthread_t]) -> ShutdownReport {
        let deadline = DispatchTime.now() + configuration.drainTimeout.nanoseconds
        let interval = AcceptWakeup.interval.nanoseconds
        var exited = 0
        while exited < threads.count {
            for thread in threads { AcceptWakeup.wake(thread) }
            let now = DispatchTime.now()
            if now >= deadline { break }
            if state.workerExited.wait(timeout: min(deadline, now + interval)) == .success { exited += 1 }
        }
        // Not joined: a worker still busy at the deadline may run on (the process exits anyway).
        for thread in threads { pthread_detach(thread) }
        // Closed only when no worker can still be inside accept or serving: a descriptor
        // number reused by then would otherwise be accepted or read on. The connections the
        // web server kept open between requests are closed with the poller.
        if exited == threads.count {
            state.poller.closeConnections()
            state.socket.close()
        }
        return ShutdownReport(requestsServed: state.requestsServed, workersStillBusy: threads.count - exited)
    }
}

private extension Duration {
    var nanoseconds: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
