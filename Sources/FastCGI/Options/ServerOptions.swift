/// The server's command-line options, parsed by hand (no dependencies), reusable by any
/// executable that serves with `FastCGIServer`. An application adds flags of its own through
/// `extraFlags`.
///
///     let options = try ServerOptions.parse(Array(CommandLine.arguments.dropFirst()), extraFlags: ["--test-routes"])
///     if options.showHelp { print(ServerOptions.usage(program: "api-server")); exit(0) }
///     let server = try FastCGIServer(configuration: options.configuration) { _ in ClosureResponder { _ in .text(200, "ok") } }
///
/// Values go as `--name value` or `--name=value`.
public struct ServerOptions: Sendable {
    public var configuration = ServerConfiguration()
    /// Extra flags (from `extraFlags`) that were given.
    public var flags: Set<String> = []
    public var showHelp = false

    public init() {}

    /// The options this type understands, for `usage`.
    public static let descriptions: [(option: String, text: String)] = [
        (
            "--listen ADDRESS",
            "unix:/path.sock or IPV4:PORT (e.g. 127.0.0.1:9000); default: the listening socket on fd 0 (spawn-fcgi, mod_fcgid)"
        ),
        ("--workers N", "requests served at once, one thread each (default: 2 x cores = \(ServerConfiguration.defaultWorkers))"),
        ("--max-body-size SIZE", "larger request bodies get 413; bytes or with k/m/g suffix (default: 10m)"),
        ("--drain-timeout SECONDS", "on SIGTERM/SIGINT, how long requests in flight may take (default: 10; '500ms' works too)"),
        (
            "--io-timeout SECONDS",
            "a web server connection that stalls a read or write this long is dropped, and one that sends nothing at all (default: 30; 0: never)"
        ),
        (
            "--request-timeout SECONDS",
            "a request whose params and body have not all arrived this long after it began gets 408 (default: 60; 0: never)"
        ),
        ("--socket-mode MODE", "permissions of the unix socket, octal (default: 0660: the owner and the socket's group)"),
        ("--socket-group NAME", "give the unix socket this group, the web server's (e.g. www-data; default: the server's group)"),
        ("--access-log on|off", "one line per request (default: on)"),
        ("--log-file PATH", "append the log here instead of stderr"),
        (
            "--admin-listen ADDRESS",
            "serve /health, /ready and /metrics (Prometheus) over plain HTTP here: 127.0.0.1:9100 or unix:/path.sock"
        ),
        ("--help", "show this help"),
    ]

    public static func usage(program: String, extra: [(option: String, text: String)] = []) -> String {
        let rows = descriptions + extra
        let width = rows.map(\.option.count).max() ?? 0
        var text = "usage: \(program) [options]\n\noptions:\n"
        for row in rows {
            text += "  " + row.option + String(repeating: " ", count: width - row.option.count + 2) + row.text + "\n"
        }
        return text
    }

    public static func parse(_ arguments: [String], extraFlags: Set<String> = []) throws(ServerConfigurationError) -> ServerOptions {
        var options = ServerOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws(ServerConfigurationError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst() else { throw ServerConfigurationError("\(name) needs a value; see --help") }
                return next
            }
            switch name {
            case "--help", "-h":
                options.showHelp = true
            case "--listen":
                options.configuration.listen = try ListenAddress(parsing: value())
            case "--workers":
                let text = try value()
                guard let workers = Int(text), (1...4096).contains(workers) else {
                    throw ServerConfigurationError("--workers needs a whole number from 1 to 4096, got '\(text)'")
                }
                options.configuration.workers = workers
            case "--max-body-size":
                options.configuration.maxBodySize = try parseSize(value(), option: name)
            case "--drain-timeout":
                options.configuration.drainTimeout = try parseDuration(value(), option: name)
            case "--io-timeout":
                options.configuration.ioTimeout = try parseDuration(value(), option: name)
            case "--request-timeout":
                options.configuration.requestTimeout = try parseDuration(value(), option: name)
            case "--socket-mode":
                let text = try value()
                guard let mode = UInt32(text, radix: 8), mode <= 0o777 else {
                    throw ServerConfigurationError("--socket-mode needs an octal mode such as 0660, got '\(text)'")
                }
                options.configuration.socketMode = mode
            case "--socket-group":
                let text = try value()
                guard !text.isEmpty else { throw ServerConfigurationError("--socket-group needs a group name such as www-data") }
                options.configuration.socketGroup = text
            case "--access-log":
                let text = try value()
                switch text {
                case "on": options.configuration.accessLog = true
                case "off": options.configuration.accessLog = false
                default: throw ServerConfigurationError("--access-log takes on or off, got '\(text)'")
                }
            case "--admin-listen":
                options.configuration.adminListen = try ListenAddress(parsing: value(), option: name)
            case "--log-file":
                options.configuration.logFile = try value()
            default:
                guard extraFlags.contains(name), inlineValue == nil else {
                    throw ServerConfigurationError("unknown option '\(argument)'; see --help")
                }
                options.flags.insert(name)
            }
        }
        return options
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
