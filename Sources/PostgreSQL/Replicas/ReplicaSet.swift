import Foundation
import Synchronization

/// A process's read replicas (`DATABASE_REPLICA_URLS`) and what it knows of their health.
///
/// One background probe per process (not per request, not per worker) asks the primary where
/// its log stands and each replica how far it has replayed, every `probeInterval`. A replica
/// that cannot be reached, is not a standby, or lags more than `maxLag` (see `ReplicaLag`) is
/// skipped until a later round finds it healthy; a worker that loses a replica in the middle of
/// a read marks it down at once (`markDown`). Routing reads asks `choose(seeing:from:)`, which
/// takes one lock and no I/O.
///
///     let replicas = ReplicaSet(primary: primary, replicaURLs: ["postgres://app@replica1/app"], maxLag: .seconds(5))
///     replicas.start()
///     replicas.choose(seeing: nil, from: 0)   // 0 once the first round found replica 0 healthy
public final class ReplicaSet: Sendable {
    /// What the report closure hears: each change of a replica's health, never per request.
    public enum Event: Sendable, Equatable {
        case unhealthy(replica: Int, cause: String)
        case healthy(replica: Int)
    }

    /// What the process knows of one replica.
    public struct Status: Sendable, Equatable {
        public var healthy = false
        /// How far it had replayed at the last round (`pg_last_wal_replay_lsn()`).
        public var replayed: LogSequenceNumber?
        /// Why it is skipped, when it is.
        public var cause: String? = "not probed yet"
    }

    /// The primary's configuration: the probe asks it where its log stands.
    public let primary: PostgresConfiguration
    /// One configuration per replica: the primary's settings with the replica's URL.
    public let replicas: [PostgresConfiguration]
    public let maxLag: Duration
    public let probeInterval: Duration
    private let report: @Sendable (Event) -> Void
    private let statuses: Mutex<[Status]>
    private let started = Atomic<Bool>(false)

    /// - Parameters:
    ///   - probeInterval: default a quarter of `maxLag`, between 100 ms and 1 s.
    public init(
        primary: PostgresConfiguration, replicaURLs: [String], maxLag: Duration = .seconds(5), probeInterval: Duration? = nil,
        report: @escaping @Sendable (Event) -> Void = { _ in }
    ) {
        self.primary = primary
        replicas = replicaURLs.map { url in
            var configuration = primary
            configuration.url = url
            // A replica's outage is this set's business: the primary's availability must not
            // hear of it, nor fail the primary's connections.
            configuration.availability = nil
            return configuration
        }
        self.maxLag = maxLag
        self.probeInterval = probeInterval ?? min(.seconds(1), max(.milliseconds(100), maxLag / 4))
        self.report = report
        statuses = Mutex(Array(repeating: Status(), count: replicaURLs.count))
    }

    /// `DATABASE_REPLICA_URLS`: comma-separated libpq URLs; nil when unset or empty.
    public static func urls(fromEnvironment variable: String = "DATABASE_REPLICA_URLS") -> [String]? {
        guard let value = ProcessInfo.processInfo.environment[variable] else { return nil }
        let urls = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return urls.isEmpty ? nil : urls
    }

    /// Starts the probe (once; later calls do nothing). Until its first round, every replica is
    /// skipped and reads go to the primary.
    public func start() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        Thread.detachNewThread { [weak self] in
            var probe = self.map { ReplicaProbe(set: $0) }
            while let set = self, var current = probe {
                let began = ContinuousClock.now
                current.round(set)
                probe = current
                let rest = set.probeInterval - (.now - began)
                if rest > .zero {
                    Thread.sleep(forTimeInterval: Double(rest.components.seconds) + Double(rest.components.attoseconds) / 1e18)
                }
            }
        }
    }

    /// Every replica's status, in `replicas` order.
    public var status: [Status] { statuses.withLock { $0 } }

    /// A healthy replica that has replayed at least `position` (nil: any), trying them in turn
    /// from `start` (a worker's round-robin counter); nil when none qualifies.
    public func choose(seeing position: LogSequenceNumber?, from start: Int) -> Int? {
        statuses.withLock { statuses in
            let count = statuses.count
            guard count > 0 else { return nil }
            for step in 0..<count {
                let index = (start &+ step) % count
                let status = statuses[index]
                guard status.healthy else { continue }
                if let position, (status.replayed ?? LogSequenceNumber(0)) < position { continue }
                return index
            }
            return nil
        }
    }

    /// A worker lost `replica` during a read: skip it until the probe finds it healthy.
    public func markDown(_ replica: Int, cause: String) {
        update(replica, healthy: false, replayed: nil, cause: cause)
    }

    /// Records one replica's state; reports a change of health.
    func update(_ replica: Int, healthy: Bool, replayed: LogSequenceNumber?, cause: String?) {
        let event: Event? = statuses.withLock { statuses in
            guard statuses.indices.contains(replica) else { return nil }
            let was = statuses[replica].healthy
            statuses[replica].healthy = healthy
            if let replayed { statuses[replica].replayed = replayed }
            statuses[replica].cause = cause
            if was == healthy { return nil }
            return healthy ? .healthy(replica: replica) : .unhealthy(replica: replica, cause: cause ?? "unknown")
        }
        if let event { report(event) }
    }
}

/// The probe's own connections, owned by its thread; one round asks the primary, then each
/// replica (the primary first: a replica past that position has all that was written before).
private struct ReplicaProbe {
    var primary: Connection?
    var replicas: [Connection?]
    var lag: ReplicaLag

    init(set: ReplicaSet) {
        replicas = Array(repeating: nil, count: set.replicas.count)
        lag = ReplicaLag(window: set.maxLag + set.probeInterval * 4)
    }

    static func probeConfiguration(_ configuration: PostgresConfiguration) -> PostgresConfiguration {
        var configuration = configuration
        configuration.availability = nil
        configuration.observer = nil  // the probe's statements are not the application's
        configuration.statementTimeout = .seconds(2)
        configuration.applicationName = configuration.applicationName ?? "srf-replica-probe"
        return configuration
    }

    mutating func round(_ set: ReplicaSet) {
        var primaryKnown = false
        do {
            let connection = try primary ?? Connection(configuration: Self.probeConfiguration(set.primary))
            primary = connection
            let text: String? = try connection.query("SELECT pg_current_wal_lsn()::text")[0][0]
            if let text, let position = LogSequenceNumber(text) {
                lag.record(primary: position, at: .now)
                primaryKnown = true
            }
        } catch {
            primary = nil
        }
        for index in set.replicas.indices {
            do {
                let connection = try replicas[index] ?? Connection(configuration: Self.probeConfiguration(set.replicas[index]))
                replicas[index] = connection
                let row = try connection.query(
                    """
                    SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text, pg_last_wal_receive_lsn()::text,
                           extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8
                    """)[0]
                let inRecovery: Bool = try row[0]
                let replayedText: String? = try row[1]
                guard inRecovery, let replayedText, let replayed = LogSequenceNumber(replayedText) else {
                    set.update(index, healthy: false, replayed: nil, cause: "not a standby (pg_is_in_recovery() is false)")
                    continue
                }
                let receivedText: String? = try row[2]
                let secondsSinceReplay: Double? = try row[3]
                let measured =
                    primaryKnown
                    ? lag.lag(replayed: replayed, at: .now)
                    : ReplicaLag.lagFromReplay(
                        received: receivedText.flatMap { LogSequenceNumber($0) }, replayed: replayed, secondsSinceReplay: secondsSinceReplay
                    )
                if let measured, measured <= set.maxLag {
                    set.update(index, healthy: true, replayed: replayed, cause: nil)
                } else {
                    let behind = measured.map { "\($0)" } ?? "an unknown time"
                    set.update(
                        index, healthy: false, replayed: replayed, cause: "lagging \(behind) behind the primary (limit \(set.maxLag))")
                }
            } catch {
                replicas[index] = nil
                set.update(index, healthy: false, replayed: nil, cause: "\(error)")
            }
        }
    }
}

extension ReplicaSet {
    func statusOf(_ replica: Int) -> Status? {
        statuses.withLock { $0.indices.contains(replica) ? $0[replica] : nil }
    }
}
