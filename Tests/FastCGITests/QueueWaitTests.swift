import Testing
#if canImport(Glibc)
import Glibc
#endif

@testable import FastCGI

/// The X-Request-Start stamp the queue-wait metric is computed from.
@Suite struct QueueWaitTests {
    static let now = timespec(tv_sec: 1_765_080_000, tv_nsec: 250_000_000)

    @Test func nginxMillisecondsAndApacheMicroseconds() {
        #expect(QueueWait.nanoseconds(since: "t=1765080000.200", now: Self.now) == 50_000_000)
        #expect(QueueWait.nanoseconds(since: "1765080000.000", now: Self.now) == 250_000_000)
        #expect(QueueWait.nanoseconds(since: "t=1765080000150000", now: Self.now) == 100_000_000)
    }

    @Test func absentForgedOrSkewedStampsCountAsNothingOrZero() {
        #expect(QueueWait.nanoseconds(since: nil, now: Self.now) == nil)
        #expect(QueueWait.nanoseconds(since: "t=soon", now: Self.now) == nil)
        #expect(QueueWait.nanoseconds(since: "t=nan", now: Self.now) == nil)
        #expect(QueueWait.nanoseconds(since: "t=-5", now: Self.now) == nil)
        #expect(QueueWait.nanoseconds(since: "t=1000", now: Self.now) == nil)  // decades ago: not a queue
        #expect(QueueWait.nanoseconds(since: "t=1765080001.000", now: Self.now) == 0)  // a clock ahead
    }
}

extension QueueWaitTests {
    /// The header comes from the request: no value may trap.
    @Test func hugeValuesDoNotTrap() {
        for value in ["t=9999999999999999999", "t=99999999999", "t=999999999999999999", "t=1765080000.9999999999", "t=.5", "t="] {
            #expect(QueueWait.nanoseconds(since: value, now: Self.now) == nil, "\(value)")
        }
    }
}
