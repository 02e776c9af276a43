import CFastCGI
#if canImport(Glibc)
import Glibc
#endif

/// The server's log: one access line per request and its own messages, on stderr or a file.
///
///     let log = try ServerLog(path: "/var/log/api/server.log")
///     log.info("listening on unix:/run/api/api.sock with 8 workers")
///     // 2025-05-20T10:11:12.345Z info: listening on unix:/run/api/api.sock with 8 workers
///
/// Every line is built first and written with a single write(2), so lines from different
/// workers never interleave (appends to a file and pipe writes under PIPE_BUF are atomic), and
/// nothing sits in a stdio buffer when the process exits.
public final class ServerLog: Sendable {
    private let fd: Int32
    /// The log file's descriptor when this log opened it (closed when the log goes); nil for a
    /// descriptor someone else owns (stderr).
    private let file: FileDescriptor?
    public let accessLogEnabled: Bool
    /// The file `reopen()` opens again; nil when logging to stderr.
    public let path: String?

    /// Logs to an open descriptor (stderr by default), which stays open.
    public init(descriptor: Int32 = 2, accessLog: Bool = true) {
        fd = descriptor
        file = nil
        accessLogEnabled = accessLog
        path = nil
    }

    /// Appends to a file, creating it (mode 0640) if needed.
    public init(path: String, accessLog: Bool = true) throws(ServerConfigurationError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw ServerConfigurationError("cannot open the log file \(path): \(describe(errno: errno))")
        }
        fd = descriptor
        file = FileDescriptor(adopting: descriptor)
        accessLogEnabled = accessLog
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

    public func info(_ message: String) { write(level: "info", message) }
    public func warning(_ message: String) { write(level: "warning", message) }
    public func error(_ message: String) { write(level: "error", message) }

    /// `<time> <remote> "<METHOD> <path>[?query]" <status> <bytes> <ms>ms w<worker>[ client-gone]`
    func access(
        method: String, path: String, query: String, status: Int, bytes: Int,
        duration: Duration, remoteAddress: String?, worker: Int, clientGone: Bool
    ) {
        guard accessLogEnabled else { return }
        let target = query.isEmpty ? path : path + "?" + query
        var line = LogFormat.timestamp() + " " + (remoteAddress ?? "-") + " \"" + method + " " + LogFormat.printable(target)
        line += "\" \(status) \(bytes) " + LogFormat.milliseconds(duration) + "ms w\(worker)"
        if clientGone { line += " client-gone" }
        writeLine(line)
    }

    private func write(level: String, _ message: String) {
        writeLine(LogFormat.timestamp() + " " + level + ": " + message)
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
