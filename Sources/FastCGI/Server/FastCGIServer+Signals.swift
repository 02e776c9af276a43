#if canImport(Glibc)
import Glibc
#endif

extension FastCGIServer {
    /// `run()` until SIGTERM or SIGINT, then drain. A second signal during the drain exits at
    /// once with status 1.
    ///
    ///     let report = try server.runUntilSignalled()
    ///     exit(report.drained ? 0 : 1)
    ///
    /// The signals are blocked in the calling thread before any worker starts, so every thread
    /// inherits the mask and only the dedicated thread's `sigwait` receives them (libfcgi's
    /// own handler would only set a flag that threads blocked in accept never see); it calls
    /// `stop()`, which wakes the workers in accept without shutting an inherited socket down
    /// (see `AcceptWakeup`; libfcgi's process-wide shutdown flag is not used). Call it
    /// before the process starts threads of its own: a thread that left the signals unblocked
    /// would take the default action and end the process without a drain.
    public func runUntilSignalled(_ signals: [Int32] = [SIGTERM, SIGINT]) throws(ServerConfigurationError) -> ShutdownReport {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let blocked = set
        let log = self.log
        let drainTimeout = configuration.drainTimeout
        try startThread(name: "fcgi-signals") { [self] in
            var set = blocked
            var received: Int32 = 0
            sigwait(&set, &received)
            log.info(
                "received \(Self.name(of: received)): no longer accepting; draining \(requestsInFlight) request(s) in flight (up to \(drainTimeout))"
            )
            stop()
            sigwait(&set, &received)
            log.warning("received \(Self.name(of: received)) again: exiting without waiting for requests in flight")
            _exit(1)
        }
        return try run()
    }

    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        default: "signal \(signal)"
        }
    }
}
