import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs programs for tests: to completion (`run`) or in the background (`ChildProcess`).
///
/// Built on `posix_spawn` and `waitpid` rather than Foundation's `Process`: on Linux,
/// `Process.waitUntilExit()` was seen to hang forever on a child that had already exited when
/// several tests spawned processes at once (the child left as a zombie nobody reaped). Output
/// goes to files, never pipes, so a daemon the child starts (pg_ctl's postmaster) cannot hold a
/// pipe open.
public enum Subprocess {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    public static func run(
        _ path: String, _ arguments: [String], environment: [String: String]? = nil,
        stdin: String? = nil
    ) throws -> Result {
        let scratch = NSTemporaryDirectory() + "srf-run-" + UUID().uuidString
        let outPath = scratch + ".out", errPath = scratch + ".err", inPath = scratch + ".in"
        defer { for p in [outPath, errPath, inPath] { unlink(p) } }
        try (stdin ?? "").write(toFile: inPath, atomically: false, encoding: .utf8)
        let pid = try spawn(
            path, arguments, environment: environment,
            stdin: .file(inPath), stdout: .file(outPath), stderr: .file(errPath))
        let status = waitForExit(pid)
        return Result(
            status: status,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// Where a child's standard stream comes from or goes to.
    public enum Stream {
        case file(String)
        case descriptor(Int32)
        case null
    }

    /// Spawns `path` with a clean signal state (nothing blocked: test threads may block signals
    /// for in-process servers) and only descriptors 0–2 open.
    public static func spawn(
        _ path: String, _ arguments: [String], environment: [String: String]?,
        stdin: Stream, stdout: Stream, stderr: Stream
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, stream, flags) in [
            (Int32(0), stdin, O_RDONLY), (1, stdout, O_WRONLY | O_CREAT | O_APPEND), (2, stderr, O_WRONLY | O_CREAT | O_APPEND),
        ] {
            switch stream {
            case .file(let file): posix_spawn_file_actions_addopen(&actions, fd, file, flags, 0o644)
            case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, fd)
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            }
        }
        // Close every other descriptor this process has open (database connections, sockets of
        // other tests): glibc's closefrom action is not visible to Swift, so list /proc/self/fd.
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for fd in open where fd > 2 && fcntl(fd, F_GETFD) != -1 { posix_spawn_file_actions_addclose(&actions, fd) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let result = withCStrings([path] + arguments) { argv in
            withCStrings(env) { envp in posix_spawn(&pid, path, &actions, &attributes, argv, envp) }
        }
        guard result == 0 else { throw TestSupportError("posix_spawn \(path) failed: \(String(cString: strerror(result)))") }
        return pid
    }

    /// Blocks until `pid` exits; its exit status, or 128+signal when killed.
    public static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return decode(status)
    }

    static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}

/// A long-running child (api-server, nginx, migrate) whose output goes to a log file.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    public let logPath: String
    private let exit = Mutex<Int32?>(nil)

    /// - Parameter stdin: the child's fd 0 (a listening socket to hand over, as spawn-fcgi does).
    public init(
        _ path: String, _ arguments: [String], environment: [String: String]? = nil, logPath: String,
        stdin: Int32? = nil
    ) throws {
        self.logPath = logPath
        pid = try Subprocess.spawn(
            path, arguments, environment: environment,
            stdin: stdin.map { .descriptor($0) } ?? .null,
            stdout: .file(logPath), stderr: .file(logPath))
    }

    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The exit status once the child has exited (reaped here), else nil.
    public var exitStatus: Int32? {
        exit.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = Subprocess.decode(raw) }
            }
            return status
        }
    }

    public var isRunning: Bool { exitStatus == nil }

    public func signal(_ signal: Int32) { if isRunning { kill(pid, signal) } }

    /// Waits up to `timeout` seconds for the child to exit; returns its status or nil.
    @discardableResult
    public func wait(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = exitStatus { return status }
            usleep(10_000)
        }
        return exitStatus
    }

    /// SIGTERM, then SIGKILL if it has not exited after `timeout` seconds.
    public func stop(timeout: Double = 5) {
        guard isRunning else { return }
        signal(SIGTERM)
        if wait(timeout: timeout) == nil { kill(pid, SIGKILL); _ = wait(timeout: 5) }
    }

    deinit { stop(timeout: 2) }
}

import Synchronization

/// Polls until `condition` holds or `timeout` seconds pass.
public func waitUntil(timeout: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}
