/// How far a replica is behind its primary, from positions alone.
///
/// `now() - pg_last_xact_replay_timestamp()` alone misleads: on a primary that writes nothing
/// it grows for ever although the replica has everything. So the probe notes where the
/// primary's log stood at each round (`pg_current_wal_lsn()`); a replica that has replayed
/// past the position of round `t` is at most `now - t` behind. No position it has passed means
/// it is behind everything remembered: lag unknown, treated as too much. (Tested in
/// ReplicaLagTests.)
struct ReplicaLag: Sendable {
    typealias Instant = ContinuousClock.Instant
    /// How long positions are remembered: past the lag limit, nothing is gained by older ones.
    let window: Duration
    /// The primary's position at each round, oldest first.
    private(set) var samples: [(at: Instant, position: LogSequenceNumber)] = []

    init(window: Duration) { self.window = window }

    mutating func record(primary position: LogSequenceNumber, at now: Instant) {
        samples.append((now, position))
        // The newest is always kept, however old: an idle primary's position stays current.
        let oldest = now - window
        if let keep = samples.firstIndex(where: { $0.at >= oldest }), keep > 0 {
            samples.removeFirst(min(keep, samples.count - 1))
        }
    }

    /// The lag of a replica that has replayed up to `replayed`, nil when it is behind every
    /// remembered position (or nothing is remembered yet).
    func lag(replayed: LogSequenceNumber, at now: Instant) -> Duration? {
        guard let newest = samples.last(where: { $0.position <= replayed }) else { return nil }
        return max(.zero, now - newest.at)
    }

    /// Without the primary's position (the primary cannot be reached): a replica that replayed
    /// all it received is not behind on what it knows; otherwise the age of its last replayed
    /// transaction (nil when it replayed none since it started).
    static func lagFromReplay(received: LogSequenceNumber?, replayed: LogSequenceNumber, secondsSinceReplay: Double?) -> Duration? {
        if let received, replayed >= received { return .zero }
        return secondsSinceReplay.map { .milliseconds(Int64(max(0, $0) * 1000)) }
    }
}
