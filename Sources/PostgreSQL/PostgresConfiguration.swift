/// Where the database is and how each session is set up.
///
/// The URL goes to libpq unchanged, so everything libpq understands works: `postgres://` URLs,
/// `key=value` strings, a socket directory as `?host=/run/postgresql`, and the `PG*` environment
/// variables for whatever the URL leaves out. An empty URL means "libpq's defaults".
///
///     var configuration = PostgresConfiguration(url: "postgres://app:secret@db:5432/app")
///     configuration.statementTimeout = .seconds(5)
///     let connection = try Connection(configuration: configuration)
public struct PostgresConfiguration: Sendable {
    /// A `postgres://` URL or a libpq `key=value` string; empty for libpq's defaults.
    public var url: String
    /// Statements running longer are cancelled by the server (SQLSTATE 57014). `nil`: the
    /// server's setting.
    public var statementTimeout: Duration?
    /// Seconds libpq waits for a connection to open. Low by default so that an outage is
    /// reported quickly instead of stalling a request; a `connect_timeout` in the URL or
    /// `PGCONNECT_TIMEOUT` takes precedence. `nil` leaves it to libpq.
    public var connectTimeout: Int?
    /// Shown in `pg_stat_activity`; an `application_name` in the URL or `PGAPPNAME` wins.
    public var applicationName: String?
    /// How many distinct SQL texts a connection keeps prepared; statements beyond that run
    /// unprepared, so that generated SQL cannot grow a session's memory without bound.
    public var preparedStatementCapacity: Int

    public init(url: String, statementTimeout: Duration? = nil, connectTimeout: Int? = 3,
                applicationName: String? = nil, preparedStatementCapacity: Int = 256) {
        self.url = url
        self.statementTimeout = statementTimeout
        self.connectTimeout = connectTimeout
        self.applicationName = applicationName
        self.preparedStatementCapacity = preparedStatementCapacity
    }

    /// The configuration named by an environment variable (`DATABASE_URL` by default); unset
    /// means libpq's defaults.
    public static func fromEnvironment(_ variable: String = "DATABASE_URL") -> PostgresConfiguration {
        PostgresConfiguration(url: environmentValue(variable) ?? "")
    }
}
