#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Told about each statement a connection runs and each lost session it re-establishes: the
/// server's metrics hook in here (`PostgresConfiguration.observer`). Called on the connection's
/// thread, once per statement: keep it to a few atomic adds.
///
///     final class Counting: StatementObserver {
///         let statements = Atomic<Int>(0)
///         func statementFinished(nanoseconds: UInt64, failed: Bool) { statements.add(1, ordering: .relaxed) }
///         func reconnected() {}
///     }
///     configuration.observer = Counting()
public protocol StatementObserver: Sendable {
    /// A statement (a query, a command, a pipelined batch) ended after `nanoseconds`, with an
    /// error when `failed`.
    func statementFinished(nanoseconds: UInt64, failed: Bool)
    /// A session lost to a server restart or a network cut was re-established.
    func reconnected()
}

extension Connection {
    /// Runs `body`, telling the configuration's observer (if any) how long it took and whether
    /// it threw. Without an observer: the call and a nil check, no clock read.
    @inline(__always)
    func observed<T>(_ body: () throws -> T) throws -> T {
        guard let observer = configuration.observer else { return try body() }
        let started = Self.monotonicNanoseconds()
        do {
            let result = try body()
            observer.statementFinished(nanoseconds: Self.monotonicNanoseconds() &- started, failed: false)
            return result
        } catch {
            observer.statementFinished(nanoseconds: Self.monotonicNanoseconds() &- started, failed: true)
            throw error
        }
    }

    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }
}
