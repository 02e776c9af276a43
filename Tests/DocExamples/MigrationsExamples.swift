// The `///` examples of Sources/Migrations, compiled (DocCommentExampleTests finds them here).
import Migrations
import PostgreSQL

enum MigrationsExamples {
    // Migration
    static func load() throws {
        let migrations = try Migration.load(from: "migrations")
        migrations.map(\.name)   // ["0001_initial.sql", "0002_add_notes_index.sql"]
    }

    // MigrationError
    static func error(_ migrator: Migrator) {
        do { try migrator.migrate() }
        catch let error as MigrationError {
            print(error)   // 0002_members.sql:3:8: ERROR 42601: syntax error at or near "TABL"
        }
        catch {}
    }

    // MigrationStatus
    static func status(_ migrator: Migrator) throws {
        for entry in try migrator.status() { print(entry.name, entry.state) }
    }

    // Migrator
    static func migrate() throws {
        let connection = try Connection(configuration: .fromEnvironment())
        let migrator = Migrator(connection: connection, directory: "migrations")
        try migrator.migrate { applied, _ in print("applied \(applied.name)") }
    }

    // SHA256
    static func sha256() {
        SHA256.hex(Array("abc".utf8))  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    }

    // Migrator.plan
    static func plan(_ migrator: Migrator) throws {
        let pending = try migrator.plan()   // [0003_add_notes_index.sql]
        _ = pending
    }

    // Migration.create
    static func create() throws {
        try Migration.create(named: "add_notes_index", in: "migrations")   // "migrations/0003_add_notes_index.sql"
    }
}
