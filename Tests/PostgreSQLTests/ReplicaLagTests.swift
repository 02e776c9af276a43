import Testing
@testable import PostgreSQL

/// The pure parts of read replicas: log positions as the server prints them, and the lag
/// measured from them (the probe's I/O is tested end to end in RESTServerTests).
@Suite struct ReplicaLagTests {
    @Test func positionsParseCompareAndPrintAsTheServerDoes() throws {
        let position = try #require(LogSequenceNumber("16/B374D848"))
        #expect(position.value == 0x16_B374_D848)
        #expect(position.description == "16/B374D848")
        #expect(LogSequenceNumber("0/0")?.value == 0)
        #expect(try #require(LogSequenceNumber("0/FFFFFFFF")) < #require(LogSequenceNumber("1/0")))
        // Refused, never guessed: what a tampered or garbled text looks like.
        for bad in ["", "/", "16", "16/", "/1", "1/2/3", "G/0", "-1/0", "+1/0", "123456789/0", "0/123456789", " 1/0"] {
            #expect(LogSequenceNumber(bad) == nil, "\(bad)")
        }
    }

    @Test func aReplicaWithEverythingTheIdlePrimaryWroteIsNotBehind() throws {
        var lag = ReplicaLag(window: .seconds(2))
        let start = ContinuousClock.now
        let position = try #require(LogSequenceNumber("0/3000060"))
        // An idle primary: the same position round after round, for longer than the window.
        for round in 0..<40 { lag.record(primary: position, at: start + .milliseconds(250 * round)) }
        #expect(lag.samples.count <= 10)
        let now = start + .milliseconds(250 * 39) + .milliseconds(5)
        #expect(lag.lag(replayed: position, at: now) == .milliseconds(5))
    }

    @Test func aPausedReplicasLagGrowsFromTheLastPositionItHad() throws {
        var lag = ReplicaLag(window: .seconds(6))
        let start = ContinuousClock.now
        let replayed = try #require(LogSequenceNumber("0/5000000"))
        lag.record(primary: replayed, at: start)
        // The primary moves on; the replica does not.
        for round in 1...8 {
            lag.record(primary: LogSequenceNumber(replayed.value + UInt64(round) * 100), at: start + .milliseconds(250 * round))
        }
        #expect(lag.lag(replayed: replayed, at: start + .seconds(2)) == .seconds(2))
        // Caught up to round 4: behind by what came since.
        #expect(lag.lag(replayed: LogSequenceNumber(replayed.value + 400), at: start + .seconds(2)) == .seconds(1))
        // Behind everything remembered: unknown, which the probe treats as too far behind.
        #expect(lag.lag(replayed: LogSequenceNumber(replayed.value - 1), at: start + .seconds(2)) == nil)
        #expect(ReplicaLag(window: .seconds(1)).lag(replayed: replayed, at: start) == nil)
    }

    @Test func withoutThePrimaryTheReplaysAgeCountsOnlyWhenReplayIsBehindReceipt() throws {
        let replayed = try #require(LogSequenceNumber("0/100"))
        #expect(ReplicaLag.lagFromReplay(received: replayed, replayed: replayed, secondsSinceReplay: 600) == .zero)
        #expect(
            ReplicaLag.lagFromReplay(received: LogSequenceNumber(0x200), replayed: replayed, secondsSinceReplay: 3.5) == .milliseconds(3500)
        )
        #expect(ReplicaLag.lagFromReplay(received: LogSequenceNumber(0x200), replayed: replayed, secondsSinceReplay: nil) == nil)
    }

    @Test func routingSkipsUnhealthyAndTooOldReplicasInTurn() throws {
        let set = ReplicaSet(primary: PostgresConfiguration(url: ""), replicaURLs: ["a", "b", "c"])
        // Not probed yet: nothing qualifies, reads go to the primary.
        #expect(set.choose(seeing: nil, from: 0) == nil)
        set.update(0, healthy: true, replayed: LogSequenceNumber(100), cause: nil)
        set.update(1, healthy: false, replayed: LogSequenceNumber(900), cause: "down")
        set.update(2, healthy: true, replayed: LogSequenceNumber(500), cause: nil)
        #expect(set.choose(seeing: nil, from: 0) == 0)
        #expect(set.choose(seeing: nil, from: 1) == 2)
        #expect(set.choose(seeing: LogSequenceNumber(300), from: 0) == 2)
        #expect(set.choose(seeing: LogSequenceNumber(600), from: 0) == nil)
        set.markDown(2, cause: "lost")
        #expect(set.choose(seeing: nil, from: 2) == 0)
        #expect(set.status[2].cause == "lost")
    }
}
