import RESTFramework
import Synchronization

/// `PostgresThrottleStore`'s front in each process: for a key well below its rate, the row
/// grants a block of hits at once (a lease), recorded in its log before any is used, and this
/// table hands them out to the process's requests without a round trip.
///
/// Why the rate still holds across processes and hosts: every hit a lease hands out is already
/// in the row, stamped with the lease's end (`life` after the grant), so the row's log counts it
/// for at least as long as DRF's log would count the request it serves; a lease is never used
/// after `life` from when its statement was sent, which is no later than its stamp. A process
/// can only ever hand out hits the row granted, so the row's limit bounds all of them together.
///
/// The price is the other way: hits leased but unused stay counted until their stamp leaves the
/// window. The row leases only while a key stays below half its rate, so that can refuse a
/// request early only when a key climbs from below half its rate to all of it within one window
/// while another process holds unused hits of a lease: at most `size - 1` per such process.
final class ThrottleLeases: Sendable {
    /// How big a lease is and how long it lives, for one rate.
    struct Policy: Equatable {
        /// Hits per lease: 1/32 of the rate, at most 64; below 2 (rates under 64 per period),
        /// no leases: every check is the row's.
        let size: Int
        /// Seconds a lease may be used: a quarter of the period, at most one second.
        let life: Double

        init(limit: Int, duration: Int) {
            let size = min(64, limit / 32)
            self.size = size >= 2 ? size : 1
            life = size >= 2 ? min(1, Double(duration) / 4) : 0
        }

        var leases: Bool { size > 1 }
    }

    /// One key's lease in this process.
    struct Lease {
        let limit: Int
        let duration: Int
        /// Hits not handed out yet.
        var left: Int
        /// The row's count when the lease was granted, the lease's hits included.
        let count: Int
        /// The database's clock at the grant, and the oldest hit in the row then.
        let grantedAt: Double
        let oldest: Double?
        /// `CLOCK_MONOTONIC` nanoseconds when the granting statement was sent.
        let sentAt: Int64
        /// After this (monotonic nanoseconds), nothing more is handed out.
        var until: Int64

        func isLive(limit: Int, duration: Int, now: Int64) -> Bool {
            left > 0 && now < until && self.limit == limit && self.duration == duration
        }

        /// The window as the headers show it: hits in the row less those still unused here.
        func history(now: Int64) -> ThrottleHistory {
            ThrottleHistory(
                allowed: true, count: count - left, now: grantedAt + Double(now - sentAt) / 1e9, oldest: oldest)
        }
    }

    private struct State {
        var leases: [String: Lease] = [:]
        /// When the table has this many keys, expired leases are dropped (one-off clients).
        var sweepAt = 1024
    }
    private let state = Mutex(State())

    /// One hit of a live lease of `key`, or nil: then the row decides.
    func take(key: String, limit: Int, duration: Int, now: Int64) -> ThrottleHistory? {
        state.withLock { state in
            // One hash of the key: the lease is found by index and counted down in place.
            guard let index = state.leases.index(forKey: key),
                state.leases.values[index].isLive(limit: limit, duration: duration, now: now)
            else { return nil }
            state.leases.values[index].left -= 1
            return state.leases.values[index].history(now: now)
        }
    }

    /// Keeps a lease the row just granted, its first hit already taken. Unused hits of a live
    /// lease of the key join it (several threads may have asked at once), usable until the
    /// earlier of the two ends.
    func keep(key: String, _ lease: Lease, now: Int64) {
        var lease = lease
        state.withLock { state in
            if let old = state.leases[key], old.isLive(limit: lease.limit, duration: lease.duration, now: now) {
                lease.left += old.left
                lease.until = min(lease.until, old.until)
            }
            state.leases[key] = lease
            if state.leases.count >= state.sweepAt {
                state.leases = state.leases.filter { $0.value.until > now }
                state.sweepAt = max(1024, 2 * state.leases.count)
            }
        }
    }

    /// The row answered without a lease (a single hit, or a refusal): this process's lease of the
    /// key, if any, is spent or outdated.
    func drop(key: String) {
        state.withLock { state in _ = state.leases.removeValue(forKey: key) }
    }

    /// Gives back a hit handed out at `time` (the history's `now`) from the key's lease: true
    /// when it was one of the lease's, which then takes it back while live (spent, the hit stays
    /// counted: the row's log never undercounts); false when the row must take it back.
    func release(key: String, time: Double, now: Int64) -> Bool {
        state.withLock { state in
            guard var lease = state.leases[key], time >= lease.grantedAt else { return false }
            if now < lease.until {
                lease.left += 1
                state.leases[key] = lease
            }
            return true
        }
    }

    /// Keys held (for tests).
    var keyCount: Int { state.withLock { $0.leases.count } }
}
