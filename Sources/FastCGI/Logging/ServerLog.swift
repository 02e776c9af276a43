import CFastCGI
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// The server's log: one access line per request and its own messages, on stderr or a file, as
/// text or JSON lines (`--log-format`), messages below `level` left out (`--log-level`).
///
///     let log = try ServerLog(path: "/var/log/api/server.log")
///     log.info("listening on unix:/run/api/api.sock with 8 workers")
///     // 2025-05-20T10:11:12.345Z info: listening on unix:/run/api/api.sock with 8 workers
///
/// Every line is built first and written with a single write(2), so lines from different
/// workers never interleave (appends to a file and pipe writes under PIPE_BUF are atomic), and
/// nothing sits in a stdio buffer when the process exits. swift-log's `Logger` writes here
/// through `ServerLogHandler`; the access line does not go through swift-log (no metadata
/// dictionary, no handler box per request: it keeps to building one string).
public final class ServerLog: Sendable {
    /// `--log-format`: `text` for people and journald, `json` (one object per line) for log shippers.
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    private let fd: Int32
    /// The log file's descriptor when this log opened it (closed when the log goes); nil for a
    /// descriptor someone else owns (stderr).
    private let file: FileDescriptor?
    public let accessLogEnabled: Bool
    public let format: Format
    /// Messages below this level are left out (access lines are `accessLogEnabled`'s business).
    public let level: Logger.Level
    /// The file `reopen()` opens again; nil when logging to stderr.
    public let path: String?

    /// Logs to an open descriptor (stderr by default), which stays open.
    public init(descriptor: Int32 = 2, accessLog: Bool = true, format: Format = .text, level: Logger.Level = .info) {
        fd = descriptor
        file = nil
        accessLogEnabled = accessLog
        self.format = format
        self.level = level
        path = nil
    }

    /// Appends to a file, creating it (mode 0640) if needed.
    public init(path: String, accessLog: Bool = true, format: Format = .text, level: Logger.Level = .info)
        throws(ServerConfigurationError)
    {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw ServerConfigurationError("cannot open the log file \(path): \(describe(errno: errno))")
        }
        fd = descriptor
        file = FileDescriptor(adopting: descriptor)
        accessLogEnabled = accessLog
        self.format = format
        self.level = level
        self.path = path
    }

    /// Opens the log file again at its path (SIGUSR1, after logrotate renamed it): later lines go
    /// to the new file. The new file takes over the same descriptor number (`dup2`), so threads
    /// writing at that moment write whole lines to the old file or the new one, with no lock on
    /// the write path. Logging to stderr: nothing to do.
    public func reopen() throws(ServerConfigurationError) {
        guard let path else { return }
        let fresh = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fresh >= 0 else {
            throw ServerConfigurationError("cannot reopen the log file \(path): \(describe(errno: errno))")
        }
        // dup3 keeps close-on-exec on the descriptor (a master spawns worker processes).
        let moved = dup3(fresh, fd, O_CLOEXEC)
        let error = errno
        Glibc.close(fresh)
        guard moved >= 0 else { throw ServerConfigurationError("cannot reopen the log file \(path): \(describe(errno: error))") }
    }

    /// The log `configuration` asks for: its file or stderr, its format and level.
    public convenience init(_ configuration: ServerConfiguration) throws(ServerConfigurationError) {
        if let path = configuration.logFile {
            try self.init(path: path, accessLog: configuration.accessLog, format: configuration.logFormat, level: configuration.logLevel)
        } else {
            self.init(accessLog: configuration.accessLog, format: configuration.logFormat, level: configuration.logLevel)
        }
    }

    public func info(_ message: String, requestID: String? = nil) { log(.info, message, requestID: requestID) }
    public func warning(_ message: String, requestID: String? = nil) { log(.warning, message, requestID: requestID) }
    public func error(_ message: String, requestID: String? = nil) { log(.error, message, requestID: requestID) }

    /// A message at `level`, unless the log's level is higher. `requestID` must be a valid one
    /// (`RequestID.validated`): it is written as it is.
    public func log(_ level: Logger.Level, _ message: String, requestID: String? = nil, metadata: Logger.Metadata? = nil) {
        guard level >= self.level else { return }
        write(level, message, requestID: requestID, metadata: metadata, label: nil)
    }

    /// Unfiltered: `ServerLogHandler` has filtered by its `Logger`'s own level already.
    func write(_ level: Logger.Level, _ message: String, requestID: String?, metadata: Logger.Metadata?, label: String?) {
        writeLine(
            LogLine.message(
                time: LogFormat.timestamp(), level: level, message, requestID: requestID, metadata: metadata, label: label,
                format: format))
    }

    /// One line per request (see `LogLine.access` for its fields).
    func access(_ entry: LogLine.Access) {
        guard accessLogEnabled else { return }
        writeLine(LogLine.access(time: LogFormat.timestamp(), entry, format: format))
    }

    private func writeLine(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(10)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
    }
}
