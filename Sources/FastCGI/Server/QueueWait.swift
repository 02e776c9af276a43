#if canImport(Glibc)
import Glibc
#endif

/// How long a request waited for a worker (`--max-queue-wait`), from the time the web server
/// stamped on it: the `X-Request-Start` convention that New Relic, Heroku's router and
/// rack-timeout use. nginx: `fastcgi_param HTTP_X_REQUEST_START "t=${msec}";`; Apache:
/// `RequestHeader set X-Request-Start "t=%t"`.
///
///     let policy = QueueWait(limit: .seconds(5))
///     policy.waited(stamp: "t=1765080000.250", now: 1_765_080_006_000_000)  // 5.75 s: answer 503
///
/// Why the web server's clock and not the moment the server accepted the connection or saw it
/// ready: under overload the wait happens where this process cannot see it. A new connection
/// waits in the kernel's accept queue (measured: up to ~10 s in the scale series before
/// `Worker.queueBacklog`), and a kept connection's request waits in the poller's ready list
/// until a worker is free to ask; unix stream sockets carry no receive timestamps
/// (SO_TIMESTAMPNS delivers none on them, measured), so the arrival is never recorded here.
/// The web server's stamp covers both waits, and nginx's own time in between (microseconds).
/// Web server and responder on one machine share the clock; across machines the stamp is as
/// good as their clock sync (a wait that comes out negative counts as none).
///
/// Cost: nothing unless `--max-queue-wait` (or an observer) is set; then one param lookup and one
/// wall-clock read per request.
struct QueueWait: Sendable {
    /// `.zero`: measure and report only, never refuse.
    let limit: Duration
    static let param = "HTTP_X_REQUEST_START"

    /// The answer to a request that waited past `limit`, made once per worker.
    static func refusal(limit: Duration) -> Response {
        var response = Response.json(503, #"{"detail":"Service temporarily unavailable, try again later."}"#)
        // About as long as a request may queue: by then the queue ahead of a retry has moved on.
        let (seconds, attoseconds) = limit.components
        response.headers.add("retry-after", String(max(1, seconds + (attoseconds > 0 ? 1 : 0))))
        return response
    }

    /// The wait from `stamp` (the param's value) to `now` (microseconds since the epoch), or
    /// nil when the stamp is not one.
    func waited(stamp: String, now: Int64) -> Duration? {
        guard let start = Self.microseconds(stamp) else { return nil }
        return .microseconds(max(0, now - start))
    }

    /// `t=1765080000.250` (seconds, nginx's `$msec`), `t=1765080000250123` (microseconds, Apache's
    /// `%t`) or milliseconds; with or without `t=`. Anything else (too long, not a number, past the
    /// year 2286 in seconds) is nil: a client can send this header itself, so it must not trap.
    static func microseconds(_ stamp: String) -> Int64? {
        var text = Substring(stamp)
        if text.hasPrefix("t=") { text = text.dropFirst(2) }
        guard !text.isEmpty, text.utf8.count <= 24 else { return nil }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = Int64(parts[0]), whole >= 0 else { return nil }
        if parts.count == 2 {
            // Seconds with a fraction: up to six digits of it count.
            let digits = parts[1].prefix(6)
            guard whole < 10_000_000_000, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            let fraction = Int64(digits + String(repeating: "0", count: 6 - digits.count)) ?? 0
            return whole * 1_000_000 + fraction
        }
        // A whole number: its size says the unit (seconds now have 10 digits, milliseconds 13).
        switch whole {
        case ..<10_000_000_000: return whole * 1_000_000
        case ..<10_000_000_000_000: return whole * 1000
        default: return whole
        }
    }

    /// The wall clock in microseconds since the epoch (the web server stamps wall-clock time).
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000
    }
}
