import Logging
#if canImport(Glibc)
import Glibc
#endif

/// How a `FastCGIServer` listens, how many requests it serves at once and how it stops.
///
///     var configuration = ServerConfiguration()
///     configuration.listen = .unix(path: "/run/api/api.sock")
///     configuration.workers = 8
///     configuration.maxBodySize = 1 << 20
///
/// `ServerOptions` fills one from the command line.
public struct ServerConfiguration: Sendable {
    public var listen: ListenAddress = .inherited
    /// Requests in flight at once: one thread per worker.
    public var workers: Int = ServerConfiguration.defaultWorkers
    /// Larger request bodies are answered 413 without being read whole.
    public var maxBodySize: Int = 10 * 1024 * 1024
    /// After SIGTERM/`stop()`, how long requests in flight may take to finish.
    public var drainTimeout: Duration = .seconds(10)
    /// How long one read or write on a web server connection may wait while a worker serves a
    /// request (SO_RCVTIMEO/SO_SNDTIMEO): a peer that stalls longer loses its connection and the
    /// worker goes on. nginx sends a request whole and reads the response at once, so only a
    /// broken or hostile peer waits this long. `.zero`: no limit. A new connection that sends
    /// nothing at all waits in the poller, not in a worker, and is closed after this long too.
    /// Connections the web server keeps idle between requests wait in the poller and are not
    /// timed out here (the web server closes them).
    public var ioTimeout: Duration = .seconds(30)
    /// How long the params and the body of one request may take to arrive, all reads together:
    /// `ioTimeout` bounds each read, so a client that trickles its body through a web server
    /// that streams it (Apache's mod_proxy_fcgi) would otherwise hold a worker for as long as it
    /// keeps sending. Past it the request is answered 408 and its connection closed. `.zero`:
    /// no limit.
    public var requestTimeout: Duration = .seconds(60)
    /// One line per request on the log (stderr or `logFile`).
    public var accessLog: Bool = true
    /// Append the access and error log here instead of stderr (under mod_fcgid stderr may be /dev/null).
    public var logFile: String? = nil
    /// `text` (one line per entry, for people and journald) or `json` (one object per line).
    public var logFormat: ServerLog.Format = .text
    /// Messages below this level are left out; every `Logger` of the server starts at it.
    /// Access lines are `accessLog`'s business, whatever the level.
    public var logLevel: Logger.Level = .info
    /// Permissions of a unix socket. FastCGI has no authentication: whoever may connect may send
    /// any request as any client, so only the web server's user should. The default 0660 lets
    /// the owner and the socket's group in: run the server as the web server's group, or set
    /// `socketGroup` to it (Debian's nginx and Apache run as `www-data`).
    public var socketMode: UInt32 = 0o660
    /// The group a unix socket is given after bind (a name such as `www-data`, or a number);
    /// nil: the server's own group. Start-up fails when the group does not exist or the chown
    /// is refused (the server must be root or a member of that group).
    public var socketGroup: String? = nil
    /// listen(2) backlog: connections waiting while every worker is busy.
    public var backlog: Int32 = 1024
    /// A request that waited longer than this for a worker is answered 503 with `Retry-After`,
    /// without running the view, instead of running late or into the web server's timeout.
    /// The wait is counted from the web server's `X-Request-Start` stamp (see `QueueWait`; a
    /// request without one is served as usual). `.zero`: never (the default).
    public var maxQueueWait: Duration = .zero
    /// Told each request's queue wait, and whether it was refused for it, when the web server
    /// stamps requests (for metrics); called on the worker's thread, so keep it short.
    public var queueWaitObserver: (@Sendable (_ waited: Duration, _ refused: Bool) -> Void)? = nil
    /// Worker processes a master pre-forks and supervises (`ProcessMaster`), each serving with
    /// `workers` threads. 0: one process serves by itself, with no master (the default).
    public var processes: Int = 0
    /// A worker process drains and exits after this many requests (plus up to
    /// `maxRequestsJitter`), and its master starts another: gunicorn's `--max-requests`. nil: never.
    public var maxRequests: Int? = nil
    public var maxRequestsJitter: Int = 0
    /// With `processes`: a file of `NAME=value` lines (systemd's `EnvironmentFile=` syntax) the
    /// master reads before each generation of worker processes, the first and every SIGHUP
    /// reload, and sets over its own environment for them (`EnvironmentFile`). nil: the workers
    /// get the master's environment as it was at its start.
    public var environmentFile: String? = nil
    /// Where the admin server (`AdminServer`: /health, /ready, /metrics) listens; nil: none.
    /// Plain HTTP for the operator's tools only: keep it on loopback or a private socket.
    public var adminListen: ListenAddress? = nil

    public init() {}

    /// Twice the online cores: a worker waiting on the database holds a thread, not a core.
    public static var defaultWorkers: Int {
        max(2, 2 * Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// `maxRequests` plus its jitter, drawn once per process; Int.max when unset.
    var requestLimit: Int {
        guard let maxRequests else { return .max }
        return maxRequests + Int.random(in: 0...maxRequestsJitter)
    }

    static let largestMaxBodySize = 1 << 30
    static let longestTimeout: Duration = .seconds(366 * 24 * 3600)

    func validated() throws(ServerConfigurationError) -> ServerConfiguration {
        guard workers >= 1 else { throw ServerConfigurationError("workers must be at least 1 (got \(workers))") }
        guard maxBodySize >= 0 else { throw ServerConfigurationError("maxBodySize must not be negative") }
        // A body is read into memory whole, in an array of CONTENT_LENGTH bytes: a limit past
        // what can be allocated would let a request's CONTENT_LENGTH end the process.
        guard maxBodySize <= Self.largestMaxBodySize else {
            throw ServerConfigurationError("--max-body-size may be at most 1g: bodies are held in memory whole (got \(maxBodySize) bytes)")
        }
        for (name, value) in [
            ("drainTimeout", drainTimeout), ("ioTimeout", ioTimeout), ("requestTimeout", requestTimeout), ("maxQueueWait", maxQueueWait),
        ] {
            guard value >= .zero else { throw ServerConfigurationError("\(name) must not be negative") }
            // Converted to nanoseconds (UInt64) and timevals on the way to the kernel.
            guard value <= Self.longestTimeout else { throw ServerConfigurationError("\(name) may be at most a year") }
        }
        guard (0...1024).contains(processes) else { throw ServerConfigurationError("processes must be from 0 to 1024 (got \(processes))") }
        guard (maxRequests ?? 1) >= 1, maxRequestsJitter >= 0, (maxRequests ?? 0) <= Int.max - maxRequestsJitter else {
            throw ServerConfigurationError("maxRequests must be at least 1 and maxRequestsJitter not negative")
        }
        guard environmentFile == nil || processes >= 1 else {
            throw ServerConfigurationError(
                "--env-file needs --processes: the master reads it for its worker processes (at start and at each SIGHUP reload); for one process, set the variables where it is started (systemd: EnvironmentFile=)"
            )
        }
        guard socketMode <= 0o777 else { throw ServerConfigurationError("socketMode must be a permission mode like 0660") }
        if socketGroup != nil {
            guard case .unix = listen else {
                throw ServerConfigurationError(
                    "--socket-group applies to a unix socket the server opens (--listen unix:/path.sock); set the group of an inherited socket where it is made (systemd: SocketGroup=)"
                )
            }
        }
        return self
    }
}

/// A configuration or start-up problem, with a message meant for the operator.
public struct ServerConfigurationError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
