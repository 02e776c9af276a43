/// Where the responder listens for the web server.
///
///     try ListenAddress(parsing: "unix:/run/api/api.sock") // .unix(path: "/run/api/api.sock")
///     try ListenAddress(parsing: "127.0.0.1:9000")         // .tcp(host: "127.0.0.1", port: 9000)
///     ListenAddress.inherited                               // fd 0 (spawn-fcgi, mod_fcgid)
public enum ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// A unix socket at this path (created; a stale file left by a dead responder is replaced).
    case unix(path: String)
    /// A TCP socket. libfcgi binds IPv4 only; give an explicit host (`:9000` alone would bind
    /// every interface, so it is refused).
    case tcp(host: String, port: Int)
    /// The listening socket the parent process left on file descriptor 0.
    case inherited

    /// `option` names the flag in error messages (`--listen`, `--admin-listen`).
    public init(parsing text: String, option: String = "--listen") throws(ServerConfigurationError) {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            guard path.hasPrefix("/") else {
                throw ServerConfigurationError("\(option) \(text): give an absolute socket path, e.g. unix:/run/api/api.sock")
            }
            // sockaddr_un.sun_path holds 108 bytes including the terminating NUL.
            guard path.utf8.count < 108 else {
                throw ServerConfigurationError("\(option) \(text): a unix socket path must be shorter than 108 bytes")
            }
            self = .unix(path: path)
            return
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else {
            throw ServerConfigurationError("\(option) \(text): expected unix:/path.sock or HOST:PORT, e.g. 127.0.0.1:9000")
        }
        let host = String(text[..<colon])
        guard !host.isEmpty else {
            throw ServerConfigurationError(
                "\(option) \(text): give the host to bind, e.g. 127.0.0.1:\(port) (0.0.0.0:\(port) to listen on every interface)")
        }
        guard !host.contains(":") && !host.hasPrefix("[") else {
            throw ServerConfigurationError("\(option) \(text): libfcgi listens on IPv4 only; use an IPv4 address or a unix socket")
        }
        self = .tcp(host: host, port: port)
    }

    public var description: String {
        switch self {
        case .unix(let path): "unix:" + path
        case .tcp(let host, let port): "\(host):\(port)"
        case .inherited: "inherited fd 0"
        }
    }
}
