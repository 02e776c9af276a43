import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One session with PostgreSQL, owned by one thread for its whole life.
///
/// Statements take bound parameters only, are prepared on first use and reused by SQL text.
/// A connection lost to a server restart is re-established on its next use; while the server is
/// down every call fails with an error whose `isConnectionLost` is true, at once when the
/// configuration carries a `DatabaseAvailability` that already knows of the outage.
///
///     let connection = try Connection(configuration: .fromEnvironment())
///     let rows = try connection.query("SELECT id, username FROM users WHERE id = $1", Int64(7))
///     try connection.transaction { connection in
///         try connection.execute("INSERT INTO notes (title, author_id) VALUES ($1, $2)", "Hi", Int64(7))
///     }
///
/// Not `Sendable`: libpq connections must not be shared between threads. Create one inside each
/// worker thread and keep it there.
public final class Connection {
    public let configuration: PostgresConfiguration
    /// What `configuration` became for libpq (kept for the outage probe).
    let parameters: ConnectionParameters
    let handle: OpaquePointer
    let noticeLog = NoticeLog()
    let parameterBuffer = ParameterBuffer()
    var statements: PreparedStatementCache
    /// 0 outside `transaction`; n inside n nested calls (the inner ones are savepoints).
    var transactionDepth = 0
    /// `onCommit` work waiting for the outermost transaction's COMMIT, with the depth each
    /// belongs to (a savepoint rolled back drops its own).
    var commitHooks: [CommitHook] = []
    /// When the server last answered (coarse monotonic clock, ms): see `ensureUsable`.
    var lastAnswered: Int64 = .min
    /// Set on a worker's connection to a read replica: its primary and its place in the
    /// process's `ReplicaSet` (see `Connection+Replica.swift`); nil on a primary.
    public internal(set) var replicaLink: ReplicaLink?

    public convenience init(url: String) throws {
        try self.init(configuration: PostgresConfiguration(url: url))
    }

    public init(configuration: PostgresConfiguration) throws {
        let parameters = try ConnectionParameters(configuration)
        try configuration.availability?.checkAvailable()
        guard let handle = parameters.connect() else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace()
            PQfinish(handle)
            if configuration.poolMode == .session && message.contains("unsupported startup parameter") {
                // PgBouncer refusing the startup `options`: a configuration error, not an outage.
                throw PostgresError(
                    kind: .client,
                    message: message + " (a PgBouncer in front: set DATABASE_POOL_MODE=transaction, see docs/framework.md, \"PgBouncer\")")
            }
            configuration.availability?.recordFailure(message, parameters: parameters)
            throw PostgresError.connectionLost(message)
        }
        configuration.availability?.recordSuccess()
        // Every stored property is set only once the connection is good: a throwing init that
        // got that far would run deinit, and PQfinish must happen exactly once.
        self.configuration = configuration
        self.parameters = parameters
        self.handle = handle
        statements = PreparedStatementCache(capacity: configuration.preparedStatementCapacity)
        noticeLog.install(on: handle)
        try checkSessionSettings()
    }

    deinit {
        PQfinish(handle)
    }

    /// The server process serving this session (changes when the connection is re-established).
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// e.g. 150018 for 15.18.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Whether a `transaction` body is running.
    public var isInTransaction: Bool { transactionDepth > 0 }

    /// The latest NOTICE/WARNING messages from the server (kept off stderr; the last 32).
    public var notices: [String] { noticeLog.messages }

    public func clearNotices() { noticeLog.messages.removeAll() }

    /// How many statements are prepared on the current session.
    public var preparedStatementCount: Int { statements.count }

    /// Makes sure the session can take a statement, reconnecting if the server went away.
    ///
    /// A restart leaves the old socket readable (the server's goodbye, then end of file) before
    /// libpq notices anything; checking for that costs one `poll` and means the statement about
    /// to be sent goes to a fresh session instead of failing. Nothing is ever re-sent: a
    /// statement that was in flight when the connection died fails with `.connection`.
    ///
    /// The check is skipped when the server answered on this session within the last
    /// `recentAnswerWindow` (a busy worker's statements follow each other within microseconds,
    /// and the check was one syscall per statement): a restart takes far longer than that, so
    /// an idle session is still checked, and a server that dies in the middle of a burst fails
    /// the statements in flight either way.
    func ensureUsable() throws {
        if PQstatus(handle) == CONNECTION_OK && (answeredRecently || !peerHasGoneAway()) { return }
        guard transactionDepth == 0 else {
            // Reconnecting here would run the rest of the transaction's statements outside it.
            throw PostgresError.connectionLost("the connection was lost during a transaction")
        }
        // While the database is known to be down, fail at once: PQreset would block up to
        // connect_timeout, on every statement of every worker.
        try configuration.availability?.checkAvailable()
        PQreset(handle)
        // Prepared statements belong to the old session.
        statements.removeAll()
        lastAnswered = .min
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace()
            configuration.availability?.recordFailure(message, parameters: parameters)
            throw PostgresError.connectionLost(message)
        }
        configuration.availability?.recordSuccess()
        do {
            try checkSessionSettings()
        } catch {
            dropSession()
            throw error
        }
        configuration.observer?.reconnected()
    }

    static let recentAnswerWindow: Int64 = 20  // ms

    private var answeredRecently: Bool {
        lastAnswered != .min && Self.coarseMilliseconds() - lastAnswered < Self.recentAnswerWindow
    }

    /// Records a successful answer from the server (see `ensureUsable`).
    func noteAnswer() { lastAnswered = Self.coarseMilliseconds() }

    /// CLOCK_MONOTONIC_COARSE: read from the vDSO without a syscall; a few ms of resolution is plenty.
    static func coarseMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// True when the idle socket shows the server closed the session.
    private func peerHasGoneAway() -> Bool {
        let socket = PQsocket(handle)
        guard socket >= 0 else { return true }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        // Nothing to read on an idle session is the common, healthy case.
        guard poll(&descriptor, 1, 0) > 0 else { return false }
        // Let libpq read what arrived; end of file marks the connection bad. The goodbye
        // message and the close can arrive separately, hence a second look.
        for _ in 0..<3 {
            if PQconsumeInput(handle) == 0 || PQstatus(handle) == CONNECTION_BAD { return true }
            descriptor.revents = 0
            guard poll(&descriptor, 1, 0) > 0 else { break }
        }
        return PQstatus(handle) == CONNECTION_BAD
    }
}

@available(*, unavailable, message: "a Connection belongs to one thread; open one per thread")
extension Connection: Sendable {}
