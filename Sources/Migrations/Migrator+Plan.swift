import PostgreSQL

extension Migrator {
    /// The files `migrate()` would apply now, in order, without applying them (`migrate plan`,
    /// `migrate check`). Throws what `migrate()` would refuse with: a changed applied file
    /// (`MigrationError.checksumMismatch`), a bad file name. Takes no lock and creates nothing.
    ///
    ///     let pending = try migrator.plan()   // [0003_add_notes_index.sql]
    public func plan() throws -> [Migration] {
        let migrations = try Migration.load(from: directory)
        let exists = try connection.query("SELECT to_regclass($1) IS NOT NULL", Self.tableName)[0][0, as: Bool.self]
        let applied = exists ? try appliedMigrations() : [:]
        for migration in migrations {
            if let record = applied[migration.name], record.checksum != migration.checksum {
                throw MigrationError.checksumMismatch(file: migration.name, recorded: record.checksum, current: migration.checksum)
            }
        }
        return migrations.filter { applied[$0.name] == nil }
    }
}
