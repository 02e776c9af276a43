import CFastCGI
import ServerMetrics
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The operator's side door (`--admin-listen`): plain HTTP/1.1 on its own socket, never
/// through the public web server, for the load balancer and Prometheus.
///
///     let admin = try AdminServer(listen: .tcp(host: "127.0.0.1", port: 9100), store: store) {
///         database.isAvailable ? .ready : .notReady("database unavailable")
///     }
///     try admin.start()
///
/// - `GET /health`: 200 while the process (the master) runs.
/// - `GET /ready`: 200 when worker threads are serving (in any of the store's processes: with
///   `--processes`, one process that accepts serves while another restarts or a reload runs)
///   and `readiness` says so; else 503 with the reason as the body.
/// - `GET /metrics`: `MetricsStore.prometheusText()`.
///
/// Deliberately small: GET and HEAD only, a request line and headers of at most 8 kB read
/// within 2 s, one short-lived thread per connection (at most 16 at once, more are closed),
/// `Connection: close` on every answer. A slow `/ready` (its database check may wait for the
/// database's connect timeout) holds up no other endpoint.
public final class AdminServer: Sendable {
    /// What `/ready` reports besides the workers.
    public enum Readiness: Sendable, Equatable {
        case ready
        case notReady(String)
    }

    public let address: ListenAddress
    private let socket: ListeningSocket
    private let store: MetricsStore
    private let readiness: @Sendable () -> Readiness
    private let connections = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)

    static let maxRequestBytes = 8192
    static let readTimeoutMilliseconds: Int32 = 2000
    static let maxConnections = 16

    /// Opens the socket (a busy address fails here, before the server starts).
    public init(
        listen address: ListenAddress, store: MetricsStore, readiness: @escaping @Sendable () -> Readiness = { .ready }
    ) throws(ServerConfigurationError) {
        guard address != .inherited else {
            throw ServerConfigurationError("--admin-listen needs an address: 127.0.0.1:9100 or unix:/run/api/admin.sock")
        }
        socket = try ListeningSocket.open(address, mode: 0o660, backlog: 64)
        self.address = address
        self.store = store
        self.readiness = readiness
    }

    /// Serves on a thread of its own until `stop()`.
    ///
    /// Its threads run with every signal blocked, whenever they are started: the server's
    /// SIGTERM and SIGINT must reach the signal thread's `sigwait` (`runUntilSignalled`), and a
    /// thread that left them unblocked would take them itself (libfcgi's handler only sets a
    /// flag: the server would not stop).
    public func start() throws(ServerConfigurationError) {
        var all = sigset_t(), previous = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_BLOCK, &all, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try startThread(name: "admin-accept") { [self] in acceptLoop() }  // its connections' threads inherit the mask
    }

    /// Stops accepting and closes the socket; answers under way finish.
    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        socket.stopAccepting()
    }

    private func acceptLoop() {
        defer { socket.close() }
        while !stopping.load(ordering: .acquiring) {
            let fd = accept4(socket.fd, nil, nil, Int32(SOCK_CLOEXEC.rawValue))
            guard fd >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if stopping.load(ordering: .acquiring) { return }
                usleep(100_000)  // out of descriptors: back off rather than spin
                continue
            }
            guard connections.add(1, ordering: .relaxed).newValue <= Self.maxConnections else {
                connections.subtract(1, ordering: .relaxed)
                Glibc.close(fd)
                continue
            }
            do {
                try startThread(name: "admin-conn") { [self] in
                    answer(fd)
                    Glibc.close(fd)
                    connections.subtract(1, ordering: .relaxed)
                }
            } catch {
                Glibc.close(fd)
                connections.subtract(1, ordering: .relaxed)
            }
        }
    }

    private func answer(_ fd: Int32) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let response: AdminResponse
        switch AdminRequest.read(from: fd, limit: Self.maxRequestBytes, timeoutMilliseconds: Self.readTimeoutMilliseconds) {
        case .failure(let refusal):
            response = refusal
        case .success(let request):
            response = respond(to: request)
        }
        response.write(to: fd)
        Self.lingeringClose(fd)
    }

    /// Half-closes, then reads what the client may still be sending (briefly): closing with
    /// unread input makes the kernel answer with a reset, which can destroy the response before
    /// the client reads it (a refused oversized request, say). The caller closes.
    private static func lingeringClose(_ fd: Int32) {
        shutdown(fd, Int32(SHUT_WR))
        var scratch = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<16 {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 100) > 0, read(fd, &scratch, scratch.count) > 0 else { return }
        }
    }

    func respond(to request: AdminRequest) -> AdminResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return AdminResponse(status: 405, body: "only GET and HEAD\n", headers: [("Allow", "GET, HEAD")])
        }
        var response: AdminResponse
        switch request.path {
        case "/health":
            response = AdminResponse(status: 200, body: "ok\n")
        case "/ready":
            let workers = store.workersUp
            if workers == 0 {
                response = AdminResponse(status: 503, body: "not ready: no worker is serving\n")
            } else if case .notReady(let reason) = readiness() {
                // One line: libpq's messages come with line breaks and tabs.
                let line = reason.split(whereSeparator: \.isNewline).map { $0.drop { $0 == " " || $0 == "\t" } }.joined(separator: " ")
                response = AdminResponse(status: 503, body: "not ready: \(line)\n")
            } else {
                let processes = store.processCount > 1 ? " in \(store.processesUp) process(es)" : ""
                response = AdminResponse(status: 200, body: "ready: \(workers) worker(s)\(processes)\n")
            }
        case "/metrics":
            response = AdminResponse(status: 200, body: store.prometheusText(), contentType: MetricsStore.contentType)
        default:
            response = AdminResponse(status: 404, body: "not found: /health, /ready and /metrics are served here\n")
        }
        if request.method == "HEAD" { response.omitsBody = true }
        return response
    }
}
