#if canImport(Glibc)
import Glibc
#endif

/// One worker thread: it makes its responder, then accepts and answers one request at a time.
///
/// Why threads in one process (and not processes, or async tasks): a request that waits on
/// PostgreSQL blocks a thread, not a core, so 2×cores threads keep the cores busy; threads
/// share the route table and caches; each costs ~10–17 kB of RSS; processes would multiply RSS
/// and database connections. All workers accept on the one socket (no lock needed) and the
/// kernel hands each connection to one of them; libfcgi then reads the request on it (see
/// `AcceptWakeup` for why the worker, not libfcgi, accepts). Scale out with more processes or
/// machines behind nginx.
///
/// A worker runs with `AcceptWakeup.signal` blocked (inherited from `FastCGIServer.run()`), so
/// a stop's wake-up can only interrupt its wait in accept, never a request.
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

        var slot = FCGXRequest()
        var warnedAboutKeepAlive = false
        while true {
            let status: Int32
            if slot.hasConnection {
                // The web server kept the connection (fastcgi_keep_conn): its next request comes
                // on it. A stop closes it between requests (the slot's deinit).
                if state.isStopping { return }
                status = slot.nextOnKeptConnection()
            } else {
                switch state.socket.acceptConnection(stopping: { state.isStopping }) {
                case .stopped:
                    return
                case .connection(let fd):
                    status = slot.begin(connection: fd)
                case .failed(let error) where Self.isTransient(error):
                    // Out of descriptors or memory: back off instead of spinning or dying.
                    log.error("worker \(index): accept failed: \(describe(errno: error)); retrying")
                    usleep(100_000)
                    continue
                case .failed(let error):
                    state.requestStop(failure: "worker \(index): accept failed: \(describe(errno: error))")
                    return
                }
            }
            // The connection ended without a complete request (libfcgi closed it): next one.
            guard status >= 0 else { continue }
            if slot.keepsConnection && !warnedAboutKeepAlive {
                warnedAboutKeepAlive = true
                log.warning("the web server keeps FastCGI connections open (fastcgi_keep_conn on): an idle kept connection pins a worker; turn it off")
            }
            serve(slot, with: &responder)
        }
    }

    private func serve(_ slot: borrowing FCGXRequest, with responder: inout any Responder) {
        let started = ContinuousClock.now
        state.requestStarted()
        defer { state.requestFinished() }

        var request = Request(params: slot.params())
        let contentLength = request.contentLength.flatMap { $0 >= 0 ? $0 : nil }
        let response: Response
        switch slot.readBody(contentLength: contentLength, limit: configuration.maxBodySize) {
        case .tooLarge:
            response = .payloadTooLarge
        case .incomplete:
            response = .json(400, #"{"detail":"Request body is incomplete."}"#)
        case .complete(let body):
            request.body = body
            do {
                response = try responder.respond(to: request)
            } catch {
                log.error("worker \(index): \(request.method) \(LogFormat.printable(request.path)) failed: \(String(reflecting: error))")
                response = .serverError
            }
        }
        let written = slot.write(response.cgiEncoded())
        // Measured before finish: Debian's libfcgi closes by shutting down its side and then
        // waiting (up to 2 s of silence) for the web server to close, which is not request time.
        let duration = ContinuousClock.now - started
        slot.finish()
        log.access(method: request.method, path: request.path, query: request.queryString, status: response.status,
                   bytes: response.body.count, duration: duration,
                   remoteAddress: request.remoteAddress, worker: index, clientGone: !written)
    }

    private static func isTransient(_ error: Int32) -> Bool {
        error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM
    }
}
