import PostgreSQL
import TestSupport
import Testing

/// The client through a real PgBouncer (Debian's 1.18) in transaction pooling mode, set up from
/// `deploy/pgbouncer/pgbouncer.ini`: two server connections shared by every client.
@Suite(.needsTestsRun) struct PgBouncerTests {
    /// A configuration for `database` through `bouncer`, as `DATABASE_POOL_MODE=transaction` makes it.
    func pooled(_ bouncer: PgBouncerProcess, _ database: TemporaryDatabase, preparedStatements: Bool = false) -> PostgresConfiguration {
        var configuration = PostgresConfiguration(url: bouncer.url(database: database.name))
        configuration.poolMode = .transaction
        if !preparedStatements { configuration.preparedStatementCapacity = 0 }
        return configuration
    }

    /// Why 1.18 needs prepared statements off: two clients lent the same server connection
    /// both prepare `srf_1` there (the other server connection is held by a third client's
    /// transaction, so the sharing is certain). Unprepared, both run.
    @Test func namedStatementsCollideOnASharedServerConnectionUnlessTurnedOff() throws {
        let bouncer = try PgBouncerProcess(poolSize: 2)
        defer { bouncer.stop() }
        let database = try TemporaryDatabase(prefix: "pgb")
        defer { database.drop() }

        let holder = try Connection(configuration: pooled(bouncer, database))
        try holder.transaction { holder in
            try holder.query("SELECT 1")  // holds one of the two server connections
            let first = try Connection(configuration: pooled(bouncer, database, preparedStatements: true))
            let second = try Connection(configuration: pooled(bouncer, database, preparedStatements: true))
            #expect(try first.value("SELECT $1::int + 1", Int32(1), as: Int.self) == 2)
            let collision = postgresError { _ = try second.query("SELECT $1::text", "x") }
            #expect(collision?.sqlState == "42P05", "\(String(describing: collision))")  // "srf_1" already exists

            let unpreparedFirst = try Connection(configuration: pooled(bouncer, database))
            let unpreparedSecond = try Connection(configuration: pooled(bouncer, database))
            for round in 0..<3 {
                #expect(try unpreparedFirst.value("SELECT $1::int + 1", Int32(round), as: Int.self) == round + 1)
                #expect(try unpreparedSecond.value("SELECT $1::text", "x\(round)", as: String.self) == "x\(round)")
                let pipelined = try unpreparedSecond.pipelined([("SELECT $1::int", [Int32(round)]), ("SELECT $1::text", ["y"])])
                #expect(try pipelined[0][0][0, as: Int.self] == round)
                #expect(try pipelined[1][0][0, as: String.self] == "y")
            }
            #expect(unpreparedFirst.preparedStatementCount == 0 && unpreparedSecond.preparedStatementCount == 0)
            // The same backend served both clients: one server connection, shared.
            #expect(
                try unpreparedFirst.value("SELECT pg_backend_pid()", as: Int32.self)
                    == unpreparedSecond.value("SELECT pg_backend_pid()", as: Int32.self))
        }
    }

    /// PgBouncer 1.18 refuses the startup `options` the client sends on a direct session; the
    /// error says what to set. In transaction mode, options in the URL are refused before any
    /// connection is tried, naming where the settings belong.
    @Test func startupOptionsAreRefusedWithTheFix() throws {
        let bouncer = try PgBouncerProcess(poolSize: 2)
        defer { bouncer.stop() }
        let database = try TemporaryDatabase(prefix: "pgb")
        defer { database.drop() }

        let direct = postgresError { _ = try Connection(configuration: PostgresConfiguration(url: bouncer.url(database: database.name))) }
        #expect(direct?.kind == .client)
        #expect(direct?.message.contains("unsupported startup parameter") == true, "\(String(describing: direct))")
        #expect(direct?.message.contains("DATABASE_POOL_MODE=transaction") == true, "\(String(describing: direct))")

        var withOptions = pooled(bouncer, database)
        withOptions.url += "?options=-c%20statement_timeout%3D5s"
        let refused = postgresError { _ = try Connection(configuration: withOptions) }
        #expect(refused?.kind == .client)
        #expect(refused?.message.contains("ALTER ROLE") == true, "\(String(describing: refused))")
    }

    /// The session settings come from the server and PgBouncer's database line: `timezone=UTC`
    /// there wins over the database's own time zone, and over a client that SET another on a
    /// shared server connection; a `statement_timeout` set on the database applies; a setting
    /// the client cannot live with (IntervalStyle) refuses the connection, naming it.
    @Test func sessionSettingsComeFromTheServerAndAreChecked() throws {
        let bouncer = try PgBouncerProcess(poolSize: 1)
        defer { bouncer.stop() }
        let database = try TemporaryDatabase(prefix: "pgb")
        defer { database.drop() }
        try database.psql("ALTER DATABASE \(database.name) SET TimeZone = 'Asia/Tokyo'")
        try database.psql("ALTER DATABASE \(database.name) SET statement_timeout = '300ms'")

        let connection = try Connection(configuration: pooled(bouncer, database))
        let other = try Connection(configuration: pooled(bouncer, database))
        // What a client must not do through a transaction pooler; PgBouncer undoes it for others.
        try other.executeScript("SET TimeZone = 'America/Lima'")
        #expect(try connection.value("SELECT current_setting('TimeZone')", as: String.self) == "UTC")
        #expect(try connection.value("SELECT '2026-01-02 03:04:05+00'::timestamptz::text", as: String.self) == "2026-01-02 03:04:05+00")
        let timedOut = postgresError { _ = try connection.query("SELECT pg_sleep(2)") }
        #expect(timedOut?.sqlState == "57014", "\(String(describing: timedOut))")

        try database.psql("ALTER DATABASE \(database.name) SET IntervalStyle = 'iso_8601'")
        let fresh = try PgBouncerProcess(poolSize: 1)  // a new pool: its first server connection sees the setting
        defer { fresh.stop() }
        let refused = postgresError { _ = try Connection(configuration: pooled(fresh, database)) }
        #expect(refused?.kind == .client)
        #expect(refused?.message.contains("IntervalStyle is \"iso_8601\"") == true, "\(String(describing: refused))")
    }
}
