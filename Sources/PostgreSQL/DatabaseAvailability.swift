import CLibPQ
import Dispatch
import Synchronization

/// What a process knows about whether its database can be reached, shared by all its
/// connections (one per worker thread) through `PostgresConfiguration.availability`.
///
/// While the database is up this costs nothing: it is consulted only when a connection is
/// opened or found broken. The first failed attempt marks the database down and reports why;
/// from then on every connect and reconnect fails at once (a 503 for the request, not a wait of
/// `connect_timeout`), and one background probe tries to connect every `probeInterval`, for the
/// whole process rather than per worker. The first probe that gets through marks the database
/// up and reports how long it was gone; the workers then reconnect on their next statement.
///
///     let availability = DatabaseAvailability { event in
///         switch event {
///         case .unavailable(let cause): log.error("database unavailable: \(cause)")
///         case .restored(let after, _): log.info("database available again after \(after)")
///         }
///     }
///     let configuration = PostgresConfiguration(url: url, availability: availability)
public final class DatabaseAvailability: Sendable {
    /// What the report closure hears: once per outage and cause, never per request.
    public enum Event: Sendable, Equatable {
        /// A connection attempt failed while the database was thought up, or an outage's
        /// cause changed (e.g. from "connection refused" to "the database system is starting up").
        case unavailable(cause: String)
        /// A connection got through after an outage that began `after` ago; `failedAttempts`
        /// counts every attempt that failed meanwhile (the workers' first ones and the probes).
        case restored(after: Duration, failedAttempts: Int)
    }

    public let probeInterval: Duration
    private let report: @Sendable (Event) -> Void
    private let state = Mutex(Outage?.none)
    private let prober = DispatchQueue(label: "swift-rest-framework.database-probe")

    private struct Outage {
        var cause: String
        let since: ContinuousClock.Instant
        var failedAttempts = 1
        /// How the probe connects: the configuration of the attempt that found the outage.
        let parameters: ConnectionParameters
    }

    public init(probeInterval: Duration = .milliseconds(250), report: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.probeInterval = probeInterval
        self.report = report
    }

    /// False from the first failed attempt until a probe gets through.
    public var isAvailable: Bool { state.withLock { $0 == nil } }

    /// Throws, without any I/O, while the database is known to be down.
    func checkAvailable() throws(PostgresError) {
        guard let cause = state.withLock({ $0?.cause }) else { return }
        throw PostgresError.connectionLost("the database is unavailable (\(cause)); retrying in the background")
    }

    /// An attempt to connect (or reconnect) failed.
    func recordFailure(_ message: String, parameters: ConnectionParameters) {
        let cause = message.joinedLines()
        let (event, began) = note(failure: cause) { Outage(cause: cause, since: .now, parameters: parameters) }
        if let event { report(event) }
        if began { scheduleProbe(after: probeInterval) }
    }

    /// Counts a failure into the current outage, or begins one with `begin` (nil: don't).
    /// Returns what to report and whether an outage began.
    private func note(failure cause: String, beginning begin: () -> Outage?) -> (event: Event?, began: Bool) {
        state.withLock { outage in
            guard var current = outage else {
                outage = begin()
                return (outage == nil ? nil : .unavailable(cause: cause), outage != nil)
            }
            current.failedAttempts += 1
            let changed = current.cause != cause
            current.cause = cause
            outage = current
            return (changed ? .unavailable(cause: cause) : nil, false)
        }
    }

    /// An attempt got through: the outage, if any, is over.
    func recordSuccess() {
        let ended = state.withLock { outage in
            defer { outage = nil }
            return outage.map { Event.restored(after: .now - $0.since, failedAttempts: $0.failedAttempts) }
        }
        if let ended { report(ended) }
    }

    // MARK: Probing

    private func scheduleProbe(after delay: Duration) {
        let (seconds, attoseconds) = delay.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        prober.asyncAfter(deadline: .now() + .nanoseconds(max(0, nanoseconds))) { [weak self] in self?.probe() }
    }

    /// One attempt with the outage's parameters; then either the outage ends or the next probe
    /// is due `probeInterval` after this one started (at once if connecting took longer).
    private func probe() {
        guard let parameters = state.withLock({ $0?.parameters }) else { return }  // a worker got through
        let started = ContinuousClock.now
        let handle = parameters.connect()
        defer { PQfinish(handle) }
        if let handle, PQstatus(handle) == CONNECTION_OK {
            recordSuccess()
            return
        }
        let cause = handle.map { String(cString: PQerrorMessage($0)).trimmingTrailingWhitespace().joinedLines() } ?? "out of memory"
        // A worker may have got through meanwhile: then the outage is over and probing stops.
        guard isAvailable == false else { return }
        let (event, _) = note(failure: cause) { nil }
        if let event { report(event) }
        scheduleProbe(after: probeInterval - (.now - started))
    }
}
