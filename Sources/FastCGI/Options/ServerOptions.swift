import ArgumentParser
import Logging

/// The server's command-line options (swift-argument-parser), reusable by any executable that
/// serves with `FastCGIServer`: include them in a command with `@OptionGroup`, and serve
/// `configuration`, the typed value they make.
///
///     struct Serve: ParsableCommand {
///         @OptionGroup var server: ServerOptions
///         func run() throws {
///             let server = try FastCGIServer(configuration: server.configuration) { _ in ClosureResponder { _ in .text(200, "ok") } }
///             _ = try server.runUntilSignalled()
///         }
///     }
///
/// Values go as `--name value` or `--name=value`; a bad one is a usage error (exit 2) that
/// says what is wrong. (Limits that depend on several options, or past what the server can
/// take, are checked when the server starts: `ServerConfiguration.validated()`.) Adding an option: an `@Option` here, parsed into its typed value, and
/// one line in `configuration`.
public struct ServerOptions: ParsableArguments, Sendable {
    @Option(
        help: ArgumentHelp(
            "unix:/path.sock or IPV4:PORT (e.g. 127.0.0.1:9000); default: the listening socket on fd 0 (systemd StandardInput=socket, spawn-fcgi, mod_fcgid) or systemd's on fd 3 (LISTEN_FDS).",
            valueName: "address"),
        transform: { text in try ListenAddress(parsing: text) })
    public var listen: ListenAddress?

    @Option(
        help: ArgumentHelp(
            "Requests served at once, one thread each (default: 2 x cores = \(ServerConfiguration.defaultWorkers)).", valueName: "n"),
        transform: { text in
            guard let workers = Int(text), (1...4096).contains(workers) else {
                throw ServerConfigurationError("--workers needs a whole number from 1 to 4096, got '\(text)'")
            }
            return workers
        })
    public var workers: Int?

    @Option(
        help: ArgumentHelp(
            "Worker processes a master starts, supervises and reloads (SIGHUP), each with --workers threads (default: 0: one process, no master).",
            valueName: "n"),
        transform: { text in try ServerOptions.parseCount(text, option: "--processes", minimum: 0) })
    public var processes: Int?

    @Option(
        help: ArgumentHelp(
            "With --processes: a worker process drains and is replaced after N requests (default: never).", valueName: "n"),
        transform: { text in try ServerOptions.parseCount(text, option: "--max-requests", minimum: 1) })
    public var maxRequests: Int?

    @Option(
        help: ArgumentHelp(
            "Adds 0 to J requests at random to --max-requests, so workers do not recycle together (default: 0).",
            valueName: "j"),
        transform: { text in try ServerOptions.parseCount(text, option: "--max-requests-jitter", minimum: 0) })
    public var maxRequestsJitter: Int?

    /// Internal (never typed by an operator): this process is a worker a `ProcessMaster`
    /// started; the listening socket is on fd 0 and fd 3 is the master's readiness pipe
    /// (`WorkerProcessLink`).
    @Flag(name: .customLong("worker-process"), help: .hidden)
    public var isWorkerProcess = false

    /// Internal: a worker process's slot among its master's (`ProcessMaster`), where it counts
    /// its busy and idle threads in the master's `MetricsStore` (fd 4, with `--admin-listen`).
    @Option(name: .customLong("worker-slot"), help: .hidden)
    public var workerSlot: Int?

    @Option(
        help: ArgumentHelp("Larger request bodies get 413; bytes or with a k/m/g suffix (default: 10m).", valueName: "size"),
        transform: { text in try ServerOptions.parseSize(text, option: "--max-body-size") })
    public var maxBodySize: Int?

    @Option(
        help: ArgumentHelp(
            "On SIGTERM/SIGINT, how long requests in flight may take (default: 10; '500ms' works too).", valueName: "seconds"),
        transform: { text in try ServerOptions.parseDuration(text, option: "--drain-timeout") })
    public var drainTimeout: Duration?

    @Option(
        help: ArgumentHelp(
            "A web server connection that stalls a read or write this long is dropped, and one that sends nothing at all (default: 30; 0: never).",
            valueName: "seconds"),
        transform: { text in try ServerOptions.parseDuration(text, option: "--io-timeout") })
    public var ioTimeout: Duration?

    @Option(
        help: ArgumentHelp(
            "A request whose params and body have not all arrived this long after it began gets 408 (default: 60; 0: never).",
            valueName: "seconds"),
        transform: { text in try ServerOptions.parseDuration(text, option: "--request-timeout") })
    public var requestTimeout: Duration?

    @Option(
        help: ArgumentHelp(
            "A request that waited longer than this for a worker gets 503 with Retry-After (timed from the web server's X-Request-Start; default: 0: never).",
            valueName: "seconds"),
        transform: { text in try ServerOptions.parseDuration(text, option: "--max-queue-wait") })
    public var maxQueueWait: Duration?

    @Option(
        help: ArgumentHelp("Permissions of the unix socket, octal (default: 0660: the owner and the socket's group).", valueName: "mode"),
        transform: { text in
            guard let mode = UInt32(text, radix: 8), mode <= 0o777 else {
                throw ServerConfigurationError("--socket-mode needs an octal mode such as 0660, got '\(text)'")
            }
            return mode
        })
    public var socketMode: UInt32?

    @Option(
        help: ArgumentHelp(
            "Give the unix socket this group, the web server's (e.g. www-data; default: the server's group).", valueName: "name"),
        transform: { text in
            guard !text.isEmpty else { throw ServerConfigurationError("--socket-group needs a group name such as www-data") }
            return text
        })
    public var socketGroup: String?

    @Option(
        help: ArgumentHelp("One line per request: on or off (default: on).", valueName: "on|off"),
        transform: { text in
            switch text {
            case "on": return true
            case "off": return false
            default: throw ServerConfigurationError("--access-log takes on or off, got '\(text)'")
            }
        })
    public var accessLog: Bool?

    @Option(help: ArgumentHelp("Append the log here instead of stderr.", valueName: "path"))
    public var logFile: String?

    @Option(
        name: .customLong("env-file"),
        help: ArgumentHelp(
            "With --processes: NAME=value lines (systemd EnvironmentFile= syntax) set for the worker processes, read again at each SIGHUP reload.",
            valueName: "path"))
    public var environmentFile: String?

    @Option(
        help: ArgumentHelp("Text lines, or one JSON object per line (default: text).", valueName: "text|json"),
        transform: { text in
            guard let format = ServerLog.Format(rawValue: text) else {
                throw ServerConfigurationError("--log-format takes text or json, got '\(text)'")
            }
            return format
        })
    public var logFormat: ServerLog.Format?

    @Option(
        help: ArgumentHelp(
            "trace, debug, info, notice, warning, error or critical: less is left out (default: info).", valueName: "level"),
        transform: { text in
            guard let level = Logger.Level(rawValue: text) else {
                throw ServerConfigurationError("--log-level takes trace, debug, info, notice, warning, error or critical, got '\(text)'")
            }
            return level
        })
    public var logLevel: Logger.Level?

    @Option(
        help: ArgumentHelp(
            "Serve /health, /ready and /metrics (Prometheus) over plain HTTP here: 127.0.0.1:9100 or unix:/path.sock (default: none).",
            valueName: "address"),
        transform: { text in try ListenAddress(parsing: text, option: "--admin-listen") })
    public var adminListen: ListenAddress?

    public init() {}

    public func validate() throws {
        if maxRequests != nil && (processes ?? 0) == 0 && !isWorkerProcess {
            throw ValidationError("--max-requests needs --processes: a master replaces the worker process that retires")
        }
    }

    /// A worker process of a master that keeps metrics (`--admin-listen`): the master serves
    /// the admin endpoints, and this process counts into the master's store (fd 4, its slot).
    public var countsIntoMastersMetrics: Bool { isWorkerProcess && adminListen != nil }

    /// The options given, over `ServerConfiguration`'s defaults.
    public var configuration: ServerConfiguration {
        var configuration = ServerConfiguration()
        if let listen { configuration.listen = listen }
        if let workers { configuration.workers = workers }
        if let processes { configuration.processes = processes }
        if let maxRequests { configuration.maxRequests = maxRequests }
        if let maxRequestsJitter { configuration.maxRequestsJitter = maxRequestsJitter }
        if let maxBodySize { configuration.maxBodySize = maxBodySize }
        if let drainTimeout { configuration.drainTimeout = drainTimeout }
        if let ioTimeout { configuration.ioTimeout = ioTimeout }
        if let requestTimeout { configuration.requestTimeout = requestTimeout }
        if let maxQueueWait { configuration.maxQueueWait = maxQueueWait }
        if let socketMode { configuration.socketMode = socketMode }
        if let socketGroup { configuration.socketGroup = socketGroup }
        if let accessLog { configuration.accessLog = accessLog }
        if let logFile { configuration.logFile = logFile }
        if let logFormat { configuration.logFormat = logFormat }
        if let logLevel { configuration.logLevel = logLevel }
        if let adminListen { configuration.adminListen = adminListen }
        if let environmentFile { configuration.environmentFile = environmentFile }
        if isWorkerProcess {
            // The master's socket is on fd 0, whatever --listen said; the worker has no master
            // role, and the master serves --admin-listen (`countsIntoMastersMetrics`).
            configuration.listen = .inherited
            configuration.processes = 0
            configuration.socketGroup = nil
            configuration.adminListen = nil
            configuration.environmentFile = nil  // the master set its variables for this process
        }
        return configuration
    }

    /// A whole number, at least `minimum`.
    static func parseCount(_ text: String, option: String, minimum: Int) throws(ServerConfigurationError) -> Int {
        guard let number = Int(text), number >= minimum else {
            throw ServerConfigurationError("\(option) needs a whole number\(minimum > 0 ? " from \(minimum)" : ""), got '\(text)'")
        }
        return number
    }

    /// `1048576`, `512k`, `10m`, `1g` (binary multiples; `kb`/`kib` spellings accepted).
    static func parseSize(_ text: String, option: String) throws(ServerConfigurationError) -> Int {
        let lower = text.lowercased()
        let digits = lower.prefix { $0.isASCII && $0.isNumber }
        let unit = lower.dropFirst(digits.count)
        let multiplier: Int? =
            switch unit {
            case "", "b": 1
            case "k", "kb", "kib": 1 << 10
            case "m", "mb", "mib": 1 << 20
            case "g", "gb", "gib": 1 << 30
            default: nil
            }
        guard let number = Int(digits), let multiplier, number <= Int.max / multiplier else {
            throw ServerConfigurationError("\(option) needs a size like 10m, 512k or 1048576, got '\(text)'")
        }
        return number * multiplier
    }

    /// Seconds (`10`, `2.5`, `10s`) or milliseconds (`500ms`).
    static func parseDuration(_ text: String, option: String) throws(ServerConfigurationError) -> Duration {
        if text.hasSuffix("ms"), let milliseconds = Int(text.dropLast(2)), milliseconds >= 0 {
            return .milliseconds(milliseconds)
        }
        let number = text.hasSuffix("s") ? String(text.dropLast()) : text
        // Bounded before the conversion to Int, which traps past Int.max (validated() bounds it more).
        guard let seconds = Double(number), seconds >= 0, seconds <= 1e12 else {
            throw ServerConfigurationError("\(option) needs seconds like 10 or 2.5 (or 500ms), got '\(text)'")
        }
        return .milliseconds(Int((seconds * 1000).rounded()))
    }
}
