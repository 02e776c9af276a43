#if canImport(Glibc)
import Glibc
#endif

/// systemd's socket activation protocol (`sd_listen_fds(3)`): a socket unit whose service does
/// not say `StandardInput=socket` hands the listening socket over on fd 3, with
/// `LISTEN_FDS=1` and `LISTEN_PID` set to the service's pid (also what `systemd-socket-activate`
/// does). The server takes such a socket as it takes one on fd 0.
///
///     try SocketActivation.moveToStandardInput()   // fd 3 is now fd 0; LISTEN_* are unset
///
/// The socket is moved to fd 0, where `StandardInput=socket` (and spawn-fcgi, mod_fcgid) put
/// it, so that everything after it is the same for every way of inheriting one: the worker
/// processes' hand-over, the stop that leaves it listening, the log's "inherited fd 0".
enum SocketActivation {
    /// `SD_LISTEN_FDS_START`.
    static let firstDescriptor: Int32 = 3

    /// Moves systemd's socket to fd 0 when `LISTEN_PID` names this process; else does nothing.
    ///
    /// The variables are unset either way once read (as `sd_listen_fds(1)` does): the worker
    /// processes of `--processes` and whatever the application starts inherit the environment,
    /// and must not take fd 3 (a worker's readiness pipe) for a socket.
    static func moveToStandardInput() throws(ServerConfigurationError) {
        guard let pidText = getenv("LISTEN_PID").map({ String(cString: $0) }), pid_t(pidText) == getpid() else { return }
        let countText = getenv("LISTEN_FDS").map { String(cString: $0) } ?? ""
        for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] { unsetenv(name) }
        guard let count = Int(countText), count >= 1 else { return }
        guard count == 1 else {
            throw ServerConfigurationError(
                "systemd passed \(count) sockets (LISTEN_FDS=\(countText)); the server listens on one: give its socket unit a single ListenStream="
            )
        }
        var accepting: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(firstDescriptor, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0, accepting == 1 else {
            throw ServerConfigurationError(
                "systemd's socket (fd 3, LISTEN_FDS=1) is not a listening stream socket: use ListenStream= without Accept=yes")
        }
        guard dup2(firstDescriptor, 0) == 0 else {
            throw ServerConfigurationError("cannot move systemd's socket to fd 0: \(describe(errno: errno))")
        }
        close(firstDescriptor)
    }
}
