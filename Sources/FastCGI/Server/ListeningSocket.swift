#if canImport(Glibc)
import Glibc
#endif

/// The socket every worker accepts on.
///
///     let socket = try ListeningSocket.open(.unix(path: "/run/api/api.sock"), mode: 0o660, group: "www-data")
///
/// Opened here rather than with `FCGX_OpenSocket`, which unlinks whatever is at the path (a live
/// responder's socket, or a regular file), leaks its descriptor on failure, reports through
/// `perror` and resolves any host name. Here: a live responder is detected and refused, only a
/// stale *socket* file is replaced, errors name errno, and the descriptor is close-on-exec.
public struct ListeningSocket: Sendable {
    public let fd: Int32
    public let address: ListenAddress
    /// Handed over by someone else (systemd, spawn-fcgi, mod_fcgid, a predecessor), and perhaps
    /// shared with sibling processes: a stop never shuts it down (see `AcceptWakeup`).
    public let isInherited: Bool

    /// Wraps a descriptor that is already listening: fd 0 from systemd, spawn-fcgi or mod_fcgid
    /// (systemd's fd 3 is moved there first, see `SocketActivation`).
    /// It counts as inherited: stopping leaves it listening.
    public init(listeningDescriptor fd: Int32, address: ListenAddress) throws(ServerConfigurationError) {
        var accepting: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0, accepting == 1 else {
            throw ServerConfigurationError(
                fd == 0
                    ? "no --listen given and standard input is not a listening socket: pass --listen unix:/path.sock or HOST:PORT, or start the server under systemd socket activation, spawn-fcgi or mod_fcgid"
                    : "descriptor \(fd) is not a listening socket")
        }
        self.fd = fd
        self.address = address
        isInherited = true
    }

    /// - Parameters:
    ///   - mode: a unix socket's permissions (see `ServerConfiguration.socketMode`).
    ///   - group: a unix socket's group, a name or a number (`ServerConfiguration.socketGroup`).
    public static func open(
        _ address: ListenAddress, mode: UInt32 = 0o660, group: String? = nil,
        backlog: Int32 = 1024
    ) throws(ServerConfigurationError) -> ListeningSocket {
        switch address {
        case .inherited:
            // systemd's LISTEN_FDS hand-over (fd 3) joins the others on fd 0.
            try SocketActivation.moveToStandardInput()
            return try ListeningSocket(listeningDescriptor: 0, address: .inherited)
        case .unix(let path):
            // Looked up first: a misspelt group fails before anything is bound.
            let gid = try group.map { name throws(ServerConfigurationError) in try groupID(name) }
            try refuseLiveOrForeign(path: path)
            let socket = try bound(family: AF_UNIX, address: address, backlog: backlog) { fd in
                withUnixAddress(path) { bind(fd, $0, $1) }
            }
            // chown and chmod after bind: the web server's user (www-data) must be able to
            // connect, and nobody else. (Until the chmod the socket has the umask's mode, which
            // lets no other user connect: connecting needs write permission.)
            if let gid, let group, chown(path, uid_t.max, gid) != 0 {
                throw ServerConfigurationError(
                    "cannot give \(path) the group \(group): \(describe(errno: errno)) (the server must run as root or as a member of \(group))"
                )
            }
            guard chmod(path, mode_t(mode)) == 0 else {
                throw ServerConfigurationError("cannot chmod \(path) to \(String(mode, radix: 8)): \(describe(errno: errno))")
            }
            return ListeningSocket(fd: socket.release(), address: address)
        case .tcp(let host, let port):
            var ip = in_addr()
            let literal = host == "localhost" ? "127.0.0.1" : host
            guard inet_pton(AF_INET, literal, &ip) == 1 else {
                throw ServerConfigurationError("--listen \(address): give an IPv4 address such as 127.0.0.1 (host names are not resolved)")
            }
            let socket = try bound(family: AF_INET, address: address, backlog: backlog) { fd in
                var reuse: Int32 = 1  // restart at once even with connections in TIME_WAIT
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
                var sin = sockaddr_in()
                sin.sin_family = sa_family_t(AF_INET)
                sin.sin_port = in_port_t(UInt16(port).bigEndian)
                sin.sin_addr = ip
                return withUnsafePointer(to: &sin) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
            }
            return ListeningSocket(fd: socket.release(), address: address)
        }
    }

    private init(fd: Int32, address: ListenAddress) {
        self.fd = fd
        self.address = address
        isInherited = false
    }

    /// A socket this process opened: shut it down, so blocked accepts return and new
    /// connections are refused at once. An inherited socket is left alone: shutting it down
    /// would refuse connections for systemd and every sibling process too; the workers are
    /// woken by `AcceptWakeup` instead. Requests already accepted are unaffected either way.
    func stopAccepting() {
        guard !isInherited else { return }
        shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Once, by the server that opened or was handed it, when no worker can be in accept.
    func close() {
        FileDescriptor(adopting: fd).close()
    }

    // MARK: - Opening

    private static func bound(
        family: Int32, address: ListenAddress, backlog: Int32,
        bindTo: (Int32) -> Int32
    ) throws(ServerConfigurationError) -> FileDescriptor {
        // Closed by its owner on every failure below, once.
        guard let socket = FileDescriptor.socket(family, Int32(SOCK_STREAM.rawValue)) else {
            throw ServerConfigurationError("socket(): \(describe(errno: errno))")
        }
        guard bindTo(socket.rawValue) == 0 else {
            let error = errno
            let hint = error == EADDRINUSE ? " (another process is listening there)" : ""
            throw ServerConfigurationError("cannot listen on \(address): \(describe(errno: error))\(hint)")
        }
        guard listen(socket.rawValue, backlog) == 0 else {
            throw ServerConfigurationError("listen() on \(address): \(describe(errno: errno))")
        }
        return socket
    }

    /// A group name (`www-data`) or number.
    private static func groupID(_ name: String) throws(ServerConfigurationError) -> gid_t {
        if let number = gid_t(name) { return number }
        var entry = group()
        var found: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let status = getgrnam_r(name, &entry, &buffer, buffer.count, &found)
        guard status == 0, found != nil else {
            let reason = status == 0 ? "no such group" : describe(errno: status)
            throw ServerConfigurationError("--socket-group \(name): \(reason); name a group the web server's user is in, e.g. www-data")
        }
        return entry.gr_gid
    }

    /// A path that exists must be a socket nobody answers on; only then is it unlinked.
    private static func refuseLiveOrForeign(path: String) throws(ServerConfigurationError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw ServerConfigurationError("\(path) exists and is not a socket; refusing to replace it")
        }
        guard let probe = FileDescriptor.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue)) else {
            throw ServerConfigurationError("socket(): \(describe(errno: errno))")
        }
        let connected = withUnixAddress(path) { connect(probe.rawValue, $0, $1) }
        let error = errno
        probe.close()
        if connected == 0 {
            throw ServerConfigurationError(
                "another responder is already listening on unix:\(path); stop it first or choose another --listen path")
        }
        guard error == ECONNREFUSED else {
            throw ServerConfigurationError("cannot check whether \(path) is in use: \(describe(errno: error))")
        }
        // Nobody listens: a socket file left by a responder that died. Replace it.
        guard unlink(path) == 0 || errno == ENOENT else {
            throw ServerConfigurationError("cannot remove the stale socket \(path): \(describe(errno: errno))")
        }
    }
}

/// Calls `body` with a `sockaddr_un` for `path` (which `ListenAddress` keeps under 108 bytes).
func withUnixAddress(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8.prefix(107))
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        raw.copyBytes(from: bytes)
    }
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
}

/// `strerror` text with the errno name's number, e.g. "Permission denied (errno 13)".
func describe(errno error: Int32) -> String {
    "\(String(cString: strerror(error))) (errno \(error))"
}
