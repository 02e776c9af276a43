/// Where the database is and how each session is set up.
///
/// The URL goes to libpq unchanged, so everything libpq understands works: `postgres://` URLs,
/// `key=value` strings, a socket directory as `?host=/run/postgresql`, and the `PG*` environment
/// variables for whatever the URL leaves out. An empty URL means "libpq's defaults".
///
/// The time limits below are defaults: the same setting in the URL (`?connect_timeout=5`,
/// `?keepalives_idle=60`, `?options=-c%20statement_timeout%3D5s`) or in libpq's environment
/// (`PGCONNECT_TIMEOUT`, `PGOPTIONS`) wins, so an operator can change them without a rebuild.
///
///     var configuration = PostgresConfiguration(url: "postgres://app:secret@db:5432/app")
///     configuration.statementTimeout = .seconds(5)
///     let connection = try Connection(configuration: configuration)
public struct PostgresConfiguration: Sendable {
    /// A `postgres://` URL or a libpq `key=value` string; empty for libpq's defaults.
    public var url: String
    /// Statements running longer are cancelled by the server (SQLSTATE 57014, which the model
    /// layer answers with 503), so a runaway query or a lock wait cannot hold a worker for
    /// ever. 30 s by default; `nil`: the server's setting.
    public var statementTimeout: Duration?
    /// How much longer than the session's `statement_timeout` the client waits for the server
    /// to say anything before it closes the session and throws an error whose
    /// `isConnectionLost` is true (a 503): a frozen server cannot enforce its own timeout, and
    /// this keeps it from holding the worker. 5 s by default; `-c srf.statement_grace=2s` in the
    /// URL's `options` wins. No deadline when `statement_timeout` is 0 or left to the server, or
    /// when this is `nil`. See `StatementDeadline`.
    public var statementGrace: Duration?
    /// Seconds libpq waits for a connection to open (2 by default, libpq's minimum). Low so that
    /// an unreachable server is reported quickly instead of stalling a request. `nil` leaves it
    /// to libpq (no limit).
    public var connectTimeout: Int?
    /// TCP keepalive timings, so that a server host that vanished (network cut, VM gone) is
    /// noticed during a long wait instead of after the kernel's two hours. `nil`: libpq's
    /// defaults (keepalives on, the system's timings). Unix sockets need none.
    public var keepalives: TCPKeepalives?
    /// Shown in `pg_stat_activity`; an `application_name` in the URL or `PGAPPNAME` wins.
    public var applicationName: String?
    /// How many distinct SQL texts a connection keeps prepared; statements beyond that run
    /// unprepared, so that generated SQL cannot grow a session's memory without bound.
    /// 0: every statement runs unprepared (the unnamed statement), as a transaction pooler
    /// without prepared-statement support needs (`DATABASE_PREPARED_STATEMENTS=off`).
    public var preparedStatementCapacity: Int
    /// Whether the session is the client's (`.session`) or lent one transaction at a time by a
    /// pooler such as PgBouncer (`.transaction`; `DATABASE_POOL_MODE=transaction`). See `PoolMode`.
    public var poolMode: PoolMode = .session
    /// A database setting from the environment that could not be read (see `PoolMode`): every
    /// connection attempt fails with it, as a client error, not an outage.
    public var environmentProblem: String? = nil
    /// Shared by every connection of a process made from this configuration: while the
    /// database is known to be down, connecting and reconnecting fail at once instead of each
    /// waiting out `connectTimeout`. `nil`: every connection tries on its own.
    public var availability: DatabaseAvailability?
    /// Hears of every statement and reconnection (the server's metrics); nil: nobody, at no cost.
    public var observer: (any StatementObserver)? = nil

    public init(
        url: String, statementTimeout: Duration? = .seconds(30), statementGrace: Duration? = .seconds(5),
        connectTimeout: Int? = 2,
        keepalives: TCPKeepalives? = TCPKeepalives(), applicationName: String? = nil,
        preparedStatementCapacity: Int = 256, availability: DatabaseAvailability? = nil
    ) {
        self.url = url
        self.statementTimeout = statementTimeout
        self.statementGrace = statementGrace
        self.connectTimeout = connectTimeout
        self.keepalives = keepalives
        self.applicationName = applicationName
        self.preparedStatementCapacity = preparedStatementCapacity
        self.availability = availability
    }

    /// The configuration named by an environment variable (`DATABASE_URL` by default); unset
    /// means libpq's defaults. `DATABASE_POOL_MODE` and `DATABASE_PREPARED_STATEMENTS` set
    /// `poolMode` and turn prepared statements off (see `PoolMode`).
    public static func fromEnvironment(_ variable: String = "DATABASE_URL") -> PostgresConfiguration {
        var configuration = PostgresConfiguration(url: environmentValue(variable) ?? "")
        configuration.applyPoolingEnvironment()
        return configuration
    }
}

/// libpq's `keepalives_idle`, `keepalives_interval` and `keepalives_count`, in seconds and
/// probes. The defaults notice a dead peer after about a minute of silence (30 + 3 × 10 s).
public struct TCPKeepalives: Sendable, Equatable {
    public var idle: Int
    public var interval: Int
    public var count: Int

    public init(idle: Int = 30, interval: Int = 10, count: Int = 3) {
        self.idle = idle
        self.interval = interval
        self.count = count
    }
}
