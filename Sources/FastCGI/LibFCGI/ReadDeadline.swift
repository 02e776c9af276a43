#if canImport(Glibc)
import Glibc
#endif

/// When the params and body of one request must have arrived (`--request-timeout`), and the
/// per-read limit the connection has now (SO_RCVTIMEO, `--io-timeout` or less).
///
///     var deadline: ReadDeadline? = ReadDeadline(connection: fd, limits: ReadLimits(configuration))
///     if case .complete(let body) = slot.readBody(contentLength: nil, limit: 1 << 20, within: &deadline) { handle(body) }
///
/// Why: SO_RCVTIMEO bounds each read, not their sum, and a web server that streams bodies
/// (Apache's mod_proxy_fcgi) passes on a client that sends a few bytes now and then as a few
/// bytes now and then. libfcgi reads with blocking `read()` on the connection, so the body is
/// read one socket read at a time (`FCGXRequest.readBody`), and before each one that could
/// outlast the deadline SO_RCVTIMEO is shortened to the time left. A body that is already in
/// libfcgi's buffer (the usual small body, read along with the params) costs nothing here: no
/// clock, no syscall; a read costs a coarse clock read, and a setsockopt only in the last
/// `perRead` of the allowance.
///
/// The params are read inside `FCGX_Accept_r`, with no way in between its reads: there each
/// read waits at most `perRead`, which the worker sets to at most the request timeout
/// (`Worker.limitWaits`). Web servers send the params whole, so that is one wait at most; the
/// time they took counts against the body's allowance.
struct ReadDeadline {
    let connection: Int32
    /// `ReadDeadline.now()` nanoseconds.
    let at: UInt64
    /// SO_RCVTIMEO on the connection as the worker set it when it accepted it, in nanoseconds
    /// (0: none).
    let perRead: UInt64
    /// SO_RCVTIMEO now, when shortened for this request (restored by `restore()`); 0: not.
    private var shortened: UInt64 = 0
    /// `allowsRead()` found no time left.
    private var passed = false

    init(connection: Int32, limits: ReadLimits) {
        self.connection = connection
        at = Self.now() &+ limits.request
        perRead = limits.perRead
    }

    /// Before a read from the socket: false (and `passed`) when no time is left; else the read
    /// is made to give up when the deadline passes.
    mutating func allowsRead() -> Bool {
        let now = Self.now()
        guard now < at else {
            passed = true
            return false
        }
        let left = at - now
        let current = shortened != 0 ? shortened : perRead
        if current == 0 || left < current {
            Self.setReceiveTimeout(connection, nanoseconds: left)
            shortened = left
        }
        return true
    }

    /// Whether the deadline has passed (a read that failed may have timed out on it).
    var hasPassed: Bool { passed || at <= Self.now() }

    /// Gives the connection its usual per-read limit back (it may serve further requests, kept
    /// by the web server); nothing to do unless this request shortened it.
    mutating func restore() {
        guard shortened != 0 else { return }
        Self.setReceiveTimeout(connection, nanoseconds: perRead)
        shortened = 0
    }

    /// SO_RCVTIMEO, rounded up to the next microsecond (a positive time left must not become
    /// 0, which means no limit).
    static func setReceiveTimeout(_ fd: Int32, nanoseconds: UInt64) {
        let microseconds = (nanoseconds + 999) / 1000
        var value = timeval(tv_sec: Int(microseconds / 1_000_000), tv_usec: Int(microseconds % 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// CLOCK_MONOTONIC_COARSE in nanoseconds: the clock of the last tick (a few milliseconds of
    /// resolution, plenty for limits of seconds), read without the cost of a precise clock.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}

/// A server's read limits, in nanoseconds, worked out once from its configuration.
struct ReadLimits {
    /// `requestTimeout`; 0: none (no `ReadDeadline` is made).
    let request: UInt64
    /// SO_RCVTIMEO of every connection: the smaller of `ioTimeout` and `requestTimeout` that
    /// are set (0: none).
    let perRead: UInt64

    init(_ configuration: ServerConfiguration) {
        request = Self.nanoseconds(configuration.requestTimeout)
        let io = Self.nanoseconds(configuration.ioTimeout)
        perRead = io == 0 ? request : request == 0 ? io : min(io, request)
    }

    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}

extension timeval {
    /// Rounded up to the next microsecond: a positive time left must not become 0 ("no limit").
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let microseconds = (attoseconds + 999_999_999_999) / 1_000_000_000_000
        self.init(tv_sec: Int(seconds) + Int(microseconds / 1_000_000), tv_usec: Int(microseconds % 1_000_000))
    }
}
