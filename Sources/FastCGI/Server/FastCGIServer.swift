import Dispatch
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
/// flight. Stopping shuts the listening socket down: blocked accepts return at once and new
/// connections are refused (nginx answers 502 rather than queueing). See `Worker` for why the
/// model is threads in one process.
///
/// Keep-alive to the upstream (`fastcgi_keep_conn`) should stay off: a kept connection pins its
/// worker while idle, and a drain then waits for the web server to close it.
public final class FastCGIServer: Sendable {
    public let configuration: ServerConfiguration
    public let log: ServerLog
    private let makeResponder: ResponderFactory
    private let state: ServerState
    private let hasRun = Atomic<Bool>(false)

    /// Opens the listening socket (and the log file, when configured). Ignores SIGPIPE for the
    /// whole process: a web server that goes away mid-response must cost a failed write, not
    /// the process.
    public init(configuration: ServerConfiguration, log: ServerLog? = nil,
                responderFactory: @escaping ResponderFactory) throws(ServerConfigurationError) {
        signal(SIGPIPE, SIG_IGN)
        guard LibFCGI.initialized else { throw ServerConfigurationError("FCGX_Init failed") }
        let configuration = try configuration.validated()
        self.configuration = configuration
        if let log {
            self.log = log
        } else if let path = configuration.logFile {
            self.log = try ServerLog(path: path, accessLog: configuration.accessLog)
        } else {
            self.log = ServerLog(accessLog: configuration.accessLog)
        }
        let socket = try ListeningSocket.open(configuration.listen, mode: configuration.socketMode, backlog: configuration.backlog)
        state = ServerState(socket: socket)
        makeResponder = responderFactory
    }

    /// Where the server listens.
    public var address: ListenAddress { state.socket.address }
    public var requestsInFlight: Int { state.requestsInFlight }

    /// Stops accepting; `run()` then drains and returns. Safe from any thread, idempotent.
    public func stop() {
        state.requestStop()
    }

    /// Serves until `stop()`, then waits up to `drainTimeout` for requests in flight. Throws
    /// when a worker could not create its responder (nothing was served then) or could not
    /// accept; the other workers are drained first.
    public func run() throws(ServerConfigurationError) -> ShutdownReport {
        guard !hasRun.exchange(true, ordering: .acquiringAndReleasing) else {
            throw ServerConfigurationError("FastCGIServer.run() may be called only once")
        }
        let workers = configuration.workers
        var started = 0
        do {
            for index in 0..<workers {
                let worker = Worker(index: index, configuration: configuration, state: state, log: log, makeResponder: makeResponder)
                try startThread(name: "fcgi-worker-\(index)") { worker.run() }
                started += 1
            }
        } catch {
            state.requestStop(failure: error.description)
        }
        for _ in 0..<started { state.workerStarted.wait() }
        for _ in 0..<started { state.startGate.signal() }

        state.stopRequested.wait()
        let report = drain(workers: started)
        if let failure = state.failureReason { throw ServerConfigurationError(failure) }
        return report
    }

    private func drain(workers: Int) -> ShutdownReport {
        let (seconds, attoseconds) = configuration.drainTimeout.components
        let deadline = DispatchTime.now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        var exited = 0
        while exited < workers, state.workerExited.wait(timeout: deadline) == .success {
            exited += 1
        }
        // Closed only when no worker can still be inside accept: a descriptor number reused
        // by then would otherwise be accepted on.
        if exited == workers { state.socket.close() }
        return ShutdownReport(requestsServed: state.requestsServed, workersStillBusy: workers - exited)
    }
}
