import Foundation
import Synchronization
import Testing
@testable import RESTFramework

/// `SnapshotCache` read by several threads at once, as the worker threads read it: racing on a
/// key's first use, every thread gets the one value published, `make` runs at most once per
/// racing thread, and entries published at the same time for different keys are all kept.
@Suite struct SnapshotCacheTests {
    /// A made value with an identity, to tell which `make` it came from.
    final class Made: Sendable {
        let key: Int
        init(_ key: Int) { self.key = key }
    }

    static let threads = 4
    static let rounds = 100

    /// Runs `body(thread)` on `count` threads released together; returns their results in order.
    static func race<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let waiting = Atomic<Int>(0)
        let results = Mutex<[Int: T]>([:])
        let done = DispatchGroup()
        for thread in 0..<count {
            done.enter()
            Thread.detachNewThread {
                // Every thread starts spinning before any goes on, so they reach the cache together.
                waiting.add(1, ordering: .acquiringAndReleasing)
                while waiting.load(ordering: .acquiring) < count { sched_yield() }
                let result = body(thread)
                results.withLock { $0[thread] = result }
                done.leave()
            }
        }
        done.wait()
        return results.withLock { results in (0..<count).map { results[$0]! } }
    }

    @Test func racersOnOneKeyGetTheValuePublishedFirst() {
        var racedAtLeastOnce = false
        for _ in 0..<Self.rounds {
            let cache = SnapshotCache<ObjectIdentifier, Made>()
            let makes = Atomic<Int>(0)
            let got = Self.race(Self.threads) { thread in
                cache.value(for: Made.self) {
                    // Held open a moment (at most a millisecond) for another racer to miss too.
                    makes.add(1, ordering: .relaxed)
                    let start = DispatchTime.now().uptimeNanoseconds
                    while makes.load(ordering: .relaxed) < 2 && DispatchTime.now().uptimeNanoseconds - start < 1_000_000 { sched_yield() }
                    return Made(thread)
                }
            }
            let published = got[0]
            #expect(got.allSatisfy { $0 === published })
            let made = makes.load(ordering: .relaxed)
            #expect(made >= 1 && made <= Self.threads)
            if made > 1 { racedAtLeastOnce = true }
            // Published once: no later read makes it again.
            #expect(
                cache.value(for: Made.self) {
                    Issue.record("made again"); return Made(-1)
                } === published)
        }
        // Otherwise the test did not test the race (each thread found the value already there).
        #expect(racedAtLeastOnce)
    }

    @Test func racersOnDifferentKeysAllKeepTheirEntries() {
        // A type per key.
        let types: [Any.Type] = [Int8.self, Int16.self, Int32.self, Int64.self]
        for _ in 0..<Self.rounds {
            let cache = SnapshotCache<ObjectIdentifier, Made>()
            let got = Self.race(types.count) { thread in cache.value(for: types[thread]) { Made(thread) } }
            #expect(got.map(\.key) == Array(0..<types.count))
            for (key, type) in types.enumerated() {
                #expect(
                    cache.value(for: type) {
                        Issue.record("entry \(key) lost"); return Made(-1)
                    } === got[key])
            }
        }
    }

    @Test func textsAreKeptByTheirBytesUpToTheLimit() {
        let cache = SnapshotCache<[UInt8], Made>(limit: 2)
        let makes = Mutex(0)
        func value(_ text: String) -> Made {
            cache.value(forText: text) { _ in
                makes.withLock { $0 += 1 }; return Made(text.utf8.count)
            }
        }
        let first = value("application/json")
        #expect(value("application/json") === first)
        // Canonically equivalent, different bytes: another entry.
        #expect(value("caf\u{E9}") !== value("cafe\u{301}"))
        #expect(makes.withLock { $0 } == 3)
        // Full: made each time, not kept, and the kept entries stay.
        _ = value("text/html"); _ = value("text/html")
        #expect(makes.withLock { $0 } == 5)
        #expect(value("application/json") === first)
        // Longer than a header usually is: not kept.
        let long = String(repeating: "x", count: 300)
        let other = SnapshotCache<[UInt8], Made>()
        #expect(other.value(forText: long) { _ in Made(1) } !== other.value(forText: long) { _ in Made(1) })
    }

    @Test func oneValueRacedOnFirstUse() {
        for _ in 0..<Self.rounds {
            let cell = SnapshotCache<Void, Made>()
            #expect(cell.peek == nil)
            let got = Self.race(Self.threads) { thread in cell.value { Made(thread) } }
            #expect(got.allSatisfy { $0 === got[0] })
            #expect(cell.peek === got[0])
        }
    }
}
