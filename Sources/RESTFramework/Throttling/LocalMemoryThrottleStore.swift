import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// DRF's default cache for throttling (`LocMemCache`): the histories in this process's memory.
/// Exact across the worker threads of one process, but each process counts alone, so N
/// processes let through N times the rate: use `PostgresThrottleStore` (RESTModels) when
/// api-server runs `--processes` or on several hosts. Tests give it a clock they move.
///
///     settings.throttleStore = LocalMemoryThrottleStore()
///     let store = LocalMemoryThrottleStore(timer: { fakeNow })   // DRF's `timer`
public final class LocalMemoryThrottleStore: ThrottleStore {
    private let state = Mutex(State())
    private struct State {
        var histories: [String: [Double]] = [:]
        var durations: [String: Int] = [:]
        var checks = 0
    }
    /// Every this many checks, keys whose newest hit left its window are dropped (DRF's cache
    /// entries expire after `duration`), so a stream of one-off clients does not grow memory.
    static let sweepInterval = 4096
    private let timer: @Sendable () -> Double

    /// `timer`: seconds since any fixed moment (DRF's `time.time`); the default is the wall clock.
    public init(timer: @escaping @Sendable () -> Double = LocalMemoryThrottleStore.wallClock) {
        self.timer = timer
    }

    public func hit(key: String, limit: Int, duration: Int, request: Request) -> ThrottleHistory {
        let now = timer()
        return state.withLock { state in
            // Oldest first; DRF keeps the newest first and pops from the end, the same window.
            var history = state.histories[key] ?? []
            history.removeAll { $0 <= now - Double(duration) }
            let allowed = history.count < limit
            if allowed { history.append(now) }
            state.histories[key] = history.isEmpty ? nil : history
            state.durations[key] = history.isEmpty ? nil : duration
            state.checks += 1
            if state.checks % Self.sweepInterval == 0 { Self.sweep(&state, now: now) }
            return ThrottleHistory(allowed: allowed, count: history.count, now: now, oldest: history.first)
        }
    }

    public func release(key: String, time: Double, request: Request) {
        state.withLock { state in
            guard var history = state.histories[key], let index = history.lastIndex(of: time) else { return }
            history.remove(at: index)
            state.histories[key] = history.isEmpty ? nil : history
            if history.isEmpty { state.durations[key] = nil }
        }
    }

    /// The number of keys held (for tests of the sweep).
    public var keyCount: Int { state.withLock { $0.histories.count } }

    private static func sweep(_ state: inout State, now: Double) {
        for (key, duration) in state.durations where (state.histories[key]?.last ?? 0) <= now - Double(duration) {
            state.histories[key] = nil
            state.durations[key] = nil
        }
    }

    @Sendable public static func wallClock() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
