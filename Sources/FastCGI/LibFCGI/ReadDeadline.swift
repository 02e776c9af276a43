#if canImport(Glibc)
import Glibc
#endif

/// When the params and body of one request must have arrived (`--request-timeout`), and the
/// per-read limit the connection has now (SO_RCVTIMEO, `--io-timeout` or less).
///
///     var deadline = ReadDeadline(connection: fd, at: .now + .seconds(60), perRead: .seconds(30))
///     switch slot.readBody(contentLength: nil, limit: 1 << 20, within: &deadline) { ... }
///
/// Why: SO_RCVTIMEO bounds each read, not their sum, and a web server that streams bodies
/// (Apache's mod_proxy_fcgi) passes on a client that sends a few bytes now and then as a few
/// bytes now and then. libfcgi reads with blocking `read()` on the connection, so the body is
/// read one socket read at a time (`FCGXRequest.readBody`), and before each one that could
/// outlast the deadline SO_RCVTIMEO is shortened to the time left. A body that is already in
/// libfcgi's buffer (the usual small body, read along with the params) costs nothing here: no
/// clock, no syscall; a read costs a clock read, and a setsockopt only in the last `perRead` of
/// the allowance.
///
/// The params are read inside `FCGX_Accept_r`, with no way in between its reads: there each
/// read waits at most `perRead`, which the worker sets to at most the request timeout
/// (`Worker.limitWaits`). Web servers send the params whole, so that is one wait at most; the
/// time they took counts against the body's allowance.
struct ReadDeadline {
    let connection: Int32
    let at: ContinuousClock.Instant
    /// SO_RCVTIMEO on the connection as the worker set it when it accepted it (`.zero`: none).
    let perRead: Duration
    /// SO_RCVTIMEO now, when shortened for this request (restored by `restore()`).
    private var shortened: Duration?
    /// `allowsRead()` found no time left.
    private var passed = false

    init(connection: Int32, at deadline: ContinuousClock.Instant, perRead: Duration) {
        self.connection = connection
        at = deadline
        self.perRead = perRead
    }

    /// Before a read from the socket: false (and `passed`) when no time is left; else the read
    /// is made to give up when the deadline passes.
    mutating func allowsRead() -> Bool {
        let left = at - .now
        guard left > .zero else {
            passed = true
            return false
        }
        let current = shortened ?? perRead
        if current == .zero || left < current {
            Self.setReceiveTimeout(connection, left)
            shortened = left
        }
        return true
    }

    /// Whether the deadline has passed (a read that failed may have timed out on it).
    var hasPassed: Bool { passed || at <= .now }

    /// Gives the connection its usual per-read limit back (it may serve further requests, kept
    /// by the web server); nothing to do unless this request shortened it.
    mutating func restore() {
        guard shortened != nil else { return }
        Self.setReceiveTimeout(connection, perRead)
        shortened = nil
    }

    /// SO_RCVTIMEO; `.zero` means no limit (as the socket option's 0 does).
    static func setReceiveTimeout(_ fd: Int32, _ timeout: Duration) {
        var value = timeval(timeout)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
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
