import RESTFramework
import Testing

@testable import RESTModels

/// `ThrottleLeases` without a database: what a lease hands out, for how long, and what it
/// takes back.
@Suite struct ThrottleLeasesTests {
    static let second: Int64 = 1_000_000_000

    /// A lease as the row grants it at monotonic time 0 (database clock 100): `size` hits, the
    /// first already taken by the granting request.
    func granted(size: Int, count: Int, life: Double = 1) -> ThrottleLeases.Lease {
        ThrottleLeases.Lease(
            limit: 1000, duration: 60, left: size - 1, count: count, grantedAt: 100, oldest: 90, sentAt: 0,
            until: Int64(life * 1e9))
    }

    @Test func thePolicyLeasesOnlyFromSixtyFourPerPeriod() {
        #expect(!ThrottleLeases.Policy(limit: 20, duration: 60).leases)
        #expect(!ThrottleLeases.Policy(limit: 63, duration: 60).leases)
        #expect(ThrottleLeases.Policy(limit: 64, duration: 60).size == 2)
        #expect(ThrottleLeases.Policy(limit: 1000, duration: 1).size == 31)
        #expect(ThrottleLeases.Policy(limit: 1000, duration: 1).life == 0.25)
        #expect(ThrottleLeases.Policy(limit: 1000, duration: 60).life == 1)
        #expect(ThrottleLeases.Policy(limit: 100_000, duration: 86400).size == 64)
    }

    @Test func aLeaseHandsOutItsHitsThenNothing() {
        let leases = ThrottleLeases()
        #expect(leases.take(key: "k", limit: 1000, duration: 60, now: 0) == nil)
        leases.keep(key: "k", granted(size: 3, count: 10), now: 0)
        let first = leases.take(key: "k", limit: 1000, duration: 60, now: Self.second / 2)
        // 10 in the row, 1 still unused here: 9 counted so far; the clock moved half a second.
        #expect(first == ThrottleHistory(allowed: true, count: 9, now: 100.5, oldest: 90))
        #expect(leases.take(key: "k", limit: 1000, duration: 60, now: Self.second / 2)?.count == 10)
        #expect(leases.take(key: "k", limit: 1000, duration: 60, now: Self.second / 2) == nil)
    }

    @Test func aLeaseEndsWithItsLifeAndItsRate() {
        let leases = ThrottleLeases()
        leases.keep(key: "k", granted(size: 5, count: 5), now: 0)
        #expect(leases.take(key: "k", limit: 999, duration: 60, now: 0) == nil)
        #expect(leases.take(key: "k", limit: 1000, duration: 1, now: 0) == nil)
        #expect(leases.take(key: "k", limit: 1000, duration: 60, now: Self.second) == nil)
        #expect(leases.take(key: "k", limit: 1000, duration: 60, now: Self.second - 1) != nil)
    }

    @Test func leasesGrantedAtOnceJoinUntilTheEarlierEnd() {
        let leases = ThrottleLeases()
        // Two threads' leases, granted one after the other: 2 + 2 unused, 6 in the row.
        leases.keep(key: "k", granted(size: 3, count: 3, life: 1), now: 0)
        leases.keep(key: "k", granted(size: 3, count: 6, life: 2), now: 0)
        let handedOut = (0..<5).compactMap { _ in leases.take(key: "k", limit: 1000, duration: 60, now: 0) }
        #expect(handedOut.map(\.count) == [3, 4, 5, 6])
        // The shorter life holds for both: no hit of the first is handed out after it.
        leases.keep(key: "j", granted(size: 3, count: 3, life: 1), now: 0)
        leases.keep(key: "j", granted(size: 3, count: 6, life: 2), now: 0)
        #expect(leases.take(key: "j", limit: 1000, duration: 60, now: Self.second) == nil)
    }

    @Test func aHitGivenBackReturnsToALiveLease() {
        let leases = ThrottleLeases()
        leases.keep(key: "k", granted(size: 2, count: 2), now: 0)
        #expect(leases.take(key: "k", limit: 1000, duration: 60, now: 0) != nil)
        #expect(leases.take(key: "k", limit: 1000, duration: 60, now: 0) == nil)
        // A hit of this lease (at or after its grant): taken back here, handed out again.
        #expect(leases.release(key: "k", time: 100.2, now: 0))
        #expect(leases.take(key: "k", limit: 1000, duration: 60, now: 0) != nil)
        // Older than the lease: the row's to take back.
        #expect(!leases.release(key: "k", time: 99, now: 0))
        #expect(!leases.release(key: "other", time: 100.2, now: 0))
        // After its life: it stays counted, and nothing comes back.
        #expect(leases.release(key: "k", time: 100.2, now: Self.second))
        #expect(leases.take(key: "k", limit: 1000, duration: 60, now: Self.second) == nil)
    }

    @Test func spentLeasesOfOneOffKeysAreSwept() {
        let leases = ThrottleLeases()
        for index in 0..<1023 { leases.keep(key: "k\(index)", granted(size: 2, count: 2), now: 0) }
        #expect(leases.keyCount == 1023)
        // The 1024th key, kept after every other lease ended: only it remains.
        leases.keep(key: "last", granted(size: 2, count: 2, life: 3), now: 2 * Self.second)
        #expect(leases.keyCount == 1)
    }
}
