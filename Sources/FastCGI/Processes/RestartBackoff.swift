/// How long a `ProcessMaster` waits before replacing a worker process that died.
///
///     var backoff = RestartBackoff()
///     backoff.delay(after: exit)  // .zero after a worker that ran a while; 0.1 s, 0.2 s, 0.4 s ... 10 s when they keep dying at once
///
/// A worker killed after it served for a while is replaced at once: only its requests in flight
/// were lost. One that dies within `quickDeath` of its start (a trap in start-up code, a
/// database URL that cannot be parsed) would die again: the delay doubles with each such death
/// in a row, up to `longest`, so a broken deploy costs a log line every few seconds instead of a
/// tight fork loop. A clean exit (`--max-requests`) or a worker that lived longer resets it.
struct RestartBackoff {
    static let quickDeath: Duration = .seconds(1)
    static let first: Duration = .milliseconds(100)
    static let longest: Duration = .seconds(10)

    /// Quick deaths in a row.
    private(set) var quickDeaths = 0

    @discardableResult
    mutating func delay(after exit: WorkerProcessExit) -> Duration {
        guard exit.failed, exit.lifetime < Self.quickDeath else {
            quickDeaths = 0
            return .zero
        }
        quickDeaths += 1
        // Doubling stops at the cap (and long before 2^63).
        let doublings = min(quickDeaths - 1, 16)
        return min(Self.first * (1 << doublings), Self.longest)
    }
}
