#if canImport(Glibc)
import Glibc
#endif

/// How long a request waited between the web server and a worker (`srf_queue_wait_seconds`):
/// the web server stamps when it received the request (nginx: `fastcgi_param
/// HTTP_X_REQUEST_START "t=${msec}";` in deploy/nginx/fastcgi_params, the convention Heroku and
/// New Relic use), and the worker that takes it compares with the wall clock. Millisecond
/// resolution (nginx's `$msec`); what it measures is the backlog and the poller's queue, where a
/// request waits while every worker is busy.
enum QueueWait {
    static let header = "x-request-start"

    /// The wait in nanoseconds, from a header value `t=1765080000.123` (or without `t=`, or in
    /// microseconds as Apache's `%t` gives: `t=1765080000123456`); nil when absent or not a
    /// time.
    static func nanoseconds(since value: String?, now: timespec = realtime()) -> UInt64? {
        guard let value else { return nil }
        // One pass over the bytes, integer arithmetic (a Double of the epoch keeps only ~0.1 µs,
        // and parsing through Substrings cost thousands of instructions a request).
        var whole: Int64 = 0, fraction: Int64 = 0
        var wholeDigits = 0, fractionDigits = 0, inFraction = false, index = 0
        for byte in value.utf8 {
            defer { index += 1 }
            if index == 0 && byte == UInt8(ascii: "t") { continue }
            if index == 1 && byte == UInt8(ascii: "=") && wholeDigits == 0 { continue }
            if byte == UInt8(ascii: ".") && !inFraction && wholeDigits > 0 {
                inFraction = true
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte &- UInt8(ascii: "0"))
            if inFraction {
                // Nine digits are nanoseconds; more is not a time stamp.
                guard fractionDigits < 9 else { return nil }
                fraction = fraction * 10 + digit
                fractionDigits += 1
            } else {
                // 17 digits hold microseconds until the year 5138: more would overflow below.
                guard wholeDigits < 17 else { return nil }
                whole = whole * 10 + digit
                wholeDigits += 1
            }
        }
        guard whole > 0 else { return nil }
        for _ in fractionDigits..<9 { fraction *= 10 }
        // Whole microseconds (Apache's %t) or seconds with a fraction (nginx's $msec).
        let stamp: Int64
        if whole > 100_000_000_000_000 && fractionDigits == 0 && !inFraction {
            stamp = whole * 1000
        } else if whole < 10_000_000_000 {
            stamp = whole * 1_000_000_000 + fraction
        } else {
            return nil
        }
        let wait = (Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)) - stamp
        // A stamp from the future (clocks of two hosts) is no wait; more than an hour is not a
        // queue but a wrong clock or a forged header.
        guard wait > 0 else { return 0 }
        guard wait < 3_600_000_000_000 else { return nil }
        return UInt64(wait)
    }

    static func realtime() -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now
    }
}
