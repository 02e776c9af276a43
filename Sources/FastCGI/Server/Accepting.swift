import CFastCGI
#if canImport(Glibc)
import Glibc
#endif

/// How a worker accepts a connection, and how a stop wakes it without touching the listening
/// socket.
///
/// Workers wait in `ConnectionPoller` (epoll), which tells one of them when a connection is
/// pending; a stop wakes those through the poller's stop event. But the socket may be shared
/// with sibling processes (below), and one of them can take the connection first: the worker
/// told about it then blocks in `accept()` until the next one arrives.
///
/// The problem: a worker blocks in `accept()`; to stop, it must come out. Shutting the socket
/// down does that, but the socket is not always ours to shut: an inherited one (systemd
/// `StandardInput=socket`, spawn-fcgi `-F N`, mod_fcgid) is shared with the process manager and
/// with sibling processes, and after `shutdown()` it refuses every connection for all of them.
/// Closing our descriptor wakes nobody on Linux, and `O_NONBLOCK` would change the shared file
/// description under the siblings. So a stop interrupts the blocked `accept()` with a signal.
///
/// The design, and why each part:
/// - **The workers call `accept` themselves**, then hand the connected descriptor to
///   libfcgi (`FCGXRequest.begin(connection:)`), which only speaks the protocol. libfcgi's own
///   accept cannot be interrupted safely: without `FCGI_FAIL_ACCEPT_ON_INTR` it retries on EINTR
///   (measured: `FCGX_Accept_r` stays blocked), and with it a signal that lands just *after*
///   the accept, in its 2 s wait for the first bytes of a unix connection or its read of the
///   params, makes it close that connection (measured: the web server sees EOF, a 502). Its
///   shutdown flag (`FCGX_ShutdownPending`) is process-wide and never reset, so it would also
///   stop every other server in the process (the tests run several).
/// - **`SIGURG` with a no-op handler installed without `SA_RESTART`**: the interrupted
///   `accept` returns EINTR. `SIGURG` because its default action is to ignore it (an outside
///   `kill -URG` still does nothing, as Go's runtime reasons for the same use); `SIGUSR1` is
///   libfcgi's own "shutdown pending" signal and `SIGUSR2` is left to applications.
/// - **Workers keep `SIGURG` blocked except around `accept`** (and the `poll` of a
///   non-blocking socket): a wake-up can interrupt nothing else — not the params read, not a
///   handler's PostgreSQL query, not a response write. A wake-up that arrives while blocked
///   stays pending and is taken when the worker next unblocks, just before it looks at the stop
///   flag again.
/// - **`FastCGIServer` repeats the wake-up** every 10 ms until every worker has exited (or the
///   drain bound passes): a signal that lands between a worker's look at the stop flag and its
///   entry into `accept` is lost, and the next one finds it in `accept`. The threads are
///   joinable until the drain ends, so `pthread_kill` never names a thread that is gone.
///
/// Sockets the server opened itself (`--listen`) are still shut down at a stop as well: new
/// connections are refused at once (nginx answers 502) rather than left in a backlog that
/// nobody will serve.
enum AcceptWakeup {
    static let signal = SIGURG
    static let interval: Duration = .milliseconds(10)

    /// Installs the no-op handler once per process (`sa_flags` without `SA_RESTART`).
    static let installed: Bool = {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        return sigaction(signal, &action, nil) == 0
    }()

    private static var set: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        return set
    }

    /// Blocks the wake-up signal in the calling thread and returns the previous mask (threads
    /// started now inherit the block, so a worker is never interruptible outside accept).
    static func block() -> sigset_t {
        var set = self.set, previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &set, &previous)
        return previous
    }

    static func restore(_ mask: sigset_t) {
        var mask = mask
        pthread_sigmask(SIG_SETMASK, &mask, nil)
    }

    static func unblock() {
        var set = self.set
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func wake(_ thread: pthread_t) {
        _ = pthread_kill(thread, signal)
    }
}

/// What `ListeningSocket.acceptConnection` gives a worker.
enum Accepted: ~Copyable {
    /// A connected socket, the worker's to serve (or hand to the poller).
    case connection(FileDescriptor)
    /// The server is stopping: return.
    case stopped
    case failed(errno: Int32)
}

extension ListeningSocket {
    /// Waits for the next connection the web server may use. Call with `AcceptWakeup.signal`
    /// blocked; it is unblocked only while waiting. Mirrors what libfcgi's accept does besides
    /// accepting: connections aborted before accept are skipped, `FCGI_WEB_SERVER_ADDRS` is
    /// honoured for TCP peers, TCP_NODELAY is set. libfcgi also waits here up to 2 s for a unix
    /// peer's first bytes; this returns at once instead, so the listener is armed again before
    /// anything is read: a connection that has sent nothing yet waits in the poller
    /// (`ConnectionPoller.watch(silentConnection:)`), never in front of other connections.
    /// The descriptor is close-on-exec from the start (accept4 with SOCK_CLOEXEC, no extra fcntl).
    func acceptConnection(stopping: () -> Bool) -> Accepted {
        while true {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            AcceptWakeup.unblock()
            if stopping() {
                _ = AcceptWakeup.block()
                return .stopped
            }
            let connection = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept4(fd, $0, &length, Int32(SOCK_CLOEXEC.rawValue)) }
            }
            let error = errno
            if connection < 0 && (error == EAGAIN || error == EWOULDBLOCK) {
                // Someone made the shared socket non-blocking (systemd NonBlocking=yes): wait
                // until a connection is there (still interruptible), then race for it.
                var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&ready, 1, -1)
            }
            _ = AcceptWakeup.block()

            guard connection >= 0 else {
                if stopping() { return .stopped }
                switch error {
                case EINTR, EAGAIN, EWOULDBLOCK, ECONNABORTED, EPROTO, ECONNRESET, ETIMEDOUT, EPERM,
                    ENETDOWN, ENETUNREACH, EHOSTDOWN, EHOSTUNREACH, ENONET, ENOPROTOOPT, EOPNOTSUPP:
                    continue  // the connection went away before we took it (accept(2): treat as EAGAIN)
                default:
                    return .failed(errno: error)
                }
            }
            let accepted = FileDescriptor(adopting: connection)
            if Self.usable(connection, family: Int32(address.ss_family), address: address) {
                return .connection(accepted)
            }
            accepted.close()
        }
    }

    /// Whether a connection waits in the accept queue now (one `poll` that does not wait).
    var hasPendingConnection: Bool {
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&ready, 1, 0) > 0 && ready.revents & Int16(POLLIN) != 0
    }

    private static func usable(_ connection: Int32, family: Int32, address: sockaddr_storage) -> Bool {
        switch family {
        case AF_INET, AF_INET6:
            var on: Int32 = 1  // responses are written whole: no Nagle delay
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            guard family == AF_INET, let allowed = allowedWebServers else { return true }
            let peer = withUnsafePointer(to: address) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
            }
            return allowed.contains(peer)
        default:
            return true
        }
    }

    /// `FCGI_WEB_SERVER_ADDRS` (libfcgi's convention): comma-separated IPv4 addresses of the web
    /// servers allowed to connect over TCP; unset or empty allows any.
    private static let allowedWebServers: [in_addr_t]? = {
        guard let raw = getenv("FCGI_WEB_SERVER_ADDRS") else { return nil }
        let list = String(cString: raw)
        guard !list.isEmpty else { return nil }
        return list.split(separator: ",").compactMap { entry in
            var ip = in_addr()
            return inet_pton(AF_INET, String(entry.filter { $0 != " " && $0 != "\t" }), &ip) == 1 ? ip.s_addr : nil
        }
    }()
}
