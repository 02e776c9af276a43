#if canImport(Glibc)
import Glibc
#endif

extension FastCGIServer {
    /// `run()` until SIGTERM or SIGINT, then drain. A second signal during the drain exits at
    /// once with status 1. SIGUSR1 reopens the log file (logrotate) and serving goes on.
    ///
    ///     let report = try server.runUntilSignalled()
    ///     exit(report.drained ? 0 : 1)
    ///
    /// The signals are blocked in the calling thread before any worker starts, so every thread
    /// inherits the mask and only the dedicated thread's `sigwait` receives them (libfcgi's
    /// own handler would only set a flag that threads blocked in accept never see; its SIGUSR1
    /// handler, "shutdown pending", never runs either, as SIGUSR1 is blocked too); it calls
    /// `stop()`, which wakes the workers in accept without shutting an inherited socket down
    /// (see `AcceptWakeup`; libfcgi's process-wide shutdown flag is not used). Call it
    /// before the process starts threads of its own: a thread that left the signals unblocked
    /// would take the default action and end the process without a drain.
    ///
    /// - Parameters:
    ///   - secondSignalExits: false in a worker process of a `ProcessMaster`: a terminal's ^C or
    ///     systemd's stop reaches the worker and its master alike, and the master then asks it
    ///     to drain once more; only the master's SIGKILL cuts a worker process off.
    ///   - onReady: called once every worker thread has its responder and accepts.
    public func runUntilSignalled(
        _ signals: [Int32] = [SIGTERM, SIGINT], secondSignalExits: Bool = true, onReady: (@Sendable () -> Void)? = nil
    ) throws(ServerConfigurationError) -> ShutdownReport {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals + [Self.reopenSignal] { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let blocked = set
        let log = self.log
        let drainTimeout = configuration.drainTimeout
        try startThread(name: "fcgi-signals") { [self] in
            var set = blocked
            var received: Int32 = 0
            var stopping = false
            while true {
                sigwait(&set, &received)
                if received == Self.reopenSignal {
                    do { try log.reopen() } catch { log.error("received SIGUSR1: \(error)") }
                } else if !stopping {
                    stopping = true
                    log.info(
                        "received \(Self.name(of: received)): no longer accepting; draining \(requestsInFlight) request(s) in flight (up to \(drainTimeout))"
                    )
                    stop()
                } else if secondSignalExits {
                    log.warning("received \(Self.name(of: received)) again: exiting without waiting for requests in flight")
                    _exit(1)
                }
            }
        }
        return try run(onReady: onReady)
    }

    /// logrotate's `postrotate` sends it (gunicorn's spelling). libfcgi installs a handler of
    /// its own for it at `FCGX_Init` (it only sets its shutdown flag, which this server never
    /// reads); the signal is blocked and taken by `sigwait` before that handler could run.
    static let reopenSignal = SIGUSR1

    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        case SIGUSR1: "SIGUSR1"
        case SIGKILL: "SIGKILL"
        case SIGSEGV: "SIGSEGV"
        case SIGILL: "SIGILL"
        case SIGTRAP: "SIGTRAP"
        case SIGABRT: "SIGABRT"
        case SIGBUS: "SIGBUS"
        case SIGFPE: "SIGFPE"
        default: "signal \(signal)"
        }
    }
}
