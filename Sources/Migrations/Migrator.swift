import PostgreSQL

/// Applies the pending files of a migrations folder to a database, each in its own
/// transaction, and records them in `schema_migrations` (name, checksum, applied_at).
///
///     let connection = try Connection(configuration: .fromEnvironment())
///     let migrator = Migrator(connection: connection, directory: "migrations")
///     try migrator.migrate { applied, _ in print("applied \(applied.name)") }
///
/// Safe to run twice (the second run finds nothing to do) and from two places at once: each
/// transaction takes a transaction-level advisory lock (`pg_advisory_xact_lock`) before it looks
/// at `schema_migrations`, so a second run waits for the file being applied, then skips it. A
/// transaction lock (not a session one) because it is released by COMMIT or ROLLBACK wherever
/// the session goes: through PgBouncer in transaction mode, a session lock would stay with
/// whichever server connection took it, and its unlock would reach another.
public final class Migrator {
    public let connection: Connection
    public let directory: String

    /// `schema_migrations`: what scripts and tools outside this project may look at.
    public static let tableName = "schema_migrations"
    /// The advisory lock key ("srf_migr" in ASCII), shared by every `migrate` of this project.
    static let lockKey: Int64 = 0x7372_665F_6D69_6772

    public init(connection: Connection, directory: String) {
        self.connection = connection
        self.directory = directory
    }

    /// Applies what is pending, in order, calling `onApplied` after each file commits.
    /// Returns the files applied (empty when everything was already applied).
    ///
    /// Refuses to start if an applied file has changed. A file that fails is rolled back and
    /// stops the run; the files before it stay applied.
    @discardableResult
    public func migrate(onApplied: (Migration, Duration) -> Void = { _, _ in }) throws -> [Migration] {
        let migrations = try Migration.load(from: directory)
        let applied = try connection.transaction { connection in
            try lock(connection)
            try connection.executeScript(
                """
                CREATE TABLE IF NOT EXISTS \(Self.tableName) (
                    name text PRIMARY KEY,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            connection.clearNotices()  // "already exists, skipping"
            return try appliedMigrations()
        }
        for migration in migrations {
            if let record = applied[migration.name], record.checksum != migration.checksum {
                throw MigrationError.checksumMismatch(file: migration.name, recorded: record.checksum, current: migration.checksum)
            }
        }

        var done: [Migration] = []
        let clock = ContinuousClock()
        for migration in migrations where applied[migration.name] == nil {
            let start = clock.now
            guard try apply(migration) else { continue }
            done.append(migration)
            onApplied(migration, clock.now - start)
        }
        return done
    }

    /// Every file of the folder and every recorded migration, in order, with its state.
    /// Takes no lock and creates nothing.
    public func status() throws -> [MigrationStatus] {
        let migrations = try Migration.load(from: directory)
        let exists = try connection.query("SELECT to_regclass($1) IS NOT NULL", Self.tableName)[0][0, as: Bool.self]
        let applied = exists ? try appliedMigrations() : [:]
        var entries = migrations.map { migration -> MigrationStatus in
            guard let record = applied[migration.name] else { return MigrationStatus(name: migration.name, state: .pending) }
            return MigrationStatus(
                name: migration.name,
                state: record.checksum == migration.checksum
                    ? .applied(at: record.appliedAt) : .changed(appliedAt: record.appliedAt))
        }
        let names = Set(migrations.map(\.name))
        for (name, record) in applied where !names.contains(name) {
            entries.append(MigrationStatus(name: name, state: .missingFile(appliedAt: record.appliedAt)))
        }
        return entries.sorted {
            (Migration.number(inFileName: $0.name) ?? .max, $0.name) < (Migration.number(inFileName: $1.name) ?? .max, $1.name)
        }
    }

    // MARK: Internals

    /// Waits for any other `migrate` (the lock is released when the transaction ends).
    private func lock(_ connection: Connection) throws {
        try connection.query("SELECT pg_advisory_xact_lock($1)", Self.lockKey)
    }

    /// Applies one file in its own transaction; false when another run applied it meanwhile.
    private func apply(_ migration: Migration) throws -> Bool {
        do {
            return try connection.transaction { connection in
                try lock(connection)
                let recorded = try connection.query("SELECT 1 FROM \(Self.tableName) WHERE name = $1", migration.name)
                guard recorded.isEmpty else { return false }
                try connection.executeScript(migration.sql)
                guard connection.transactionStatus == .inTransaction else {
                    // Checked before recording the file: a COMMIT in it must not get the file
                    // marked as applied (what ran before the COMMIT stays, unrecorded).
                    throw PostgresError(
                        kind: .client,
                        message:
                            "the file ended the migration's transaction (BEGIN/COMMIT/ROLLBACK in it?); migrate wraps each file in a transaction itself"
                    )
                }
                try connection.execute(
                    "INSERT INTO \(Self.tableName) (name, checksum) VALUES ($1, $2)",
                    migration.name, migration.checksum)
                return true
            }
        } catch let error as PostgresError {
            guard let position = error.position else {
                throw MigrationError.failed(file: migration.name, line: nil, column: nil, sourceLine: nil, error: error)
            }
            let location = migration.sql.location(ofCharacterPosition: position)
            throw MigrationError.failed(
                file: migration.name, line: location.line, column: location.column,
                sourceLine: location.text, error: error)
        }
    }

    func appliedMigrations() throws -> [String: (checksum: String, appliedAt: PostgresTimestamp)] {
        var records: [String: (checksum: String, appliedAt: PostgresTimestamp)] = [:]
        for row in try connection.query("SELECT name, checksum, applied_at FROM \(Self.tableName)") {
            records[try row[0, as: String.self]] = (try row[1, as: String.self], try row[2, as: PostgresTimestamp.self])
        }
        return records
    }
}
